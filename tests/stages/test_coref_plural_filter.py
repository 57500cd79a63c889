"""The filter of plural pronouns with no name or description in their entity (coref_mentions.drop_plural)."""

from __future__ import annotations

import numpy as np

from coref_helpers import tokens_work
from ficlens.stages.coref import PSEUDO, Slot
from ficlens.stages.coref_mentions import PLURAL_FEATURES, drop_plural, plural_features, plural_pronouns
from ficlens.stages.coref_rank import FEATURES as PAIR_FEATURES, Prepared

TEXT = "The lamps burned low. They flickered. Anna and Tom came in. They smiled at the lamps."


def _prep(work, words: list[tuple[str, int, str]], fixed: list[int]) -> Prepared:
    """Mentions ``(word, occurrence, kind)`` of ``work`` as a Prepared with no pairs."""
    slots, kinds = [], {"name": 0, "pronoun": 1}
    for w, occ, kind in words:
        start = -1
        for _ in range(occ + 1):
            start = work.text.index(w, start + 1)
        tok = int(np.searchsorted(work.tokens.start, start))
        slots.append(Slot(tok, start, start + len(w), kind, plural=kind == "pronoun"))
    n = len(slots)
    mention = {"kind": np.array([kinds[s.kind] for s in slots], np.int8), "gender": np.zeros(n, np.int8),
               "plural": np.array([s.plural for s in slots], np.int8),
               "tok": np.array([s.tok for s in slots], np.int64), "subject": np.zeros(n, np.int8),
               "inq": np.zeros(n, np.int8), "person": np.full(n, 3, np.int8)}
    empty = np.zeros(0, np.int64)
    return Prepared(slots, np.array(fixed, np.int64), empty, empty, np.zeros((0, len(PAIR_FEATURES)), np.float32),
                    mention)


def test_only_plural_pronouns_without_a_name_in_their_entity_are_candidates():
    work = tokens_work(TEXT)
    prep = _prep(work, [("They", 0, "pronoun"), ("Anna", 0, "name"), ("They", 1, "pronoun")], [-1, 7, -1])
    ents = np.array([PSEUDO, 7, 7])  # the second 'They' joined Anna's entity
    assert list(plural_pronouns(prep, ents)) == [0]


def test_features_read_the_verb_after_and_the_plural_noun_before():
    work = tokens_work(TEXT)
    prep = _prep(work, [("They", 0, "pronoun"), ("They", 1, "pronoun")], [-1, -1])
    ents = np.array([PSEUDO, PSEUDO + 1])
    X = plural_features(work, prep, np.zeros(0), ents, np.array([0, 1]))
    f = {name: X[:, k] for k, name in enumerate(PLURAL_FEATURES)}
    assert list(f["verb_after"]) == [0, 1]  # 'flickered' is nothing people do, 'smiled' is
    assert f["noun_distance"][0] == 4 and not f["noun_person"][0]  # 'lamps' four tokens back
    assert list(f["form"]) == [0, 0] and list(f["entity_size"]) == [1, 1]


class _ByVerb:
    """Stands in for the filter: a person mention when a verb people do follows."""

    def predict_proba(self, X):
        p = X[:, PLURAL_FEATURES.index("verb_after")]
        return np.stack([1 - p, p], axis=1)


def test_drop_plural_drops_those_the_filter_rejects_and_nothing_without_a_filter():
    work = tokens_work(TEXT)
    prep = _prep(work, [("They", 0, "pronoun"), ("They", 1, "pronoun")], [-1, -1])
    ents = np.array([PSEUDO, PSEUDO + 1])
    assert list(drop_plural(work, prep, np.zeros(0), ents, _ByVerb(), 0.5)) == [0]
    assert not len(drop_plural(work, prep, np.zeros(0), ents, None, 0.5))
