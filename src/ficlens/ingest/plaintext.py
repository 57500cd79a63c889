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
from ficlens.ingest.build import RawChapter, build_work, looks_wrapped
from ficlens.ingest.paratext import (ChapterDraft, Item, chapter_heading, classify_chapter, edge_note_kind,
                                     is_scene_break, mark_breaks, opens_with_quote, strong_note_kind, _LABEL_LINE)

_INLINE_TAG = re.compile(r"</?(?:i|b|em|strong|u|s|strike|sup|sub|span|font)(?:\s[^<>\n]*)?>", re.I)
_BY_LINE = re.compile(r"^(?:by|written\s+by|author)\s*:?\s+(\S.{0,80})$", re.I)


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


def header_kind(t: str) -> str | None:
    """What a header-zone line is: heading | ffn | label | genre | by (None for anything else)."""
    if chapter_heading(t):
        return "heading"
    if labels.find_ffn_header(t):
        return "ffn"
    m = _LABEL_LINE.match(t)
    if m and labels.is_known_label(m.group(1)) and (len(t) < 400 or labels.norm_label(m.group(1)) == "summary"):
        return "by" if labels.norm_label(m.group(1)) in ("by", "author", "authors") else "label"
    if labels.genre_line(t):
        return "genre"
    if _BY_LINE.match(t) and len(t) < 90:
        return "by"
    return None


def _value_on_next_line(label: str, nxt: str) -> bool:
    """``Rating:`` alone on a line, its value on the next (text copied from an archive page)."""
    if header_kind(nxt) is not None or opens_with_quote(nxt) or strong_note_kind(nxt):
        return False
    key = labels.norm_label(label)
    field = labels.LABELS.get(key, "")
    if field == "summary":
        return len(nxt) <= 1000
    if field in labels.LIST_FIELDS:
        return len(nxt) <= 300 and ("," in nxt or len(nxt.split()) <= 6) and not re.search(r"[.!?]$", nxt)
    return len(nxt) <= 60 and len(nxt.split()) <= 5 and not re.search(r"[.!?]$", nxt)


def _summary_like(t: str) -> bool:
    return len(t) <= 800 and not opens_with_quote(t) and not strong_note_kind(t)


def _title_like(t: str) -> bool:
    return len(t) <= 120 and len(t.split()) <= 12 and not re.search(r"[.!?]$", t) and not re.fullmatch(r"[\W\d_]+|\(.*\)", t)


def _is_title_case(t: str) -> bool:
    words = [w for w in t.split() if w.lower() not in ("a", "an", "the", "of", "and", "or", "in", "on", "to", "for")]
    return bool(words) and sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) / len(words) >= 0.75


def parse_header(items: list[Item], meta: WorkMeta) -> tuple[int, list[Note]]:
    """Read the header zone into ``meta``; returns where the body starts and the work-level notes.

    The zone is the run of header lines (``Label: value``, ``by X``, a genre
    line, a FanFiction.net ``Rated:`` line) at the top, plus the few untitled
    short paragraphs among them: the one before a ``by`` line is the title,
    the others are the summary. Without any header line nothing is consumed.
    """
    notes: list[Note] = []
    unlabelled: list[int] = []
    header_at: list[int] = []
    title_at: int | None = None
    i = 0
    limit = min(len(items), 40)
    while i < limit:
        t = items[i].text
        kind = header_kind(t)
        if kind == "heading":
            break
        if kind is None:
            if header_at and edge_note_kind(t, at_end=False) in ("disclaimer", "author_note"):
                notes.append(Note(edge_note_kind(t, at_end=False) or "author_note", t))
                header_at.append(i)
                i += 1
                continue
            ahead = [header_kind(items[k].text) for k in range(i + 1, min(limit, i + 3))]
            if not _summary_like(t) or (header_at and not any(a and a != "heading" for a in ahead)
                                        and not (ahead[:1] == ["heading"])):
                break
            unlabelled.append(i)
            if len(unlabelled) > 3:
                return 0, []
            i += 1
            continue
        if kind == "ffn":
            m = labels.find_ffn_header(t)
            assert m is not None
            before = t[:m.start()]
            labels.apply_ffn_header(meta, m.group(0), before)
            if before.strip() and not meta.title and not re.search(r"[»›]", before):
                meta.title = before.strip(" -")
        elif kind == "genre":
            labels.apply_label(meta, "genre", t)
        elif kind == "by":
            m = _LABEL_LINE.match(t) if ":" in t[:12] else None
            labels.apply_label(meta, "author", m.group(2) if m else _BY_LINE.match(t).group(1))  # type: ignore[union-attr]
            candidates = [k for k in unlabelled if _title_like(items[k].text)]
            if candidates and title_at is None:
                title_at = candidates[0]
        else:
            m = _LABEL_LINE.match(t)
            assert m is not None
            label, value = m.group(1), m.group(2).strip()
            if not value and i + 1 < limit and _value_on_next_line(label, items[i + 1].text):
                i += 1
                value = items[i].text
                t = f"{t} {value}"
            pairs = re.findall(r"([A-Z][A-Za-z]+):\s*(.*?)(?=\s+[A-Z][A-Za-z]+:\s|$)", f"{label}: {value}")
            if len(pairs) > 1 and all(labels.is_known_label(k) for k, _ in pairs):
                for k, v in pairs:  # "Published: 2020-01-05 Words: 1,234 Chapters: 2/2"
                    labels.apply_label(meta, k, v)
            else:
                labels.apply_label(meta, label, value)
            kind = {"summary": "summary", "disclaimer": "disclaimer"}.get(labels.norm_label(label))
            if kind:
                notes.append(Note(kind, t))
                header_at.append(i)
                i += 1
                continue
        notes.append(Note("header", t))
        header_at.append(i)
        i += 1
    heading_next = i < len(items) and header_kind(items[i].text) == "heading"
    if not header_at and not (heading_next and unlabelled and len(unlabelled) <= 2
                              and sum(len(items[k].text) for k in unlabelled) <= 1000):
        return 0, []
    prefix: list[Note] = []
    summary_parts: list[str] = []
    for k in unlabelled:
        t = items[k].text
        if k == title_at or (title_at is None and not meta.title and _title_like(t)
                             and (len(unlabelled) >= 2 or _is_title_case(t))):
            title_at = k
            meta.title = meta.title or t
            prefix.append(Note("header", t))
        elif _title_like(t) and (len(t.split()) <= 6 or _is_title_case(t)) or re.fullmatch(r"[\W\d_]+|\(.*\)", t):
            prefix.append(Note("header", t))  # a subtitle, a date, "(1814)"
        else:
            summary_parts.append(t)
    if summary_parts:
        summary = "\n\n".join(summary_parts)
        meta.summary = meta.summary or summary
        prefix.append(Note("summary", summary))
    notes[:0] = prefix
    return i, notes


