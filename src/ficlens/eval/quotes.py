"""``ficlens eval quotes DIR...``: quotation detection and speaker/addressee attribution on PDNC-layout folders.

Each folder holds novel_text.txt, quotation_info.csv and character_info.csv.
ficlens runs on novel_text.txt alone; the gold character list is used only to
map each predicted character cluster to the gold character whose aliases its
surface forms overlap most. A PDNC novel that the shipped speaker model was
trained on is scored with the fold model that left it out (see
docs/eval-quotes.md). ``FICLENS_EVAL_GOLD_CHARACTERS=1`` replaces the
characters stage by the gold character list (attribution with gold inputs).
"""

from __future__ import annotations

import bisect
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from ficlens.eval.pdnc_gold import GoldNovel, load_gold
from ficlens.ingest.build import work_from_text
from ficlens.models.folds import held_out_model
from ficlens.pipeline import run_stage

TYPES = ("Explicit", "Anaphoric", "Implicit")
_TOKEN = re.compile(r"[a-z][a-z'-]+")
_STOP = {"mr", "mrs", "miss", "ms", "the", "a", "an", "of", "sir", "lady", "lord", "dr", "his", "her", "my", "old", "young"}


def fold_model_for(novel: str) -> str:
    """``fold{k}`` when the shipped speaker model saw ``novel`` during training, else ``full``."""
    from ficlens.stages.quotes import MODEL_DIR

    return held_out_model(MODEL_DIR, "novel_fold", novel)


def map_clusters(work, gold: GoldNovel) -> dict[int, str]:
    """Predicted character id -> gold Main Name (surface forms overlap most), when any overlaps.

    Each cluster's overlap with each gold character is scored from its surface forms (weighted by how often it
    goes by them). Pairs where a form is exactly a gold alias are then taken one to one, best score first, so two
    clusters that share an ambiguous alias are told apart by the aliases only one of them has ("John Andrew" and
    "John Beaver", both called "John": the son's cluster is not the lover's because "John" is used more often
    than "John Andrew"). A cluster left over (a character split in two, a description) takes the gold character
    it overlaps most, as many clusters as need it.
    """
    score, exact_hits = _overlaps(work, gold)
    pairs = sorted(((s, cid, g) for cid, sc in score.items() for g, s in sc.items() if g in exact_hits[cid]),
                   key=lambda p: (-p[0], p[1], p[2]))
    out: dict[int, str] = {}
    taken: set[str] = set()
    for _s, cid, g in pairs:
        if cid not in out and g not in taken:
            out[cid] = g
            taken.add(g)
    for cid, sc in score.items():
        if cid not in out and sc:
            out[cid] = sc.most_common(1)[0][0]
    return out


def _overlaps(work, gold: GoldNovel) -> tuple[dict[int, Counter], dict[int, set[str]]]:
    """Per predicted character: its overlap score with each gold character (exact alias matches weigh 10 per use,
    shared name words a share of a use), and the gold characters one of its forms exactly is an alias of."""
    exact: dict[str, set[str]] = defaultdict(set)
    tokens: dict[str, Counter] = defaultdict(Counter)
    for g in gold.characters:
        for a in g.aliases | {g.name}:
            exact[" ".join(a.lower().split())].add(g.name)
            for t in _TOKEN.findall(a.lower()):
                if t not in _STOP:
                    tokens[t][g.name] += 1
    scores: dict[int, Counter] = {}
    hits: dict[int, set[str]] = {}
    for c in work.characters:
        forms = dict(c.aliases)
        forms[c.name] = forms.get(c.name, 0) + 1
        score: Counter = Counter()
        hit: set[str] = set()
        for form, n in forms.items():
            f = " ".join(form.lower().split())
            for g in exact.get(f, ()):
                score[g] += 10 * max(n, 1) / len(exact[f])
                hit.add(g)
            for t in _TOKEN.findall(f):
                if t in tokens and t not in _STOP:
                    tot = sum(tokens[t].values())
                    for g, k in tokens[t].items():
                        score[g] += max(n, 1) * k / tot
        scores[c.id], hits[c.id] = score, hit
    return scores, hits


def _overlap_index(spans: list[tuple[int, int, int]]):
    starts = [s[0] for s in spans]

    def find(a: int, b: int) -> int | None:
        """Index of the item whose span overlaps [a, b) most."""
        i = bisect.bisect_right(starts, b) - 1
        best, best_ov = None, 0
        for k in range(max(0, i - 4), i + 1):
            s, e, item = spans[k]
            ov = min(e, b) - max(s, a)
            if ov > best_ov:
                best, best_ov = item, ov
        return best

    return find


def _gold_characters_work(work, gold: GoldNovel) -> None:
    from ficlens.models.speaker_data import gold_characters

    work.characters = gold_characters(gold)


def evaluate_novel(folder: str | Path, details: bool = False) -> dict:
    from ficlens.stages.quotes import QuoteStage

    gold = load_gold(folder)
    work = work_from_text(gold.text, gold.name, line_paragraphs=None)  # as the plain-text reader splits it
    model = fold_model_for(gold.name)
    t0 = time.perf_counter()
    if os.environ.get("FICLENS_EVAL_GOLD_CHARACTERS") == "1":
        _gold_characters_work(work, gold)
    else:
        run_stage(work, "characters")
    QuoteStage(model)(work)
    seconds = time.perf_counter() - t0
    out = score_work(work, gold, details)
    out["model"] = model
    out["seconds"] = round(seconds, 2)
    return out


