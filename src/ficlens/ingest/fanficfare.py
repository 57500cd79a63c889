"""FanFicFare downloads: TXT, HTML and EPUB.

TXT: CRLF, wrapped at 78 columns; title, ``by Author``, ``Label: value`` lines
(continued on following lines), ``TABLE OF CONTENTS``, tab-indented chapter
titles, Markdown-ish bodies (``_italics_``, ``**bold**``, ``* * *``), ``End file.``
HTML: ``h1`` title with ``a.authorlink``, ``table.full`` label rows, chapters
after ``<a name="section0001">`` with an ``h2`` title.
EPUB: ``title_page.xhtml`` label lines, ``fileNNNN.xhtml`` chapters with
``h3.fff_chapter_title`` and ``div.fff_chapter_notes``, OPF ``fanficfare-uid``.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ficlens.document import Work, WorkMeta
from ficlens.ingest import meta as labels
from ficlens.ingest.build import build_work
from ficlens.ingest.epub import EpubBook
from ficlens.ingest.htmlstory import classify_drafts
from ficlens.ingest.htmltext import Block, body_of, classes, find, find_all, html_blocks, parse_html, text_of
from ficlens.ingest.paratext import ChapterDraft, Item, classify_chapter, mark_breaks
from ficlens.ingest.plaintext import text_items

_FFF_LABEL = re.compile(r"^([A-Z][A-Za-z0-9' ]{0,24}):(?:\s(.*)|)$")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_TXT_MARKERS = ("Packaged:", "Story URL:", "Publisher:", "Author URL:")


def _indented(line: str) -> bool:
    """FanFicFare indents chapter titles with a tab (8 spaces once a wrapper expanded it)."""
    return line.startswith("\t") or line.startswith("    ")


def is_fff_txt(text: str) -> bool:
    head = text[:8000].replace("\r\n", "\n")
    found = sum(1 for ln in head.split("\n") if (m := _FFF_LABEL.match(ln)) and labels.is_known_label(m.group(1)))
    ends = text.rstrip()[-40:].endswith("End file.")
    return (ends and found >= 2) or (found >= 4 and any(k in head for k in _TXT_MARKERS))


def unmarkdown(text: str) -> str:
    """FanFicFare's ``_italics_`` and ``**bold**`` back to plain text."""
    if "_" in text:
        text = _ITALIC.sub(r"\1", text)
    if "**" in text:
        text = _BOLD.sub(r"\1", text)
    return text


