"""The first-person narrator named by the characters stage from how the others address them (invented texts):
a line calling "Mira" answered by '"...," I said' makes Mira the "I", so every "I said" line is hers."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.char_narrator import NARRATOR_EVIDENCE

STORY = """The rain had not stopped for three days when Jonah finally knocked on my door.

"Mira, you have to come," he said, shaking water from his hood. "Tess found something in the old mill."

"It's midnight," I said. "Whatever she found can wait until morning."

"It can't. Please, Mira."

I grabbed my coat and followed him down the hill. Tess was waiting under the broken awning, a lantern in her hand.

"About time," she muttered. "Look at this, Mira. Tell me I'm not crazy."

"You're not crazy," I answered, though I had not looked yet.

She pushed open the door. Inside, the floor was covered in chalk circles, dozens of them, overlapping like ripples.

"Who did this?" I asked.

"That's the thing," Jonah said. "Nobody's been up here in years."

Tess knelt beside the nearest circle. "The chalk is still wet. Mira, come and see."

"I see it from here," I said. "I don't like this."

"Neither do I," Jonah admitted. He looked at me for a long moment. "Do you want to go back?"

I shook my head. "No. If we leave now, we'll never know."

"That's the spirit," Tess said, grinning up at us. "Jonah, hold the lantern higher."

He raised it. The circles seemed to shift in the light.

"Mira," Jonah whispered. "Did you see that?"

"I saw it," I said quietly.

We stood there until the lantern guttered out, and none of us said a word on the long walk home.
"""
HERS = ["It's midnight", "You're not crazy", "Who did this?", "I see it from here", "No. If we leave now",
        "I saw it"]


def _analysed(text: str):
    work = work_from_text(text)
    run_stage(work, "quotes")
    return work


def _speaker_of(work, opening: str) -> str | None:
    q = next(q for q in work.quotations if q.text(work).startswith(opening))
    return work.characters[q.speaker].name if q.speaker is not None else None


def test_the_name_the_others_call_the_narrator_is_the_narrators():
    work = _analysed(STORY)
    names = [c.name for c in work.characters]
    assert "Narrator" not in names
    mira = next(c for c in work.characters if c.name == "Mira")
    assert any(e.reason == NARRATOR_EVIDENCE for e in mira.evidence)
    assert [_speaker_of(work, line) for line in HERS] == ["Mira"] * len(HERS)
    quoted = [(s.start, s.end) for q in work.quotations for s in q.spans]
    narration_i = [m for m in work.mentions if work.text[m.start:m.end] == "I"
                   and not any(a <= m.start < b for a, b in quoted)]
    assert narration_i and all(m.character == mira.id for m in narration_i)


def test_a_name_the_narrator_calls_is_not_the_narrators():
    # Jonah is called only in the narrator's own tagged lines ('"Jonah," I said'): he is spoken to, not the "I"
    story = "\n\n".join([
        "I found Jonah on the pier before dawn, staring at the water.",
        '"Jonah," I said. "You should be asleep."',
        '"So should you," he said.',
        '"Jonah, come home," I said again. "It is cold."',
        '"In a minute," he said.',
        '"Jonah, please," I said.',
        '"Fine," he said, and we walked back together. I did not ask what he had been looking for.',
    ])
    work = _analysed(story)
    jonah = next(c for c in work.characters if c.name == "Jonah")
    assert not any(e.reason == NARRATOR_EVIDENCE for e in jonah.evidence)
    assert _speaker_of(work, "Jonah, come home") != "Jonah"
    assert _speaker_of(work, "So should you") == "Jonah"


def test_a_narrator_nobody_names_stays_the_narrator():
    work = _analysed(_nameless(STORY))
    narrator = next(c for c in work.characters if c.name == "Narrator")
    assert any(e.reason == NARRATOR_EVIDENCE for e in narrator.evidence)
    assert _speaker_of(work, "It's midnight") == "Narrator"


def test_a_narrator_who_gives_their_name_speaks_as_that_name():
    story = STORY.replace("The rain had not stopped", "My name is Mira Holt, and the rain had not stopped")
    work = _analysed(story)
    assert "Narrator" not in [c.name for c in work.characters]
    assert _speaker_of(work, "Who did this?").startswith("Mira")


def _nameless(story: str) -> str:
    """The story with every "Mira" of the dialogue taken out."""
    out = story.replace("Mira, you", "You").replace(", Mira", "").replace("Look at this, Mira.", "Look.") \
        .replace("Mira, come and see.", "Come and see.").replace('"Mira," Jonah whispered.', "Jonah whispered.")
    assert "Mira" not in out
    return out


def test_a_pov_header_names_the_narrator():
    story = "~Mira's POV~\n\n" + _nameless(STORY).replace("none of us said", "none of us, not even Mira, said")
    work = _analysed(story)
    assert "Narrator" not in [c.name for c in work.characters]
    assert _speaker_of(work, "Who did this?") == "Mira"


def test_headers_of_several_viewpoints_name_no_one():
    # the "I" of Mira's section and of Jonah's are two people: no one name is given to both
    story = "Mira's POV\n\n" + STORY + "\n\nJonah's POV\n\nI walked Mira home and did not sleep at all.\n"
    work = _analysed(story)
    assert not any(e.reason == NARRATOR_EVIDENCE for c in work.characters if c.name in ("Mira", "Jonah")
                   for e in c.evidence)
