"""What kind of thing a noun names, from WordNet: person, animal, plant, group, artifact, place ('the pedlar' is a
person, 'a colt' an animal, 'the crowd' a group).

The table (``src/ficlens/models/noun_senses.json.gz``, built by ``scripts/build_noun_senses.py`` from WordNet 3.0,
Princeton University, WordNet 3.0 license: see its ``notice``) gives each one-word noun lemma one letter per sense,
most frequent sense first: ``p`` person, ``a`` animal, ``l`` plant, ``g`` group, ``t`` artifact, ``c`` location,
``o`` anything else. :func:`sense_rows` turns a noun into features: the rank-weighted share of its senses of each
kind and the kind of its first sense.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = Path(__file__).resolve().parents[1] / "models" / "noun_senses.json.gz"
KINDS = "palgtco"  # person, animal, plant, group, artifact, location, other
UNKNOWN = len(KINDS)  # first-sense code of a noun WordNet does not list
SENSE_FEATURES = ["wn_person", "wn_living", "wn_group", "wn_first"]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    with gzip.open(TABLE, "rt", encoding="utf-8") as fh:
        return json.load(fh)["nouns"]


def senses(word: str, lemma: str = "") -> str:
    """Sense letters of a noun (its lemma, the word itself, else the last part of a hyphenated compound: 'town-beadle'
    -> 'beadle'); '' when WordNet lists none of them."""
    table = _table()
    for cand in (lemma.lower(), word.lower()):
        if cand in table:
            return table[cand]
    for cand in (lemma.lower(), word.lower()):
        if "-" in cand.strip("-") and cand.rsplit("-", 1)[-1] in table:
            return table[cand.rsplit("-", 1)[-1]]
    return ""


def thing_noun(*forms: str) -> bool:
    """Whether WordNet lists a noun under one of its ``forms`` (a plural and its singular) and none of their senses
    is a person or a group of people ('Prairies', 'Tombs'; not 'Romans', nor a family name WordNet does not list)."""
    letters = "".join(senses(f) for f in forms)
    return bool(letters) and "p" not in letters and "g" not in letters


def sense_row(letters: str) -> list[float]:
    """SENSE_FEATURES of one noun's sense letters: rank-weighted shares (sense r weighs 1 / (r + 1)) of person,
    animal-or-plant and group senses, and the first sense's kind (index in KINDS; UNKNOWN without senses)."""
    if not letters:
        return [0.0, 0.0, 0.0, float(UNKNOWN)]
    weights = [1 / (r + 1) for r in range(len(letters))]
    total = sum(weights)

    def share(kinds: str) -> float:
        return sum(w for w, c in zip(weights, letters) if c in kinds) / total

    return [share("p"), share("al"), share("g"), float(KINDS.index(letters[0]))]


def sense_rows(words: list[str], lemmas: list[str]) -> np.ndarray:
    """One SENSE_FEATURES row per noun (``words`` with their ``lemmas``)."""
    return np.array([sense_row(senses(w, lm)) for w, lm in zip(words, lemmas)], np.float32).reshape(
        len(words), len(SENSE_FEATURES))
