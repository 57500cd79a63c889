"""Speech tags, session 10 (seeds, round 4): two-person scenes (each text invented)."""

from __future__ import annotations

from quote_helpers import two_person_units

_units = two_person_units


def test_a_verb_of_speaking_closing_a_paragraph_with_a_phrase_leads_into_the_next():
    # before: 'she whispered softly against his cheek.' led into nothing (only two words may follow the verb)
    tag = _units(["Tom held her close. Clara whispered softly against his cheek.", '"Stay."'])[-1].tag
    assert (tag.kind, tag.chars, tag.verb) == ("name", (0,), True)
    tag = _units(["Tom held her close. She murmured into his old coat.", '"Stay."'])[-1].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "F", True)


def test_a_verb_that_may_mean_moving_closing_a_paragraph_with_a_phrase_leads_into_nothing():
    assert _units(["Clara laughed. Tom returned to his work.", '"Stay."'])[-1].tag.kind == "none"
    assert _units(["Clara laughed. They went into the hall.", '"Stay."'])[-1].tag.kind == "none"
    # a longer phrase is more narration, no lead-in
    tag = _units(["Tom held her. Clara whispered against the side of his warm and weathered cheek for an hour.",
                  '"Stay."'])[-1].tag
    assert tag.kind == "none"


def test_the_owner_of_a_gesture_is_no_speech_tag_subject():
    # before: "smile" was read as the speech verb of "Clara", a named tag that forced her as the speaker
    tag = _units(['Clara\'s smile pressed into his arm. "Cold?"'])[0].tag
    assert (tag.kind, tag.chars, tag.verb) == ("name", (0,), False)
    assert _units(['Tom winced, but Clara\'s smile pressed into his arm. "Cold?"'])[0].tag.verb is False
    assert _units(['Her grin faded. "Go."'])[0].tag.verb is False


def test_the_owner_of_words_or_a_voice_still_speaks():
    for lead in ("Clara's reply was,", "Clara's low voice murmured,", "Clara's repeated question came:"):
        tag = _units([f'{lead} "Why?"'])[0].tag
        assert (tag.kind, tag.chars, tag.verb) == ("name", (0,), True), lead
