"""Issue 2: "said the doctor" is the one character called by that title (Doctor Losberne) once he is met;
before that, the doctor is someone the text never names."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.descriptive import add_descriptive_speakers, title_bearers
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

TEXT = "\n\n".join([
    '"He will live," said the doctor, and went away.',
    'Years later Doctor Losberne came to the house with Mr. Giles.',
    '"Sit down," said the doctor.',
    'Mr. Giles looked at the doctor.',
    '"I will not," replied the butler.',
])


def cast() -> list[Character]:
    losberne = Character(0, "Mr. Losberne", aliases={"Mr. Losberne": 20, "Doctor Losberne": 3}, gender="M")
    giles = Character(1, "Mr. Giles", aliases={"Mr. Giles": 10}, gender="M")
    losberne.first_offset = TEXT.index("Doctor Losberne")
    giles.first_offset = TEXT.index("Mr. Giles")
    return [losberne, giles]


def test_a_title_borne_by_one_character_is_his_description_from_his_first_mention_on():
    work = work_from_text(TEXT)
    work.characters = cast()
    prep = prepare(work, detect_narrator=False)
    tags = [(u.tag.kind, u.tag.chars) for u in prep.units]
    early = next(c for c in work.characters if c.name == "The Doctor")  # the doctor before Losberne is met
    assert tags[0] == ("name", (early.id,))
    assert tags[1] == ("name", (0,))
    # the butler is nobody's title: someone known only by the description, as before
    assert any(c.name == "The Butler" for c in work.characters)
    # Losberne's names are left as they were: the description is read in place, not made his alias
    assert "the doctor" not in work.characters[0].aliases


def test_a_title_shared_by_several_characters_names_nobody():
    work = work_from_text(TEXT)
    work.characters = cast() + [Character(2, "Dr. Bull", aliases={"Dr. Bull": 5}, gender="M")]
    assert "doctor" not in title_bearers(work)  # called "Doctor Losberne" 3 times, "Dr. Bull" 5 times
    work.characters[2].aliases = {"Dr. Bull": 5, "Bull": 30}  # named often, but as a doctor only 5 times
    assert "doctor" not in title_bearers(work)
    work.characters[0].aliases["Doctor Losberne"] = 30  # the doctor of the story
    assert title_bearers(work) == {"doctor": 0}


def test_no_title_no_claim():
    work = work_from_text(TEXT)
    work.characters = [cast()[1]]
    units = prepare(work, detect_narrator=False).units
    described = add_descriptive_speakers(work, units)
    assert not described.claims
