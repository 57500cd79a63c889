"""``run_batch``: analyse many works in parallel and write Parquet tables.

Steps: expand the inputs; read what earlier runs committed (``--resume``);
remove uncommitted leftovers of a killed run; hash and group the inputs into
parts; run the parts (serially, on local processes or on Dask); record input
problems and dead tasks in ``errors``; give every table its schema; write
``_SUCCESS``. Exit status: 0 when at least one of the inputs is in the
output (written now or, with ``--resume``, earlier); 1 when every work failed
or no input was found.
"""

from __future__ import annotations

import secrets
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ficlens.batch.manifest import (SUCCESS, clean_uncommitted, complete_manifests, done_state, forget_errors,
                                    has_previous_run, read_manifests, remove_outputs, write_json_atomic, write_manifest)
from ficlens.batch.plan import MAX_PART_BYTES, DoneState, Part, describe, make_plan
from ficlens.batch.task import available_stages, commit_failed_part
from ficlens.errors import FiclensError
from ficlens.export.parquet import finish_tables, write_part
from ficlens.export.tables import error_row, resolve_tables, to_arrow
from ficlens.ingest import expand_inputs
from ficlens.pipeline import DEFAULT_STAGES


class BatchError(FiclensError):
    """The run cannot start (e.g. the output folder holds another run)."""


@dataclass
class BatchSummary:
    out: str
    runner: str
    workers: int
    run_id: str
    inputs: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    input_problems: int = 0
    words: int = 0
    seconds: float = 0.0
    stages: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker (host:pid) -> peak resident MiB
    busy_seconds: float = 0.0  # summed over tasks: time workers spent analysing and writing
    cpu_seconds: float = 0.0  # summed over tasks: CPU time of the worker processes (what a cloud bills)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        """0 when the output holds at least one work of these inputs (written now or by an earlier run)."""
        return 0 if self.ok + self.skipped > 0 else 1

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["words_per_second"] = round(self.words_per_second, 1)
        d["exit_code"] = self.exit_code
        return d


def make_runner(stages: tuple[str, ...], workers: int | None, dask: str | None):
    """Serial for ``workers == 0``, Dask when ``dask`` is given, else a local process pool."""
    if dask:
        from ficlens.batch.dask_runner import DaskRunner

        return DaskRunner(stages, dask, workers)
    if workers == 0:
        from ficlens.batch.local import SerialRunner

        return SerialRunner(stages)
    from ficlens.batch.local import ProcessRunner

    return ProcessRunner(stages, workers)


def _planned_workers(workers: int | None, dask: str | None) -> int:
    """Workers to size parts for, known before any runner starts."""
    from ficlens.batch.local import default_workers

    if workers is not None:
        return max(1, workers)
    return default_workers() if not dask or dask == "local" else 32


def _progress(total: int, enabled: bool, desc: str = "ficlens batch"):
    from tqdm import tqdm

    return tqdm(total=total, unit="work", file=sys.stderr, disable=not enabled, dynamic_ncols=True, desc=desc)


def _describe_all(paths: list[Path], done: DoneState | None, progress: bool) -> list:
    """Stat and hash every input, a few files at a time (hashing releases the GIL), in input order."""
    from concurrent.futures import ThreadPoolExecutor

    bar = _progress(len(paths), progress and len(paths) > 1000, desc="hashing inputs")
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            items = []
            for i in range(0, len(paths), 4096):  # bounded: Executor.map submits its whole input at once
                chunk = list(pool.map(lambda p: describe(p, done), paths[i:i + 4096]))
                items.extend(chunk)
                bar.update(len(chunk))
            return items
    finally:
        bar.close()


