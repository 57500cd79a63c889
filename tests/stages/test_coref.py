"""Coreference metrics and the LitBank evaluation."""

from __future__ import annotations

import pytest

from ficlens.eval.coref import bcubed, build_text, ceafe, muc, _prf


def test_metrics_on_a_textbook_example():
    key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    resp = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    m = _prf(*muc(key, resp))
    assert m["recall"] == 100.0 and m["precision"] == pytest.approx(90.0)
    b = _prf(*bcubed(key, resp))
    assert b["recall"] == 100.0 and b["precision"] == pytest.approx(100 * (5 + 2 * 2 / 7 + 5 * 5 / 7) / 12, abs=0.01)
    c = _prf(*ceafe(key, resp))
    assert 0 < c["f1"] < 100
    perfect = [_prf(*fn(key, key))["f1"] for fn in (muc, bcubed, ceafe)]
    assert perfect == [100.0, 100.0, 100.0]


def test_missing_mentions_lower_recall_only():
    key = [{1, 2}, {3}]
    resp = [{1, 2}]
    b = _prf(*bcubed(key, resp))
    assert b["precision"] == 100.0 and b["recall"] < 100.0


def test_build_text_offsets():
    sents = [[("Call", "_"), ("me", "(0)"), ("Ishmael", "(0)")], [("He", "(0)")]]
    text, offsets = build_text(sents)
    assert text == "Call me Ishmael\nHe"
    assert text[offsets[0][2][0]:offsets[0][2][1]] == "Ishmael" and text[offsets[1][0][0]:offsets[1][0][1]] == "He"


def test_litbank_eval_on_two_documents(litbank_dir):
    from ficlens.eval.coref import evaluate

    files = sorted((litbank_dir / "coref" / "conll").glob("*.conll"))[:2]
    res = evaluate([str(f) for f in files])
    assert res["documents"] == 2
    for name in ("muc", "b3", "ceafe"):
        assert 0 < res[name]["f1"] <= 100
    assert res["avg_f1"] == pytest.approx(sum(res[n]["f1"] for n in ("muc", "b3", "ceafe")) / 3, abs=0.01)
    assert res["mentions"]["recall"] > 40