def score_work(work, gold: GoldNovel, details: bool = False) -> dict:
    """Detection and attribution figures of an analysed ``work`` against ``gold``."""
    mapping = map_clusters(work, gold)

    # detection: sub-quotation spans, matched when they overlap by more than half of either
    gold_spans = sorted((a, b, k) for k, q in enumerate(gold.quotes) for a, b in q.spans)
    pred_spans = sorted((s.start, s.end, k) for k, q in enumerate(work.quotations) for s in q.spans)
    find_pred = _overlap_index(pred_spans)

    gold_starts, pred_starts = [s[0] for s in gold_spans], [s[0] for s in pred_spans]
    tp_pred = sum(1 for a, b, _ in pred_spans if _half_overlap(a, b, gold_spans, gold_starts))
    tp_gold = sum(1 for a, b, _ in gold_spans if _half_overlap(a, b, pred_spans, pred_starts))
    precision = tp_pred / max(len(pred_spans), 1)
    recall = tp_gold / max(len(gold_spans), 1)

    by_type: dict[str, list[int]] = {t: [0, 0] for t in TYPES}
    correct = n = add_correct = add_n = 0
    rows = []
    for q in gold.quotes:
        votes: Counter = Counter()
        for a, b in q.spans:
            k = find_pred(a, b)
            if k is not None:
                votes[k] += 1
        pred = work.quotations[votes.most_common(1)[0][0]] if votes else None
        predicted = mapping.get(pred.speaker) if pred is not None and pred.speaker is not None else None
        ok = predicted == q.speaker
        n += 1
        correct += ok
        if q.quote_type in by_type:
            by_type[q.quote_type][0] += ok
            by_type[q.quote_type][1] += 1
        if q.addressees:
            add_n += 1
            if pred is not None and pred.addressees:
                add_correct += mapping.get(pred.addressees[0][0]) in q.addressees
        if details:
            rows.append({"id": q.qid, "type": q.quote_type, "gold": q.speaker, "predicted": predicted,
                         "detected": pred is not None, "method": pred.method if pred else ""})
    out = {
        "quotes": n,
        "detection": _prf(precision, recall),
        "speaker_accuracy": round(correct / max(n, 1), 4),
        "by_type": {t: round(c / v, 4) if v else None for t, (c, v) in by_type.items()},
        "addressee_accuracy": round(add_correct / max(add_n, 1), 4),
        "words": work.stats.get("words", 0),
        "_counts": {"correct": correct, "by_type": by_type, "add": [add_correct, add_n],
                    "spans": [tp_pred, len(pred_spans), tp_gold, len(gold_spans)]},
    }
    if details:
        out["details"] = rows
    return out


def _half_overlap(a: int, b: int, spans: list[tuple[int, int, int]], starts: list[int]) -> bool:
    """[a, b) overlaps some span by more than half of either."""
    i = bisect.bisect_right(starts, b) - 1
    for s, e, _ in spans[max(0, i - 4):i + 1]:
        ov = min(e, b) - max(s, a)
        if ov > 0 and (ov * 2 > (b - a) or ov * 2 > (e - s)):
            return True
    return False


def _prf(p: float, r: float) -> dict:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def summarise(results: dict[str, dict]) -> dict:
    n = sum(r["quotes"] for r in results.values())
    correct = sum(r["_counts"]["correct"] for r in results.values())
    tp_pred = sum(r["_counts"]["spans"][0] for r in results.values())
    n_pred = sum(r["_counts"]["spans"][1] for r in results.values())
    tp_gold = sum(r["_counts"]["spans"][2] for r in results.values())
    n_gold = sum(r["_counts"]["spans"][3] for r in results.values())
    by_type = {}
    for t in TYPES:
        c = sum(r["_counts"]["by_type"][t][0] for r in results.values())
        v = sum(r["_counts"]["by_type"][t][1] for r in results.values())
        by_type[t] = round(c / v, 4) if v else None
    ac = sum(r["_counts"]["add"][0] for r in results.values())
    an = sum(r["_counts"]["add"][1] for r in results.values())
    words = sum(r["words"] for r in results.values())
    secs = sum(r["seconds"] for r in results.values())
    novels = {k: {kk: vv for kk, vv in v.items() if kk != "_counts"} for k, v in results.items()}
    return {
        "quotes": n,
        "detection": _prf(tp_pred / max(n_pred, 1), tp_gold / max(n_gold, 1)),
        "speaker_accuracy": round(correct / max(n, 1), 4),
        "by_type": by_type,
        "addressee_accuracy": round(ac / max(an, 1), 4),
        "novels": novels,
        "words_per_second": round(words / secs, 1) if secs else None,
    }


def main(args) -> int:
    results: dict[str, dict] = {}
    errors = []
    for path in args.paths:
        folder = Path(path)
        try:
            res = evaluate_novel(folder, getattr(args, "details", False))
        except (OSError, ValueError, KeyError) as err:
            errors.append(f"{folder}: {err}")
            print(f"ficlens eval quotes: {folder}: {err}", file=sys.stderr)
            continue
        results[folder.name or str(folder)] = res
    summary = summarise(results)
    if errors:
        summary["errors"] = errors
    text = json.dumps(summary, indent=1)
    print(text)
    if getattr(args, "out", None):
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0 if results else 1
