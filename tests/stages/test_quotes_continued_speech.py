"""A speech running over several paragraphs (each left open, the next opening again) has one speaker."""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.attribute import continued_speeches, join_continued_speeches
from ficlens.dialogue.features import Table
from tests.stages.quote_helpers import two_person_units

STORY = [
    '"I was born in a village by the sea," said Tom. "My father mended nets there.',
    '"Then the storms came, and the boats stayed on the shingle all winter.',
    '"That is the whole of it."',
    '"Thank you," said Clara.',
]


def test_open_paragraphs_make_one_speech() -> None:
    units = two_person_units(STORY)
    assert [len(u.segments) for u in units] == [2, 1, 1, 1]
    assert continued_speeches(units) == [[0, 1, 2]]


def test_a_lost_closing_mark_before_narration_is_no_continuation() -> None:
    # the first speech lost its closing mark, but the next paragraph opens with narration, not a new part
    units = two_person_units([
        '"Are you holding back with me?',
        'Falling back into their banter, his smirk returned. "A sailor never tells."',
    ])
    assert len(units) == 2 and not units[0].segments[-1].closed
    assert continued_speeches(units) == []


def test_the_speech_goes_to_the_most_believed_speaker_of_all_its_paragraphs() -> None:
    units = two_person_units(STORY)
    # per paragraph the model flips between Tom (1) and Clara (0); summed over the speech, Tom leads
    shares = {0: (0.2, 0.8), 1: (0.55, 0.45), 2: (0.1, 0.9), 3: (0.9, 0.1)}
    unit = np.repeat(np.arange(4), 2)
    cand = np.tile([0, 1], 4)
    norm = np.array([p for u in range(4) for p in shares[u]])
    table = Table(unit, cand, np.zeros((8, 1)))
    best = np.array([1, 0, 1, 0])
    conf = np.array([0.8, 0.55, 0.9, 0.9])
    join_continued_speeches(table, units, norm, best, conf)
    assert best.tolist() == [1, 1, 1, 0]  # the closing "Thank you" is no part of the speech
    assert np.allclose(conf[:3], (0.8 + 0.45 + 0.9) / 3) and conf[3] == 0.9
