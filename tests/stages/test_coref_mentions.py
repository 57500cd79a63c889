"""Decoding after the pair ranker: fragments joining a character, repeated descriptions, the lone-description filter."""

from __future__ import annotations

import numpy as np
import pytest

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.coref import PSEUDO, Slot
from ficlens.stages.coref_mentions import (FEATURES, drop_lone, features, head_counts, head_stats, join_repeats,
                                           lone_descriptions)
from ficlens.stages.coref_rank import DROPPED, FEATURES as PAIR_FEATURES, Prepared, decode, merge_fragments

KINDS = {"name": 0, "pronoun": 1, "nominal": 2}


def _prep(slots: list[Slot], fixed: list[int], pairs: list[tuple[int, int]], tok: list[int] | None = None) -> Prepared:
    n = len(slots)
    a = np.array([p[0] for p in pairs], np.int64)
    c = np.array([p[1] for p in pairs], np.int64)
    mention = {"kind": np.array([KINDS[s.kind] for s in slots], np.int8), "gender": np.zeros(n, np.int8),
               "plural": np.zeros(n, np.int8), "tok": np.array(tok if tok else [s.tok for s in slots], np.int64),
               "subject": np.zeros(n, np.int8), "inq": np.zeros(n, np.int8)}
    return Prepared(slots, np.array(fixed, np.int64), a, c, np.zeros((len(pairs), len(PAIR_FEATURES)), np.float32),
                    mention)


def _slots(kinds: list[str]) -> list[Slot]:
    return [Slot(i, i, i + 1, k) for i, k in enumerate(kinds)]


def test_fragment_joins_the_character_of_its_best_pair_as_a_whole():
    # Tom (0) is named; 'he' (1) clears no link; 'him' (2) follows 'he'; 'his' (3) links nowhere near Tom
    prep = _prep(_slots(["name", "pronoun", "pronoun", "pronoun"]), [4, -1, -1, -1],
                 [(1, 0), (2, 0), (2, 1), (3, 1)])
    proba = np.array([0.3, 0.45, 0.8, 0.2])
    first = decode(prep, proba, 0.5)
    assert first[1] == first[2] == PSEUDO + 1 and first[3] == PSEUDO + 3
    ents = merge_fragments(prep, proba, first, 0.4)  # 'him' -> Tom at 0.45 takes 'he' along
    assert list(ents) == [4, 4, 4, PSEUDO + 3]
    assert list(merge_fragments(prep, proba, first, 0.5)) == list(first)  # no pair clears 0.5
    assert list(merge_fragments(prep, proba, first, 2.0)) == list(first)  # switched off
    # a definite description in the fragment ('the guard') stays an unnamed entity (it would become the
    # character's alias); a possessive or indefinite one ('his brother', 'a sailor') joins with the pronouns
    slots = _slots(["name", "nominal", "pronoun"])
    slots[1].the = True
    prep = _prep(slots, [4, -1, -1], [(1, 0), (2, 0), (2, 1)])
    first = decode(prep, np.array([0.3, 0.45, 0.8]), 0.5)
    assert list(merge_fragments(prep, np.array([0.3, 0.45, 0.8]), first, 0.4)) == [4, PSEUDO + 1, 4]
    slots[1].the = False
    assert list(merge_fragments(prep, np.array([0.3, 0.45, 0.8]), first, 0.4)) == [4, 4, 4]


def test_fragment_of_the_other_gender_or_plural_stays_apart():
    # Tom (0, a man's name) and 'she' (1) ... 'her' (2): a fragment the pair model puts near Tom stays apart
    prep = _prep(_slots(["name", "pronoun", "pronoun"]), [4, -1, -1], [(1, 0), (2, 0), (2, 1)])
    prep.mention["gender"][:] = [1, 2, 2]
    proba = np.array([0.3, 0.45, 0.8])
    first = decode(prep, proba, 0.5)
    assert list(merge_fragments(prep, proba, first, 0.4)) == list(first)
    prep.mention["gender"][:] = [1, 0, 0]  # 'they' ... 'them' (no gender, plural) stays apart too
    prep.mention["plural"][1:] = 1
    assert list(merge_fragments(prep, proba, first, 0.4)) == list(first)
    prep.mention["plural"][1:] = 0
    prep.mention["person"] = np.array([3, 1, 1])  # 'I' ... 'me' of quotations: whoever speaks, stays apart
    assert list(merge_fragments(prep, proba, first, 0.4)) == list(first)
    prep.mention["person"][:] = 3  # 'someone' ... 'one': joins Tom
    assert list(merge_fragments(prep, proba, first, 0.4)) == [4, 4, 4]


def _nominal_prep(text: str, phrases: list[str]) -> tuple[Prepared, list[int]]:
    """Descriptions at the given phrases (in order of occurrence), each its own entity."""
    slots, pos = [], 0
    for k, ph in enumerate(phrases):
        pos = text.index(ph, pos)
        slots.append(Slot(k, pos, pos + len(ph), "nominal", head=ph.split()[-1].lower()))
        pos += len(ph)
    return _prep(slots, [-1] * len(slots), []), [PSEUDO + i for i in range(len(slots))]


