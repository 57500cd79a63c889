"""Session 20: gender along a chain of links, a middle name, a predicate noun's gender (invented texts)."""

from __future__ import annotations

import numpy as np

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.coref import PSEUDO, Slot
from ficlens.stages.coref_rank import FEATURES, Prepared, decode


def _prep(fixed: list[int], kind: list[int], gender: list[int], pairs: list[tuple[int, int]]) -> Prepared:
    slots = [Slot(i, i, i + 1, "name" if f >= 0 else "pronoun") for i, f in enumerate(fixed)]
    prep = Prepared(slots, np.array(fixed, np.int64), np.array([p[0] for p in pairs], np.int64),
                    np.array([p[1] for p in pairs], np.int64), np.zeros((len(pairs), len(FEATURES)), np.float32))
    prep.mention = {"kind": np.array(kind, np.int8), "gender": np.array(gender, np.int8)}
    return prep


def test_a_she_does_not_reach_a_man_through_a_genderless_i():
    # 0: a man's name (character 7), 1: a woman's name (character 4), 2: a quoted "I" the linking gave to the
    # man, 3: "she" whose best link is that "I", 4: "he" linked to the "I" too, 5: "she" linked to 3
    prep = _prep([7, 4, -1, -1, -1, -1], [0, 0, 1, 1, 1, 1], [1, 2, 0, 2, 1, 2],
                 [(2, 0), (3, 2), (3, 1), (4, 2), (5, 3)])
    ents = decode(prep, np.array([0.9, 0.9, 0.6, 0.9, 0.9]), threshold=0.5)
    assert ents[2] == 7 and ents[4] == 7  # the "I" and the "he" stay with the man
    assert ents[3] == 4 and ents[5] == 4  # the "she" takes its next candidate, the woman; what followed it too
    # with no candidate of her gender left, she starts an entity of her own
    ents = decode(prep, np.array([0.9, 0.9, 0.3, 0.9, 0.9]), threshold=0.5)
    assert ents[3] == PSEUDO + 3 and ents[5] == PSEUDO + 3


def test_a_he_linked_to_another_he_follows_it():
    # 0: a woman's name (character 2); 1: "he" wrongly linked to a genderless "you" (2) of hers; 3: "he" -> 1:
    # only the first link leaves the pronouns' gender, so it is the one cut, and 3 stays with 1
    prep = _prep([2, -1, -1, -1], [0, 1, 1, 1], [2, 1, 0, 1], [(2, 0), (1, 0), (3, 1)])
    prep.anaphor, prep.cand = np.array([1, 2, 3]), np.array([2, 0, 1])
    ents = decode(prep, np.array([0.9, 0.9, 0.9]), threshold=0.5)
    assert ents[2] == 2
    assert ents[1] == PSEUDO + 1 and ents[3] == PSEUDO + 1


def _characters(text: str):
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    return work.characters


def test_a_bare_word_that_is_only_a_middle_name_is_someone_else():
    chars = _characters("Beatrice Amory Blaine was proud of her house. Her son was called Amory. Amory ran to the "
                        "door and Amory laughed. Beatrice Amory Blaine watched him from the stairs.")
    amory = [c for c in chars if "Amory" in c.aliases]
    assert amory and all("Beatrice Amory Blaine" not in c.aliases for c in amory)


def test_a_predicate_noun_gives_an_unlisted_name_its_gender():
    text = ("Quindle came in from the rain and sat down. Quindle was a tall, quiet woman from the hills. "
            "The fire was low. Quindle looked at the door.")
    assert [c.gender for c in _characters(text) if c.name == "Quindle"] == ["F"]
    text = text.replace("a tall, quiet woman", "a tall, quiet man")
    assert [c.gender for c in _characters(text) if c.name == "Quindle"] == ["M"]
