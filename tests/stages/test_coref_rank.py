"""The learned coreference ranker: decoding, mention spans, shipped folds and end-to-end resolution."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coref_helpers import tokens_work as _work
from ficlens.pipeline import run_stage
from ficlens.stages.coref import PSEUDO, Slot, find_nominals, paragraph_quotes
from ficlens.stages.coref_rank import FEATURES, MODEL_DIR, Prepared, decode, load_model, prepare


def _prep(fixed: list[int], pairs: list[tuple[int, int]]) -> Prepared:
    slots = [Slot(i, i, i + 1, "name" if f >= 0 else "pronoun") for i, f in enumerate(fixed)]
    a = np.array([p[0] for p in pairs], np.int64)
    c = np.array([p[1] for p in pairs], np.int64)
    return Prepared(slots, np.array(fixed, np.int64), a, c, np.zeros((len(pairs), len(FEATURES)), np.float32))


def test_decode_follows_best_links_and_starts_new_entities():
    # 0 is character 7, 1 is character 3; 2 links to 1, 3 links to 2 (so to 3), 4 links nowhere
    prep = _prep([7, 3, -1, -1, -1], [(2, 0), (2, 1), (3, 2), (3, 0), (4, 0), (4, 3)])
    proba = np.array([0.2, 0.9, 0.8, 0.3, 0.1, 0.2])
    ents = decode(prep, proba, threshold=0.5)
    assert list(ents[:4]) == [7, 3, 3, 3]
    assert ents[4] == PSEUDO + 4
    # with a higher threshold the weaker link breaks: 3 starts its own entity and nothing follows 2
    ents = decode(prep, proba, threshold=0.85)
    assert ents[2] == 3 and ents[3] == PSEUDO + 3


def test_decode_skipped_mentions_and_cycles():
    # 1 is inside a name (skipped); 2 and 3 link to each other (a cycle through the speech tag)
    prep = _prep([0, -2, -1, -1], [(2, 3), (3, 2), (2, 1)])
    ents = decode(prep, np.array([0.9, 0.9, 0.1]), threshold=0.5)
    assert ents[1] == -1
    assert ents[2] == ents[3] and ents[2] >= PSEUDO


def test_decode_keeps_distant_descriptions_off_named_characters():
    # 0 is character 5; 1 (a description) links to it from far back, 22 (a description) to 1 from far back
    # and 23 (a pronoun) to 22: the description far from the name starts an entity, and 23 follows it
    n = 24
    prep = _prep([5] + [-1] * (n - 1), [(1, 0), (22, 1), (23, 22), (21, 0)])
    prep.mention["kind"] = np.array([0, 2] + [1] * 20 + [2, 1], np.int8)
    ents = decode(prep, np.array([0.9, 0.9, 0.9, 0.9]), threshold=0.5)
    assert ents[1] == 5 and ents[21] == 5  # near links and a distant pronoun link to the name stay
    assert ents[22] == PSEUDO + 22 and ents[23] == PSEUDO + 22
    prep.fixed[0] = -1  # an unnamed entity may be reached from far back
    ents = decode(prep, np.array([0.9, 0.9, 0.9, 0.9]), threshold=0.5)
    assert ents[22] == ents[1] == ents[0] == PSEUDO


def test_decode_keeps_distant_descriptions_linked_straight_to_a_name():
    # 0 is character 5; 22 (a description, 'the captain') links to the name itself from far back: it stays
    # that character's, and 23 (a pronoun) follows it; a distant link to another description would not
    n = 24
    prep = _prep([5] + [-1] * (n - 1), [(22, 0), (23, 22)])
    prep.mention["kind"] = np.array([0] + [1] * 21 + [2, 1], np.int8)
    ents = decode(prep, np.array([0.9, 0.9]), threshold=0.5)
    assert ents[22] == 5 and ents[23] == 5


def test_descriptions_take_their_postmodifiers_and_indefinites_are_mentions():
    work = _work("She met the valet of any new made lord in the hall. Nobody saw a man who was there, and no one spoke.")
    spans = {work.text[s.start:s.end] for s in find_nominals(work, paragraph_quotes(work))}
    assert "the valet of any new made lord" in spans
    assert "a man who was there" in spans
    assert {"Nobody", "no one"} <= spans
    work = _work("The man with the basket left. A lady in black and somebody else stayed at the inn. "
                 "The Lord High Chancellor sat in his court. She saw the old sailor, who was asleep.")
    spans = {work.text[s.start:s.end] for s in find_nominals(work, paragraph_quotes(work))}
    assert {"The man with the basket", "A lady in black", "somebody else", "The Lord High Chancellor",
            "the old sailor, who was asleep"} <= spans


def test_description_spans_follow_litbank_conventions():
    work = _work("A fine, tall young man met the little girl of nine and all the clerks. He said that priests "
                 "were good. My sister-in-law and the girls who were tired went home. Anybody else "
                 "who knew him came.")
    spans = {work.text[s.start:s.end] for s in find_nominals(work, paragraph_quotes(work))}
    assert {"A fine, tall young man", "the little girl of nine", "all the clerks", "priests", "My sister-in-law",
            "the girls who were tired", "Anybody else who knew him"} <= spans
    assert "that priests" not in spans


def test_folds_cover_litbank_and_unknown_documents_use_full(litbank_dir):
    from ficlens.eval.coref import fold_model_for

    folds = json.loads((MODEL_DIR / "folds.json").read_text())
    docs = sorted(p.stem for p in (litbank_dir / "coref" / "conll").glob("*.conll"))
    assert sorted(folds["doc_fold"]) == docs
    assert set(folds["doc_fold"].values()) == set(range(folds["folds"]))
    assert fold_model_for(docs[0]).startswith("fold") and fold_model_for("not-a-litbank-doc") == "full"


@pytest.mark.parametrize("name", ["full", "fold0"])
def test_shipped_models_load_and_are_small(name):
    model = load_model(name)
    assert model is not None and 0.0 < model.threshold < 1.0
    assert (MODEL_DIR / f"{name}.joblib").stat().st_size < 5_000_000


def test_pronouns_resolve_to_the_character_of_their_gender():
    text = ("Anne Elliot walked into the room where Captain Wentworth stood by the window. "
            "She looked at him for a long time. He did not turn round, and she sat down by the fire.\n\n"
            "Anne Elliot thought of the letter. Captain Wentworth had written it for her.")
    work = _work(text)
    run_stage(work, "characters")
    by_name = {c.name: c.id for c in work.characters}
    anne = next(v for k, v in by_name.items() if "Anne" in k)
    wentworth = next(v for k, v in by_name.items() if "Wentworth" in k)
    got = {(text[m.start:m.end], m.start): m.character for m in work.mentions if m.kind == "pronoun"}
    assert got[("She", text.index("She"))] == anne
    assert got[("him", text.index("him"))] == wentworth
    assert got[("He", text.index("He "))] == wentworth


def test_prepare_builds_bounded_candidate_windows():
    work = _work(" ".join(["Tom saw her and he smiled."] * 40))
    from ficlens.stages.coref import find_pronouns

    slots = find_pronouns(work, [])
    prep = prepare(work, slots, {}, None, [])
    assert prep.X.shape == (len(prep.anaphor), len(FEATURES))
    assert len(prep.anaphor) and np.all(prep.cand < prep.anaphor)
    assert np.bincount(prep.anaphor).max() <= 30


def test_distant_candidates_by_anaphor_kind_and_number_must_agree():
    work = _work(" ".join(["Tom saw the men and he smiled at them."] * 20))
    from ficlens.stages.coref import find_nominals, find_pronouns, paragraph_quotes
    from ficlens.stages.coref_rank import WINDOW

    quotes = paragraph_quotes(work)
    tom = [i for i in range(len(work.tokens)) if work.text[work.tokens.start[i]:work.tokens.end[i]] == "Tom"]
    slots = [Slot(i, work.tokens.start[i], work.tokens.end[i], "name", entity=0) for i in tom]
    slots += find_pronouns(work, quotes) + find_nominals(work, quotes)
    prep = prepare(work, slots, {0: "M"}, None, quotes)
    kind, plural = prep.mention["kind"], prep.mention["plural"]
    far = prep.anaphor - prep.cand > WINDOW
    he = (kind[prep.anaphor] == 1) & (plural[prep.anaphor] == 0)
    assert (far & he).any() and np.all(kind[prep.cand[far & he]] == 0)  # distant for 'he': names only
    they = (kind[prep.anaphor] == 1) & (plural[prep.anaphor] == 1)
    assert (far & they).any() and np.all(kind[prep.cand[far & they]] > 0)  # for 'them': plural mentions ...
    assert np.all(plural[prep.cand[far & they]] == 1)
    desc = far & (kind[prep.anaphor] == 2)
    assert desc.any() and np.all(kind[prep.cand[desc]] != 1)  # for 'the men': names and descriptions
    third = (kind[prep.anaphor] > 0) & (kind[prep.cand] > 0)
    assert np.all(plural[prep.anaphor[third]] == plural[prep.cand[third]])  # 'them' never pairs with 'he'