def test_repeated_definite_description_joins_its_earlier_use():
    text = "My aunt came. A man left. My aunt sat. A man came. The old sailor slept. the old sailor woke."
    prep, ents = _nominal_prep(text, ["My aunt", "A man", "My aunt", "A man", "The old sailor", "the old sailor"])
    out = join_repeats(prep, np.array(ents, np.int64), text)
    assert out[2] == out[0] == PSEUDO  # "my aunt" again: the same aunt
    assert out[3] != out[1]  # "a man" again is another man
    assert out[5] == out[4]  # case does not matter
    far = join_repeats(prep, np.array(ents, np.int64), text, max_tokens=1)
    assert far[2] != far[0]  # too far back (token indices 0 and 2)


def test_repeated_description_never_joins_a_named_character_or_a_linked_one():
    text = "My aunt came. My aunt sat. My aunt left."
    prep, _ = _nominal_prep(text, ["My aunt", "My aunt", "My aunt"])
    ents = np.array([3, PSEUDO + 1, PSEUDO + 1], np.int64)  # the first is character 3; 2 already linked to 1
    out = join_repeats(prep, ents, text)
    assert list(out) == list(ents)


class _ByHeadRatio:
    """Stands in for the filter: the probability of a person mention is the head's ratio."""

    def predict_proba(self, X):
        p = X[:, FEATURES.index("head_ratio")]
        return np.stack([1 - p, p], axis=1)


def test_filter_drops_only_lone_descriptions_whose_head_is_seldom_a_person():
    text = "The horse ran. The woman sat. The horse neighed. The doctor came and he smiled."
    work = work_from_text(text, title="t")
    run_stage(work, "tokens")
    prep, ents = _nominal_prep(text, ["The horse", "The woman", "The horse", "The doctor"])
    prep.slots.append(Slot(4, text.index("he smiled"), text.index("he smiled") + 2, "pronoun"))
    prep = _prep(prep.slots, [-1] * 5, [(4, 3)])
    proba = np.array([0.9])
    ents = decode(prep, proba, 0.5)  # 'he' -> 'The doctor': the doctor is no longer alone
    assert list(lone_descriptions(prep, proba, ents)) == [0, 1, 2]
    stats = {"horse": (50, 2), "woman": (50, 45), "doctor": (20, 2)}
    dropped = drop_lone(prep, proba, ents, _ByHeadRatio(), 0.3, stats, work.text)
    assert list(dropped) == [0, 2]
    # in training a document's own counts are left out of the head statistics
    own = head_counts(prep.slots, {(prep.slots[1].start, prep.slots[1].end)})
    assert own["woman", 0] == own["woman", 1] == 1 and own["horse", 0] == 2 and own["horse", 1] == 0
    X = features(work.text, prep, proba, np.array([1]), head_stats(own), own)
    assert X[0, FEATURES.index("head_seen")] == 0.0


def test_shipped_model_carries_its_chosen_merge_and_filter_thresholds():
    from ficlens.models.coref_train import DROP_THRESHOLDS, MERGE_THRESHOLDS
    from ficlens.stages.coref_rank import load_model

    model = load_model("full")
    if model is None:
        pytest.skip("no shipped coref weights")
    assert model.merge_threshold in MERGE_THRESHOLDS and model.mention_threshold in DROP_THRESHOLDS
    assert (model.mention_clf is None) == (model.mention_threshold == 0.0)
    assert sum(seen for seen, _ in model.mention_heads.values()) > 1000  # head counts of the training documents


def test_gold_mentions_are_never_filtered():
    from ficlens.stages.characters import CharacterStage
    from ficlens.stages.coref_gold import GivenMentions
    from ficlens.stages.coref_rank import RankResolver, load_model

    model = load_model("full")
    if model is None or model.mention_clf is None:
        pytest.skip("no shipped coref filter")
    text = ("The horse ran across the field. The dog barked at the horse. Tom laughed and he patted the dog.\n\n"
            "The horse stopped. Mary said that the dog was a good dog.")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("The horse", "The dog", "Tom", " he ")]
    spans[-1] = (spans[-1][0] + 1, spans[-1][1] - 1)
    kept = {}
    for given in (True, False):
        work = work_from_text(text, title="t")
        run_stage(work, "tokens")
        resolver = RankResolver(model, learned_nominals=False, filter_mentions=not given)
        CharacterStage(coref_model=GivenMentions(resolver, spans))(work)
        kept[given] = {(m.start, m.end) for m in work.mentions}
    assert kept[True] == set(spans)  # the gold-mention protocol keeps every given span
    assert kept[False] < kept[True]  # the filter would have taken the lone horse and dog for no person
