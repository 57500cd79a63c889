"""Decode bytes of unknown encoding (UTF-8, BOMs, UTF-16, cp1252, latin-1), never crashing."""

from __future__ import annotations

from pathlib import Path

from ficlens.errors import IngestError


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding it was decoded from."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text_file(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(path, "binary file, not text")
    return decode_bytes(data)
