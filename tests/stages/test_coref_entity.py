"""The entity-level second stage of the coreference ranker: groups, their features and the link scores."""

from __future__ import annotations

import numpy as np
import pytest

from ficlens.stages.coref import Slot
from ficlens.stages.coref_entity import ENTITY_FEATURES, entity_groups, entity_scores
from ficlens.stages.coref_rank import FEATURES, Prepared, decode

KINDS = {"name": 0, "pronoun": 1, "nominal": 2}


def _prep(kinds: list[str], fixed: list[int], gender: list[int], pairs: list[tuple[int, int]]) -> Prepared:
    n = len(kinds)
    slots = [Slot(i, i, i + 1, k) for i, k in enumerate(kinds)]
    a = np.array([p[0] for p in pairs], np.int64)
    c = np.array([p[1] for p in pairs], np.int64)
    mention = {"kind": np.array([KINDS[k] for k in kinds], np.int8), "gender": np.array(gender, np.int8),
               "plural": np.zeros(n, np.int8), "tok": np.arange(n, dtype=np.int64) * 10,
               "subject": np.ones(n, np.int8)}
    return Prepared(slots, np.array(fixed, np.int64), a, c, np.zeros((len(pairs), len(FEATURES)), np.float32),
                    mention, {f: fixed.count(f) for f in fixed if f >= 0})


def test_groups_aggregate_pairs_by_entity():
    # Tom (0) and Mary (1) are named; 'he' (2) links to Tom; 'she' (3) sees Tom twice (0 and via 2) and Mary once
    prep = _prep(["name", "name", "pronoun", "pronoun"], [0, 1, -1, -1], [1, 2, 1, 2],
                 [(2, 0), (2, 1), (3, 0), (3, 1), (3, 2)])
    proba = np.array([0.9, 0.1, 0.3, 0.6, 0.2])
    ents = decode(prep, proba, 0.5)
    assert list(ents) == [0, 1, 0, 1]
    ga, best, F = entity_groups(prep, proba, ents)
    f = {name: k for k, name in enumerate(ENTITY_FEATURES)}
    groups = {(int(a), int(prep.cand[b])): F[k] for k, (a, b) in enumerate(zip(ga, best))}
    assert set(groups) == {(2, 0), (2, 1), (3, 0), (3, 1)}  # 3's two Tom pairs form one group led by mention 0
    tom, mary = groups[(3, 0)], groups[(3, 1)]
    assert tom[f["n_in_window"]] == 2 and np.isclose(tom[f["p_sum"]], 0.5) and np.isclose(tom[f["p_max"]], 0.3)
    assert mary[f["rank_p"]] == 0 and tom[f["rank_p"]] == 1
    assert np.isclose(mary[f["margin"]], 0.3) and np.isclose(tom[f["margin"]], -0.3)
    assert mary[f["first_choice"]] == 1 and tom[f["first_choice"]] == 0
    assert mary[f["e_named"]] == 1
    # Tom's entity holds a 'he' (mention 2): it clashes with 'she', Mary's does not
    assert tom[f["e_gender_clash"]] == 1 and mary[f["e_gender_clash"]] == 0
    assert tom[f["e_pron_m"]] > 0 and mary[f["e_gender_agree"]] == 1


def test_entity_scores_put_one_score_on_each_groups_best_pair():
    prep = _prep(["name", "name", "pronoun", "pronoun"], [0, 1, -1, -1], [1, 2, 1, 2],
                 [(2, 0), (2, 1), (3, 0), (3, 1), (3, 2)])
    proba = np.array([0.9, 0.1, 0.3, 0.6, 0.2])

    class Half:
        def predict_proba(self, X):
            return np.tile([0.5, 0.5], (len(X), 1))

    scores = entity_scores(Half(), prep, proba, decode(prep, proba, 0.5))
    assert list(scores) == [0.5, 0.5, 0.5, 0.5, 0.0]  # pair (3, 2) is not the best of Tom's group


@pytest.mark.slow
def test_second_stage_trains_by_cross_fitting_and_scores_groups(litbank_dir):
    from ficlens.models.coref_train import doc_data, score_docs, train_model

    files = sorted((litbank_dir / "coref" / "conll").glob("*.conll"))[:4]
    docs = [doc_data(f) for f in files]
    model = train_model(docs[:3], entity=True, max_iter=20)
    assert model.entity_clf is not None and 0.0 < model.entity_threshold < 1.0
    scores, threshold = model.link_scores(docs[3].prep)
    assert threshold == model.entity_threshold and scores.shape == docs[3].prep.anaphor.shape
    # one scored pair per (anaphor, first-decoding entity) group, and a left-out document still decodes sensibly
    prep = docs[3].prep
    first = decode(prep, model.proba(prep.X), model.threshold)
    scored = np.flatnonzero(scores > 0)
    groups = set(zip(prep.anaphor[scored].tolist(), first[prep.cand[scored]].tolist()))
    assert len(groups) == len(scored) > 0
    assert score_docs(docs[3:], [scores], threshold)["muc"] > 30
    plain = train_model(docs[:3], max_iter=20)
    assert plain.entity_clf is None  # pair-only by default, as shipped, with the merge and filter chosen on them
    from ficlens.models.coref_train import DROP_THRESHOLDS, MERGE_THRESHOLDS

    assert plain.merge_threshold in MERGE_THRESHOLDS and plain.mention_threshold in DROP_THRESHOLDS
    ents = plain.entities(docs[3].prep, docs[3].state[0])[0]
    assert ents.shape == (len(docs[3].prep.slots),) and (ents >= 0).sum() > len(ents) // 2
