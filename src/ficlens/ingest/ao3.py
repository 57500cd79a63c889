"""Archive of Our Own: download HTML, EPUB (also Calibre-converted) and saved work pages.

Downloads and EPUBs are read by *label text*, not CSS classes (Calibre renames
or drops them and may split files): ``dt`` labels ("Rating:", "Relationships:",
"Stats:"), the ``h1`` title and "by" line, "Summary"/"Notes"/"Chapter Notes"/
"Chapter End Notes"/"End Notes" paragraphs followed by blockquotes, ``h2``
chapter headings. Saved work pages use AO3's own classes
(``dl.work.meta.group``, ``dd.*.tags``, ``dl.stats``, ``div.userstuff.module``).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ficlens.document import Note, Work, WorkMeta
from ficlens.ingest import meta as labels
from ficlens.ingest.build import build_work
from ficlens.ingest.epub import EpubBook
from ficlens.ingest.htmlstory import classify_drafts
from ficlens.ingest.htmltext import Block, body_of, classes, find, find_all, html_blocks, parse_html, text_of
from ficlens.ingest.paratext import ChapterDraft, Item

_NOTE_LABELS = {
    "summary": "summary", "notes": "author_note", "chapter summary": "chapter_summary",
    "chapter notes": "author_note", "chapter end notes": "end_note", "end notes": "end_note",
    "author's note": "author_note", "author's notes": "author_note",
}
_SKIP_LINES = re.compile(r"^\(?\s*see the (?:end|beginning) of the (?:chapter|work) for (?:more )?notes?\.?\s*\)?$", re.I)
_STOP = re.compile(r"^(?:works inspired by this one|please drop by the archive|please\s+drop\s+by\s+the\s+archive)", re.I)
_POSTED = re.compile(r"Posted originally on the Archive of Our Own at\s+(\S+?)\.?$", re.I)
_STAT = re.compile(r"(Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits):\s*(.*?)(?=\s+(?:Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits):|$)")
AO3_MARKERS = ("Archive of Our Own", "archiveofourown.org")


def _apply_stats(meta: WorkMeta, text: str) -> None:
    for label, value in _STAT.findall(text):
        value = value.strip()
        if label == "Chapters":
            meta.declared_chapters = value
            total = value.split("/")[-1]
            if not meta.status and total != "?":
                done = value.split("/")[0]
                meta.status = "Completed" if done == total else "In-Progress"
            elif total == "?":
                meta.status = meta.status or "In-Progress"
        elif label in ("Published", "Updated", "Completed", "Words"):
            labels.apply_label(meta, label, value)
        else:
            meta.extra[label.lower()] = value


def _apply_dt(meta: WorkMeta, label: str, value: str) -> None:
    key = labels.norm_label(label)
    if key == "stats":
        _apply_stats(meta, value)
    elif key == "series":
        m = re.match(r"Part\s+(\d+)\s+of\s+(?:the\s+)?(.+?)(?:\s+series)?$", value, re.I)
        series = m.group(2).strip() if m else value
        if series and series not in meta.series:
            meta.series.append(series)
        if m:
            meta.extra["series_part"] = m.group(1)
    elif key in ("category", "categories"):
        labels.apply_label(meta, label, value, category_is="categories")
    else:
        labels.apply_label(meta, label, value, category_is="categories")


def is_ao3_page(root: etree._Element) -> bool:
    return find(root, "dl", cls="work meta") is not None


def is_ao3_download(root: etree._Element, text: str) -> bool:
    if any(m in text[:20000] for m in AO3_MARKERS) and any(
            text_of(dt).lower().startswith(("rating", "archive warning")) for dt in find_all(root, "dt")[:3]):
        return True
    return find(root, "div", id="preface") is not None and find(root, "div", id="chapters") is not None


def parse_ao3_blocks(blocks: list[Block], meta: WorkMeta) -> tuple[list[ChapterDraft], list[Note]]:
    """The label-driven reader shared by AO3 downloads and (Calibre) EPUBs."""
    notes: list[Note] = []
    drafts: list[ChapterDraft] = []
    label = ""
    dt = ""
    note_kind = ""
    after_h1 = False
    in_preface = True
    stop = False
    pending = False
    for b in blocks:
        if stop:
            break
        if b.kind == "dt":
            dt = b.text
            continue
        if b.kind == "dd":
            if dt:
                _apply_dt(meta, dt, b.text)
            continue
        if b.kind == "h":
            if b.level == 1 and in_preface:
                meta.title = meta.title or b.text
                after_h1 = True
                continue
            if b.level <= 2 or not drafts:
                if in_preface and not after_h1 and not meta.title:
                    meta.title = b.text
                    after_h1 = True
                    continue
                in_preface = False
                title = "" if b.text == meta.title and not drafts else b.text
                drafts.append(ChapterDraft(title=title))
                note_kind = ""
                continue
        if b.kind == "hr":
            pending = True
            continue
        if b.kind != "p":
            continue
        text = b.text
        low = labels.norm_label(text)
        m = _POSTED.search(text)
        if m:
            labels.apply_label(meta, "story url", m.group(1))
            notes.append(Note("header", text))
            continue
        if _STOP.match(text) and b.quote == 0:
            stop = True
            continue
        if _SKIP_LINES.match(text):
            continue
        if b.quote == 0 and low in _NOTE_LABELS:
            note_kind = _NOTE_LABELS[low]
            if low == "end notes":
                in_preface = False
                drafts.append(ChapterDraft(title="#end"))
            continue
        if after_h1 and in_preface and b.quote == 0 and re.match(r"^by\s+\S", text) and not meta.authors:
            labels.apply_label(meta, "author", text[3:])
            continue
        if b.quote > 0 and note_kind:
            if note_kind == "summary" and in_preface:
                meta.summary = (meta.summary + "\n\n" + text).strip()
                _append(notes, "summary", text)
            elif in_preface:
                _append(notes, note_kind, text)
            elif drafts:
                _append(drafts[-1].notes, note_kind, text)
            continue
        note_kind = ""
        if in_preface:
            if meta.title and after_h1 and not b.quote:
                # no chapter heading at all: the story begins here
                in_preface = False
                drafts.append(ChapterDraft())
            else:
                continue
        if drafts and drafts[-1].title != "#end":
            drafts[-1].items.append(Item(text, 1, brk=pending))
            pending = False
    end = [d for d in drafts if d.title == "#end"]
    for d in end:
        notes.extend(d.notes)
    drafts = [d for d in drafts if d.title != "#end"]
    return drafts, notes


def _append(notes: list[Note], kind: str, text: str) -> None:
    if notes and notes[-1].kind == kind:
        notes[-1].text += "\n\n" + text
    else:
        notes.append(Note(kind, text))


def _finish(meta: WorkMeta, drafts: list[ChapterDraft], notes: list[Note], path: Path) -> Work:
    if not meta.title:
        meta.title = path.stem
    if len(drafts) == 1 and drafts[0].title == meta.title:
        drafts[0].title = ""
    return build_work(meta, classify_drafts(drafts or [ChapterDraft()]), notes)


def parse_ao3_html(root: etree._Element, path: Path) -> Work:
    meta = WorkMeta(source_format="ao3-html")
    title = text_of(find(root, "title"))
    drafts, notes = parse_ao3_blocks(html_blocks(body_of(root)), meta)
    if not meta.title and title:
        meta.title = title.split(" - ")[0]
    return _finish(meta, drafts, notes, path)


def is_ao3_epub(book: EpubBook) -> bool:
    if any(any(m.lower() in v.lower() for m in AO3_MARKERS) for vs in book.metadata.values() for v in vs):
        return True
    return any(any(m in text for m in AO3_MARKERS) for _, text in book.documents[:3])


def parse_ao3_epub(book: EpubBook) -> Work:
    meta = WorkMeta(source_format="ao3-epub")
    blocks: list[Block] = []
    for name, text in book.documents:
        base = name.rsplit("/", 1)[-1].lower()
        if base in ("nav.xhtml", "toc.xhtml", "titlepage.xhtml", "cover.xhtml") or base.startswith("toc"):
            continue
        blocks.extend(html_blocks(body_of(parse_html(text))))
    drafts, notes = parse_ao3_blocks(blocks, meta)
    meta.title = meta.title or book.first("title")
    if not meta.authors:
        for creator in book.metadata.get("creator", []):
            labels.apply_label(meta, "author", creator)
    for value in book.metadata.get("source", []) + book.metadata.get("identifier", []):
        if "archiveofourown" in value:
            labels.apply_label(meta, "story url", value)
    meta.language = meta.language or book.first("language")
    if not meta.additional_tags and book.metadata.get("subject"):
        meta.extra["subjects"] = ", ".join(book.metadata["subject"])
    return _finish(meta, drafts, notes, book.path)


# saved work page -------------------------------------------------------------

def _tags(dd: etree._Element) -> list[str]:
    tags = [text_of(a) for a in find_all(dd, "a", cls="tag")]
    if not tags:
        tags = [text_of(li) for li in find_all(dd, "li")]
    return [t for t in tags if t] or labels.split_list(text_of(dd))


def _module_note(el: etree._Element | None) -> str:
    if el is None:
        return ""
    quote = find(el, "blockquote")
    return "\n\n".join(b.text for b in html_blocks(quote if quote is not None else el) if b.kind == "p")


def _page_chapter(container: etree._Element, title: str) -> ChapterDraft:
    draft = ChapterDraft(title=title)
    for mod in find_all(container, "div", cls="summary module"):
        if text := _module_note(mod):
            draft.notes.append(Note("chapter_summary", text))
    for mod in find_all(container, "div", cls="notes module"):
        if "end" not in classes(mod) and (text := _module_note(mod)):
            draft.notes.append(Note("author_note", text))
    body = find(container, "div", cls="userstuff")
    if body is not None:
        pending = False
        for b in html_blocks(body, skip=lambda el: "landmark" in classes(el)):
            if b.kind == "hr":
                pending = True
            elif b.kind in ("p", "dd", "dt"):
                draft.items.append(Item(b.text, 1, brk=pending))
                pending = False
    for mod in find_all(container, "div", cls="end notes module"):
        if text := _module_note(mod):
            draft.notes.append(Note("end_note", text))
    return draft


def parse_ao3_page(root: etree._Element, path: Path) -> Work:
    meta = WorkMeta(source_format="ao3-page")
    dl = find(root, "dl", cls="work meta")
    fields = {"rating": "rating", "warning": "warnings", "category": "categories", "fandom": "fandoms",
              "relationship": "relationships", "character": "characters", "freeform": "additional_tags"}
    if dl is not None:
        for dd in find_all(dl, "dd"):
            cls = classes(dd)
            field = next((f for c, f in fields.items() if c in cls and "tags" in cls), None)
            if field == "rating":
                meta.rating = ", ".join(_tags(dd))
            elif field:
                for tag in _tags(dd):
                    if tag not in getattr(meta, field):
                        getattr(meta, field).append(tag)
            elif "language" in cls:
                meta.language = text_of(dd)
            elif "series" in cls:
                for pos in find_all(dd, "span", cls="position") or [dd]:
                    _apply_dt(meta, "Series", text_of(pos))
        stats = find(dl, "dl", cls="stats")
        if stats is not None:
            for dd in find_all(stats, "dd"):
                cls = classes(dd)
                value = text_of(dd)
                if "published" in cls:
                    meta.published = labels.norm_date(value)
                elif "status" in cls:
                    dt = dd.getprevious()
                    status_label = text_of(dt).lower() if dt is not None else ""
                    meta.updated = labels.norm_date(value)
                    if status_label.startswith("completed"):
                        meta.status = "Completed"
                elif "words" in cls:
                    meta.declared_words = labels.parse_words(value)
                elif "chapters" in cls:
                    _apply_stats(meta, f"Chapters: {value}")
                else:
                    meta.extra[next(iter(sorted(cls)), "stat")] = value
    preface = find(root, "div", cls="preface group")
    heading = find(preface if preface is not None else root, "h2", cls="title")
    meta.title = text_of(heading)
    byline = find(preface if preface is not None else root, "h3", cls="byline")
    if byline is not None:
        authors = [text_of(a) for a in find_all(byline, "a") if a.get("rel") == "author"] or [text_of(byline)]
        for a in authors:
            labels.apply_label(meta, "author", a)
    notes: list[Note] = []
    if preface is not None:
        if text := _module_note(find(preface, "div", cls="summary module")):
            meta.summary = text
            notes.append(Note("summary", text))
        for mod in find_all(preface, "div", cls="notes module"):
            if text := _module_note(mod):
                notes.append(Note("author_note", text))
    for el in find_all(root, "link") + find_all(root, "meta"):
        url = el.get("href") if el.get("rel") == "canonical" else el.get("content") if el.get("property") == "og:url" else None
        if url:
            labels.apply_label(meta, "story url", url)
    chapters_div = find(root, "div", id="chapters")
    drafts: list[ChapterDraft] = []
    if chapters_div is not None:
        chapter_divs = [d for d in find_all(chapters_div, "div", cls="chapter") if (d.get("id") or "").startswith("chapter-")]
        if chapter_divs:
            for d in chapter_divs:
                title_el = find(d, "h3", cls="title")
                drafts.append(_page_chapter(d, text_of(title_el)))
        else:
            drafts.append(_page_chapter(chapters_div, ""))
    afterword = find(root, "div", id="work_endnotes")
    if (text := _module_note(afterword)):
        notes.append(Note("end_note", text))
    if not meta.title:
        meta.title = path.stem
    return build_work(meta, classify_drafts(drafts or [ChapterDraft()]), notes)
