"""Ingestion scales linearly: seconds per MB for a 5 MB and a 50 MB scraped text, and their ratio.

Run: ``python benchmarks/ingest_scaling.py [--sizes 5 50]``. Prints one JSON object;
``ratio`` is (CPU seconds per MB at the largest size) / (CPU seconds per MB at the smallest):
about 1 means linear, a quadratic step would make it about 10.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ficlens.ingest import load_work

ROOT = Path(__file__).resolve().parents[1]


def make_text(path: Path, megabytes: float) -> int:
    """A scraped-looking text of ``megabytes`` MB made of the seed stories, one chapter each."""
    body = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt")))
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < megabytes * 1024 * 1024:
            n += 1
            fh.write(f"Chapter {n}\n\n{body}\n\n")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 50])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"text_{mb}.txt"
            size = make_text(path, mb)
            t0, c0 = time.perf_counter(), time.process_time()
            work = load_work(path)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            results[f"{mb:g}MB"] = {"bytes": size, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                                    "seconds_per_mb": round(cpu / (size / 1048576), 4),
                                    "chapters": len(work.chapters), "paragraphs": len(work.paragraphs)}
            path.unlink()
    per_mb = [r["seconds_per_mb"] for r in results.values()]
    print(json.dumps({"benchmark": "ingest_scaling", "results": results,
                      "ratio": round(per_mb[-1] / per_mb[0], 3) if per_mb[0] else None}, indent=2))


if __name__ == "__main__":
    main()
