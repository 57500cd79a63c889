"""Train the two-pass speaker model on PDNC and the LitBank quotations, leave-novels-out.

Both passes rank each quotation's candidates (:mod:`ficlens.models.ranker`,
LambdaRank). Pass 1 scores each (quotation, candidate) row from decision-free
features. Pass 2 adds pass 1's beliefs about the neighbouring quotations (stacking);
its training features come from out-of-fold pass-1 predictions so that pass 2
learns from pass-1 outputs as noisy as at run time.

Outputs (``src/ficlens/models/speaker/``): ``full.joblib`` (all novels; used on
new texts), ``fold{k}.joblib`` (without fold k's novels) and ``folds.json``
(novel -> fold), so that evaluating on a PDNC novel uses a model that never saw it.
Every model is also trained on the LitBank quotation excerpts
(:mod:`ficlens.models.speaker_litbank`), except that a fold model never sees an
excerpt of a book held out in its fold (``folds.json`` lists these exclusions).
Run: ``python scripts/train_speaker.py [--pdnc DIR] [--litbank DIR] [--folds 5] [--litbank-cv]``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np

from ficlens.dialogue.attribute import _normalise
from ficlens.dialogue.features import stack_features
from ficlens.models.ranker import CandidateRanker, groups_of

MODEL_DIR = Path(__file__).resolve().parent / "speaker"
MEMBERS = 3  # bagged rankers per pass: a single one moves held-out accuracy by ~0.002 from one retrain to the next


@dataclass
class SpeakerModel:
    pass1: CandidateRanker
    pass2: CandidateRanker
    trained_on: list[str]


def _ranker(data: list, X: np.ndarray, **params) -> CandidateRanker:
    """A ranker fitted on the rows ``X`` of ``data``'s items (labels and quotation groups from the items)."""
    y = np.concatenate([nd.y for nd in data])
    groups = np.concatenate([groups_of(nd.unit) for nd in data])
    return CandidateRanker(**{"members": MEMBERS, **params}).fit(X, y, groups)


def _norm_probs(nd, p: np.ndarray) -> np.ndarray:
    return _normalise(nd.prep.table, p, len(nd.prep.units))[2]


def _stacked(nd, p1_norm: np.ndarray) -> np.ndarray:
    return np.hstack([nd.X, stack_features(nd.prep.table, p1_norm, nd.prep.units, len(nd.prep.units))])


def train_two_pass(data: list, inner_folds: int = 2, **params) -> SpeakerModel:
    """Fit pass 1 on all ``data``; fit pass 2 on stacked out-of-fold pass-1 beliefs."""
    pass1 = _ranker(data, np.vstack([nd.X for nd in data]), **params)
    oof: list[np.ndarray] = [None] * len(data)  # type: ignore[list-item]
    # inner folds by novel: a novel's gold-character and predicted-character items fall in the same one
    names = list(dict.fromkeys(nd.name for nd in data))
    inner = {n: i % inner_folds for i, n in enumerate(names)}
    for k in range(inner_folds):
        train = [nd for nd in data if inner[nd.name] != k]
        m = _ranker(train, np.vstack([nd.X for nd in train]), **params)
        for i, nd in enumerate(data):
            if inner[nd.name] == k:
                oof[i] = _norm_probs(nd, m.proba(nd.X))
    pass2 = _ranker(data, np.vstack([_stacked(nd, o) for nd, o in zip(data, oof)]), **params)
    return SpeakerModel(pass1, pass2, sorted(nd.name for nd in data))


def fold_of(names: list[str], folds: int) -> dict[str, int]:
    """Deterministic leave-novels-out folds: sorted names dealt round-robin (all -1 for no folds)."""
    return {n: i % folds if folds else -1 for i, n in enumerate(sorted(names))}


def evaluate(model: SpeakerModel, nd) -> dict:
    from ficlens.dialogue.attribute import score

    speakers, _ = score(nd.prep, model)
    ok = nd.correct(speakers)
    valid = nd.gold >= 0
    return {"units": int(valid.sum()), "correct": int(ok.sum())}


def litbank_data(litbank: str | Path | None) -> list:
    """Training items of the LitBank quotation excerpts (none when ``litbank`` is None or absent)."""
    from ficlens.models.speaker_data import gold_novel_data
    from ficlens.models.speaker_litbank import litbank_excerpts

    if litbank is None or not (Path(litbank) / "quotations").is_dir():
        return []
    items = [gold_novel_data(ex) for ex in litbank_excerpts(litbank)]
    return [nd for nd in items if len(nd.y) and nd.y.any()]  # excerpts whose quotes reach no candidate teach nothing


