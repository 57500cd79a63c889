"""Mention spans as LitBank draws them (coref_spans) and the learned finder of unlisted nouns (coref_finder)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from coref_helpers import tokens_work as _work, uncovered_words
from ficlens.stages.coref import Slot, find_nominals, find_pronouns, paragraph_quotes
from ficlens.stages.coref_finder import (FEATURES as NOUN_FEATURES, NounFinder, NounStats, add_found, common_thing,
                                         features as noun_features, suffix_stats)
from ficlens.stages.coref_heads import token_span
from ficlens.stages.coref_rank import load_model
from ficlens.stages.coref_spans import (C_NONE, C_PARTICIPLE, C_PRONOUN, CONNECTORS, FEATURES, add_genitives,
                                        candidate_ends, choose_ends, features, predicted_mentions, slot_head, span_rows)


def _spans(work, slots) -> list[str]:
    return [work.text[s.start:s.end] for s in sorted(slots, key=lambda s: s.start)]


def _ends(work, text: str, phrase: str) -> tuple[list[str], list[tuple[int, int, int]]]:
    """The candidate ends of the description ``phrase`` as text, and the candidates."""
    slots = [s for s in find_nominals(work, paragraph_quotes(work)) if text[s.start:].startswith(phrase)]
    sl = slots[0]
    cands = candidate_ends(work, slot_head(work, sl), token_span(work, sl.start, sl.end)[1])
    return [text[sl.start:work.tokens.end[e]] for e, _, _ in cands], cands


def test_candidate_ends_follow_postmodifiers_step_by_step():
    text = "A woman of wisdom and experience in a grey bonnet came in. The boy I have lost was tall."
    work = _work(text)
    ends, cands = _ends(work, text, "A woman")
    assert ends[:4] == ["A woman", "A woman of wisdom", "A woman of wisdom and experience",
                        "A woman of wisdom and experience in a grey bonnet"]
    assert cands[0][1:] == (0, C_NONE) and cands[1][2] == CONNECTORS["of"]
    ends, cands = _ends(work, text, "The boy")
    assert ends == ["The boy", "The boy I have lost"] and cands[1][2] == C_PRONOUN  # a relative without 'who'


def test_participle_phrase_stops_before_the_main_verb():
    text = "The young man named George glanced at the clever lady."
    work = _work(text)
    ends, cands = _ends(work, text, "The young man")
    assert ends == ["The young man", "The young man named George"] and cands[1][2] == C_PARTICIPLE


def test_span_rows_label_the_key_end_and_choose_ends_applies_a_classifier():
    text = "A woman of wisdom and experience in a grey bonnet came in."
    work = _work(text)
    slots = find_nominals(work, paragraph_quotes(work))
    key = {(0, text.index(" in a grey"))}  # 'A woman of wisdom and experience'
    X, y = span_rows(work, slots, key)
    assert len(X) == 1 and X[0].shape[1] == len(FEATURES) and y[0].tolist().count(True) == 1
    assert X[0][y[0].argmax(), FEATURES.index("step")] == 2

    class Longest:  # scores the candidate with most tokens best
        def predict_proba(self, X):
            t = X[:, FEATURES.index("total")]
            return np.column_stack([1 - t / t.max(), t / t.max()])

    choose_ends(work, slots, Longest())
    assert _spans(work, slots) == ["A woman of wisdom and experience in a grey bonnet"]
    choose_ends(work, slots, None)  # no classifier: spans stay
    assert _spans(work, slots) == ["A woman of wisdom and experience in a grey bonnet"]


def test_genitive_descriptions_and_independent_possessives():
    text = "The squire's only son met old Cotter. The book is mine, said Winnie's mother."
    work = _work(text)
    quotes = paragraph_quotes(work)
    slots = find_nominals(work, quotes) + find_pronouns(work, quotes)
    cotter = work.tokens.start.index(text.index("Cotter"))
    winnie = work.tokens.start.index(text.index("Winnie"))
    for k in (cotter, winnie):
        slots.append(Slot(k, work.tokens.start[k], work.tokens.end[k], "name"))
    predicted_mentions(work, slots, quotes)
    spans = _spans(work, slots)
    assert "The squire's only son" in spans and "The squire" in spans  # the possessor stays a mention
    assert "Winnie's mother" in spans and "Winnie" in spans
    assert "Cotter" in spans  # names keep their spans ('old Cotter' would become an alias)
    assert "mine" not in spans


def test_no_genitive_no_description_added():
    text = "She was glad Tom came. They found poor Tom."
    work = _work(text)
    toms = [k for k in range(len(work.tokens)) if text[work.tokens.start[k]:work.tokens.end[k]] == "Tom"]
    slots = [Slot(k, work.tokens.start[k], work.tokens.end[k], "name") for k in toms]
    add_genitives(work, slots, [])
    assert _spans(work, slots) == ["Tom", "Tom"]


def test_noun_finder_features_counts_and_added_descriptions():
    text = "A waggoner came by. The waggoner spoke to the table."
    work, slots, nouns, words = uncovered_words(text)
    assert words == ["waggoner", "waggoner", "table"]
    stats = NounStats(Counter({"waggoner": 3}), Counter({"waggoner": 4, "table": 100}))
    stats += suffix_stats(work, nouns, {nouns[0], nouns[1]})
    assert stats.suffix3["ner", 0] == 2 and stats.suffix3["ner", 1] == 2 and stats.suffix3["ble", 1] == 0
    assert (stats - stats).nouns["table"] == 0
    assert common_thing(stats, "table") and not common_thing(stats, "waggoner")
    X = noun_features(work, nouns, stats)
    assert X.shape == (3, len(NOUN_FEATURES))
    ratio = NOUN_FEATURES.index("lemma_ratio")
    assert X[0, ratio] > 0.5 > X[2, ratio]

    class ByRatio:
        def predict_proba(self, X):
            return np.column_stack([1 - X[:, ratio], X[:, ratio]])

    NounFinder(ByRatio(), stats, 0.5).add(work, slots, [])
    assert _spans(work, slots) == ["A waggoner", "The waggoner"]
    before = len(slots)
    NounFinder(ByRatio(), stats, 2.0).add(work, slots, [])  # threshold above 1: switched off
    add_found(work, slots, [], nouns, np.array([True, True, False]))  # overlapping ones are not added twice
    assert len(slots) == before


@pytest.mark.parametrize("name", ["full", "fold0"])
def test_shipped_models_have_span_classifier_and_finder(name):
    model = load_model(name)
    assert model.span_clf is not None and model.finder is not None
    assert model.finder.stats.nouns and 0 < model.finder.threshold <= 2.0
