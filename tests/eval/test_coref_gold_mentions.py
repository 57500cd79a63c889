"""``ficlens eval coref``: the predicted-mention and gold-mention protocols on a LitBank document."""

from __future__ import annotations

from ficlens.eval.coref import evaluate


def test_gold_mentions_cluster_exactly_the_key_mentions(litbank_dir):
    doc = str(sorted((litbank_dir / "coref" / "conll").glob("*.conll"))[0])
    predicted = evaluate([doc])
    gold = evaluate([doc], gold_mentions=True)
    assert predicted["documents"] == gold["documents"] == 1
    assert "predicted mentions" in predicted["protocol"] and "gold mentions" in gold["protocol"]
    assert gold["mentions"]["recall"] == 100.0 and gold["mentions"]["key"] == predicted["mentions"]["key"]
    assert predicted["mentions"]["recall"] < 100.0
    assert gold["b3"]["recall"] > predicted["b3"]["recall"]
