"""Speech tags, session 9 (seeds, round 3): verbs of perception are no speech tags (each text invented)."""

from __future__ import annotations

from quote_helpers import two_person_units
from ficlens.dialogue.context import TAG_WORD, perceives
from ficlens.dialogue.detect import find_segments
from ficlens.ingest.build import work_from_text

_units = two_person_units


def _perceives(phrase: str) -> bool:
    words = list(TAG_WORD.finditer(phrase))
    return perceives(words, next(i for i, w in enumerate(words) if w.group().lower() in ("tell", "told")))


def test_tell_of_perception_is_told_from_tell_of_speech():
    assert _perceives("he could tell she was hiding something")
    assert _perceives("she could tell from his face")
    assert _perceives("he can tell they were tired")
    assert not _perceives("he could tell you a story")
    assert not _perceives("she told him so")
    assert not _perceives("he could not tell her")


def test_the_clause_after_a_perception_tell_is_the_speaker():
    # before: "he" (the one who could tell) was the speaker of both segments, which were split in two
    units = _units(['"All is well," he could tell she was hiding something, "and we can go on." Clara pressed his hand.'])
    assert len(units) == 1
    tag = units[0].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "F", False)


def test_a_perception_tell_before_a_quotation_still_leads_into_it():
    # 'Tom could tell it was late. "Shall we go?"': the perceiver is the one who speaks next
    units = _units(['Clara yawned and Tom could tell it was late. "Shall we go?"'])
    assert units[0].tag.chars == (1,)


def test_a_paragraph_ending_with_a_verb_of_hearing_does_not_lead_into_the_next():
    # before: "He" of 'He bent closer and heard,' was taken for the one speaking the next paragraph
    units = _units(['Clara was whispering in her sleep. He bent closer and heard,', '"Please... no..."'])
    assert units[-1].tag.kind == "none"


def test_the_object_of_a_participle_is_no_antecedent_of_he():
    from ficlens.dialogue.features import _possessive, object_of

    text = "Tom bit his thumb, summoning Rex before the others came. Later, Rex barked."
    first, second = text.index("Rex"), text.rindex("Rex")
    assert object_of(text, first)  # "summoning Rex": an object
    assert not object_of(text, second) and not _possessive(text, second + 3)  # "Later, Rex barked": a subject
    text = "The King Rex spoke."
    assert not object_of(text, text.index("Rex")) and not _possessive(text, text.index("Rex") + 3)


def quoted_segments(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(work_from_text(text))]


def test_a_paragraph_opened_by_a_single_mark_and_closed_by_a_double_one_is_a_quotation():
    text = '"Any chakra left?"\n\n\'Some. We must try it."\n\n\'Tis late, Tom thought; he was tired."'
    assert quoted_segments(text) == ["Any chakra left?", "Some. We must try it."]
    # a verse quoted inside a speech ends with both marks: no typo, and no quotation of its own
    text = '"He sang it thus:--\n\n\'Row, row,\nRow your boat--\'"\n\nTom laughed.'
    assert "Row, row,\nRow your boat--" not in quoted_segments(text)


def test_a_lasting_state_makes_a_generic_head_a_described_speaker():
    from ficlens.dialogue.descriptive import description_of

    # before: "the injured man" was left to the people on stage, like "the man"
    assert description_of("the injured man") == ("the injured man", "M")
    assert description_of("the masked woman") == ("the masked woman", "F")
    assert description_of("the frightened man") is None  # a passing mood: whoever is on stage
    assert description_of("the man") is None
