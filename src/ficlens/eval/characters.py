"""``ficlens eval characters DIR...``: predicted character clusters against PDNC ``character_info.csv``.

Protocol (see docs/eval-characters.md): each folder's ``novel_text.txt`` is
analysed (tokens + characters) with offsets unchanged. Items are the gold
aliases, lower-cased, that belong to exactly one gold character. An item is
*found* when some predicted character has it as an alias; its predicted
cluster is the character using it most. B3 precision/recall/F1 are computed
over the found items (how well the clusters group what was found), and
``b3_all`` treats items not found as singletons (also penalising what was
missed). A gold character is *recalled* when a predicted character maps to it
(the gold character owning most of the predicted character's found aliases).
"""

from __future__ import annotations

import argparse
import ast
import csv
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.eval.coref import build_text, read_conll, read_tsv_layer, tsv_path
from ficlens.eval.report import emit

csv.field_size_limit(10**8)


@dataclass
class GoldChar:
    name: str
    aliases: set[str]
    gender: str
    category: str


def norm(alias: str) -> str:
    """Lower case, single spaces, straight apostrophes, no leading 'the'."""
    words = alias.replace("’", "'").lower().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def load_characters(folder: Path) -> list[GoldChar]:
    out = []
    with open(folder / "character_info.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["Main Name"].strip()
            try:
                aliases = set(ast.literal_eval(row.get("Aliases") or "set()"))
            except (ValueError, SyntaxError):
                aliases = set()
            aliases = {norm(a) for a in aliases | {name} if a.strip()}
            out.append(GoldChar(name, aliases, (row.get("Gender") or "U").strip(), (row.get("Category") or "").strip()))
    return out


def b3(items: list[str], gold_of: dict[str, int], pred_of: dict[str, int]) -> dict[str, float]:
    """B-cubed precision/recall/F1 of ``pred_of`` against ``gold_of`` over ``items``."""
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    gsets: dict[int, set] = defaultdict(set)
    psets: dict[int, set] = defaultdict(set)
    for it in items:
        gsets[gold_of[it]].add(it)
        psets[pred_of[it]].add(it)
    p = r = 0.0
    for it in items:
        g, pr = gsets[gold_of[it]], psets[pred_of[it]]
        inter = len(g & pr)
        p += inter / len(pr)
        r += inter / len(g)
    p, r = p / len(items), r / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "items": len(items)}


def score_novel(folder: Path, details: bool = False, work=None) -> dict:
    """Scores for one PDNC-layout folder (``work``: an already tokenised work of its text, optional)."""
    gold = load_characters(folder)
    if work is None:
        text = (folder / "novel_text.txt").read_text(encoding="utf-8")
        work = work_from_text(text, title=folder.name, line_paragraphs=None)
    t0 = time.perf_counter()
    analyze(work, stages=["tokens", "characters"])
    seconds = time.perf_counter() - t0
    owners: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(gold):
        for a in g.aliases:
            owners[a].add(gi)
    gold_of = {a: next(iter(o)) for a, o in owners.items() if len(o) == 1}
    use: dict[str, Counter] = defaultdict(Counter)
    for ch in work.characters:
        for a, n in ch.aliases.items():
            use[norm(a)][ch.id] += n
    pred_of = {a: c.most_common(1)[0][0] for a, c in use.items()}
    found = sorted(a for a in gold_of if a in pred_of)
    # items never found become singletons of their own in the prediction
    singleton = {a: -1 - i for i, a in enumerate(sorted(gold_of))}
    pred_all = {a: pred_of.get(a, singleton[a]) for a in gold_of}
    # map predicted characters to gold characters
    mapped: dict[int, int] = {}
    votes: dict[int, Counter] = defaultdict(Counter)
    for ch in work.characters:
        for a, n in ch.aliases.items():
            if norm(a) in gold_of:
                votes[ch.id][gold_of[norm(a)]] += n
    for cid, v in votes.items():
        mapped[cid] = v.most_common(1)[0][0]
    recalled = set(mapped.values())
    by_cat: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        by_cat[g.category or "unknown"].append(gi)
    cat_recall = {cat: round(sum(gi in recalled for gi in gis) / len(gis), 4) for cat, gis in by_cat.items()}
    spurious = [c.name for c in work.characters if c.id not in votes]
    gender_ok = [work.characters[cid].gender == gold[gi].gender for cid, gi in mapped.items()
                 if gold[gi].gender in ("M", "F")]
    res = {
        "novel": folder.name,
        "words": work.stats.get("words", 0),
        "b3": b3(found, gold_of, pred_of),
        "b3_all": b3(sorted(gold_of), gold_of, pred_all),
        "alias_recall": round(len(found) / len(gold_of), 4) if gold_of else 0.0,
        "recall_by_category": cat_recall,
        "missed": {cat: [gold[gi].name for gi in gis if gi not in recalled] for cat, gis in by_cat.items()
                   if cat in ("major", "intermediate")},
        "predicted_characters": len(work.characters),
        "unmatched_predicted": len(spurious),
        "gender_accuracy": round(sum(gender_ok) / len(gender_ok), 4) if gender_ok else None,
        "seconds": round(seconds, 3),
        "characters_stage_seconds": work.stats.get("stage_seconds", {}).get("characters"),
    }
    if details:
        res["unmatched_predicted_names"] = spurious[:50]
        res["clusters"] = [{"name": c.name, "gender": c.gender, "mentions": c.mentions,
                            "gold": gold[mapped[c.id]].name if c.id in mapped else None,
                            "aliases": dict(sorted(c.aliases.items(), key=lambda x: -x[1])[:12])}
                           for c in work.characters[:60]]
    return res


