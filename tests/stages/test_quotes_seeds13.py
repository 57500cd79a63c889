"""Speech tags, session 12 (seeds, round 5): a lead-in verb before the paragraph's last sentence (invented texts)."""

from __future__ import annotations

from quote_helpers import two_person_units

_units = two_person_units


def test_a_speech_verb_followed_by_a_sentence_without_a_person_subject_leads_in():
    # before: only the last sentence ("By now the fire was low.") was read, and it leads into nothing
    tag = _units(["In a softer voice, he continued. By now the fire was low.", '"Stay."'])[-1].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "M", True)
    # the names of a joint possessive are no subjects ("Clara and Tom's eyes")
    tag = _units(["Clara whispered. By then Clara and Tom's eyes were wet.", '"Stay."'])[-1].tag
    assert (tag.kind, tag.chars, tag.verb) == ("name", (0,), True)


def test_a_later_sentence_with_a_person_subject_or_a_verb_of_thought_leads_in_nothing():
    tag = _units(["In a softer voice, he continued. Then Tom turned away.", '"Stay."'])[-1].tag
    assert tag.verb is False
    tag = _units(["Clara whispered. She looked at the fire.", '"Stay."'])[-1].tag
    assert tag.verb is False
    tag = _units(["Yes, Tom thought. Yes you should.", '"Go."'])[-1].tag
    assert tag.verb is False

