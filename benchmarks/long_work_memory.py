"""Memory of one very long work: `ficlens analyze` on a text of 500,000 words or more, against a 2 GB budget.

Usage: python benchmarks/long_work_memory.py [--words 500000] [--budget-mb 2048] [--keep DIR]

Joins whole PDNC novels (../shared/data/pdnc/*/novel_text.txt, public-domain
texts) into one plain-text work of at least ``--words`` words (the bundled
example repeated when PDNC is not there), then runs the whole pipeline on it
as a user would, `ficlens analyze FILE --format json`, in a child process.
The process and the workers it forks (the tokens stage tags a long work in
two processes) are sampled from /proc every 0.1 s; the figure that counts is
the peak of their summed resident memory. Prints words, wall seconds,
words/s, that peak, the largest single process's peak (getrusage) and the
ratio peak / budget (below 1 meets the target).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDNC = ROOT.parent / "shared" / "data" / "pdnc"
EXAMPLE = ROOT / "examples" / "the-lantern-keepers-apprentice.txt"


def long_text(words: int) -> tuple[str, list[str]]:
    """At least ``words`` words of whole texts joined by blank lines, and the names of the texts used."""
    sources = sorted(PDNC.glob("*/novel_text.txt")) or [EXAMPLE]
    parts: list[str] = []
    used: list[str] = []
    n = 0
    while n < words:
        for path in sources:
            text = path.read_text(encoding="utf-8")
            parts.append(text.strip())
            used.append(path.parent.name if path != EXAMPLE else path.name)
            n += len(text.split())
            if n >= words:
                break
    return "\n\n\n".join(parts) + "\n", used


def tree_rss_kb(root: int) -> int:
    """Summed VmRSS (kB) of process ``root`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--budget-mb", type=float, default=2048)
    ap.add_argument("--keep", help="write the text and the report here instead of a temporary folder")
    a = ap.parse_args()
    text, used = long_text(a.words)
    words = len(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        src = folder / "long-work.txt"
        src.write_text(text, encoding="utf-8")
        print(f"text: {words:,} words ({len(text) / 1e6:.1f} MB) from {len(used)} texts: {', '.join(used)}", flush=True)
        cmd = [sys.executable, "-m", "ficlens", "analyze", str(src), "--out", str(folder / "out"), "--format", "json",
               "--quiet"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd)
        peak_kb = 0
        while proc.poll() is None:
            peak_kb = max(peak_kb, tree_rss_kb(proc.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(f"ficlens analyze failed with exit status {proc.returncode}")
    largest_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak_mb = peak_kb / 1024
    print(f"analyze: {seconds:.1f} s wall, {words / seconds:,.0f} words/s (model loading included)")
    print(f"peak RSS, process and its workers summed: {peak_mb:,.0f} MB; largest single process: {largest_mb:,.0f} MB")
    print(f"ratio peak / budget ({a.budget_mb:,.0f} MB): {peak_mb / a.budget_mb:.2f}")


if __name__ == "__main__":
    main()
