"""Import rate: 1,000 generated works in mixed formats (plain text and AO3-style HTML) through ``library add``.

Every file is read by ficlens.ingest, analysed by the pipeline (the whole
pipeline unless --stages says otherwise) and stored, one transaction per work.
A second pass over the same files measures the unchanged-file fast path.

    python benchmarks/library_import.py [--works 1000] [--stages tokens,characters] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from ficlens.ingest import expand_inputs
from ficlens.library.importer import available_stages, import_paths
from ficlens.library.store import Library
from ficlens.library.synthetic import synthetic_work, write_work_file


def generate(folder: Path, n: int) -> tuple[list[Path], int]:
    rng = random.Random(5)
    words = 0
    paths = []
    for i in range(n):
        work = synthetic_work(i, random.Random(rng.random()), paragraphs=rng.randint(8, 40))
        words += work.stats["words"]
        paths.append(write_work_file(work, folder / f"batch{i % 10}", f"work{i:05d}", "txt" if i % 2 else "html"))
    return paths, words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--works", type=int, default=1000)
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: the whole pipeline)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="analysis processes (default: CPUs)")
    ap.add_argument("--keep", default=None, help="write files and library here instead of a temporary folder")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    root = Path(args.keep) if args.keep else Path(tmp.name)
    t0 = time.perf_counter()
    paths, words = generate(root / "in", args.works)
    formats = {p.suffix for p in paths}
    print(f"generated {len(paths):,} files ({', '.join(sorted(formats))}), {words:,} words, "
          f"in {time.perf_counter() - t0:.1f} s")
    stages = available_stages([s for s in args.stages.split(",") if s]) if args.stages is not None else \
        available_stages()
    found, problems = expand_inputs([str(root / "in")])
    assert len(found) == len(paths) and not problems
    lib_path = root / "library.sqlite"
    with Library(lib_path) as lib:
        t0 = time.perf_counter()
        warm = import_paths(lib, found[:1], stages=stages, progress=False)  # model loading, not import rate
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = import_paths(lib, found[1:], stages=stages, progress=False, jobs=args.jobs)
        seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_paths(lib, found, stages=stages, progress=False)
        rerun = time.perf_counter() - t0
        stored = lib.count()
        integrity = lib.conn.execute("PRAGMA integrity_check").fetchone()[0]
    n = len(found) - 1
    errors = warm.errors + report.errors
    print(f"pipeline stages: {', '.join(stages) or '(none)'}; {args.jobs} analysis process(es); "
          f"first work incl. model loading {load:.1f} s")
    print(f"imported {n:,} works in {seconds:.1f} s: {n / seconds:.1f} works/s, {words / seconds:,.0f} words/s; "
          f"{report.line()}")
    print(f"re-import of unchanged files: {len(found) / rerun:,.0f} files/s ({len(again.unchanged)} unchanged)")
    print(f"library: {stored:,} works, {lib_path.stat().st_size / 1e6:.1f} MB, integrity {integrity}, "
          f"errors {len(errors)}")
    for line in errors[:10]:
        print("  " + line)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
