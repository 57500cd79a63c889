"""Run parts in this process or in a pool of worker processes on this machine.

Each worker process loads the models once (``warm`` as pool initializer) and
is recycled after ``max_tasks_per_child`` parts, which bounds slow leaks. At
most ``in_flight`` parts are queued, so memory does not grow with the corpus.
A part whose process died is retried once in a fresh pool, then reported.
Worker processes start with ``PYTHONHASHSEED=6640``, the seed Dask gives its
workers, so set iteration order (and any result that leans on it) is the same
in every worker and every run, whichever runner is used.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

from ficlens.batch.plan import Part
from ficlens.batch.task import run_part, warm

Outcome = tuple[Part, "dict[str, Any] | BaseException"]
WORKER_HASH_SEED = "6640"  # distributed.nanny's default for worker processes


def init_worker(stages: tuple[str, ...], parent_pid: int) -> None:
    """Pool initializer: load the models, and exit when the parent dies (a killed ``ficlens batch``
    must not leave workers behind, blocked forever on an empty queue)."""
    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="ficlens-parent-watch", daemon=True).start()
    warm(stages)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class SerialRunner:
    """Every part in this process, one after another (``--workers 0``; the reference output)."""

    workers = 1
    name = "serial"

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = stages
        warm(stages)

    def run(self, parts: Iterable[Part], out: str, tables: tuple[str, ...]) -> Iterator[Outcome]:
        for part in parts:
            try:
                yield part, run_part(part, out, tables, self.stages)
            except Exception as err:  # e.g. the output folder became unwritable
                yield part, err

    def close(self) -> None:
        pass


class ProcessRunner:
    """Parts spread over ``workers`` processes (the default)."""

    name = "processes"

    def __init__(self, stages: tuple[str, ...], workers: int | None = None, in_flight: int | None = None,
                 max_tasks_per_child: int = 500, task: Callable[..., dict[str, Any]] = run_part) -> None:
        self.stages = stages
        self.task = task  # module-level, so worker processes can import it
        self.workers = workers or default_workers()
        self.in_flight = in_flight or 2 * self.workers
        self.max_tasks_per_child = max_tasks_per_child
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawned children read PYTHONHASHSEED at start-up; the pool spawns them lazily, so it stays set
        os.environ.setdefault("PYTHONHASHSEED", WORKER_HASH_SEED)
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(self.stages, os.getpid()),
                                   max_tasks_per_child=self.max_tasks_per_child)

    def run(self, parts: Iterable[Part], out: str, tables: tuple[str, ...]) -> Iterator[Outcome]:
        queue = iter(parts)
        retry: list[Part] = []  # parts lost with a dead process; rerun one at a time at the end
        pending: dict[Future, Part] = {}
        exhausted = False

        def fill() -> None:
            nonlocal exhausted
            while not exhausted and len(pending) < self.in_flight:
                part = next(queue, None)
                if part is None:
                    exhausted = True
                    break
                pending[self.pool.submit(self.task, part, out, tables, self.stages)] = part
            if exhausted and retry and not pending:
                part = retry.pop(0)
                pending[self.pool.submit(self.task, part, out, tables, self.stages)] = part

        fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                part = pending.pop(fut)
                try:
                    yield part, fut.result()
                except BrokenProcessPool as err:
                    broken = True
                    part.attempt += 1
                    if part.attempt < 2:
                        retry.append(part)
                    else:
                        yield part, err
                except Exception as err:
                    yield part, err
            if broken:
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()
            fill()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