def run_batch(inputs: list[str], out: str | Path, *, workers: int | None = None, dask: str | None = None,
              resume: bool = False, overwrite: bool = False, tables: str | list[str] | None = "default",
              stages: tuple[str, ...] | None = None, max_part_bytes: int = MAX_PART_BYTES,
              progress: bool = True, runner: Any = None, work_timeout: float | None = None) -> BatchSummary:
    """Analyse every work named by ``inputs`` and write the tables under ``out``."""
    out = Path(out).absolute()
    table_names = resolve_tables(tables)
    stage_names = available_stages(stages or DEFAULT_STAGES)
    if has_previous_run(out) and not resume:
        if not overwrite:
            raise BatchError(f"{out}: holds the output of an earlier run; pass --resume to continue it "
                             f"or --overwrite to replace it")
        remove_outputs(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / SUCCESS).unlink(missing_ok=True)
    manifests = complete_manifests(out, read_manifests(out))
    clean_uncommitted(out, manifests)
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)

    paths, problems = expand_inputs(list(inputs))
    paths = [p.absolute() for p in paths]  # workers may run elsewhere, in another folder
    input_paths = {str(p) for p in paths}
    done: DoneState | None = done_state(manifests) if resume else None
    if resume:
        forget_errors(out, manifests, input_paths)
    items = _describe_all(paths, done, progress)
    plan = make_plan(items, run_id, _planned_workers(workers, dask), done, max_part_bytes, work_timeout)

    summary = BatchSummary(str(out), "", 0, run_id, inputs=len(paths), skipped=len(plan.skipped),
                           duplicates=len(plan.duplicates), input_problems=len(problems),
                           stages=list(stage_names), tables=list(table_names))
    for line in problems:
        print(f"ficlens batch: {line}", file=sys.stderr)
    _commit_notes(out, run_id, problems, plan.duplicates)

    t0 = time.perf_counter()
    own_runner = runner is None
    if plan.parts:
        runner = runner or make_runner(stage_names, workers, dask)
        summary.runner, summary.workers = runner.name, runner.workers
        bar = _progress(plan.n_works, progress)
        try:
            for part, result in runner.run(plan.parts, str(out), table_names):
                if isinstance(result, BaseException):
                    message = f"worker task failed: {type(result).__name__}: {result}"
                    bar.write(f"ficlens batch: part {part.part_id}: {message}", file=sys.stderr)
                    result = commit_failed_part(out, part, message, type(result).__name__)
                summary.busy_seconds = round(summary.busy_seconds + result.get("seconds", 0.0), 3)
                summary.cpu_seconds = round(summary.cpu_seconds + result.get("cpu_seconds", 0.0), 3)
                if "worker" in result:
                    w = result["worker"]
                    summary.peak_rss_mb[w] = max(summary.peak_rss_mb.get(w, 0.0), result["peak_rss_mb"])
                for entry in result["works"]:
                    if entry["status"] == "ok":
                        summary.ok += 1
                        summary.words += entry.get("words", 0)
                    else:
                        summary.failed += 1
                        bar.write(f"ficlens batch: {entry['message']}", file=sys.stderr)
                bar.update(len(part.items))
                elapsed = time.perf_counter() - t0
                bar.set_postfix(ok=summary.ok, failed=summary.failed,
                                words_s=int(summary.words / elapsed) if elapsed else 0, refresh=False)
        finally:
            bar.close()
            if own_runner:
                runner.close()
    summary.seconds = round(time.perf_counter() - t0, 3)
    finish_tables(out, table_names)
    write_json_atomic(summary.to_dict() | {"finished_at": datetime.now(timezone.utc).isoformat()}, out / SUCCESS)
    return summary


def _commit_notes(out: Path, run_id: str, problems: list[str], duplicates: list) -> None:
    """Record input problems (as errors) and skipped duplicate files (manifest only)."""
    if not problems and not duplicates:
        return
    part_id = f"{run_id}-inputs"
    entries: list[dict[str, Any]] = []
    errors = []
    for line in problems:
        path = line.split(": ", 1)[0]
        entries.append({"path": path, "status": "error", "stage": "input", "error_type": "InputError", "message": line})
        errors.append(error_row(path, line, stage="input", error_type="InputError", part=part_id))
    for item, kept in duplicates:
        entries.append({"path": item.path, "size": item.size, "mtime_ns": item.mtime_ns, "sha256": item.sha256,
                        "work_id": item.work_id, "status": "duplicate", "duplicate_of": kept})
    counts = write_part(out, part_id, {"errors": to_arrow("errors", errors)})
    write_manifest(out, part_id, entries, counts)


__all__ = ["run_batch", "BatchSummary", "BatchError", "Part"]
