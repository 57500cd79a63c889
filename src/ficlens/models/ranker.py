"""Gradient-boosted trees that rank the candidate speakers of each quotation against each other.

A quotation has one speaker among its candidates, so the model is trained as a ranker
(LightGBM's LambdaRank, one query group per quotation) rather than as a yes/no
classifier of each (quotation, candidate) row on its own: what it learns is which
candidate beats the others. Scores are returned as ``exp(score)``, so normalising them
over a quotation's candidates (as :func:`ficlens.dialogue.attribute._normalise` does)
gives a softmax. With ``members`` > 1 the ranker is a bagged ensemble: each member is fitted on its own
random share of the rows and features (``sample``) and their raw scores are averaged, which steadies what a
retrain on slightly different features gives.
"""

from __future__ import annotations

import numpy as np

SEED = 13
DEFAULTS = dict(rounds=300, learning_rate=0.05, leaves=31, min_leaf=40, l2=1.0, members=1, sample=0.8)
MAX_SCORE = 30.0  # exp() stays finite


class CandidateRanker:
    """LambdaRank trees over candidate rows; ``proba(X)`` gives a positive weight per row."""

    def __init__(self, **params) -> None:
        self.params = {**DEFAULTS, **params}
        self.booster = None
        self.extra: list = []  # further members of a bagged ensemble (their scores are averaged)

    def fit(self, X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> "CandidateRanker":
        """Fit on rows ``X`` with labels ``y`` (1 = the speaker), ``groups`` = rows per quotation, in order."""
        import lightgbm as lgb

        p = self.params
        config = dict(objective="lambdarank", learning_rate=p["learning_rate"], num_leaves=p["leaves"],
                      min_data_in_leaf=p["min_leaf"], lambda_l2=p["l2"], lambdarank_truncation_level=3,
                      eval_at=[1], num_threads=1, seed=SEED, deterministic=True, verbose=-1)
        if p["members"] > 1:  # each member sees a random share of the quotations and of the features
            config.update(bagging_fraction=p["sample"], bagging_freq=1, feature_fraction=p["sample"])
        boosters = []
        for m in range(p["members"]):
            config.update(seed=SEED + m)
            boosters.append(lgb.train(config, lgb.Dataset(X, y, group=groups), num_boost_round=p["rounds"]))
        self.booster, self.extra = boosters[0], boosters[1:]
        return self

    def proba(self, X: np.ndarray, threads: int = 1) -> np.ndarray:
        """exp(score) per row: normalised over a quotation's candidates, a softmax."""
        X = np.asarray(X, np.float64)
        members = [self.booster, *getattr(self, "extra", [])]
        raw = sum(b.predict(X, num_threads=threads) for b in members) / len(members)
        return np.exp(np.clip(raw, -MAX_SCORE, MAX_SCORE))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Two columns like a classifier's, the second :meth:`proba` (not bounded by 1)."""
        s = self.proba(X)
        return np.c_[np.zeros_like(s), s]


def groups_of(units: np.ndarray) -> np.ndarray:
    """Rows per quotation of a table sorted by quotation (``units`` = each row's quotation index)."""
    if len(units) == 0:
        return np.zeros(0, np.int64)
    bounds = np.flatnonzero(np.diff(units)) + 1
    return np.diff(np.concatenate([[0], bounds, [len(units)]]))
