"""A quotation made of nothing but a name calls that character: it is never that character's own line."""

from __future__ import annotations

import numpy as np
from quote_helpers import two_person_prepared

from ficlens.dialogue.attribute import no_self_calls


def test_a_quotation_of_only_names_calls_them():
    units = two_person_prepared(['Clara squared her shoulders. "Tom."', '"Tom! Tom!"', '"Tom, come here."',
                                 '"Where is Tom?"']).units
    assert [u.only_calls() for u in units] == [[1], [1, 1], [], []]


def test_the_called_character_is_ruled_out_of_the_call():
    prep = two_person_prepared(['Clara squared her shoulders and called again. "Tom."', '"Tom, come here."'])
    table = prep.table
    scores = np.ones(len(table.unit))
    out = no_self_calls(table, scores, prep.units)
    called = (table.unit == 0) & (table.cand == 1)
    assert called.any() and (out[called] == 0).all()
    assert (out[~called] == 1).all()  # the other candidates, and the second quotation, keep their scores
