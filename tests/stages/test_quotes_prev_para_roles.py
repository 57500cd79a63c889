"""Issue 2: the speaker model tells the subject of the narration around a quotation from its object.

"Clara sighed, and scowled at Tom." then an untagged line: the last name of that paragraph is Tom, but he is the
one scowled at, so the line is Clara's. The features mark the last name that is an object and the last that is not,
and the names its own paragraph gives only as objects ("Clara turned to Tom.").
"""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.features import ROW_FEATURES
from tests.stages.quote_helpers import two_person_prepared

CLARA, TOM = 0, 1


def _features(paragraphs: list[str], unit: int, names: list[str]) -> dict[int, dict[str, float]]:
    """Candidate -> {feature: value} of quotation ``unit`` of ``paragraphs``."""
    t = two_person_prepared(paragraphs).table
    cols = [ROW_FEATURES.index(n) for n in names]
    return {int(t.cand[r]): dict(zip(names, t.X[r, cols].tolist())) for r in np.flatnonzero(t.unit == unit)}


def test_object_of_the_previous_paragraph_is_told_from_its_subject() -> None:
    f = _features(["Clara sighed, and scowled at Tom.", '"Did they not tell you to wait?"'], 0,
                  ["prev_para_last", "prev_para_last_object", "prev_para_last_subject"])
    assert f[TOM] == {"prev_para_last": 1.0, "prev_para_last_object": 1.0, "prev_para_last_subject": 0.0}
    assert f[CLARA] == {"prev_para_last": 0.0, "prev_para_last_object": 0.0, "prev_para_last_subject": 1.0}


def test_a_subject_named_last_is_no_object() -> None:
    f = _features(["The rain had stopped when Tom came in. Clara looked up.", '"You are late."'], 0,
                  ["prev_para_last_object", "prev_para_last_subject"])
    assert f[CLARA] == {"prev_para_last_object": 0.0, "prev_para_last_subject": 1.0}
    assert f[TOM] == {"prev_para_last_object": 0.0, "prev_para_last_subject": 0.0}


def test_names_only_spoken_to_in_the_quotations_paragraph() -> None:
    f = _features(['Clara turned to Tom. "You are late."'], 0, ["para_object_only"])
    assert f[TOM] == {"para_object_only": 1.0}
    assert f[CLARA] == {"para_object_only": 0.0}
    f = _features(['Tom smiled at Clara, and Clara at Tom. "Good."'], 0, ["para_object_only"])
    assert f[TOM] == f[CLARA] == {"para_object_only": 0.0}
