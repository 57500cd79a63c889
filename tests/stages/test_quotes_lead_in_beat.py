"""Speakers, session 24: a narration paragraph that runs on with a comma into the quotation of the next paragraph
('Clara's eyebrow crinkled in a frown,' / '"We should go."') is that quotation's beat; its opening subject, a
possessive one included, speaks, as it would in one paragraph."""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.attribute import trust_subject_beats
from quote_helpers import quote_units

CAST = [("Clara", "F"), ("Tom", "M")]


def _units(paragraphs: list[str]):
    return quote_units(paragraphs, CAST)


def test_a_run_on_lead_in_opened_by_a_possessive_subject_is_its_beat():
    units = _units(['"Sorry," Tom said. "I spaced out."',
                    "Clara's eyebrow crinkled in what Tom knew to be a frown,",
                    '"We are hardly in a position to let our guard down."'])
    tag = units[-1].tag
    assert (tag.kind, tag.chars, tag.opens, tag.verb) == ("name", (0,), True, False)
    best, conf = np.array([1, 1]), np.array([0.6, 0.6])
    trust_subject_beats(units, best, conf)
    assert best[-1] == 0


def test_a_lead_in_ended_by_a_full_stop_or_opened_by_another_word_is_left_to_the_model():
    for lead in ["Clara's eyebrow crinkled in what Tom knew to be a frown.",
                 "Without a word, Clara's eyebrow crinkled,"]:
        tag = _units(['"Sorry," Tom said.', lead, '"We should go."'])[-1].tag
        assert not tag.opens
