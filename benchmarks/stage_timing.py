"""Shared set-up of the stage benchmarks: read a novel, tokenise it once, time that."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ficlens.document import Work
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdnc" / "PrideAndPrejudice" / "novel_text.txt"


def tokenised_novel(description: str) -> tuple[argparse.Namespace, Work, int, float]:
    """Parse ``[TEXT] [--repeat N]``; return the arguments, the tokenised work, its words and the tokens seconds."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("text", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = work_from_text(Path(args.text).read_text(encoding="utf-8"))
    words = int(work.stats.get("words") or len(work.text.split()))
    t0 = time.perf_counter()
    run_stage(work, "tokens")
    return args, work, words, time.perf_counter() - t0


def best_seconds(run: Callable[[Any], object], repeat: int, prepare: Callable[[], Any] = lambda: None) -> tuple[float, Any]:
    """Fastest of ``repeat`` timed calls of ``run(prepare())`` (set-up untimed), and the last prepared input."""
    best, arg = float("inf"), None
    for _ in range(repeat):
        arg = prepare()
        t0 = time.perf_counter()
        run(arg)
        best = min(best, time.perf_counter() - t0)
    return best, arg
