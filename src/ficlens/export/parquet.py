"""Parquet tables on disk: one folder per table, flat part files, atomic writes.

Layout of an output folder (see docs/batch-schema.md)::

    OUT/works/part-<part>.parquet      one file per table per committed part
    OUT/<table>/_common_metadata        the table's schema (Spark/pyarrow convention)
    OUT/_manifest/<part>.json           commit record of a part (written last)
    OUT/_tmp/                           scratch, never read
    OUT/_SUCCESS                        written when a whole run finished

Readers (pyarrow, Spark, Hive) skip names starting with ``_`` or ``.``; a
part file only ever appears complete, because it is written under a hidden
temporary name and renamed into place.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ficlens.export.tables import SCHEMAS, to_arrow

EMPTY_PART = "part-empty.parquet"
COMPRESSION = "snappy"  # the codec every Parquet reader supports


def part_path(out: str | Path, table: str, part: str) -> Path:
    return Path(out) / table / f"part-{part}.parquet"


def write_parquet_atomic(table: pa.Table, path: str | Path) -> Path:
    """Write ``table`` to ``path`` via a hidden temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        pq.write_table(table, tmp, compression=COMPRESSION)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_part(out: str | Path, part: str, tables: dict[str, pa.Table]) -> dict[str, int]:
    """Write the non-empty ``tables`` of one part; ``works`` goes last. Returns rows per table."""
    counts: dict[str, int] = {}
    for name in sorted(tables, key=lambda n: n == "works"):
        table = tables[name]
        counts[name] = table.num_rows
        if table.num_rows:
            write_parquet_atomic(table.cast(SCHEMAS[name]), part_path(out, name, part))
    return counts


def remove_part(out: str | Path, part: str, tables: Iterable[str] = SCHEMAS) -> None:
    """Delete every file of ``part`` (``works`` first, so no work row outlives its details)."""
    for name in sorted(tables, key=lambda n: n != "works"):
        part_path(out, name, part).unlink(missing_ok=True)


def finish_tables(out: str | Path, tables: Iterable[str]) -> None:
    """Give every table its ``_common_metadata`` and, when it has no rows at all, an empty part
    so that globbing readers (DuckDB ``read_parquet('OUT/t/*.parquet')``) find a typed table."""
    for name in tables:
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_metadata(SCHEMAS[name], folder / "_common_metadata")
        parts = [p for p in folder.glob("part-*.parquet") if p.name != EMPTY_PART]
        empty = folder / EMPTY_PART
        if not parts and not empty.exists():
            write_parquet_atomic(to_arrow(name, []), empty)
        elif parts and empty.exists():
            empty.unlink()


def read_table(out: str | Path, name: str) -> pa.Table:
    """All committed rows of table ``name`` under ``out`` (empty, typed, when there are none)."""
    folder = Path(out) / name
    files = sorted(str(p) for p in folder.glob("part-*.parquet")) if folder.is_dir() else []
    if not files:
        return to_arrow(name, [])
    return ds.dataset(files, format="parquet", schema=SCHEMAS[name]).to_table()
