"""Static word vectors (word_vectors) and the finder's person-ness from them (coref_finder)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ficlens.stages.coref_finder import NounStats, fit_person_vectors, person_scores
from ficlens.stages.word_vectors import TABLE, WordVectors, _parts, word_vectors, wordpiece


def _tiny_table(tmp_path) -> WordVectors:
    """A table of two words and four pieces (two dims)."""
    path = tmp_path / "wv.npz"
    np.savez_compressed(path, words=np.array("cat\ndog"), vectors=np.array([[1, 0], [0, 1]], np.float16),
                        pieces=np.array("[UNK]\nmug\n##gle\n##s"),
                        piece_vectors=np.array([[0, 0], [2, 0], [0, 2], [1, 1]], np.float16))
    return WordVectors(path)


def test_wordpiece_greedy_longest_match_and_parts():
    index = {"mug": 0, "##gle": 1, "##s": 2, "mu": 3}
    assert wordpiece("muggles", index) == [0, 1, 2]
    assert wordpiece("xyz", index) == []
    assert _parts("Copy-nin") == ["Copy", "nin"] and _parts("café") == ["cafe"] and _parts("--") == []


def test_lookup_table_words_then_pieces_then_zeros(tmp_path):
    wv = _tiny_table(tmp_path)
    vec, known = wv.lookup("Dog")
    assert known and vec.tolist() == [0, 1]
    vec, known = wv.lookup("muggle")  # not in the table: mean of its pieces
    assert not known and vec.tolist() == [1, 1]
    vec, known = wv.lookup("zzz")
    assert not known and vec.tolist() == [0, 0]
    vecs, flags = wv.matrix(["cat", "muggles", "zzz"])
    assert vecs.shape == (3, 2) and flags.tolist() == [True, False, False]


def test_shipped_table_is_small_and_knows_common_words():
    assert TABLE.stat().st_size < 6_000_000
    wv = word_vectors()
    assert wv.lookup("shepherd")[1] and 16 <= wv.dims <= 64
    assert np.abs(wv.lookup("zxqvbnmk")[0]).sum() > 0  # an invented word still gets a vector from its pieces


def test_person_vectors_generalise_to_unseen_person_nouns():
    people = ["farmer", "soldier", "priest", "sailor", "doctor", "widow", "merchant", "servant", "baker", "nurse",
              "butler", "tailor", "lawyer", "beggar", "prince", "maid"]
    things = ["table", "river", "window", "stone", "chair", "cloud", "bread", "letter", "road", "door", "candle",
              "basket", "field", "wall", "cup", "tree"]
    stats = NounStats(Counter({w: 8 for w in people}), Counter({w: 10 for w in people + things}))
    weights = fit_person_vectors(stats)
    assert weights.shape == (word_vectors().dims + 1,)
    unseen_people, unseen_things = person_scores(["blacksmith", "shepherd", "carpenter"], weights), \
        person_scores(["kettle", "meadow", "lantern"], weights)
    assert unseen_people.min() > unseen_things.max()
    assert person_scores(["blacksmith"], None).tolist() == [0]