def excluded_excerpts(lit: list, held_out: list[str]) -> list[str]:
    """LitBank excerpts taken from one of the ``held_out`` PDNC novels (they would leak it)."""
    from ficlens.models.speaker_litbank import same_book

    return sorted(nd.name for nd in lit if any(same_book(nd.name, n) for n in held_out))


def litbank_cv(data: list, lit: list, folds: int = 5) -> dict:
    """LitBank speaker accuracy (gold characters), leave-documents-out: each fold's excerpts are
    scored by a model trained on PDNC + the other excerpts, minus the PDNC novels they come from."""
    from ficlens.models.speaker_litbank import same_book

    assign = fold_of([nd.name for nd in lit], folds)
    docs: dict = {}
    for k in range(folds):
        held = [nd for nd in lit if assign[nd.name] == k]
        train = [nd for nd in lit if assign[nd.name] != k]
        train += [nd for nd in data if not any(same_book(h.name, nd.name) for h in held)]
        model = train_two_pass(train)
        for nd in held:
            docs[nd.name] = evaluate(model, nd)
    units = sum(r["units"] for r in docs.values())
    correct = sum(r["correct"] for r in docs.values())
    return {"folds": folds, "units": units, "accuracy_gold_characters": round(correct / max(units, 1), 4),
            "documents": docs}


def main(pdnc: str, folds: int = 5, out: Path = MODEL_DIR, litbank: str | Path | None = None,
         cv: bool = False, predicted: bool = False, works_cache: str | None = None) -> dict:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # OpenMP threads thrash on a busy 2-core machine
        return _main(pdnc, folds, out, litbank, cv, predicted, works_cache)


def _main(pdnc: str, folds: int, out: Path, litbank: str | Path | None = None, cv: bool = False,
          predicted: bool = False, works_cache: str | None = None) -> dict:
    from ficlens.eval.pdnc_gold import load_gold
    from ficlens.models.speaker_data import gold_novel_data, predicted_novel_data

    t0 = time.time()
    dirs = sorted(p for p in Path(pdnc).iterdir() if (p / "quotation_info.csv").is_file())
    golds = [load_gold(str(d)) for d in dirs]
    data = [gold_novel_data(g) for g in golds]
    # the same novels over the characters stage's clusters: the model learns the candidates it meets at run time
    pred = [predicted_novel_data(g, works_cache) for g in golds] if predicted else []
    lit = litbank_data(litbank)
    print(f"features for {len(data)} novels ({len(pred)} with predicted characters) and {len(lit)} LitBank "
          f"excerpts in {time.time() - t0:.1f}s", flush=True)
    assign = fold_of([nd.name for nd in data], folds)
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"folds": folds, "novels": {}}
    excluded: dict[str, list[str]] = {}
    for k in range(folds):
        held_out = [nd.name for nd in data if assign[nd.name] == k]
        excluded[str(k)] = excluded_excerpts(lit, held_out)
        train = [nd for nd in data + pred if assign[nd.name] != k]
        train += [nd for nd in lit if nd.name not in excluded[str(k)]]
        model = train_two_pass(train)
        joblib.dump(model, out / f"fold{k}.joblib", compress=3)
        for nd in data:
            if assign[nd.name] == k:
                report["novels"][nd.name] = evaluate(model, nd)
        print(f"fold {k} done at {time.time() - t0:.0f}s", flush=True)
    full = train_two_pass(data + pred + lit)
    joblib.dump(full, out / "full.joblib", compress=3)
    meta = {"folds": folds, "novel_fold": assign, "predicted_characters": bool(pred),
            "litbank_excerpts": sorted(nd.name for nd in lit),
            "litbank_excluded_from_fold": excluded}
    (out / "folds.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
    units = sum(r["units"] for r in report["novels"].values())
    correct = sum(r["correct"] for r in report["novels"].values())
    report["accuracy_gold_characters"] = round(correct / max(units, 1), 4)
    report["litbank_excerpts"] = len(lit)
    if cv and lit:
        report["litbank_cv"] = litbank_cv(data, lit, folds)
        print(f"LitBank cross-validation done at {time.time() - t0:.0f}s", flush=True)
    print(json.dumps(report, indent=1))
    return report
