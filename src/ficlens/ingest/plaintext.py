"""Plain-text fan fiction as scraped (like ../shared/seeds/*.txt) or saved by hand.

Steps: lines -> paragraphs (hard-wrapped text is unwrapped; otherwise each
line is a paragraph), then the header zone (title, ``by``, ``Label: value``
lines, a FanFiction.net ``Rated:`` line, a genre line, an untitled summary),
then chapters split at headings ("Chapter 3: ...", "Prologue"), each cleaned
of notes by :mod:`ficlens.ingest.paratext`. Linear in the size of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ficlens.document import Note, Work, WorkMeta
from ficlens.ingest import meta as labels
from ficlens.ingest.build import RawChapter, build_work
from ficlens.ingest.paratext import (ChapterDraft, Item, chapter_heading, classify_chapter, edge_note_kind,
                                     mark_breaks, opens_with_quote, strong_note_kind, _LABEL_LINE)

_BY_LINE = re.compile(r"^(?:by|written\s+by|author)\s*:?\s+(\S.{0,80})$", re.I)


def looks_wrapped(lines: list[str]) -> bool:
    """True for hard-wrapped text (most lines of multi-line blocks end near one width)."""
    inner = [len(a.rstrip()) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    nonblank = sum(1 for ln in lines if ln.strip())
    if nonblank < 5 or len(inner) < 0.3 * nonblank:
        return False
    inner.sort()
    width = inner[int(0.95 * (len(inner) - 1))]
    if width > 100 or width < 40:
        return False
    near = sum(1 for n in inner if n >= 0.6 * width)
    return near >= 0.8 * len(inner)


def text_items(text: str, wrapped: bool | None = None) -> list[Item]:
    """Paragraph items with the number of blank lines before each."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if wrapped is None:
        wrapped = looks_wrapped(lines[:20000])
    items: list[Item] = []
    blank = 0
    cur: list[str] = []
    cur_gap = 0

    def close() -> None:
        if cur:
            items.append(Item(" ".join(cur), cur_gap))
            cur.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            blank += 1
            if wrapped:
                close()
            continue
        if not wrapped:
            items.append(Item(stripped, blank))
        else:
            if cur and (line[:1] in ("\t",) or line.startswith("  ") or blank):
                close()
            if not cur:
                cur_gap = blank
            cur.append(stripped)
        blank = 0
    close()
    return items


def break_gap(items: list[Item]) -> int | None:
    """Blank lines that mean a scene break: one more than the usual gap between paragraphs."""
    gaps = Counter(it.gap for it in items[1:])
    if not gaps:
        return None
    usual = gaps.most_common(1)[0][0]
    return usual + 1 if usual >= 1 else 1


def parse_header(items: list[Item], meta: WorkMeta) -> tuple[int, list[Note]]:
    """Read the header zone into ``meta``; returns where the body starts and the work-level notes."""
    notes: list[Note] = []
    unlabelled: list[int] = []
    header_at: list[int] = []
    i = 0
    limit = min(len(items), 40)
    while i < limit:
        t = items[i].text
        if chapter_heading(t):
            break
        m = _LABEL_LINE.match(t)
        ffn = labels.find_ffn_header(t)
        genres = labels.genre_line(t)
        by = _BY_LINE.match(t)
        if ffn:
            labels.apply_ffn_header(meta, ffn.group(0), t[:ffn.start()])
            if ffn.start() > 0 and not meta.title and not re.search(r"[»›]", t[:ffn.start()]):
                meta.title = t[:ffn.start()].strip(" -")
            notes.append(Note("header", t))
        elif m and labels.is_known_label(m.group(1)) and (len(t) < 400 or labels.norm_label(m.group(1)) == "summary"):
            label, value = m.group(1), m.group(2).strip()
            if labels.norm_label(label) == "summary" and not value and i + 1 < limit:
                i += 1
                value = items[i].text
            labels.apply_label(meta, label, value)
            notes.append(Note("summary" if labels.norm_label(label) == "summary" else "header", t if value in t else f"{t} {value}"))
        elif genres:
            labels.apply_label(meta, "genre", t)
            notes.append(Note("header", t))
        elif by and len(t) < 90 and (unlabelled or header_at):
            labels.apply_label(meta, "author", by.group(1))
            notes.append(Note("header", t))
        elif header_at and edge_note_kind(t, at_end=False) in ("disclaimer", "author_note"):
            notes.append(Note(edge_note_kind(t, at_end=False) or "author_note", t))
        else:
            if header_at:
                break  # the story begins
            unlabelled.append(i)
            if len(unlabelled) > 3:
                return 0, []
            i += 1
            continue
        header_at.append(i)
        i += 1
    heading_next = i < len(items) and chapter_heading(items[i].text) is not None
    if not unlabelled:
        return i, notes
    if not header_at and not heading_next:
        return 0, []
    pre = [items[k].text for k in unlabelled]
    summary_like = (all(len(p) <= 800 and not opens_with_quote(p) and not strong_note_kind(p) for p in pre)
                    and sum(len(p) for p in pre) <= 1500 and (header_at or len(pre) <= 2))
    if not summary_like or (unlabelled[-1] > (header_at[0] if header_at else i)):
        return (0, []) if not header_at else (i, notes)
    prefix: list[Note] = []
    if len(pre) >= 2 and len(pre[0]) <= 100 and not re.search(r"[.!?]$", pre[0]) and not meta.title:
        meta.title = pre[0]
        prefix.append(Note("header", pre[0]))
        pre = pre[1:]
    if pre:
        meta.summary = meta.summary or "\n\n".join(pre)
        prefix.append(Note("summary", "\n\n".join(pre)))
    notes[:0] = prefix
    return i, notes


def split_chapters(items: list[Item]) -> list[ChapterDraft]:
    """Cut at chapter headings; text before the first heading is an untitled chapter."""
    drafts = [ChapterDraft()]
    for it in items:
        title = chapter_heading(it.text)
        if title is not None:
            drafts.append(ChapterDraft(title=title))
        else:
            drafts[-1].items.append(it)
    if not drafts[0].items:
        drafts.pop(0)
    return drafts or [ChapterDraft()]


def chapters_from_items(items: list[Item], gap: int | None) -> list[RawChapter]:
    drafts = split_chapters(items)
    for d in drafts:
        d.items = mark_breaks(d.items, gap)
    return [classify_chapter(d, last_in_work=(k == len(drafts) - 1)) for k, d in enumerate(drafts)]


def parse_plaintext(text: str, path: Path, meta: WorkMeta | None = None) -> Work:
    """A :class:`Work` from scraped plain text."""
    meta = meta or WorkMeta()
    meta.source_format = meta.source_format or "plaintext"
    items = text_items(text)
    gap = break_gap(items)
    start, notes = parse_header(items, meta)
    if not meta.title:
        meta.title = path.stem
        meta.extra["title_from"] = "file name"
    chapters = chapters_from_items(items[start:], gap)
    return build_work(meta, chapters, notes)