def _folders(paths: list[str]) -> list[Path]:
    out = []
    for p in paths:
        path = Path(p)
        if (path / "character_info.csv").is_file() and (path / "novel_text.txt").is_file():
            out.append(path)
        elif path.is_dir():
            out.extend(sorted(q.parent for q in path.glob("*/character_info.csv") if (q.parent / "novel_text.txt").is_file()))
    return out


PDNC_INDEX = "PDNC-Novel-Index.csv"


def pdnc_half(folder: Path) -> str | None:
    """'tune' or 'held_out' for a novel of the PDNC corpus, None for any other folder.

    The corpus folder (the one holding ``PDNC-Novel-Index.csv``) lists its novels; sorted by name
    (code-point order), those at even positions (0, 2, ...) are the half thresholds were tuned on
    and those at odd positions the held-out half. The split does not depend on which folders are
    evaluated.
    """
    root = folder.resolve().parent
    if not (root / PDNC_INDEX).is_file():
        return None
    novels = sorted(p.name for p in root.iterdir() if (p / "character_info.csv").is_file())
    if folder.resolve().name not in novels:
        return None
    return "tune" if novels.index(folder.resolve().name) % 2 == 0 else "held_out"


def _means(per: list[dict]) -> dict:
    def mean(f):
        vals = [f(r) for r in per if f(r) is not None]
        return round(sum(vals) / len(vals), 4) if vals else None

    out: dict = {"novels": len(per)}
    for key in ("b3", "b3_all"):
        out[key] = {m: mean(lambda r, m=m, key=key: r[key][m]) for m in ("precision", "recall", "f1")}
    out["alias_recall"] = mean(lambda r: r["alias_recall"])
    for cat in ("major", "intermediate", "minor"):
        out[f"recall_{cat}"] = mean(lambda r, cat=cat: r["recall_by_category"].get(cat))
    out["gender_accuracy"] = mean(lambda r: r["gender_accuracy"])
    return out


def _conll_files(paths: list[str]) -> list[Path]:
    """LitBank CoNLL files among ``paths`` (files, or folders holding them) that have the tsv layer beside them."""
    out = []
    for p in paths:
        path = Path(p)
        files = sorted(path.glob("*.conll")) if path.is_dir() else [path] if path.suffix == ".conll" else []
        out.extend(f for f in files if tsv_path(f).is_file())
    return out


def gold_name_mentions(tsv: Path, offsets) -> dict[tuple[int, int], str]:
    """(start, end) of every proper-name PER mention of a LitBank tsv file -> its coreference chain id."""
    mentions, chain_of = read_tsv_layer(tsv)
    return {(offsets[s1][t1][0], offsets[s2][t2][1]): chain_of.get(tid, tid)
            for tid, ((s1, t1, s2, t2), etype, kind) in mentions.items() if etype == "PER" and kind == "PROP"}


def score_litbank_names(conll: Path) -> dict:
    """B3 of name clusters on one LitBank document: its gold PER chains over the proper-name mentions that
    the characters stage found as names (exact spans), each in the cluster of the character it names."""
    text, offsets = build_text(read_conll(conll))
    work = work_from_text(text, title=conll.stem)
    analyze(work, stages=["tokens", "characters"])
    gold = gold_name_mentions(tsv_path(conll), offsets)
    pred = {(m.start, m.end): m.character for m in work.mentions if m.kind == "name" and m.character is not None}
    found = [span for span in gold if span in pred]
    res = b3(found, gold, pred)
    res["gold_names"] = len(gold)
    return {"document": conll.stem, **res}


def evaluate(paths: list[str], details: bool = False) -> dict:
    per = []
    errors = []
    halves: dict[str, list[dict]] = defaultdict(list)
    for folder in _folders(paths):
        try:
            res = score_novel(folder, details)
        except Exception as exc:  # one bad folder must not stop the others
            errors.append(f"{folder}: {type(exc).__name__}: {exc}")
            continue
        per.append(res)
        half = pdnc_half(folder)
        if half is not None:
            halves[half].append(res)
            halves["pdnc"].append(res)
    summary: dict = {"novels": len(per)}
    if per:
        summary.update(_means(per))
        words = sum(r["words"] for r in per)
        secs = sum(r["characters_stage_seconds"] or 0 for r in per)
        summary["characters_stage_words_per_second"] = round(words / secs) if secs else None
    if halves:
        # PDNC novels only, by the fixed tune / held-out split (see pdnc_half)
        summary["pdnc_halves"] = {h: _means(halves[h]) for h in ("tune", "held_out", "pdnc") if halves.get(h)}
    litbank = []
    for f in _conll_files(paths):
        try:
            litbank.append(score_litbank_names(f))
        except Exception as exc:
            errors.append(f"{f}: {type(exc).__name__}: {exc}")
    if litbank:
        # name clusters on LitBank: macro-averaged over the documents with at least one name found
        scored = [r for r in litbank if r["items"]]
        summary["litbank_names"] = {"documents": len(scored), "names": sum(r["items"] for r in scored),
                                    **{m: round(sum(r[m] for r in scored) / len(scored), 4) if scored else 0.0
                                       for m in ("precision", "recall", "f1")}}
        if details:
            summary["litbank_names"]["per_document"] = litbank
    summary["per_novel"] = per if details else [
        {k: r[k] for k in ("novel", "b3", "b3_all", "alias_recall", "recall_by_category", "missed",
                           "predicted_characters", "gender_accuracy")} for r in per]
    if errors:
        summary["errors"] = errors
    return summary


def main(args: argparse.Namespace) -> int:
    emit(evaluate(args.paths, getattr(args, "details", False)), args)
    return 0
