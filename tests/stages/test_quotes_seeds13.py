"""Speech tags, session 12 (seeds, round 5): earlier lead-in sentences, sure descriptions as names (invented texts)."""

from __future__ import annotations

from quote_helpers import CAST, two_person_units

from ficlens.dialogue.attribute import prepare
from ficlens.document import Character, Mention
from ficlens.ingest.build import work_from_text

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


def _described_units(paragraphs: list[str], phrase: str, confidence: float):
    """Units of ``paragraphs`` where coreference ties the first ``phrase`` to Tom with ``confidence``."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={a: 5 for a in aliases}, gender=g)
                       for i, (name, aliases, g) in enumerate(CAST)]
    start = work.text.index(phrase)
    work.mentions = [Mention(start, start + len(phrase), 1, "nominal", confidence)]
    return prepare(work, detect_narrator=False).units


def test_a_description_tied_as_surely_as_a_pin_is_read_as_a_name():
    paras = ["Clara sat down.", 'Taking the chance, the old hound padded closer and lifted a paw. "Stay."']
    unit = _described_units(paras, "the old hound", 0.9)[0]
    assert 1 in unit.beat_chars
    # a less sure link stays a description
    assert 1 not in _described_units(paras, "the old hound", 0.7)[0].beat_chars


def test_a_progressive_speech_verb_after_a_quotation_leads_on():
    # '"..." Tom burst out. He was yelling now.' / '"..."': the speaking goes on into the next paragraph
    tag = _units(['"No!" Tom burst out. He was yelling now.', '"Never!"'])[-1].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "M", True)
    # a plain past tense after a quotation is that quotation's own tag
    assert _units(['"No!" Tom burst out. He yelled.', '"Never!"'])[-1].tag.verb is False
