"""Entity-level second stage of the coreference ranker: re-score each anaphor's candidate ENTITIES.

The pair ranker (:mod:`ficlens.stages.coref_rank`) scores (anaphor, mention)
pairs one by one. Its best-first decoding gives every mention an entity; this
stage groups each anaphor's candidate pairs by those entities and describes
every (anaphor, entity) group by what one pair cannot see: the best, summed and
mean pair probability of the entity's mentions in the window, its margin over
the other entities, its rank by probability and by recency, whether it is a
named character (and how often named), its size, how its resolved pronouns
agree with the anaphor in gender and number, how far back its last mention and
its last subject mention are, and whether the first decoding chose it. A
second classifier scores the groups; the anaphor links to the best pair of its
best group if that clears the threshold, otherwise it starts a new entity.
Everything is vectorised over pairs (no per-anaphor Python loop).
"""

from __future__ import annotations

import numpy as np

from ficlens.stages.coref import PSEUDO
from ficlens.stages.coref_rank import FEATURES, Prepared, predict_chunked

_F = {name: k for k, name in enumerate(FEATURES)}
PAIR_KEEP = [
    "m_kind", "m_person", "m_gender", "m_plural", "m_inq", "m_subject", "m_poss", "m_refl", "m_det", "m_word",
    "c_kind", "c_gender", "c_inq", "c_subject", "gender_agree", "tok_dist", "sent_dist", "para_dist",
    "ment_dist", "forward", "same_quote", "qdiff", "c_tags_mq", "c_tags_prevq", "head_match", "surface_match",
    "c_is_named", "c_is_narrator", "between_same_gender", "same_sent", "c_vocative", "rule_same", "rule_m_char",
    "rule_c_is_m_char", "m_quote_tagged",
]
ENTITY_FEATURES = ["p_max", "p_sum", "p_mean", "n_in_window", "margin", "rank_p", "rank_recent", "n_groups",
                   "p_share", "first_choice", "e_named", "e_name_count", "e_size", "e_before", "e_pron_m",
                   "e_pron_f", "e_pron_pl", "e_gender_agree", "e_gender_clash", "e_plural_clash",
                   "last_tok_dist", "last_subj_dist", "last_name_dist", "e_narrator", "e_nominals",
                   "e_head_match"] + ["pair_" + n for n in PAIR_KEEP]
CATEGORICAL2 = [ENTITY_FEATURES.index("pair_m_word")]


def _rank_within(anaphor: np.ndarray, value: np.ndarray) -> np.ndarray:
    """0 for the largest ``value`` of each anaphor, 1 for the next... (rows grouped by anaphor)."""
    order = np.lexsort((-value, anaphor))
    a = anaphor[order]
    start = np.r_[0, np.flatnonzero(a[1:] != a[:-1]) + 1]
    pos = np.arange(len(a)) - np.repeat(start, np.diff(np.r_[start, len(a)]))
    out = np.empty(len(a), np.int64)
    out[order] = pos
    return out


