"""Addressees, session 24: someone the narration says a line is spoken to ("said Clara to Tom") is its addressee;
else the nearest other speaker, looked for past the speaker's own lines and beyond three paragraphs; for a
question, the one who answers it."""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.attribute import _addressees
from quote_helpers import quote_units

CAST = [("Clara", "F"), ("Tom", "M"), ("Anne", "F")]


def _units(paragraphs: list[str]):
    return quote_units(paragraphs, CAST)


def test_the_one_the_narration_says_is_spoken_to_is_the_addressee():
    units = _units(['"Good morning," said Clara.', '"Is it raining?" Tom asked, turning to Anne.'])
    assert units[1].told == [2]
    assert _addressees(units, np.array([0, 1]), 1)[0][0] == 2  # not Clara, who spoke before


def test_a_name_after_a_plain_verb_is_not_spoken_to():
    units = _units(['"Good morning," said Clara.', 'Tom thought of Anne. "Is it raining?"'])
    assert units[1].told == []
    assert _addressees(units, np.array([0, 1]), 1)[0][0] == 0


def test_the_nearest_other_speaker_is_found_past_the_speakers_own_lines():
    units = _units(['"Good morning," said Clara.', '"Is it raining?" asked Tom.', '"I hope not," Tom went on.'])
    assert _addressees(units, np.array([0, 1, 1]), 2)[0][0] == 0


def test_lines_on_both_sides_agreeing_make_the_surest_guess():
    units = _units(['"Good morning," said Clara.', '"It is raining."', '"No," said Clara.'])
    (who, conf), = _addressees(units, np.array([0, 1, 0]), 1)
    assert who == 0 and conf == 0.8
    assert _addressees(units, np.array([0, 1, 2]), 1)[0] == (0, 0.7)  # the line before, when they differ


def test_a_question_is_spoken_to_the_one_who_answers_it():
    units = _units(['"Good morning," said Clara.', '"Is it raining, do you think?"', '"No," said Anne.'])
    assert units[1].asks and not units[0].asks
    assert _addressees(units, np.array([0, 1, 2]), 1)[0] == (2, 0.7)  # Anne answers, though Clara spoke before
