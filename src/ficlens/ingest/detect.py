"""Detect a file's format and hand it to the right reader."""

from __future__ import annotations

from pathlib import Path

from ficlens.document import Work
from ficlens.errors import IngestError
from ficlens.ingest.encoding import read_text_file
from ficlens.ingest.plaintext import parse_plaintext

MAX_FILE_BYTES = 200 * 1024 * 1024


def load_work(path: str | Path) -> Work:
    """Read ``path`` into a normalised :class:`Work` or raise :class:`IngestError`."""
    p = Path(path)
    if not p.is_file():
        raise IngestError(p, "not a file")
    size = p.stat().st_size
    if size == 0:
        raise IngestError(p, "empty file")
    if size > MAX_FILE_BYTES:
        raise IngestError(p, f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
    text, encoding = read_text_file(p)
    work = parse_plaintext(text, p)
    work.meta.encoding = encoding
    work.meta.source_path = str(p)
    return work
