"""Unnamed speakers introduced by an indefinite description right before they speak (dialogue/entrants.py)."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.entrants import indefinite_subject
from ficlens.dialogue.features import BASE_FEATURES
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = (("Tom Hale", ["Tom Hale", "Tom"], "M"), ("Ann Fry", ["Ann Fry", "Ann"], "F"))


def analysed(paragraphs: list[str], cast=CAST):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, n, aliases={a: 5 for a in al}, gender=g) for i, (n, al, g) in enumerate(cast)]
    prep = prepare(work, detect_narrator=False)
    new = {c.id: c for c in work.characters[len(cast):]}
    return work, prep, new


def introduced(prep, unit: int) -> dict[int, float]:
    """Candidate -> 1.0 when it is the first character named in the narration paragraph before ``unit``."""
    col = BASE_FEATURES.index("prev_para_first")
    return {int(c): float(x[col]) for u, c, x in zip(prep.table.unit, prep.table.cand, prep.table.X) if u == unit}


def test_an_indefinite_subject_of_the_paragraph_before_a_quotation_is_a_new_speaker():
    work, prep, new = analysed([
        'Tom sat by the bed all night.',
        'A tall nurse smiled at Tom as she hung a chart on the bed.',
        '"Your friend is doing well."',
    ])
    assert [c.name for c in new.values()] == ["A Tall Nurse"]
    nurse = next(iter(new.values()))
    assert nurse.gender == "F"
    assert introduced(prep, 0) == {0: 0.0, nurse.id: 1.0}


def test_an_indefinite_subject_leading_into_a_quotation_in_its_paragraph():
    work, prep, new = analysed([
        'Tom and Ann had some brandy.',
        'Presently a page came to their table to say, "A message for you, sir."',
        '"Thank you," said Tom.',
    ])
    page = [c for c in new.values() if c.name == "A Page"]
    assert len(page) == 1
    assert prep.units[0].tag.chars == (page[0].id,)
    assert prep.units[1].tag.chars == (0,)


def test_the_same_head_and_a_fresh_generic_head_refer_to_the_entrant():
    work, prep, new = analysed([
        'Tom waited in the hall.',
        'A young porter came down the stairs with a lamp; he looked tired.',
        '"The train is late."',
        '"How late?" Tom asked.',
        '"An hour at least," the porter said.',
        '"Not before ten." The man nodded and went away.',
    ])
    porter = next(c for c in new.values() if "A young porter" in c.aliases)  # "said the porter" is the same
    assert len(new) == 1 and porter.gender == "M"
    assert introduced(prep, 0)[porter.id] == 1.0
    assert [u.tag.chars for u in prep.units[1:]] == [(0,), (porter.id,), (porter.id,)]


def test_a_generic_head_refers_back_to_a_named_character_mentioned_since():
    work, prep, new = analysed([
        'Ann stood at the gate.',
        'A young porter came down the stairs with a lamp; he looked tired.',
        '"The train is late."',
        'Tom came out of the office and looked at the clock.',
        'The man sighed. "An hour at least."',
    ])
    porter = next(c for c in new.values() if c.name == "A Young Porter")
    assert introduced(prep, 0)[porter.id] == 1.0
    assert porter.aliases == {"A young porter": 1}  # "the man" is Tom, the man named since


def test_a_head_a_known_character_goes_by_is_theirs_once_the_scene_moves_on():
    cast = CAST + (("Kit Vane", ["Kit Vane", "Kit", "the silver-haired ninja"], "M"),)
    work, prep, new = analysed([
        'Kit waited by the gate.',
        'A masked ninja dropped from the wall beside Ann; he bowed.',
        '"The road is closed."',
        'Nobody spoke for a long while.',
        'The wind rose over the hills.',
        'The ninja frowned. "Then we wait."',
    ], cast)
    ninja = next(c for c in new.values() if c.name == "A Masked Ninja")
    assert introduced(prep, 0)[ninja.id] == 1.0
    assert ninja.aliases == {"A masked ninja": 1}  # "the ninja" later on is Kit's


def test_no_entrant_without_a_person_or_when_the_tag_names_the_speaker():
    work, prep, new = analysed([
        'Tom stood up.', 'A week later the letter came.', '"At last," said Ann.',
        'A dog barked at Tom.', '"Quiet!"',
        'A stranger walked in.', '"Good evening," said Tom.',
    ])
    assert new == {}
    assert indefinite_subject("A couple of men walked in.") is None
    assert indefinite_subject("A man's voice rose.") is None
    assert indefinite_subject("Then, a stout man with whiskers rose.")[2] == "man"
