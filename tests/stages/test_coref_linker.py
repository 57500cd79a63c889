"""The mention-ranking linker: one query per anaphor, its candidates and a "new entity" row."""

from __future__ import annotations

import numpy as np

from ficlens.stages.coref_linker import EXTRA, RUN_TOP, RANK_FEATURES, MentionRanker, groups, rank_labels, rank_rows
from ficlens.stages.coref_rank import FEATURES, Prepared, decode


def _prep() -> Prepared:
    """Mentions 0 and 1 are names; anaphor 2 has candidates 0, 1; anaphor 3 has 0, 1, 2."""
    a, c = np.array([2, 2, 3, 3, 3]), np.array([0, 1, 0, 1, 2])
    X = np.arange(len(a) * len(FEATURES), dtype=np.float32).reshape(len(a), len(FEATURES))
    return Prepared([None] * 4, np.array([0, 1, -1, -1]), a, c, X)


def test_groups_split_pairs_by_anaphor():
    ana, starts, counts = groups(np.array([2, 2, 3, 3, 3]))
    assert ana.tolist() == [2, 3] and starts.tolist() == [0, 2] and counts.tolist() == [2, 3]


def test_rows_hold_pairs_then_one_new_row_per_anaphor():
    prep = _prep()
    proba = np.array([0.2, 0.7, 0.1, 0.5, 0.3])
    rows, q, ana, idx = rank_rows(prep, proba)
    assert rows.shape == (7, len(RANK_FEATURES))
    assert q.tolist() == [0, 0, 1, 1, 1, 0, 1] and ana.tolist() == [2, 3] and idx.tolist() == [0, 1, 2, 3, 4]
    e = {f: len(FEATURES) + k for k, f in enumerate(EXTRA)}
    assert rows[:5, e["pair_rank"]].tolist() == [1, 0, 2, 0, 1]
    assert np.allclose(rows[:5, e["pair_gap"]], [0.5, 0, 0.4, 0, 0.2])
    new = rows[5:]
    assert new[:, e["is_new"]].tolist() == [1, 1]
    assert np.isnan(new[:, FEATURES.index("tok_dist")]).all()  # pair features missing on "new"
    assert new[0, FEATURES.index("m_kind")] == prep.X[0, FEATURES.index("m_kind")]  # the anaphor's kept


def test_top_keeps_each_anaphors_best_pairs():
    rows, q, _, idx = rank_rows(_prep(), np.array([0.2, 0.7, 0.1, 0.5, 0.3]), top=1)
    assert idx.tolist() == [1, 3] and len(rows) == 4 and q.tolist() == [0, 1, 0, 1]


def test_new_is_relevant_only_without_a_gold_antecedent_shown():
    prep = _prep()
    _, q, ana, idx = rank_rows(prep, np.array([0.2, 0.7, 0.1, 0.5, 0.3]))
    assert rank_labels(np.array([0, 1, 0, 0, 0]), idx, q, len(ana)).tolist() == [0, 1, 0, 0, 0, 0, 1]


class _Booster:
    """Scores a pair row by its pair probability, "new" at 0.4."""

    def predict(self, rows, num_threads=1):
        p = rows[:, len(FEATURES) + EXTRA.index("pair_p")]
        return np.where(rows[:, len(FEATURES) + EXTRA.index("is_new")] == 1, 0.4, p)


def test_a_candidate_links_only_when_it_outranks_new_by_the_margin():
    prep = _prep()
    proba = np.array([0.2, 0.7, 0.1, 0.35, 0.3])
    link = MentionRanker(_Booster()).link_scores(prep, proba)
    ents = decode(prep, link, 0.5)
    assert ents[2] == 1  # 0.7 beats "new" (0.4)
    assert ents[3] != 0 and ents[3] != 1  # 0.35 does not: a new entity
    strict = MentionRanker(_Booster(), margin=0.5).link_scores(prep, proba)
    assert decode(prep, strict, 0.5)[2] != 1  # 0.7 - 0.4 is under the margin


def test_only_each_anaphors_best_pairs_are_scored_when_linking():
    n = RUN_TOP + 3
    a, c = np.full(n, n), np.arange(n)
    X = np.zeros((n, len(FEATURES)), np.float32)
    prep = Prepared([None] * (n + 1), np.array([0] * n + [-1]), a, c, X)
    proba = np.linspace(0.9, 0.45, n)
    gaps = MentionRanker(_Booster()).gaps(prep, proba)
    assert np.isfinite(gaps[:RUN_TOP]).all() and np.isneginf(gaps[RUN_TOP:]).all()
