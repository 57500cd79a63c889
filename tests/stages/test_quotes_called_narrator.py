"""Session 20: the first-person narrator named by what the others call them (invented text)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze


def test_a_name_only_ever_called_in_dialogue_is_the_narrators():
    text = ("I came down the stairs late that morning, and the kitchen was already warm.\n\n"
            "\"Wendell, you are late again,\" said Aunt Mara. She did not look up from the stove.\n\n"
            "I said nothing and I took my place by the window.\n\n"
            "\"Sit down, Wendell, and eat your bread,\" she said.\n\n"
            "I sat down. My bread was cold, but I ate it all.")
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters", "quotes"])
    wendell = [c for c in work.characters if c.name == "Wendell"]
    assert wendell
    narration_i = [m for m in work.mentions if work.text[m.start:m.end] == "I"]
    assert narration_i and all(m.character == wendell[0].id for m in narration_i)
