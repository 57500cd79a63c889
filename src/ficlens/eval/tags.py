"""``ficlens eval tags FILE.json``: predicted AO3 tags against a file of expected tags.

The file maps a work file name (relative to the JSON file) to what a careful
reader tags: ``rating``, ``archive_warnings``, ``category``, ``fandom`` and,
for ``relationships``, ``characters`` and ``additional_tags``, the lists
``must`` (a correct system finds them) and ``may`` (defensible extras: a
prediction there counts neither right nor wrong). Keys starting with ``_``
are comments. Each work is analysed with the full pipeline.

Printed JSON: exact-match accuracy for rating and category; micro
precision/recall/F1 for warnings, relationships, characters, additional
tags (and fandoms); per-work details (predicted, missed, extra).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

from ficlens.document import Work
from ficlens.errors import IngestError
from ficlens.ingest import load_work
from ficlens.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, analyze, get_stage
from ficlens.eval.report import emit

SET_FIELDS = ("warnings", "relationships", "characters", "additional_tags", "fandoms")


def norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


def rel_key(tag: str) -> str:
    """Order-insensitive key of a relationship tag: sorted names joined by '/' or '&'."""
    sep = "&" if "&" in tag else "/"
    names = sorted(norm(n) for n in re.split(r"\s*[/&]\s*", tag) if n.strip())
    return sep.join(names)


def _key(field: str, name: str) -> str:
    return rel_key(name) if field == "relationships" else norm(name)


def available_stages() -> tuple[list[str], list[str]]:
    """Pipeline stages that can be built, and those that cannot (not built yet, or a model missing).

    The unavailable ones are skipped and reported in the output, so the tags
    can still be measured while another part of ficlens is being built.
    """
    ok, missing = [], []
    for name in DEFAULT_STAGES:
        module = STAGE_FACTORIES[name].partition(":")[0]
        try:
            usable = importlib.util.find_spec(module) is not None and get_stage(name) is not None
        except Exception as err:  # noqa: BLE001 - reported as skipped
            print(f"ficlens eval tags: stage {name!r} unavailable ({err.__class__.__name__}: {str(err).splitlines()[0] if str(err) else ''})", file=sys.stderr)
            usable = False
        (ok if usable else missing).append(name)
    return ok, missing


def _analyze(file: Path, work: Work, stages: list[str], skipped: list[str]) -> Work:
    """Run the pipeline; when a stage before relationships fails on this work, say so and run without it."""
    work.stages_run += skipped  # stages not built yet are skipped, and reported
    try:
        return analyze(work, stages)
    except Exception as err:  # noqa: BLE001
        failed = next((s for s in stages if s not in work.stages_run), None)
        if failed is None or failed in ("tokens", "relationships", "tags"):
            raise
        print(f"{file}: stage {failed!r} failed ({err.__class__.__name__}); tags computed without it", file=sys.stderr)
        work = load_work(file)
        work.stages_run += [*skipped, failed]
        work.stats["skipped_stages"] = [*skipped, failed]
        return analyze(work, stages)


def predictions(work: Work) -> dict[str, list[str]]:
    """The predicted tags of an analysed work, by eval field."""
    by_type = lambda t: [x.name for x in work.tags if x.type == t]  # noqa: E731
    rating = by_type("rating")
    return {
        "rating": rating[:1], "category": by_type("category"), "warnings": by_type("warning"),
        "relationships": by_type("relationship"), "characters": by_type("character"),
        "additional_tags": by_type("additional"), "fandoms": by_type("fandom"), "genres": by_type("genre"),
    }


def expected_sets(spec: dict) -> dict[str, tuple[list[str], list[str]]]:
    """field -> (must, may) from one entry of the expected file."""
    def mm(value) -> tuple[list[str], list[str]]:
        if isinstance(value, dict):
            return list(value.get("must", [])), list(value.get("may", []))
        if isinstance(value, str):
            return [value], []
        return list(value or []), []

    return {
        "warnings": mm(spec.get("archive_warnings", spec.get("warnings", []))),
        "relationships": mm(spec.get("relationships", [])),
        "characters": mm(spec.get("characters", [])),
        "additional_tags": mm(spec.get("additional_tags", [])),
        "fandoms": mm(spec.get("fandom", spec.get("fandoms", []))),
    }


def compare(field: str, predicted: list[str], must: list[str], may: list[str]) -> dict:
    p = {_key(field, x): x for x in predicted}
    must_k = {_key(field, x): x for x in must}
    may_k = {_key(field, x) for x in may}
    tp = [p[k] for k in p if k in must_k]
    fp = [p[k] for k in p if k not in must_k and k not in may_k]
    fn = [must_k[k] for k in must_k if k not in p]
    ignored = [p[k] for k in p if k in may_k and k not in must_k]
    return {"tp": tp, "fp": fp, "fn": fn, "may": ignored}


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(path: Path, details: bool = False) -> dict:
    spec_all = json.loads(path.read_text(encoding="utf-8"))
    stages, skipped = available_stages()
    totals = {f: [0, 0, 0] for f in SET_FIELDS}
    exact = {"rating": [0, 0], "category": [0, 0]}
    works: list[dict] = []
    errors: list[str] = []
    for name, spec in spec_all.items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        file = (path.parent / name).resolve()
        t0 = time.perf_counter()
        try:
            work = load_work(file)
        except (IngestError, OSError) as err:
            msg = str(err).splitlines()[0] if str(err) else f"{file}: cannot read"
            print(msg, file=sys.stderr)
            errors.append(msg)
            works.append({"work": name, "error": msg})
            continue
        try:
            work = _analyze(file, work, stages, skipped)
        except Exception as err:  # noqa: BLE001 - one work failing must not stop the others
            msg = f"{file}: analysis failed ({err.__class__.__name__}: {str(err).splitlines()[0] if str(err) else ''})"
            print(msg, file=sys.stderr)
            errors.append(msg)
            works.append({"work": name, "error": msg})
            continue
        pred = predictions(work)
        entry: dict = {"work": name, "seconds": round(time.perf_counter() - t0, 2)}
        if work.stats.get("skipped_stages"):
            entry["skipped_stages"] = work.stats["skipped_stages"]
        if "rating" in spec:
            ok = bool(pred["rating"]) and pred["rating"][0] == spec["rating"]
            exact["rating"][0] += ok
            exact["rating"][1] += 1
            entry["rating"] = {"expected": spec["rating"], "predicted": pred["rating"][0] if pred["rating"] else None, "correct": ok}
        if "category" in spec:
            want = spec["category"] if isinstance(spec["category"], list) else [spec["category"]]
            ok = {norm(x) for x in want} == {norm(x) for x in pred["category"]}
            exact["category"][0] += ok
            exact["category"][1] += 1
            entry["category"] = {"expected": want, "predicted": pred["category"], "correct": ok}
        for field, (must, may) in expected_sets(spec).items():
            if field == "fandoms" and not must and not may:
                continue
            c = compare(field, pred[field], must, may)
            totals[field][0] += len(c["tp"])
            totals[field][1] += len(c["fp"])
            totals[field][2] += len(c["fn"])
            entry[field] = {"predicted": pred[field], "missed": c["fn"], "extra": c["fp"], "in_may": c["may"]}
        entry["genres"] = pred["genres"]
        if details:
            entry["tags"] = [{"type": t.type, "name": t.name, "confidence": t.confidence, "reasons": t.reasons,
                              "evidence": [e.text for e in t.evidence[:2]]} for t in work.tags]
            if "tag_differences" in work.stats:
                entry["tag_differences"] = work.stats["tag_differences"]
        works.append(entry)
    result: dict = {
        "file": str(path), "works": sum(1 for w in works if "error" not in w), "stages": stages, "skipped_stages": skipped,
        "rating": {"accuracy": round(exact["rating"][0] / exact["rating"][1], 4) if exact["rating"][1] else None,
                   "correct": exact["rating"][0], "total": exact["rating"][1]},
        "category": {"accuracy": round(exact["category"][0] / exact["category"][1], 4) if exact["category"][1] else None,
                     "correct": exact["category"][0], "total": exact["category"][1]},
    }
    for field in SET_FIELDS:
        result[field] = prf(*totals[field])
    result["errors"] = errors
    result["details"] = works
    return result


def main(args: argparse.Namespace) -> int:
    results = []
    status = 0
    for p in args.paths:
        path = Path(p)
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            print(f"{path}: cannot read expected tags ({err.__class__.__name__})", file=sys.stderr)
            status = 1
            continue
        results.append(evaluate(path, bool(getattr(args, "details", False))))
    if not results:
        return status or 1
    emit(results[0] if len(results) == 1 else {"files": results}, args)
    return status
