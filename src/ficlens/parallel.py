"""When this process may use more than one core: a forked helper process, or two OpenMP threads for a model.

A top-level process on its main thread may (one work analysed from the command line or a benchmark); batch
and importer pool workers, Dask workers and threads do not: a batch run already keeps every core busy with
one work per worker. ``FICLENS_TOKENS_PROCESSES=1`` turns both off.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

PARALLEL_ROWS = 2_000  # rows from which scoring a model uses two threads (faster from ~200 rows here)


def may_fork() -> bool:
    """True when this process may start a helper process: it is no pool/Dask worker, on its main thread."""
    if os.environ.get("FICLENS_TOKENS_PROCESSES", "") == "1":
        return False
    return (multiprocessing.parent_process() is None
            and not multiprocessing.current_process().daemon
            and threading.current_thread() is threading.main_thread()
            and "fork" in multiprocessing.get_all_start_methods())


def predict_threads(rows: int) -> int:
    """OpenMP threads for scoring ``rows`` rows with a tree ensemble: one for a short document (thread start-up
    costs more than it saves) or where :func:`may_fork` says no; two for a long work (a novel's 250,000 coref
    pairs: 2.6 s -> 1.5 s on two cores)."""
    if rows < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        return 1
    return 2 if may_fork() else 1
