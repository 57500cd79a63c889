"""scripts/quotes_harness.py: the cached-works quotes evaluation writes its cache, reuses it, and reports what
`eval quotes` reports for the same story."""

from __future__ import annotations

import os

from script_modules import SEEDS, load_script

SEED = SEEDS / "002_3d02974a2cdccd16"


def _harness():
    return load_script("quotes_harness")


def test_the_harness_caches_the_characters_stage_and_scores_as_eval_quotes(tmp_path):
    from ficlens.eval.quotes import evaluate_novel

    harness = _harness()
    name, first = harness.score_novel(str(SEED), str(tmp_path))
    assert os.path.exists(tmp_path / f"{name}.pkl")
    _, again = harness.score_novel(str(SEED), str(tmp_path))  # from the cache
    expected = evaluate_novel(SEED)
    for figures in (first, again):
        assert figures["speaker_accuracy"] == expected["speaker_accuracy"]
        assert figures["addressee_accuracy"] == expected["addressee_accuracy"]
    out = harness.summary({name: again})
    assert out["quotes"] == expected["quotes"] and out["speaker_accuracy"] == expected["speaker_accuracy"]
    assert out["wrong"][name] == [q["id"] for q in again["details"] if q["gold"] != q["predicted"]]
