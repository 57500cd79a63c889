"""The candidate ranker: quotation groups, and a ranking learnt from which candidate beats the others."""

from __future__ import annotations

import pickle

import numpy as np

from ficlens.fast_trees import fast_proba
from ficlens.models.ranker import CandidateRanker, groups_of


def _groups(seed: int, groups: int = 300, features: int = 3):
    """Quotation groups of 2-5 rows; the speaker has the highest first feature of its group, whatever the level."""
    rng = np.random.default_rng(seed)
    units, X, y = [], [], []
    for u in range(groups):
        k = int(rng.integers(2, 6))
        level = rng.normal(0, 5)
        x = np.c_[level + rng.normal(0, 1, k), *(rng.normal(0, 1, k) for _ in range(features - 1))]
        units += [u] * k
        X.append(x)
        y.append((x[:, 0] == x[:, 0].max()).astype(int))
    return np.vstack(X), np.concatenate(y), np.array(units)


def test_groups_are_runs_of_one_quotation():
    assert groups_of(np.array([0, 0, 0, 1, 2, 2])).tolist() == [3, 1, 2]
    assert groups_of(np.array([], dtype=np.int64)).tolist() == []


def test_ranker_learns_the_best_of_each_group_and_survives_pickling():
    X, y, units = _groups(0, 400, 2)
    model = CandidateRanker(rounds=60, min_leaf=5).fit(X, y, groups_of(units))
    again = pickle.loads(pickle.dumps(model))
    s = fast_proba(again, X, 1)
    assert np.all(s > 0)
    right = [y[units == u][np.argmax(s[units == u])] == 1 for u in range(400)]
    assert np.mean(right) > 0.9
    assert np.allclose(model.predict_proba(X)[:, 1], s)


def test_a_bagged_ensemble_averages_its_members_scores():
    X, y, units = _groups(1)
    model = CandidateRanker(rounds=40, min_leaf=5, members=3).fit(X, y, groups_of(units))
    assert len(model.extra) == 2
    raw = [b.predict(X) for b in (model.booster, *model.extra)]
    assert not np.allclose(raw[0], raw[1])  # each member saw its own sample of rows and features
    assert np.allclose(np.log(model.proba(X)), np.mean(raw, axis=0))
    right = [y[units == u][np.argmax(model.proba(X)[units == u])] == 1 for u in range(300)]
    assert np.mean(right) > 0.9


def test_a_model_pickled_before_ensembles_still_scores():
    X, y, units = _groups(2)
    model = CandidateRanker(rounds=20, min_leaf=5).fit(X, y, groups_of(units))
    del model.extra  # as a ranker pickled by an older ficlens
    assert np.allclose(np.log(model.proba(X)), model.booster.predict(X))
