"""How much a quotation sounds like each candidate: the words of the lines already given to them.

Characters have habits of speech ("papa", "my dear", "I dare say", a dialect's spellings). A quotation is a
TF-IDF vector over the words of the work's quotations; a character's profile is a weighted sum of the
quotations given to them, and a candidate's feature is the cosine between the quotation and that profile with
the quotation's own share taken out. Two profiles:

- tagged: the quotations a speech tag names the character for ('"...," said Mrs. Bennet'), for pass 1;
- believed: every quotation weighted by the model's pass-1 belief that the character speaks it, for pass 2
  (so characters seldom named by a tag get a voice too).

Profiles come from the work itself, so nothing is known about a character before the text shows them speak.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ficlens.dialogue.context import QuoteUnit
from ficlens.dialogue.unit_rows import max_of_others

IDIOLECT_FEATURES = ["idiolect_sim", "idiolect_margin", "idiolect_quotes"]
BELIEVED_IDIOLECT_FEATURES = ["p_idiolect_sim", "p_idiolect_margin"]


def unit_texts(text: str, units: Sequence[QuoteUnit]) -> list[str]:
    """The quoted words of each unit."""
    return [" ".join(text[s.start:s.end] for s in u.segments) for u in units]


def quote_vectors(text: str, units: Sequence[QuoteUnit]):
    """Unit-length TF-IDF rows, one per unit (a scipy CSR matrix), or None when no word is used twice."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    if not units:
        return None
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, lowercase=True, token_pattern=r"(?u)\b\w+\b",
                                 dtype=np.float32)
    try:
        return normalize(vectorizer.fit_transform(unit_texts(text, units))).tocsr()
    except ValueError:
        return None


def tagged_owner(units: Sequence[QuoteUnit]) -> np.ndarray:
    """Per unit: the one character a speech tag names ('said Lucy'), else -1."""
    out = np.full(len(units), -1, dtype=np.int64)
    for i, u in enumerate(units):
        t = u.tag
        if t.kind == "name" and t.verb and len(t.chars) == 1:
            out[i] = t.chars[0]
    return out


def _profile_similarity(vectors, unit: np.ndarray, cand: np.ndarray, weight: np.ndarray,
                        n_units: int) -> np.ndarray:
    """Per row (unit u, candidate c): cosine of u's vector with c's profile sum_i weight(i, c) * v_i, u's own
    term left out. ``weight`` is given per row; candidates are the distinct values of ``cand``."""
    from scipy import sparse

    chars, col = np.unique(cand, return_inverse=True)
    member = sparse.csr_matrix((weight.astype(np.float32), (unit, col)), shape=(n_units, len(chars)))
    profiles = (member.T @ vectors).tocsr()
    dots_all = (vectors @ profiles.T).toarray()
    sq_norms = np.asarray(profiles.multiply(profiles).sum(axis=1)).ravel()
    u = unit.astype(np.int64)
    own_dot = dots_all[u, col]
    w = weight.astype(np.float32)
    dots = own_dot - w  # v_u . v_u = 1
    norm2 = sq_norms[col] - 2 * w * own_dot + w * w
    sim = np.zeros(len(unit), dtype=np.float32)
    ok = norm2 > 1e-6
    sim[ok] = dots[ok] / np.sqrt(norm2[ok])
    return sim


def idiolect_features(vectors, units: Sequence[QuoteUnit], unit: np.ndarray, cand: np.ndarray) -> np.ndarray:
    """Rows (unit, candidate) -> [cosine to the candidate's tagged profile, margin over the best other
    candidate, log(1 + tagged quotations other than this one)]; zeros where there is no such quotation."""
    out = np.zeros((len(unit), len(IDIOLECT_FEATURES)), dtype=np.float32)
    owner = tagged_owner(units)
    if vectors is None or len(unit) == 0 or not (owner >= 0).any():
        return out
    said = (owner[unit] == cand).astype(np.float32)  # the rows that put a tagged quotation in a profile
    sim = _profile_similarity(vectors, unit, cand, said, len(units))
    counts = dict(zip(*np.unique(owner[owner >= 0], return_counts=True)))
    n = np.array([counts.get(int(c), 0) for c in cand], dtype=np.float32) - said
    sim[n <= 0] = 0.0
    out[:, 0] = sim
    out[:, 1] = sim - max_of_others(sim, unit)
    out[:, 2] = np.log1p(np.maximum(n, 0))
    return out


def believed_idiolect(vectors, unit: np.ndarray, cand: np.ndarray, beliefs: np.ndarray,
                      n_units: int) -> np.ndarray:
    """Rows -> [cosine to the candidate's belief-weighted profile, margin over the best other candidate]."""
    out = np.zeros((len(unit), len(BELIEVED_IDIOLECT_FEATURES)), dtype=np.float32)
    if vectors is None or len(unit) == 0:
        return out
    sim = _profile_similarity(vectors, unit, cand, beliefs, n_units)
    out[:, 0] = sim
    out[:, 1] = sim - max_of_others(sim, unit)
    return out