_BARE_HEADING = re.compile(r"^(?:chapter|chap\.?|ch\.?|part|book)\s*[\w-]+$", re.I)
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "into"}


def is_subtitle(text: str) -> bool:
    """A chapter's own title on the line after a bare "Chapter 3": short, title-cased, unpunctuated."""
    words = text.split()
    if not 1 <= len(words) <= 8 or len(text) > 60 or opens_with_quote(text) or strong_note_kind(text):
        return False
    if re.search(r"[.!?,;:\u2026\"'\u201d\u2019]$", text) or is_scene_break(text):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    return sum(1 for w in content if w[:1].isupper() or w[:1].isdigit()) / len(content) >= 0.75


_BARE_NUMBER = re.compile(r"^[\W_]{0,3}(\d{1,3}|[IVXLC]{1,7})\.?[\W_]{0,3}$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total if total > 0 else None


def numbered_headings(items: list[Item]) -> dict[int, str]:
    """Lines that are a bare number ("I", "II.", "3") used as chapter headings.

    Accepted only as a run counting up by one (restarting at 1 for a new part),
    at least three long, so that a lone "I" or "3" in a story stays text.
    """
    found: list[tuple[int, int, str]] = []
    for k, it in enumerate(items):
        if len(it.text) <= 12:
            m = _BARE_NUMBER.match(it.text.strip())
            if m:
                n = _number(m.group(1))
                if n is not None:
                    found.append((k, n, it.text.strip()))
    run: list[tuple[int, int, str]] = []
    for k, n, text in found:
        if (run and n == run[-1][1] + 1) or n == 1:
            run.append((k, n, text))
    if len([r for r in run if r[1] == 1]) > max(1, len(run) // 3) or len(run) < 3:
        return {}
    return {k: re.sub(r"^[\W_]+|[\W_]+$", "", text) for k, _, text in run}


def split_chapters(items: list[Item]) -> list[ChapterDraft]:
    """Cut at chapter headings; text before the first heading is an untitled chapter."""
    drafts = [ChapterDraft()]
    expect_subtitle = False
    numbered = numbered_headings(items)
    for k, it in enumerate(items):
        title = numbered.get(k) or chapter_heading(it.text)
        if title is not None:
            drafts.append(ChapterDraft(title=title))
            expect_subtitle = bool(_BARE_HEADING.match(title))
            continue
        if expect_subtitle and k + 1 < len(items) and is_subtitle(it.text) and chapter_heading(items[k + 1].text) is None:
            drafts[-1].title = f"{drafts[-1].title}: {it.text}"
            expect_subtitle = False
            continue
        expect_subtitle = False
        drafts[-1].items.append(it)
    if not drafts[0].items:
        drafts.pop(0)
    return drafts or [ChapterDraft()]


def chapters_from_items(items: list[Item], gap: int | None) -> list[RawChapter]:
    drafts = split_chapters(items)
    for d in drafts:
        d.items = mark_breaks(d.items, gap)
    return [classify_chapter(d, last_in_work=(k == len(drafts) - 1), scraped=True) for k, d in enumerate(drafts)]


def parse_plaintext(text: str, path: Path, meta: WorkMeta | None = None) -> Work:
    """A :class:`Work` from scraped plain text."""
    meta = meta or WorkMeta()
    meta.source_format = meta.source_format or "plaintext"
    if "<" in text:
        text = _INLINE_TAG.sub("", text)
    items = text_items(text)
    gap = break_gap(items)
    start, notes = parse_header(items, meta)
    if not meta.title:
        meta.title = path.stem
        meta.extra["title_from"] = "file name"
    chapters = chapters_from_items(items[start:], gap)
    return build_work(meta, chapters, notes)
