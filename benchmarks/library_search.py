"""Search latency over a 10,000-work library: three AO3 filters at once, p50/p95 in milliseconds.

Rows are inserted through the store API from synthetic works (not analysed).
Also times the library page's data (results + facet counts) and the HTML page itself.

    python benchmarks/library_search.py [--works 10000] [--queries 200] [--library FILE]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from ficlens.library.search import Query, search
from ficlens.library.store import Library
from ficlens.library.synthetic import ADDITIONAL, WARNINGS, synthetic_work


def build(path: Path, n: int) -> float:
    t0 = time.perf_counter()
    rng = random.Random(1)
    with Library(path) as lib:
        have = lib.count()
        for start in range(have, n, 500):  # bulk: 500 works per transaction
            lib.add_works([synthetic_work(i, random.Random(rng.random()), paragraphs=rng.randint(6, 30))
                           for i in range(start, min(n, start + 500))])
        statuses = ["unread", "reading", "read", "dropped"]
        with lib.transaction() as conn:
            conn.executemany("UPDATE works SET status = ? WHERE id = ?",
                             [(statuses[i % 4 if i % 3 else 0], i) for i in range(1, n + 1)])
    return time.perf_counter() - t0


def queries(k: int, rng: random.Random) -> list[Query]:
    out = []
    for _ in range(k):
        inc = rng.choice(ADDITIONAL)
        exc = rng.choice([w for w in WARNINGS if w != "No Archive Warnings Apply"] + ADDITIONAL)
        words = rng.choice(["<1000", ">500", "300-800", "<10,000"])
        q = Query(include=[inc], exclude=[exc], words=words, sort=rng.choice(["words", "added", "title", "updated"]))
        if rng.random() < 0.3:
            q.status = rng.choice(["unread", "read"])
        out.append(q)
    return out


CPU: dict[int, list[float]] = {}


def timed(fn, items) -> list[float]:
    """Wall-clock milliseconds per call (CPU milliseconds kept in CPU, keyed by the returned list's id)."""
    times, cpu = [], []
    for item in items:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(item)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    CPU[id(times)] = cpu
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[94]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--works", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--library", default=None, help="reuse/extend this library file")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = Path(args.library) if args.library else Path(tmp.name) / "bench.sqlite"
    seconds = build(path, args.works)
    rng = random.Random(2)
    qs = queries(args.queries, rng)
    with Library(path) as lib:
        n = lib.count()
        print(f"library: {n:,} works, {lib.conn.execute('SELECT COUNT(*) FROM tags').fetchone()[0]:,} tag rows, "
              f"{path.stat().st_size / 1e6:.1f} MB, built in {seconds:.1f} s")
        search(lib, qs[0])  # warm the page cache
        hits = [search(lib, q)["total"] for q in qs]
        t_search = timed(lambda q: search(lib, q), qs)
        ft = [Query(text=rng.choice(["harbour lantern", "bridge", "salt promise", "market*"]), include=[q.include[0]],
                    words=q.words, exclude=q.exclude) for q in qs[:100]]
        t_fts = timed(lambda q: search(lib, q), ft)
        from ficlens.web.views import library_view

        t_view = timed(lambda q: library_view(lib, q), qs[:100])
    from fastapi.testclient import TestClient

    from ficlens.web.app import create_app

    with TestClient(create_app(path)) as client:
        params = [dict(include=q.include, exclude=q.exclude, words=q.words, sort=q.sort) for q in qs[:100]]
        client.get("/", params=params[0])
        t_page = timed(lambda p: client.get("/", params=p).raise_for_status(), params)
        t_work = timed(lambda i: client.get(f"/works/{i}").raise_for_status(), rng.sample(range(1, n + 1), 50))
    print(f"matches per query: median {statistics.median(hits):,.0f} of {n:,}")
    for label, t in (("search, 3 filters (include+exclude+words)", t_search),
                     ("search, 3 filters + full text", t_fts),
                     ("library page data (results + facet counts)", t_view),
                     ("library HTML page over HTTP", t_page),
                     ("work HTML page over HTTP", t_work)):
        print(f"{label:<46} p50 {statistics.median(t):7.1f} ms   p95 {p95(t):7.1f} ms   "
              f"(CPU p95 {p95(CPU[id(t)]):6.1f} ms)")
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    verdict = "PASS" if p95(t_search) < 100 else "FAIL"
    print(f"target: search p95 < 100 ms over {n:,} works -> {verdict} (ratio p95/target {p95(t_search) / 100:.2f})")


if __name__ == "__main__":
    main()
