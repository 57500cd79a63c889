"""Detect a file's format and hand it to the right reader.

Formats: EPUB (FanFicFare, AO3 incl. Calibre conversions, any other EPUB),
HTML (FanFicFare, AO3 download, saved AO3 work page, FanFiction.net page, any
other story HTML) and text (FanFicFare TXT, scraped plain text). Content
decides, not the file suffix.

Limits (documented, checked before reading): a file over
:data:`MAX_FILE_BYTES` (128 MiB) is refused; EPUB archives are capped by
:mod:`ficlens.ingest.epub`. A 50 MB text is read in one pass with linear-time
steps only. Every failure is a one-line :class:`IngestError` naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ficlens.document import Work
from ficlens.errors import IngestError
from ficlens.ingest import ao3, fanficfare
from ficlens.ingest.encoding import binary_kind, decode_bytes
from ficlens.ingest.epub import is_zip, read_epub
from ficlens.ingest.htmlstory import parse_generic_epub, parse_generic_html
from ficlens.ingest.htmltext import parse_html
from ficlens.ingest.plaintext import parse_plaintext

MAX_FILE_BYTES = 128 * 1024 * 1024
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<div|<p[\s>]|<h[1-6])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    # block-level markup: a text story with a few literal <i> tags stays text
    return len(re.findall(r"</?(?:p|div|br|html|body|h[1-6]|table|tr|li|blockquote|center)\b[^>]*>", head, re.I)) >= 3


def load_work(path: str | Path) -> Work:
    """Read ``path`` into a normalised :class:`Work` or raise :class:`IngestError`."""
    p = Path(path)
    if not p.is_file():
        raise IngestError(p, "not a file" if p.exists() else "no such file")
    try:
        size = p.stat().st_size
        if size == 0:
            raise IngestError(p, "empty file")
        if size > MAX_FILE_BYTES:
            raise IngestError(p, f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        with p.open("rb") as fh:
            head = fh.read(8)
        work = _load_epub(p) if is_zip(head) else _load_text_or_html(p)
    except IngestError:
        raise
    except (OSError, MemoryError) as err:
        raise IngestError(p, f"cannot read file ({err.__class__.__name__}: {err})") from None
    except RecursionError:
        raise IngestError(p, "document nested too deeply to read") from None
    except Exception as err:  # a reader bug must not stop a batch: report it as this file's error
        raise IngestError(p, f"could not be read ({err.__class__.__name__}: {err})") from None
    work.meta.source_path = str(p)
    if not work.text.strip() or not work.paragraphs:
        raise IngestError(p, f"no story text found (read as {work.meta.source_format or 'text'})")
    return work


def _load_epub(p: Path) -> Work:
    book = read_epub(p)
    if fanficfare.is_fff_epub(book):
        work = fanficfare.parse_fff_epub(book)
    elif ao3.is_ao3_epub(book):
        work = ao3.parse_ao3_epub(book)
    else:
        work = parse_generic_epub(book)
    work.meta.encoding = work.meta.encoding or "utf-8"
    return work


def _load_text_or_html(p: Path) -> Work:
    data = p.read_bytes()
    kind = binary_kind(data)
    if kind:
        raise IngestError(p, f"binary file ({kind}), not a story")
    probe, _ = decode_bytes(data[:65536])
    is_html = looks_like_html(probe)
    text, encoding = decode_bytes(data, honour_declared=is_html)
    del data
    if is_html:
        root = parse_html(text)
        if fanficfare.is_fff_html(root):
            work = fanficfare.parse_fff_html(root, p)
        elif ao3.is_ao3_page(root):
            work = ao3.parse_ao3_page(root, p)
        elif ao3.is_ao3_download(root, text):
            work = ao3.parse_ao3_html(root, p)
        else:
            work = parse_generic_html(root, p)
    elif fanficfare.is_fff_txt(text):
        work = fanficfare.parse_fff_txt(text, p)
    else:
        work = parse_plaintext(text, p)
    work.meta.encoding = encoding
    return work
