"""Decode bytes of unknown encoding, never crashing.

Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32), the
NUL-byte pattern of BOM-less UTF-16, a declared charset (HTML ``<meta>``, XML
prolog), strict UTF-8, then a legacy single-byte guess: cp1252 when the bytes
0x80-0x9F (smart quotes, dashes) appear and decode, latin-1 otherwise.
charset-normalizer is consulted only for clearly non-Western text (Cyrillic,
CJK...), so that a few accents never flip an English story into cp1251.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ficlens.errors import IngestError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_C1 = re.compile(rb"[\x80-\x9f]")
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp850", "cp437",
            "iso8859_9", "cp1254", "iso8859_1", "ascii", "utf_8", "cp1257", "iso8859_13", "iso8859_4",
            "iso8859_10", "iso8859_14", "iso8859_16", "mac_latin2", "cp858", "cp775", "hp_roman8"}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"\x7fELF", "an executable"), (b"MZ\x90\x00", "a Windows executable"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"), (b"\xd0\xcf\x11\xe0", "an MS Office document"), (b"SQLite format 3", "a SQLite database"),
)


def binary_kind(data: bytes) -> str | None:
    """A short description when ``data`` is clearly not text, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if bom_encoding(head) or utf16_without_bom(head):
        return None
    if b"\x00" in head and utf16_without_bom(head) is None:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def bom_encoding(data: bytes) -> tuple[str, str, int] | None:
    """(codec, reported name, BOM length) when ``data`` starts with a BOM."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs sit on every other byte (mostly-ASCII UTF-16)."""
    sample = data[:4096]
    n = len(sample) // 2
    if n < 2:
        return None
    even_nul = sum(1 for i in range(0, 2 * n, 2) if sample[i] == 0)
    odd_nul = sum(1 for i in range(1, 2 * n, 2) if sample[i] == 0)
    if odd_nul > 0.6 * n and even_nul < 0.05 * n:
        return "utf-16-le"
    if even_nul > 0.6 * n and odd_nul < 0.05 * n:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML prolog declares, if Python knows it."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _legacy(data: bytes) -> tuple[str, str]:
    """cp1252 when its extra characters (0x80-0x9F) are used and valid, else latin-1."""
    if _C1.search(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few damaged bytes (replaced by U+FFFD) rather than mojibake everywhere."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= 2 and bad <= max(2, good // 20):
        return text
    return None


def _non_western_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess when the text is mostly non-ASCII and not a Western codepage."""
    sample = data[:262144]
    high = sum(1 for b in sample if b >= 0x80)
    if len(sample) < 64 or high / len(sample) < 0.15:
        return None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(sample).best()
    except Exception:  # the detector is a hint, never a reason to fail
        return None
    if best is None or best.encoding in _WESTERN:
        return None
    try:
        return data.decode(best.encoding), best.encoding.replace("_", "-")
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, honour_declared: bool = False) -> tuple[str, str]:
    """Text and the name of the encoding it was decoded from (invalid bytes become U+FFFD)."""
    bom = bom_encoding(data)
    if bom:
        codec, name, size = bom
        return data[size:].decode(codec, errors="replace"), name
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if honour_declared:
        declared = declared_charset(data)
        if declared in ("latin-1", "iso8859-1", "ascii", "cp1252"):
            # WHATWG: browsers read ISO-8859-1 and ASCII labels as windows-1252.
            text, _ = _legacy(data)
            return text, {"iso8859-1": "latin-1"}.get(declared, declared)
        if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                return data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration: fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    guess = _non_western_guess(data)
    if guess:
        return guess
    return _legacy(data)


def read_text_file(path: Path, honour_declared: bool = False) -> tuple[str, str]:
    """Decode a whole file, refusing binary data with a one-line :class:`IngestError`."""
    data = path.read_bytes()
    kind = binary_kind(data)
    if kind:
        raise IngestError(path, f"binary file ({kind}), not a story")
    return decode_bytes(data, honour_declared)
