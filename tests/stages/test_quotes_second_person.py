"""Second-person ("reader-insert") stories: the narrated "you" is the hero, "Y/N", who speaks the lines
'"...," you ask' tags, as a first-person narrator speaks those of "I said" (an invented story)."""

from __future__ import annotations

from ficlens.dialogue.detect import find_segments
from ficlens.dialogue.narration import narration_person
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

STORY = """You wake up to the smell of burnt toast. Marek is standing in your kitchen, glaring at the toaster as if it owes him money.

"What are you doing here?" you ask, pulling your blanket tighter.

"Making breakfast," Marek snaps. "What does it look like?"

"It looks like you're setting my kitchen on fire."

He scowls at you and scrapes the black crust into the sink. "Sit down, Y/N. You're in the way."

You sit. The back door bangs open and Tilda marches in with a bag of oranges under one arm.

"Morning, Y/N!" Tilda sets the bag on the table and peers at the smoking pan. "Is Marek cooking again?"

"Get out," Marek growls.

"No chance. I brought fruit, so I get a plate." She steals a chair and drops into it beside you.

You laugh. "There's plenty for everyone."

"There's plenty of charcoal," Tilda says.

Marek points the spatula at her. "One more word and you're washing up."

You reach for an orange and start to peel it, and for once the two of them fall quiet.

"Thank you," you say after a while. "Both of you."

Tilda grins. "Anytime."
"""

SPEAKERS = ["Y/N", "Marek", "Y/N", "Marek", "Tilda", "Marek", "Tilda", "Y/N", "Tilda", "Marek", "Y/N", "Tilda"]


def _speakers(text: str) -> tuple[list[str | None], list[str]]:
    work = work_from_text(text)
    run_stage(work, "quotes")
    names = {c.id: c.name for c in work.characters}
    return [names.get(q.speaker) for q in work.quotations], list(names.values())


def _person(text: str) -> str:
    work = work_from_text(text)
    return narration_person(work.text, [(s.start, s.end) for s in find_segments(work)])


def test_the_narration_of_a_reader_insert_is_in_the_second_person() -> None:
    assert _person(STORY) == "second"
    assert _person(STORY.replace("You ", "Ines ").replace("you ", "Ines ").replace("your ", "her ")) == "third"
    assert _person("I woke to rain. I said you were late. I laughed.") == "first"


def test_the_reader_speaks_the_lines_you_tags_and_the_turns_give_them() -> None:
    speakers, characters = _speakers(STORY)
    assert "Y/N" in characters
    assert speakers == SPEAKERS


def test_a_story_in_the_third_person_gets_no_reader() -> None:
    _, characters = _speakers(STORY.replace("You ", "Ines ").replace("you ", "Ines ").replace("your ", "her "))
    assert "Y/N" not in characters


def test_the_reader_is_named_before_the_names_are_indexed_so_y_n_is_a_vocative() -> None:
    from ficlens.dialogue.attribute import prepare

    work = work_from_text(STORY)
    run_stage(work, "characters")
    prep = prepare(work)
    reader = next(c.id for c in work.characters if c.name == "Y/N")
    called = [u for u in prep.units if reader in u.vocatives]
    assert [work.text[u.start:u.start + 8] for u in called] == ["Sit down", "Morning,"]
    assert prep.narrator == reader
