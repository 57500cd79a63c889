"""Anaphoric speakers: possessive beats read as pronouns, and what a "she said" goes back to."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.features import BASE_FEATURES, possessive_owner
from ficlens.document import Character
from ficlens.ingest.build import work_from_text


def _prepared(paragraphs: list[str], cast: list[tuple[str, str]]):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    return work, prepare(work, detect_narrator=False)


def _feature(prep, unit: int, cand: int, name: str) -> float:
    t = prep.table
    rows = [r for r in range(len(t.unit)) if t.unit[r] == unit and t.cand[r] == cand]
    return float(t.X[rows[0], BASE_FEATURES.index(name)])


def test_a_possessive_beat_of_the_body_or_voice_is_read_as_the_pronoun():
    _, prep = _prepared([
        '"Where were you?" asked Miss Lark.',
        '"Out," said Mr. Grey.',
        'His jaw tightened. "That is all I will say."',
        '"Don\'t talk like that." Her ghostly whisper broke.',
        '"Fine." His eyes smiled, even though he knew better.',
        '"She was tired." The man\'s voice was ragged.',
    ], [("Miss Lark", "F"), ("Mr. Grey", "M")])
    tags = [(u.tag.kind, u.tag.gender) for u in prep.units]
    assert tags[2:] == [("pronoun", "M"), ("pronoun", "F"), ("pronoun", "M"), ("noun", "M")]
    # the pronoun agreement features now see it: the man agrees with "His jaw", the woman does not
    assert _feature(prep, 2, 1, "tag_pron_gender") == 1.0
    assert _feature(prep, 2, 0, "tag_pron_gender") == -1.0


def test_a_possessive_of_a_person_is_no_pronoun_beat():
    assert possessive_owner("His wife smiled".split()) == ""
    assert possessive_owner("Her old friend laughed".split()) == ""
    assert possessive_owner("her his hand".split()) == ""  # "offered her his hand": no possessive subject
    assert possessive_owner("Her large grey eyes".split()) == "F"
    assert possessive_owner("His voice shook".split()) == "M"
    assert possessive_owner("The man's voice was ragged".split()) == "M"
    assert possessive_owner("The doctor's voice was ragged".split()) == ""  # no gender to give
    _, prep = _prepared([
        '"Come in," said Mr. Grey.',
        'His wife looked up. "Who is it?"',
    ], [("Mr. Grey", "M"), ("Mrs. Grey", "F")])
    assert prep.units[1].tag.kind != "pronoun"


def test_the_pronoun_goes_back_to_the_subject_not_to_a_possessive_or_an_object():
    _, prep = _prepared([
        '"Good morning," said Mr. Hale.',
        'It was settled that he should go to Mrs. Walker\'s party, and then Mrs. Miller rose to leave. '
        '"I must go back to the hotel," she said.',
        '"Good night," said Mr. Hale.',
        'She must tell Jane what she knew. "He is not coming," she said.',
    ], [("Mr. Hale", "M"), ("Mrs. Walker", "F"), ("Mrs. Miller", "F"), ("Jane", "F")])
    assert prep.units[1].tag.kind == "pronoun"
    assert _feature(prep, 1, 2, "pron_subject") == 1.0  # Mrs. Miller, the subject
    assert _feature(prep, 1, 1, "pron_subject") == 0.0  # not Mrs. Walker of "Mrs. Walker's party"
    # "tell Jane": Jane is told, so she is not the "she" that speaks
    assert _feature(prep, 3, 3, "pron_subject") == 0.0


def test_a_beat_opened_by_a_subject_pronoun_is_the_pronouns_not_the_names_after_it():
    _, prep = _prepared([
        '"We have a lead," said Mr. Nara.',
        '"Let\'s go!" He started to run off, but Mr. Nara grabbed him.',
        'She glanced at Mr. Nara. "Wait for me."',
        '"Very well," Mr. Nara said.',
    ], [("Mr. Nara", "M"), ("Mr. Uzu", "M"), ("Miss Haru", "F")])
    # a speech verb's named subject ("Mr. Nara said") is untouched
    assert [(u.tag.kind, u.tag.gender) for u in prep.units[1:]] == [("pronoun", "M"), ("pronoun", "F"), ("name", "")]


def test_pronoun_features_tell_a_speech_verb_from_a_beat_and_rank_by_subjects():
    _, prep = _prepared([
        'Miss Lark smiled at Mr. Grey and went to the window.',
        '"It is late," she said.',
        'She looked at Mrs. Dale\'s garden. "Is it?"',
        'Mr. Grey walked past Mrs. Dale\'s garden.',
        '"Yes, it is," she answered.',
    ], [("Miss Lark", "F"), ("Mr. Grey", "M"), ("Mrs. Dale", "F")])
    # "she said" has a speech verb, "She looked" is a beat
    assert _feature(prep, 0, 0, "tag_pron_verb") == 1.0 and _feature(prep, 0, 1, "tag_pron_verb") == -1.0
    assert _feature(prep, 1, 0, "tag_pron_verb") == 0.0
    # Mrs. Dale is named last, but only as a possessive: by subjects, Miss Lark comes first
    assert _feature(prep, 2, 2, "tag_pron_rank") == 0.0
    assert [_feature(prep, 2, c, "pron_subject_rank") for c in (0, 2)] == [0.0, 1.0]