def parse_fff_txt(text: str, path: Path) -> Work:
    meta = WorkMeta(source_format="fanficfare-txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        meta.title = lines[i].strip()
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip().lower().startswith("by "):
        labels.apply_label(meta, "author", lines[i].strip()[3:])
        i += 1
    fields: list[list[str]] = []
    while i < len(lines):
        line = lines[i]
        if line.strip() == "TABLE OF CONTENTS" or (_indented(line) and line.strip()):
            break
        m = _FFF_LABEL.match(line.rstrip())
        if m and labels.is_known_label(m.group(1)):
            fields.append([m.group(1), (m.group(2) or "").strip()])
        elif line.strip() and fields:
            fields[-1][1] = (fields[-1][1] + " " + line.strip()).strip()
        elif not line.strip() and fields and fields[-1][0] != "":
            fields.append(["", ""])  # a blank line closes the field
        i += 1
    for label, value in fields:
        if label:
            labels.apply_label(meta, label, value, category_is="fandoms")
    toc: list[str] = []
    if i < len(lines) and lines[i].strip() == "TABLE OF CONTENTS":
        i += 1
        while i < len(lines) and not (_indented(lines[i]) and lines[i].strip()):
            if lines[i].strip():
                toc.append(lines[i].strip())
            i += 1
    body = lines[i:]
    while body and not body[-1].strip():
        body.pop()
    if body and body[-1].strip() == "End file.":
        body.pop()
    drafts: list[ChapterDraft] = []
    chunk: list[str] = []
    wanted = list(toc)

    def close() -> None:
        if drafts:
            drafts[-1].items = [Item(unmarkdown(it.text), it.gap) for it in text_items("\n".join(chunk), wrapped=True)]
        chunk.clear()

    for line in body:
        title = line.strip()
        if _indented(line) and title and ((not toc and not drafts) or title in wanted):
            close()
            while wanted and wanted[0] != title:
                wanted.pop(0)  # a chapter listed in the TOC but missing from the body
            if wanted:
                wanted.pop(0)
            drafts.append(ChapterDraft(title=title))
        else:
            if not drafts:
                drafts.append(ChapterDraft())
            chunk.append(line)
    close()
    raws = []
    for k, d in enumerate(drafts):
        d.items = mark_breaks(d.items, None)
        raws.append(classify_chapter(d, last_in_work=k == len(drafts) - 1))
    if not meta.title:
        meta.title = path.stem
    return build_work(meta, raws)


# HTML ----------------------------------------------------------------------

def is_fff_html(root: etree._Element) -> bool:
    return (find(root, "table", cls="full") is not None or find(root, "a", cls="authorlink") is not None) and \
        any((a.get("name") or "").startswith("section") for a in find_all(root, "a"))


def _title_and_author(heading: etree._Element | None, meta: WorkMeta) -> None:
    if heading is None:
        return
    author = find(heading, "a", cls="authorlink")
    links = [a for a in find_all(heading, "a") if a is not author]
    if links:
        meta.title = meta.title or text_of(links[0])
        href = links[0].get("href") or ""
        if href.startswith("http"):
            labels.apply_label(meta, "story url", href)
    if author is not None:
        labels.apply_label(meta, "author", text_of(author))
        if author.get("href"):
            meta.extra.setdefault("author url", author.get("href", ""))
    if not meta.title:
        meta.title = re.split(r"\s+by\s+", text_of(heading))[0]


def _label_lines(blocks: list[Block], meta: WorkMeta) -> None:
    for b in blocks:
        m = re.match(r"^([A-Za-z][A-Za-z0-9' ]{0,24}):\s*(.*)$", b.text)
        if m and labels.is_known_label(m.group(1)):
            labels.apply_label(meta, m.group(1), m.group(2), category_is="fandoms")


def _note_of(el: etree._Element) -> str | None:
    return "author_note" if "fff_chapter_notes" in classes(el) else None


def parse_fff_html(root: etree._Element, path: Path) -> Work:
    meta = WorkMeta(source_format="fanficfare-html")
    _title_and_author(find(root, "h1"), meta)
    table = find(root, "table", cls="full")
    if table is not None:
        for tr in find_all(table, "tr"):
            cells = find_all(tr, "td") + find_all(tr, "th")
            for k, td in enumerate(cells):
                bold = find(td, "b")
                label = text_of(bold).rstrip(":") if bold is not None else ""
                if not label:
                    continue
                value = text_of(td)[len(text_of(bold)):].strip()
                if not value and k + 1 < len(cells):
                    value = text_of(cells[k + 1])
                labels.apply_label(meta, label, value, category_is="fandoms")
    blocks = html_blocks(body_of(root), note_of=_note_of,
                         mark_of=lambda el: "chapter" if (el.get("name") or "").startswith("section") and el.tag == "a" else None)
    drafts: list[ChapterDraft] = []
    want_title = False
    pending = False
    for b in blocks:
        if b.kind == "mark":
            drafts.append(ChapterDraft())
            want_title = True
            continue
        if not drafts:
            continue
        if b.kind == "h" and want_title and not drafts[-1].items:
            drafts[-1].title = b.text
            want_title = False
            continue
        if b.kind == "hr":
            pending = True
            continue
        if b.kind == "h":
            continue
        want_title = False
        drafts[-1].items.append(Item(b.text, 1, brk=pending, note=b.note))
        pending = False
    if not drafts:  # no section anchors: everything after the table is one chapter
        drafts = [ChapterDraft(items=[Item(b.text, 1, note=b.note) for b in blocks if b.kind == "p"])]
    if not meta.title:
        meta.title = path.stem
    return build_work(meta, classify_drafts(drafts))


# EPUB ----------------------------------------------------------------------

def is_fff_epub(book: EpubBook) -> bool:
    if any("fanficfare" in v.lower() for _, v in book.identifiers) or any(
            "fanficfare" in v.lower() for vs in book.metadata.values() for v in vs):
        return True
    return any(name.endswith("title_page.xhtml") for name, _ in book.documents) and any(
        "fff_chapter_title" in text for _, text in book.documents[:5])


def _first_found(root: etree._Element, *specs: tuple[str, str | None]) -> etree._Element | None:
    for tag, cls in specs:
        el = find(root, tag, cls)
        if el is not None:
            return el
    return None


def parse_fff_epub(book: EpubBook) -> Work:
    meta = WorkMeta(source_format="fanficfare-epub")
    meta.title = book.first("title")
    for creator in book.metadata.get("creator", []):
        labels.apply_label(meta, "author", creator)
    for scheme, value in book.identifiers:
        if value.lower().startswith("fanficfare-uid:"):
            meta.ids["fanficfare_uid"] = value.split(":", 1)[1]
        elif "fanficfare" in scheme.lower():
            meta.ids["fanficfare_uid"] = value
    if book.first("source"):
        labels.apply_label(meta, "story url", book.first("source"))
    if book.first("language"):
        meta.language = meta.language or book.first("language")
    drafts: list[ChapterDraft] = []
    for name, text in book.documents:
        root = parse_html(text)
        base = name.rsplit("/", 1)[-1].lower()
        if base.startswith("title_page"):
            heading = _first_found(root, ("h3", None), ("h1", None), ("h2", None))
            _title_and_author(heading, meta)
            _label_lines([b for b in html_blocks(body_of(root)) if b.kind == "p"], meta)
            continue
        if base.startswith(("toc_page", "log_page", "cover", "nav")) or base == "toc.xhtml":
            continue
        title_el = _first_found(root, ("h3", "fff_chapter_title"), ("h2", None), ("h3", None))
        blocks = html_blocks(body_of(root), note_of=_note_of, skip=lambda el: el is title_el)
        draft = ChapterDraft(title=text_of(title_el))
        pending = False
        for b in blocks:
            if b.kind == "hr":
                pending = True
            elif b.kind in ("p", "dd", "dt") or (b.kind == "h" and b.note):
                draft.items.append(Item(b.text, 1, brk=pending, note=b.note))
                pending = False
        drafts.append(draft)
    desc = book.first("description")
    if desc and not meta.summary:
        meta.summary = desc
    if not meta.title:
        meta.title = book.path.stem
    return build_work(meta, classify_drafts(drafts))