def entity_groups(prep: Prepared, proba: np.ndarray, ents: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(anaphor, best pair, features) per (anaphor, first-decoding entity) group.

    ``proba``: pair probabilities; ``ents``: entity per mention from :func:`coref_rank.decode`.
    """
    m = prep.mention
    genders, plural, tok, subject, kind = m["gender"], m["plural"], m["tok"], m["subject"], m["kind"]
    names, narrator = prep.names, prep.narrator
    a, c = prep.anaphor, prep.cand
    n = len(prep.slots)
    keep = ents[c] >= 0
    k_idx = np.flatnonzero(keep)
    a, c, p = a[keep], c[keep], proba[keep]
    if not len(a):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, len(ENTITY_FEATURES)), np.float32)
    # compact entity ids
    ent_ids, ent_c = np.unique(np.where(ents >= 0, ents, -1), return_inverse=True)
    ent_c = ent_c.reshape(-1)
    E = len(ent_ids)
    valid = ents >= 0
    # entity statistics over the whole document
    size = np.bincount(ent_c[valid], minlength=E)
    pron = valid & (kind == 1)
    pm = np.bincount(ent_c[pron & (genders == 1)], minlength=E)
    pf = np.bincount(ent_c[pron & (genders == 2)], minlength=E)
    ppl = np.bincount(ent_c[pron & (plural == 1)], minlength=E)
    nominals = np.bincount(ent_c[valid & (kind == 2)], minlength=E)
    # groups (anaphor, entity)
    e_of = ent_c[c]
    key = a * E + e_of
    uniq, g = np.unique(key, return_inverse=True)
    g = g.reshape(-1)
    G = len(uniq)
    ga = uniq // E
    ge = uniq % E
    p_max = np.full(G, -1.0)
    np.maximum.at(p_max, g, p)
    p_sum = np.bincount(g, weights=p, minlength=G)
    cnt = np.bincount(g, minlength=G)
    # best pair of each group
    order = np.lexsort((-p, g))
    first = np.r_[True, g[order][1:] != g[order][:-1]]
    best = np.empty(G, np.int64)
    best[g[order][first]] = order[first]
    best_k = k_idx[best]
    # most recent window mention of the entity before the anaphor
    back = np.where(c < a, c, -1)
    last = np.full(G, -1, np.int64)
    np.maximum.at(last, g, back)
    # margin over the best other group of the same anaphor
    rank_p = _rank_within(ga, p_max)
    top = np.zeros(n)
    np.maximum.at(top, ga, p_max)
    second = np.zeros(n)
    np.maximum.at(second, ga, np.where(rank_p == 1, p_max, 0.0))
    margin = np.where(rank_p == 0, p_max - second[ga], p_max - top[ga])
    rank_recent = _rank_within(ga, last.astype(float))
    n_groups = np.bincount(ga, minlength=n)[ga]
    tot = np.zeros(n)
    np.add.at(tot, ga, p_max)
    # mentions of the entity before the anaphor, its last (subject / name) mention anywhere before it
    vm = np.flatnonzero(valid)
    skey = ent_c[vm] * (n + 1) + vm
    sorder = np.argsort(skey, kind="stable")
    skey = skey[sorder]
    ent_start = np.searchsorted(skey, np.arange(E) * (n + 1))
    pos = np.searchsorted(skey, ge * (n + 1) + ga)
    e_before = pos - ent_start[ge]

    def last_before(mask: np.ndarray) -> np.ndarray:
        mm = np.flatnonzero(valid & mask)
        if not len(mm):
            return np.full(G, np.log1p(100000))
        k2 = ent_c[mm] * (n + 1) + mm
        o = np.argsort(k2, kind="stable")
        k2, m2 = k2[o], mm[o]
        q = np.searchsorted(k2, ge * (n + 1) + ga) - 1
        ok = (q >= 0) & (k2[np.maximum(q, 0)] // (n + 1) == ge)
        d = np.where(ok, tok[ga] - tok[m2[np.maximum(q, 0)]], 100000)
        return np.log1p(np.clip(d, 0, 100000))

    ent_val = ent_ids[ge]
    named = (ent_val >= 0) & (ent_val < PSEUDO)
    name_count = np.array([names.get(int(e), 0) for e in ent_ids], np.float32)[ge]
    mg = genders[ga]
    e_gender = np.where(pm > 2 * pf, 1, np.where(pf > 2 * pm, 2, 0))[ge]
    F = np.zeros((G, len(ENTITY_FEATURES)), np.float32)
    f = {name: k for k, name in enumerate(ENTITY_FEATURES)}
    F[:, f["p_max"]] = p_max
    F[:, f["p_sum"]] = p_sum
    F[:, f["p_mean"]] = p_sum / cnt
    F[:, f["n_in_window"]] = cnt
    F[:, f["margin"]] = margin
    F[:, f["rank_p"]] = np.minimum(rank_p, 10)
    F[:, f["rank_recent"]] = np.minimum(rank_recent, 10)
    F[:, f["n_groups"]] = n_groups
    F[:, f["p_share"]] = p_max / np.maximum(tot[ga], 1e-6)
    F[:, f["first_choice"]] = ent_c[ga] == ge
    F[:, f["e_named"]] = named
    F[:, f["e_name_count"]] = np.log1p(name_count)
    F[:, f["e_size"]] = np.log1p(size[ge])
    F[:, f["e_before"]] = np.log1p(e_before)
    F[:, f["e_pron_m"]] = np.log1p(pm[ge])
    F[:, f["e_pron_f"]] = np.log1p(pf[ge])
    F[:, f["e_pron_pl"]] = np.log1p(ppl[ge])
    F[:, f["e_gender_agree"]] = (mg > 0) & (mg < 3) & (e_gender == mg)
    F[:, f["e_gender_clash"]] = (mg > 0) & (mg < 3) & (e_gender > 0) & (e_gender != mg)
    F[:, f["e_plural_clash"]] = np.where(plural[ga] == 1, ppl[ge] == 0, ppl[ge] > (pm + pf)[ge])
    F[:, f["last_tok_dist"]] = last_before(np.ones(n, bool))
    F[:, f["last_subj_dist"]] = last_before(subject.astype(bool))
    F[:, f["last_name_dist"]] = last_before(kind == 0)
    F[:, f["e_narrator"]] = (narrator is not None) & (ent_val == (narrator if narrator is not None else -9))
    F[:, f["e_nominals"]] = np.log1p(nominals[ge])
    F[:, f["e_head_match"]] = 0.0
    X = prep.X[best_k]
    for j, name in enumerate(PAIR_KEEP):
        F[:, f["pair_" + name]] = X[:, _F[name]]
    # any window mention of the entity with the anaphor's head (descriptions)
    hm = np.zeros(G)
    np.maximum.at(hm, g, prep.X[k_idx, _F["head_match"]])
    F[:, f["e_head_match"]] = hm
    return ga, best_k, F


def entity_scores(clf, prep: Prepared, proba: np.ndarray, ents: np.ndarray) -> np.ndarray:
    """Per pair: the second stage's score of its (anaphor, entity) group if it is the group's best pair, else 0."""
    out = np.zeros(len(proba))
    _, best, F = entity_groups(prep, proba, ents)
    if len(best):
        out[best] = predict_chunked(clf, F)
    return out

