"""Mention-ranking linker: each anaphor's candidates and a "new entity" option ranked jointly.

The pair model (:mod:`ficlens.stages.coref_rank`) scores every (anaphor, candidate) pair on its own and links
the best one above a global threshold. The ranker sees one query per anaphor: its candidate pairs (the pair
features, the pair probability, its gap to the anaphor's best and the candidate's rank by it) and one dummy
row for "starts a new entity" (the anaphor's own features, the pair features missing). Trained with a
listwise objective (LightGBM ``rank_xendcg``) so that a gold antecedent outranks every wrong candidate and
"new" wins when no gold antecedent is in reach, it learns relative evidence and anaphoricity together.
Decoding links an anaphor to its top candidate when that candidate outscores "new" by the model's margin.
Its output is a link score per pair, ``sigmoid(candidate - new - margin)``, so :func:`coref_rank.decode`
links at 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ficlens.parallel import predict_threads
from ficlens.stages.coref_rank import FEATURES, Prepared

EXTRA = ["is_new", "pair_p", "pair_gap", "pair_rank", "anaphor_best", "n_cands"]
RANK_FEATURES = FEATURES + EXTRA
TOP = 1000  # candidates per anaphor the ranker trains on (the best by pair probability)
# ... and scores when linking: the ranker's pick was beyond the pair model's 4 best too rarely to matter
# (eval coref 67.65 with 3, 67.68 with 4, 67.69 with 6 or all) and scoring all costs 3x more (0.8 s on a novel)
RUN_TOP = 4
M_FEATURES = [k for k, f in enumerate(FEATURES) if f.startswith("m_")]  # kept on the "new" row


def groups(anaphor: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Anaphors in pair order, start of each one's pairs and their count (pairs are sorted by anaphor)."""
    if not len(anaphor):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    first = np.ones(len(anaphor), bool)
    first[1:] = anaphor[1:] != anaphor[:-1]
    starts = np.flatnonzero(first)
    return anaphor[starts], starts, np.diff(np.append(starts, len(anaphor)))


def rank_rows(prep: Prepared, proba: np.ndarray, top: int = TOP) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                         np.ndarray]:
    """Ranker rows of one document: each anaphor's ``top`` pairs by pair probability (in pair order), then one
    "new" row per anaphor with pairs.

    Returns (rows, query of each row: index into the anaphors of :func:`groups`, the anaphors, the pair index
    of each pair row)."""
    ana, starts, counts = groups(prep.anaphor)
    q = np.repeat(np.arange(len(ana)), counts)
    best = np.maximum.reduceat(proba, starts) if len(starts) else np.zeros(0)
    order = np.lexsort((-proba, q))
    rank = np.empty(len(proba))
    rank[order] = np.arange(len(proba)) - np.repeat(starts, counts)
    idx = np.flatnonzero(rank < top)
    q = q[idx]
    pairs = np.concatenate([prep.X[idx], np.zeros((len(idx), len(EXTRA)), np.float32)], axis=1)
    e = {f: len(FEATURES) + k for k, f in enumerate(EXTRA)}
    pairs[:, e["pair_p"]] = proba[idx]
    pairs[:, e["pair_gap"]] = best[q] - proba[idx]
    pairs[:, e["pair_rank"]] = rank[idx]
    pairs[:, e["anaphor_best"]] = best[q]
    pairs[:, e["n_cands"]] = counts[q]
    new = np.full((len(ana), len(RANK_FEATURES)), np.nan, np.float32)
    new[:, M_FEATURES] = prep.X[starts][:, M_FEATURES]
    new[:, e["is_new"]] = 1
    new[:, e["anaphor_best"]] = best
    new[:, e["n_cands"]] = counts
    return np.concatenate([pairs, new]), np.concatenate([q, np.arange(len(ana))]), ana, idx


def rank_labels(pair_labels: np.ndarray, idx: np.ndarray, query: np.ndarray, n_ana: int) -> np.ndarray:
    """Relevance of the rows of :func:`rank_rows` (pair rows ``idx``): gold antecedents 1, "new" 1 when the
    anaphor has none among the candidates shown."""
    shown = pair_labels[idx].astype(bool)
    has = np.zeros(n_ana, bool)
    np.logical_or.at(has, query[:len(idx)], shown)
    return np.concatenate([shown, ~has]).astype(np.int8)


@dataclass
class MentionRanker:
    """A fitted ranker (LightGBM booster) and the margin a candidate must beat "new" by."""

    booster: object
    margin: float = 0.0
    top: int = TOP

    def link_scores(self, prep: Prepared, proba: np.ndarray) -> np.ndarray:
        """Per pair ``sigmoid(candidate score - new score - margin)`` (0.5: the decoding's threshold)."""
        return 1.0 / (1.0 + np.exp(self.margin - self.gaps(prep, proba)))

    def gaps(self, prep: Prepared, proba: np.ndarray) -> np.ndarray:
        """Per pair the candidate's score minus its anaphor's "new" score (-inf past the anaphor's ``RUN_TOP``
        best pairs)."""
        out = np.full(len(proba), -np.inf)
        if not len(proba):
            return out
        rows, q, _, idx = rank_rows(prep, proba, min(self.top, RUN_TOP))
        s = self.booster.predict(rows, num_threads=predict_threads(len(rows)))
        out[idx] = s[:len(idx)] - s[len(idx):][q[:len(idx)]]
        return out
