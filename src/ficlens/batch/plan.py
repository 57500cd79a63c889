"""Plan a batch run: hash input files, skip finished works, group the rest into parts.

A *part* is the unit of scheduling and of commit: a task analyses its works
and writes one file per table. Small works are grouped so an archive does not
become millions of tiny files; a work larger than the part size runs alone, and
parts are handed out largest first so a huge work never becomes the tail.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

MAX_PART_BYTES = 4 * 1024 * 1024  # about 700,000 words of text per task at most
MIN_PART_BYTES = 16 * 1024
MAX_PART_WORKS = 200
PARTS_PER_WORKER = 4  # aim for at least this many parts per worker so load balances


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One input file, identified by the SHA-256 of its bytes ("" when unreadable)."""

    path: str
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""

    @property
    def work_id(self) -> str:
        return self.sha256[:16]


@dataclass(slots=True)
class Part:
    part_id: str
    items: list[WorkItem] = field(default_factory=list)
    attempt: int = 0
    work_timeout: float | None = None  # seconds one work may take (None: no limit)

    @property
    def size(self) -> int:
        return sum(i.size for i in self.items)


@dataclass
class Plan:
    parts: list[Part]
    skipped: list[WorkItem] = field(default_factory=list)  # already written (resume)
    duplicates: list[tuple[WorkItem, str]] = field(default_factory=list)  # (item, path of the copy kept)

    @property
    def n_works(self) -> int:
        return sum(len(p.items) for p in self.parts)


@dataclass
class DoneState:
    """What earlier runs committed, read from the manifests."""

    by_path: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path -> (size, mtime_ns, sha256)
    hashes: set[str] = field(default_factory=set)


def file_sha256(path: str | Path, block: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(block):
            h.update(chunk)
    return h.hexdigest()


def describe(path: Path, done: DoneState | None = None) -> WorkItem:
    """Stat and hash ``path``; a file whose path, size and mtime match a finished one is not re-read."""
    try:
        st = path.stat()
    except OSError:
        return WorkItem(str(path))
    key = str(path)
    if done is not None and key in done.by_path:
        size, mtime, sha = done.by_path[key]
        if size == st.st_size and mtime == st.st_mtime_ns:
            return WorkItem(key, st.st_size, st.st_mtime_ns, sha)
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    return WorkItem(key, st.st_size, st.st_mtime_ns, sha)


def part_size_for(total_bytes: int, workers: int, max_bytes: int = MAX_PART_BYTES) -> int:
    """Bytes of text per part: small enough for ``PARTS_PER_WORKER`` parts per worker, at most ``max_bytes``."""
    share = total_bytes // max(1, workers * PARTS_PER_WORKER)
    return max(1, min(max_bytes, max(MIN_PART_BYTES, share)))


def make_plan(items: Iterable[WorkItem], run_id: str, workers: int, done: DoneState | None = None,
              max_part_bytes: int = MAX_PART_BYTES, work_timeout: float | None = None) -> Plan:
    """Skip finished and duplicate works, then group the rest into parts, largest first."""
    todo: list[WorkItem] = []
    skipped: list[WorkItem] = []
    duplicates: list[tuple[WorkItem, str]] = []
    kept: dict[str, str] = {}
    for item in items:
        if item.sha256 and done is not None and item.sha256 in done.hashes:
            skipped.append(item)
        elif item.sha256 and item.sha256 in kept:
            duplicates.append((item, kept[item.sha256]))
        else:
            if item.sha256:
                kept[item.sha256] = item.path
            todo.append(item)
    target = part_size_for(sum(i.size for i in todo), workers, max_part_bytes)
    groups: list[list[WorkItem]] = []
    current: list[WorkItem] = []
    current_bytes = 0
    for item in todo:
        if item.size >= target:
            groups.append([item])
            continue
        if current and (current_bytes + item.size > target or len(current) >= MAX_PART_WORKS):
            groups.append(current)
            current, current_bytes = [], 0
        current.append(item)
        current_bytes += item.size
    if current:
        groups.append(current)
    parts = [Part(f"{run_id}-{i:06d}", g, work_timeout=work_timeout) for i, g in enumerate(groups)]
    parts.sort(key=lambda p: -p.size)
    return Plan(parts, skipped, duplicates)
