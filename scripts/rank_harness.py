"""Fast iterations on the coreference linker: refit only the linker per fold on cached prepared documents.

``cache``: every LitBank document analysed as training does (``coref_train.doc_data``), then per fold k its test
documents prepared as run time does with the shipped ``fold{k}`` model (learned heads, span classifier, finder),
pickled to ``--cache``. ``run``: per fold, the shipped model's pair scores and decoding (baseline) against the
linker fitted on the fold's training documents, scored as ``coref_train.score_entities`` does.

    python scripts/rank_harness.py cache --cache /tmp/rank.pkl
    python scripts/rank_harness.py run --cache /tmp/rank.pkl
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import time
from pathlib import Path

import numpy as np

from ficlens.models.coref_train import doc_data, fold_of, inner_fits, inner_probas, score_entities, train_ranker
from ficlens.stages.coref_rank import WINDOW, load_model


def build_cache(litbank: str, cache: Path, folds: int = 5) -> None:
    """Pickle (training documents, {fold: run-time test documents}, fold assignment)."""
    t0 = time.time()
    files = sorted((Path(litbank) / "coref" / "conll").glob("*.conll"))
    docs = [doc_data(f) for f in files]
    print(f"{len(docs)} documents in {time.time() - t0:.0f}s", flush=True)
    assign = fold_of([d.name for d in docs], folds)
    test = {}
    for k in range(folds):
        model = load_model(f"fold{k}")
        test[k] = [d.with_heads(model.heads, WINDOW, model.span_clf, model.finder) for d in docs
                   if assign[d.name] == k]
    cache.write_bytes(pickle.dumps((docs, test, assign)))
    print(f"cached in {time.time() - t0:.0f}s", flush=True)


def inner_cache(cache: Path, docs, assign, k: int) -> tuple[list, list[np.ndarray]]:
    """Fold ``k``'s training documents prepared as run time does with the shipped fold model's learned heads (as
    ``train_decoding`` prepares them) and their cross-fitted pair probabilities (cached beside ``cache``)."""
    path = cache.with_name(f"inner{k}.pkl")
    if path.exists():
        return pickle.loads(path.read_bytes())
    model = load_model(f"fold{k}")
    train = [d for d in docs if assign[d.name] != k]
    run = [d.with_heads(model.heads, WINDOW) for d in train]
    out = (run, inner_probas(run, clfs=inner_fits(train)))
    path.write_bytes(pickle.dumps(out))
    return out


def run(cache: Path, folds: int = 5, **params) -> dict:
    """Baseline (shipped fold models) against the ranker refitted per fold (margin chosen on its training
    documents), over all held-out documents."""
    docs, test, assign = pickle.loads(cache.read_bytes())
    ents: dict = {"base": [], "ranker": []}
    all_test = []
    for k in range(folds):
        model = copy.copy(load_model(f"fold{k}"))
        run_docs, probas = inner_cache(cache, docs, assign, k)
        table = train_ranker(model, run_docs, probas, **params)
        for d in test[k]:
            p = model.proba(d.prep.X)
            ents["base"].append(model.decode_pairs(d.prep, p, d.state[0]))
            ents["ranker"].append(model.decode_pairs(d.prep, p, d.state[0], link=model.ranker.link_scores(d.prep, p)))
            all_test.append(d)
        n = len(test[k])
        print(k, table, model.ranker.margin, {m: score_entities(test[k], e[-n:])["avg_f1"] for m, e in ents.items()},
              flush=True)
    out = {m: score_entities(all_test, e) for m, e in ents.items()}
    for m, sc in out.items():
        print(m, {k: round(float(v), 2) for k, v in sc.items()}, flush=True)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("cmd", choices=["cache", "run"])
    ap.add_argument("--litbank", default="/work/shared/data/litbank")
    ap.add_argument("--cache", default="/tmp/rank12_cache/docs.pkl")
    ap.add_argument("--params", default="{}", help="JSON: fit_ranker keyword arguments")
    a = ap.parse_args()
    if a.cmd == "cache":
        build_cache(a.litbank, Path(a.cache))
    else:
        run(Path(a.cache), **json.loads(a.params))
