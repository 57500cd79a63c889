"""EPUB containers, read defensively in memory (never extracted to disk).

Limits against zip bombs and junk: at most :data:`MAX_MEMBERS` entries,
:data:`MAX_MEMBER_BYTES` per entry and :data:`MAX_TOTAL_BYTES` in total,
counted while decompressing (declared sizes can lie), and a compression ratio
above :data:`MAX_RATIO` is refused. Readers get the OPF metadata and the spine
documents, decoded, in reading order.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ficlens.errors import IngestError
from ficlens.ingest.encoding import decode_bytes

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
_CHUNK = 1 << 16
_DOC_TYPES = ("application/xhtml+xml", "text/html", "application/xml", "text/xml")


@dataclass
class EpubBook:
    path: Path
    metadata: dict[str, list[str]] = field(default_factory=dict)  # dc name -> values ("identifier", "source", ...)
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (scheme or id attribute, value)
    documents: list[tuple[str, str]] = field(default_factory=list)  # (member name, decoded text) in spine order

    def first(self, name: str) -> str:
        values = self.metadata.get(name) or [""]
        return values[0]


class SafeZip:
    """A zip archive whose members are read under size limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as err:
            raise IngestError(path, f"not a readable EPUB/zip archive ({err.__class__.__name__}: {err})") from None
        if len(infos) > MAX_MEMBERS:
            raise IngestError(path, f"archive has {len(infos)} entries (limit {MAX_MEMBERS}), refusing a possible zip bomb")
        declared = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if declared > MAX_TOTAL_BYTES or declared / packed > MAX_RATIO and declared > 1024 * 1024:
            raise IngestError(path, f"archive would expand to {declared} bytes (ratio {declared // packed}), refusing a possible zip bomb")
        self.infos = {i.filename: i for i in infos}
        self.total = 0

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise KeyError(name)
        out = io.BytesIO()
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    self.total += len(chunk)
                    if out.tell() > MAX_MEMBER_BYTES or self.total > MAX_TOTAL_BYTES:
                        raise IngestError(self.path, f"archive entry {name} expands beyond the size limit, refusing a possible zip bomb")
        except IngestError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as err:
            raise IngestError(self.path, f"damaged archive entry {name} ({err.__class__.__name__}: {err})") from None
        return out.getvalue()

    def close(self) -> None:
        self.zf.close()


def _xml(data: bytes, path: Path, what: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        raise IngestError(path, f"unreadable {what} ({err})") from None
    if root is None:
        raise IngestError(path, f"unreadable {what}")
    return root


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def read_epub(path: Path) -> EpubBook:
    """Open an EPUB: OPF metadata and spine documents, or an :class:`IngestError`."""
    z = SafeZip(path)
    try:
        names = z.names()
        opf_name = None
        if "META-INF/container.xml" in z.infos:
            container = _xml(z.read("META-INF/container.xml"), path, "META-INF/container.xml")
            for el in container.iter():
                if _local(el.tag) == "rootfile" and el.get("full-path"):
                    opf_name = el.get("full-path")
                    break
        if not opf_name or opf_name not in z.infos:
            opf_name = next((n for n in names if n.lower().endswith(".opf")), None)
        book = EpubBook(path)
        if opf_name is None:
            # no package document: read every (X)HTML file in name order
            for n in sorted(n for n in names if n.lower().endswith((".xhtml", ".html", ".htm"))):
                book.documents.append((n, decode_bytes(z.read(n), honour_declared=True)[0]))
            if not book.documents:
                raise IngestError(path, "EPUB has no package document (.opf) and no XHTML content")
            return book
        opf = _xml(z.read(opf_name), path, opf_name)
        base = posixpath.dirname(opf_name)
        manifest: dict[str, tuple[str, str]] = {}
        spine: list[str] = []
        for el in opf.iter():
            tag = _local(el.tag)
            ns = el.tag.split("}")[0] if isinstance(el.tag, str) and "}" in el.tag else ""
            if "purl.org/dc" in ns and el.text and el.text.strip():
                book.metadata.setdefault(tag, []).append(" ".join(el.text.split()))
                if tag == "identifier":
                    scheme = next((v for k, v in el.attrib.items() if k.endswith("scheme")), "") or el.get("id", "")
                    book.identifiers.append((scheme, el.text.strip()))
            elif tag == "item" and el.get("href"):
                href = posixpath.normpath(posixpath.join(base, _unquote(el.get("href", ""))))
                manifest[el.get("id", "")] = (href, el.get("media-type", ""))
            elif tag == "itemref" and el.get("idref"):
                spine.append(el.get("idref", ""))
        order = [manifest[i] for i in spine if i in manifest] or sorted(manifest.values())
        for href, mtype in order:
            if href in z.infos and (mtype in _DOC_TYPES or href.lower().endswith((".xhtml", ".html", ".htm"))):
                book.documents.append((href, decode_bytes(z.read(href), honour_declared=True)[0]))
        if not book.documents:
            raise IngestError(path, "EPUB spine lists no readable XHTML document")
        return book
    finally:
        z.close()


def _unquote(href: str) -> str:
    from urllib.parse import unquote
    return unquote(href.split("#", 1)[0])


def is_zip(data_head: bytes) -> bool:
    return data_head.startswith(b"PK\x03\x04") or data_head.startswith(b"PK\x05\x06")
