"""Speech verbs of reproach, coaxing and voice quality are speech tags (each text invented; each failed before)."""

from __future__ import annotations

import pytest

from tests.stages.test_quotes_tags8 import speech_tag


@pytest.mark.parametrize("paragraphs, expected", [
    # a tag with the speech verb after a beat of the same subject ('clicked her tongue and accused,')
    (['Clara clicked her tongue and accused, "Coward."'], "Clara"),
    (['"You should have known better," scolded Mrs. Bly.'], "Mrs. Bly"),
    (['"Just one more step," Tom coaxed.'], "Tom"),
    (['"Well, that went well," Tom deadpanned.'], "Tom"),
    (['"Get out," Mr. Hale rasped.'], "Mr. Hale"),
    (['"But I never," Clara sputtered.'], "Clara"),
    (['"Nice hat," Tom snickered.'], "Tom"),
    (['"You are late again," Mrs. Bly chided.'], "Mrs. Bly"),
])
def test_speech_verbs(paragraphs, expected):
    kind, text = speech_tag(paragraphs)
    assert (kind, text) == ("name", expected)
