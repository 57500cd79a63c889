"""Import files into the library: read, analyse, store; one transaction per work.

Unchanged files (same bytes as an imported one) are not read or analysed again.
A file that fails is reported on one line naming it and the rest go on.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ficlens.document import Work
from ficlens.errors import FiclensError
from ficlens.ingest import load_work
from ficlens.library.store import Library, file_sha256
from ficlens.pipeline import DEFAULT_STAGES, STAGE_FACTORIES, get_stage, run_stage


def available_stages(wanted: Iterable[str] = DEFAULT_STAGES) -> list[str]:
    """The wanted stages that can be built here, with what they require (all of them in a complete ficlens)."""
    ok: dict[str, bool] = {}

    def usable(name: str) -> bool:
        if name not in ok:
            ok[name] = False
            module = STAGE_FACTORIES.get(name, "").partition(":")[0]
            try:
                if module and importlib.util.find_spec(module) is not None:
                    ok[name] = all(usable(r) for r in get_stage(name).requires)
            except Exception as err:  # a stage that cannot be built is skipped, loudly
                print(f"ficlens: stage {name!r} unavailable ({type(err).__name__}: {err}); skipped",
                      file=sys.stderr)
                ok[name] = False
        return ok[name]

    return [name for name in wanted if usable(name)]


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    older: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # works stored with part of the analysis

    @property
    def stored(self) -> int:
        """Works now in the library from these inputs (new, updated, or already there)."""
        return len(self.added) + len(self.updated) + len(self.duplicates) + len(self.unchanged) + len(self.older)

    def line(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.duplicates)} duplicates, "
                f"{len(self.unchanged)} unchanged, {len(self.older)} older versions skipped, "
                f"{len(self.errors)} errors" + (f", {len(self.warnings)} analysis warnings" if self.warnings else ""))


def read_and_analyse(path: Path, stages: list[str]) -> tuple[Work, list[str]]:
    """Load and analyse one file; raises FiclensError for files that are not works.

    A stage that fails on this work is reported (one line naming the file) and
    the work is kept with the stages that succeeded; a later import with a
    working pipeline analyses it again.
    """
    work = load_work(path)
    if not work.text.strip():
        raise FiclensError(f"{path}: no story text found")
    warnings: list[str] = []
    failed: set[str] = set()
    for name in stages:
        try:
            requires = get_stage(name).requires
            if failed.intersection(requires):
                failed.add(name)
                continue
            run_stage(work, name)
        except Exception as err:  # one stage's bug must not lose the work or the other stages
            failed.add(name)
            warnings.append(f"{path}: stage {name!r} failed ({type(err).__name__}: "
                            f"{' '.join(str(err).split())[:200]}); stored without it")
    if failed:
        skipped = sorted(failed - {w.split("'")[1] for w in warnings})
        if skipped:
            warnings.append(f"{path}: also skipped stages needing it: {', '.join(skipped)}")
    work.tokens = None  # not stored; cheaper to pass between processes
    return work, warnings


def _error_line(path: Path, err: BaseException) -> str:
    if isinstance(err, FiclensError):
        return " ".join(str(err).split())
    return f"{path}: {type(err).__name__}: {' '.join(str(err).split())}"[:500]


def _store(lib: Library, path: Path, fhash: str, work: Work, report: ImportReport) -> None:
    try:
        result = lib.add_work(work, file_hash=fhash)
    except Exception as err:  # e.g. inconsistent analysis; the transaction was rolled back
        report.errors.append(_error_line(path, err))
        return
    getattr(report, {"added": "added", "updated": "updated", "duplicate": "duplicates",
                     "older": "older"}[result.action]).append(result.work_id)


def _pending(lib: Library, path: Path, report: ImportReport, stages: list[str]) -> str | None:
    """The file's hash when it needs importing; None when it is unreadable or unchanged."""
    try:
        fhash = file_sha256(path)
    except OSError as err:
        report.errors.append(f"{path}: cannot read ({err.strerror or err})")
        return None
    known = lib.work_for_file_hash(fhash)
    if known is not None and set(stages) <= known[1]:
        report.unchanged.append(known[0])
        return None
    return fhash


def import_file(lib: Library, path: Path, stages: list[str], report: ImportReport) -> None:
    """Import one file into ``lib``, recording the outcome (or a one-line error) in ``report``."""
    fhash = _pending(lib, path, report, stages)
    if fhash is None:
        return
    try:
        work, warnings = read_and_analyse(path, stages)
    except Exception as err:  # a reader bug must not stop the import of the other files
        report.errors.append(_error_line(path, err))
        return
    report.warnings += warnings
    _store(lib, path, fhash, work, report)


_WORKER_STAGES: list[str] = []


def _init_worker(stages: list[str]) -> None:
    _WORKER_STAGES[:] = stages
    for name in stages:  # load models once per worker
        get_stage(name)


def _work_in_worker(path: Path) -> tuple[Work, list[str]]:
    return read_and_analyse(path, _WORKER_STAGES)


def import_paths(lib: Library, paths: list[Path], stages: list[str] | None = None, progress: bool = True,
                 on_error: Callable[[str], None] | None = None, jobs: int = 1) -> ImportReport:
    """Import every path; errors go to ``on_error`` (stderr by default) as they happen.

    With ``jobs > 1`` files are read and analysed in that many worker processes;
    this process alone writes to the library, one transaction per work, in input order.
    """
    from tqdm import tqdm

    stages = available_stages() if stages is None else stages
    report = ImportReport()
    on_error = on_error or (lambda line: tqdm.write(line, file=sys.stderr))
    bar = tqdm(total=len(paths), desc="importing", unit="work", file=sys.stderr,
               disable=not progress or len(paths) < 2)

    shown = [0]

    def flush(before: int) -> None:
        for line in report.errors[before:] + report.warnings[shown[0]:]:
            on_error(line)
        shown[0] = len(report.warnings)
        bar.update(1)

    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            before = len(report.errors)
            import_file(lib, path, stages, report)
            flush(before)
        bar.close()
        return report

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    todo = []
    for path in paths:
        before = len(report.errors)
        fhash = _pending(lib, path, report, stages)
        if fhash is None:
            flush(before)
        else:
            todo.append((path, fhash))
    # spawn, not fork: forking a process whose model libraries run threads can crash the children
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(stages,),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(path, fhash, pool.submit(_work_in_worker, path)) for path, fhash in todo]
        for path, fhash, future in futures:
            before = len(report.errors)
            try:
                work, warnings = future.result()
            except Exception as err:
                report.errors.append(_error_line(path, err))
            else:
                report.warnings += warnings
                _store(lib, path, fhash, work, report)
            flush(before)
    bar.close()
    return report
