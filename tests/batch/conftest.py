"""A small corpus (the bundled seeds, a binary file, an empty file, format fixtures) and helpers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ficlens.export.parquet import read_table
from ficlens.export.tables import VOLATILE_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, seed_paths) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for p in seed_paths:
        shutil.copy(p, folder / p.name)
    (folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary junk\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    if FORMATS.is_dir():
        shutil.copytree(FORMATS, folder / "formats")
    return folder


def canonical_rows(out: Path, table: str) -> list[str]:
    """Rows of ``table`` as sorted JSON strings, without the columns that change between runs."""
    drop = set(VOLATILE_COLUMNS.get(table, ()))
    rows = read_table(out, table).to_pylist()
    return sorted(json.dumps({k: v for k, v in r.items() if k not in drop}, sort_keys=True, default=str) for r in rows)
