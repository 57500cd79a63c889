"""Batch throughput: words/second for 1 and 2 worker processes and a Dask LocalCluster.

    python benchmarks/batch_throughput.py [--words 60000] [--work-words 6000] [--workers 2] [--stages tokens,...]

Builds one corpus (the bundled seeds plus chapters of ../shared/data/pdnc
novels cut into fan-fiction-sized works) and runs ``ficlens batch`` on it with
each runner, in a fresh output folder each time. Prints words/second (wall
clock, model loading and process start-up included), the ratio to one worker
process, words per second a worker was busy (start-up and idle excluded),
words per CPU-second of the workers (what a cloud bills, and the least
disturbed by other jobs on the machine: the figure the cost estimate uses),
the peak RSS of every worker, the Parquet size per million words and the load
average (wall-clock ratios mean little if other jobs share the cores).
Timings are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
PDNC = ROOT.parent / "shared" / "data" / "pdnc"


def build_corpus(folder: Path, target_words: int, work_words: int) -> tuple[int, int]:
    """Write works of about ``work_words`` words until ``target_words``; returns (works, words)."""
    from ficlens.wordcount import ao3_word_count

    folder.mkdir(parents=True, exist_ok=True)
    n = words = 0
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
        n += 1
        words += ao3_word_count(p.read_text(encoding="utf-8"))
    novels = sorted(PDNC.glob("*/novel_text.txt")) if PDNC.is_dir() else []
    for novel in novels:
        paragraphs = [b for b in re.split(r"\n\s*\n", novel.read_text(encoding="utf-8", errors="replace")) if b.strip()]
        chunk: list[str] = []
        chunk_words = 0
        for para in paragraphs:
            if words >= target_words:
                return n, words
            chunk.append(para)
            chunk_words += ao3_word_count(para)
            if chunk_words >= work_words:
                (folder / f"{novel.parent.name}_{n:04d}.txt").write_text("\n\n".join(chunk), encoding="utf-8")
                n += 1
                words += chunk_words
                chunk, chunk_words = [], 0
    k = 0
    while words < target_words:  # no PDNC: repeat the seeds under new names (new content hash via a header line)
        for p in sorted(SEEDS.glob("*.txt")):
            text = f"Copy {k}\n\n" + p.read_text(encoding="utf-8")
            (folder / f"copy{k}_{p.name}").write_text(text, encoding="utf-8")
            words += ao3_word_count(text)
            n += 1
        k += 1
    return n, words


def run(label: str, corpus: Path, out: Path, stages: tuple[str, ...] | None, **kwargs) -> dict:
    from ficlens.batch.run import run_batch

    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    summary = run_batch([str(corpus)], out, stages=stages, progress=False, **kwargs)
    wall = time.perf_counter() - t0
    out_bytes = sum(f.stat().st_size for f in out.rglob("*.parquet"))
    return {"output_mib_per_million_words": round(out_bytes / 2**20 / max(summary.words, 1) * 1e6, 1),
            "label": label, "runner": summary.runner, "workers": summary.workers, "works": summary.ok,
            "failed": summary.failed, "words": summary.words, "seconds": round(wall, 2),
            "words_per_second": round(summary.words / wall, 1),
            "words_per_busy_second": round(summary.words / summary.busy_seconds, 1) if summary.busy_seconds else 0.0,
            "words_per_cpu_second": round(summary.words / summary.cpu_seconds, 1) if summary.cpu_seconds else 0.0,
            "peak_rss_mb_per_worker": sorted(summary.peak_rss_mb.values()), "stages": summary.stages}


PRICES = {"on-demand $0.04/vCPU-hour": 0.04, "spot $0.013/vCPU-hour": 0.013}


def cost(words_per_worker_second: float, works: float, mean_words: float, mib_per_million_words: float) -> dict:
    """CPU-hours and dollars to analyse ``works`` works of ``mean_words`` words, one worker per vCPU."""
    words = works * mean_words
    cpu_hours = words / max(words_per_worker_second, 1e-9) / 3600
    return {"words": words, "words_per_worker_second": words_per_worker_second, "cpu_hours": round(cpu_hours),
            "dollars": {k: round(cpu_hours * v) for k, v in PRICES.items()},
            "hours_on_1000_workers": round(cpu_hours / 1000, 1),
            "output_tib": round(words / 1e6 * mib_per_million_words / 2**20, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=60_000, help="corpus size in words (default 60000)")
    ap.add_argument("--work-words", type=int, default=6_000, help="words per generated work (default 6000)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel runs (default 2)")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: the full pipeline)")
    ap.add_argument("--archive-works", type=float, default=15e6, help="works in the archive to cost (default 15e6)")
    ap.add_argument("--mean-words", type=float, default=8000, help="assumed mean words per work (default 8000)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()
    stages = tuple(args.stages.split(",")) if args.stages else None
    with tempfile.TemporaryDirectory(prefix="ficlens-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        n_works, n_words = build_corpus(corpus, args.words, args.work_words)
        load_before = os.getloadavg()
        results = [
            run("1 process", corpus, Path(tmp) / "p1", stages, workers=1),
            run(f"{args.workers} processes", corpus, Path(tmp) / "p2", stages, workers=args.workers),
            run(f"dask local x{args.workers}", corpus, Path(tmp) / "dask", stages, dask="local", workers=args.workers),
        ]
        load_after = os.getloadavg()
    base = results[0]["words_per_second"] or 1.0
    for r in results:
        r["ratio_to_1_process"] = round(r["words_per_second"] / base, 2)
    report = {"corpus_works": n_works, "corpus_words": n_words, "cores": os.cpu_count(),
              "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in load_after], "results": results}
    report["cost"] = cost(results[0]["words_per_cpu_second"], args.archive_works, args.mean_words,
                          results[0]["output_mib_per_million_words"])
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"corpus: {n_works} works, {n_words} words; {os.cpu_count()} cores; load average before "
          f"{load_before[0]:.2f}, after {load_after[0]:.2f}; stages: {','.join(results[0]['stages'])}")
    print(f"{'runner':<18}{'workers':>8}{'works':>7}{'failed':>7}{'seconds':>9}{'words/s':>10}{'ratio':>7}"
          f"{'w/busy-s/worker':>16}{'w/CPU-s':>9}  peak RSS MiB per worker")
    for r in results:
        print(f"{r['label']:<18}{r['workers']:>8}{r['works']:>7}{r['failed']:>7}{r['seconds']:>9.1f}"
              f"{r['words_per_second']:>10.0f}{r['ratio_to_1_process']:>7.2f}{r['words_per_busy_second']:>16.0f}"
              f"{r['words_per_cpu_second']:>9.0f}"
              f"  {', '.join(f'{m:.0f}' for m in r['peak_rss_mb_per_worker'])}")
    print(f"Parquet output: {results[0]['output_mib_per_million_words']} MiB per million words (default tables)")
    c = report["cost"]
    print(f"archive: {args.archive_works:,.0f} works x {args.mean_words:,.0f} words = {c['words']:.3g} words; "
          f"at {c['words_per_worker_second']:,.0f} words per CPU-second (1 process): {c['cpu_hours']:,.0f} CPU-hours")
    for price_label, dollars in c["dollars"].items():
        print(f"  {price_label}: ${dollars:,.0f}")
    print(f"  on 1,000 worker processes: {c['hours_on_1000_workers']:,.1f} hours; "
          f"Parquet: {c['output_tib']:.2f} TiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
