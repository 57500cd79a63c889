"""The task a worker runs: read, analyse and tabulate the works of one part, then commit it.

Runs the same way in this process, in a process pool and on a Dask worker.
A work that fails becomes a row of the ``errors`` table; the part goes on.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from ficlens.batch.manifest import write_manifest
from ficlens.batch.plan import Part, WorkItem
from ficlens.errors import FiclensError
from ficlens.export.parquet import remove_part, write_part
from ficlens.export.tables import DEFAULT_TABLES, error_row, to_arrow, work_tables
from ficlens.ingest import load_work
from ficlens.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, analyze, get_stage


def available_stages(stages: tuple[str, ...] | list[str] = DEFAULT_STAGES) -> tuple[str, ...]:
    """``stages`` whose module is installed, with what they require (a stage not written yet is left out,
    with a warning, and so is every stage that requires it)."""
    missing: dict[str, str] = {}
    requires: dict[str, tuple[str, ...]] = {}
    for name, spec in STAGE_FACTORIES.items():
        module, _, attr = spec.partition(":")
        try:
            present = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            present = False
        if not present:
            missing[name] = f"{module} is not installed"
            continue
        try:
            requires[name] = tuple(getattr(getattr(importlib.import_module(module), attr), "requires", ()))
        except Exception:  # a broken stage is reported by every task that runs it
            requires[name] = ()

    def usable(name: str, seen: tuple[str, ...] = ()) -> bool:
        if name in missing or name not in STAGE_FACTORIES or name in seen:
            return False
        return all(usable(r, seen + (name,)) for r in requires.get(name, ()))

    found = tuple(n for n in stages if usable(n))
    for name in stages:
        if name not in found:
            why = missing.get(name) or "a stage it requires is not installed"
            print(f"ficlens batch: stage {name!r} left out ({why})", file=sys.stderr)
    return found


def warm(stages: tuple[str, ...]) -> None:
    """Build every stage once in this process (models load here, not in the first task)."""
    for name in stages:
        try:
            get_stage(name)
        except Exception as err:  # the tasks will report it per work
            print(f"ficlens batch: stage {name!r} failed to load: {type(err).__name__}: {err}", file=sys.stderr)


class WorkTimeout(Exception):
    """A work took longer than ``--work-timeout``."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`WorkTimeout` in this thread after ``seconds``. Enforced where tasks run on a
    process's main thread (local pool, ``--workers 0``); Dask runs tasks on worker threads, which
    a signal cannot interrupt, so there the limit is not applied."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise WorkTimeout(f"analysis took longer than {seconds:g} s (--work-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _one_line(path: str, err: BaseException) -> str:
    if isinstance(err, FiclensError):
        return str(err)
    return " ".join(f"{path}: {type(err).__name__}: {err}".split())


def analyse_item(item: WorkItem, part_id: str, stages: tuple[str, ...], tables: tuple[str, ...],
                 timeout: float | None = None) -> tuple[dict[str, pa.Table] | None, dict[str, Any]]:
    """Tables of one work, or ``None`` and an error entry; never raises for a bad work."""
    entry: dict[str, Any] = {"path": item.path, "size": item.size, "mtime_ns": item.mtime_ns, "sha256": item.sha256,
                             "work_id": item.work_id}
    t0 = time.perf_counter()
    stage = "ingest"
    try:
        if not item.sha256:
            raise FiclensError(f"{item.path}: cannot be read")
        work = load_work(item.path)
        stage = "analyze"
        with time_limit(timeout):
            analyze(work, stages)
        stage = "export"
        seconds = round(time.perf_counter() - t0, 4)
        out = work_tables(work, item.work_id, tables, file_sha256=item.sha256, path=item.path,
                          file_bytes=item.size, seconds=seconds, part=part_id)
    except Exception as err:  # one bad work must not stop the others
        entry.update(status="error", stage=stage, error_type=type(err).__name__, message=_one_line(item.path, err))
        return None, entry
    entry.update(status="ok", words=int(work.stats.get("words") or 0), seconds=seconds)
    return out, entry


def run_part(part: Part, out: str, tables: tuple[str, ...] = DEFAULT_TABLES,
             stages: tuple[str, ...] = DEFAULT_STAGES) -> dict[str, Any]:
    """Analyse every work of ``part``, write its table files, then its manifest. Returns the manifest."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    collected: dict[str, list[pa.Table]] = {name: [] for name in tables}
    entries: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in part.items:
        got, entry = analyse_item(item, part.part_id, stages, tables, part.work_timeout)
        entries.append(entry)
        if got is None:
            errors.append(error_row(item.path, entry["message"], stage=entry["stage"], error_type=entry["error_type"],
                                    file_sha256=item.sha256, part=part.part_id))
            continue
        for name, table in got.items():
            if table.num_rows:
                collected[name].append(table)
    merged = {name: pa.concat_tables(ts) if ts else to_arrow(name, []) for name, ts in collected.items()}
    merged["errors"] = to_arrow("errors", errors)
    counts = write_part(out, part.part_id, merged)
    write_manifest(out, part.part_id, entries, counts)
    return {"part": part.part_id, "works": entries, "rows": counts, "seconds": round(time.perf_counter() - t0, 3),
            "cpu_seconds": round(time.process_time() - cpu0, 3), "worker": worker_label(), "peak_rss_mb": peak_rss_mb()}


def worker_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    try:
        import resource
    except ImportError:  # not POSIX
        return 0.0
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 / (1024 if sys.platform == "darwin" else 1), 1)


def commit_failed_part(out: str | Path, part: Part, message: str, error_type: str) -> dict[str, Any]:
    """Record every work of a part whose task died (killed worker, lost process) as an error."""
    remove_part(out, part.part_id)  # whatever the dead task renamed into place before its manifest
    part_id = f"{part.part_id}-failed"
    entries, errors = [], []
    for item in part.items:
        line = " ".join(f"{item.path}: {message}".split())
        entries.append({"path": item.path, "size": item.size, "mtime_ns": item.mtime_ns, "sha256": item.sha256,
                        "work_id": item.work_id, "status": "error", "stage": "worker", "error_type": error_type,
                        "message": line})
        errors.append(error_row(item.path, line, stage="worker", error_type=error_type, file_sha256=item.sha256,
                                part=part_id))
    counts = write_part(out, part_id, {"errors": to_arrow("errors", errors)})
    write_manifest(out, part_id, entries, counts)
    return {"part": part_id, "works": entries, "rows": counts, "seconds": 0.0}
