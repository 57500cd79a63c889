"""Seed stories: the tags of two-person scenes (a he/she running on from a quotation, a main-clause
subject after a subordinate clause) and speakers known only by a description."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.document import Character
from ficlens.ingest.build import work_from_text


def _prepared(paragraphs: list[str], cast: list[tuple[str, str]]):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    return work, prepare(work, detect_narrator=False)


def _tag(work, unit) -> tuple[str, str, str]:
    t = unit.tag
    return t.kind, t.gender, work.text[t.start:t.end] if t.start >= 0 else ""


CAST = [("Tomas", "M"), ("Wren", "F")]


def test_a_pronoun_running_on_from_the_first_segment_is_its_tag_whatever_the_verb():
    work, prep = _prepared([
        '"Where are we?" Tomas asked.',
        '"For..." she trailed off, sounding tired. "Just enough." A content moan vibrated between them.',
        '"Hmm..." she looked into the dark. "What if I try?" When he did not respond she frowned.',
    ], CAST)
    # before: no tag of the first segment; "A content moan" and "he did not respond" won instead
    assert _tag(work, prep.units[1]) == ("pronoun", "F", "she")
    assert _tag(work, prep.units[2]) == ("pronoun", "F", "she")


def test_a_speech_tag_of_the_same_pronoun_is_kept():
    work, prep = _prepared([
        '"Where are we?" Tomas asked.',
        '"Here," she shrugged. "Close enough," she added.',
    ], CAST)
    tag = prep.units[1].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "F", True)  # "she added", a speech verb


def test_the_main_clause_subject_after_a_subordinate_clause_is_a_beat():
    work, prep = _prepared([
        '"Can you see?" Wren asked.',
        'Although it hurt to do so, he opened both eyes. "Yeah, I got it."',
    ], CAST)
    assert _tag(work, prep.units[1]) == ("pronoun", "M", "he")


def _feature(prep, unit: int, cand: int, name: str) -> float:
    from ficlens.dialogue.features import BASE_FEATURES

    t = prep.table
    rows = [r for r in range(len(t.unit)) if t.unit[r] == unit and t.cand[r] == cand]
    return float(t.X[rows[0], BASE_FEATURES.index(name)])


def test_she_goes_back_to_a_kinship_subject_opening_the_sentence_before():
    cast = [("Lizzy Bennet", "F"), ("Mrs. Bennet", "F"), ("Mr. Darcy", "M")]
    _, prep = _prepared([
        '"Good night," said Mr. Darcy.',
        'Lizzy Bennet went up to her room. Her mother followed her. "My dearest child," she cried.',
    ], cast)
    # the last woman named is Lizzy, but the sentence before the tag opens with "Her mother"
    assert _feature(prep, 1, 1, "pron_subject") == 1.0
    assert _feature(prep, 1, 0, "pron_subject") == 0.0
    _, prep = _prepared([
        '"Good night," said Mr. Darcy.',
        'Lizzy Bennet went up to her room and waited for her mother. "My dearest child," she cried.',
    ], cast)
    assert _feature(prep, 1, 0, "pron_subject") == 1.0  # an object is no subject


def test_a_listed_role_ending_in_ate_or_ior_is_a_described_speaker():
    from ficlens.dialogue.descriptive import description_of

    assert description_of("the subordinate") == ("the subordinate", "U")
    assert description_of("the magistrate") is not None
    assert description_of("the separate") is None and description_of("a content moan") is None


def test_a_viewpoint_character_told_by_pronouns_stays_salient():
    # Tomas is named once, long ago; the narration then calls him "he" while Wren is named every time
    paragraphs = ['Tomas reached the hut at dusk.'] + ['He was cold, and his hands shook.'] * 12 + [
        'Wren came in and sat down by the fire.',
        '"You look frozen," Wren said.',
        '"I am."',
    ]
    _, prep = _prepared(paragraphs, CAST)
    last = len(prep.units) - 1
    assert _feature(prep, last, 0, "last_mention_paras") > 10  # by name he is long gone...
    assert _feature(prep, last, 0, "gender_pron_paras") <= 4  # ...but "he" was said a few paragraphs ago
    assert _feature(prep, last, 0, "gender_pron_share") > _feature(prep, last, 1, "gender_pron_share")
    assert _feature(prep, last, 1, "gender_pron_paras") == 100.0  # the narration never says "she"
