"""Assemble a :class:`Work` from chapters of paragraphs, computing every offset."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ficlens.document import Chapter, Note, Paragraph, Work, WorkMeta
from ficlens.ingest.repair import join_split_capitals
from ficlens.wordcount import ao3_word_count

PARAGRAPH_SEP = "\n\n"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]| {2}")


def normalise_paragraph(text: str) -> str:
    """NFC, no zero-width characters, single spaces, newlines kept as spaces-free line breaks."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _ZERO_WIDTH.search(text):
            text = _ZERO_WIDTH.sub("", text)
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
        return "\n".join(ln for ln in lines if ln)
    if _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()


_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_DOUBLE_SPACES = re.compile(r"  +")
_SEP = "\x00"


def normalise_paragraphs(paragraphs: list[str]) -> list[str]:
    """:func:`normalise_paragraph` for many paragraphs at once (one pass of each step over all text)."""
    joined = _SEP.join(p.replace(_SEP, "") if _SEP in p else p for p in paragraphs)
    if not joined.isascii():
        if not unicodedata.is_normalized("NFC", joined):
            joined = unicodedata.normalize("NFC", joined)
        joined = _ODD_SPACES.sub(" ", _ZERO_WIDTH.sub("", joined))
    elif "\t" in joined:
        joined = joined.replace("\t", " ")
    if "\r" in joined:
        joined = joined.replace("\r\n", "\n").replace("\r", "\n")
    joined = join_split_capitals(joined)
    if "  " in joined:
        joined = _DOUBLE_SPACES.sub(" ", joined)
    out = []
    for p in joined.split(_SEP):
        if "\n" in p:
            p = "\n".join(s for s in (ln.strip() for ln in p.split("\n")) if s)
        else:
            p = p.strip()
        out.append(p)
    return out


@dataclass
class RawChapter:
    """A chapter as a reader found it: title, story paragraphs, and its notes."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    scene_breaks_before: set[int] = field(default_factory=set)  # paragraph indices preceded by a break


def build_work(meta: WorkMeta, chapters: list[RawChapter], notes: list[Note] | None = None) -> Work:
    """Join chapters into one normalised text; paragraphs are separated by a blank line."""
    parts: list[str] = []
    pos = 0
    work_chapters: list[Chapter] = []
    paragraphs: list[Paragraph] = []
    scene_breaks: list[int] = []
    kept = _keep_story_chapters(chapters)
    flat = normalise_paragraphs([p for raw in kept for p in raw.paragraphs])
    k = 0
    for ci, raw in enumerate(kept):
        ch_start: int | None = None
        for pi in range(len(raw.paragraphs)):
            para = flat[k]
            k += 1
            if not para:
                continue
            if parts:
                parts.append(PARAGRAPH_SEP)
                pos += len(PARAGRAPH_SEP)
            if pi in raw.scene_breaks_before and paragraphs and paragraphs[-1].chapter == ci:
                scene_breaks.append(pos)
            if ch_start is None:
                ch_start = pos
            paragraphs.append(Paragraph(pos, pos + len(para), ci))
            parts.append(para)
            pos += len(para)
        for n in raw.notes:
            n.chapter = ci
        work_chapters.append(Chapter(ci, " ".join(raw.title.split()), pos if ch_start is None else ch_start, pos,
                                     list(raw.notes)))
    text = "".join(parts)
    del parts, flat
    work = Work(text=text, meta=meta, chapters=work_chapters, paragraphs=paragraphs,
                notes=list(notes or []), scene_breaks=scene_breaks)
    work.stats["words"] = word_count_by_chunks(text, paragraphs)
    work.stats["chapters"] = len(work_chapters)
    work.stats["paragraphs"] = len(paragraphs)
    return work


def word_count_by_chunks(text: str, paragraphs: list[Paragraph], chunk: int = 1 << 20) -> int:
    """:func:`ao3_word_count` of ``text``, counted in paragraph-aligned chunks to bound memory.

    Words never span paragraphs (they are separated by a blank line), so the sum is exact.
    """
    if len(text) <= chunk or not paragraphs:
        return ao3_word_count(text)
    total, start = 0, 0
    for p in paragraphs:
        if p.end - start >= chunk:
            total += ao3_word_count(text[start:p.end])
            start = p.end
    return total + ao3_word_count(text[start:])


def _keep_story_chapters(chapters: list[RawChapter]) -> list[RawChapter]:
    """Chapters holding story text; the notes of note-only chapters move to the next kept one (or the last)."""
    kept: list[RawChapter] = []
    orphan_notes: list[Note] = []
    for c in chapters:
        if any(p.strip() for p in c.paragraphs):
            if orphan_notes:
                c.notes[:0] = orphan_notes
                orphan_notes = []
            kept.append(c)
        else:
            orphan_notes.extend(c.notes)
    if not kept:
        if not chapters:
            return []
        chapters[0].notes = orphan_notes
        return chapters[:1]
    kept[-1].notes.extend(orphan_notes)
    return kept


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


_BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")  # a block of lines between blank lines
_LINE = re.compile(r"\S.*")
LINES_AS_PARAGRAPHS_BLANK_SHARE = 0.25  # fewer blank lines than this share of the others: a line is a paragraph


def lines_are_paragraphs(text: str) -> bool:
    """A text with one paragraph per line and (almost) no blank line between them, as scraped fan fiction often
    is; a hard-wrapped text (a Gutenberg novel) keeps its blank-line blocks."""
    lines = text.split("\n", 40000)[:40000]
    blank = sum(1 for ln in lines if not ln.strip())
    return blank < LINES_AS_PARAGRAPHS_BLANK_SHARE * (len(lines) - blank) and not looks_wrapped(lines)


def work_from_text(text: str, title: str = "", line_paragraphs: bool | None = False) -> Work:
    """A one-chapter work over ``text`` kept as given, offsets unchanged (split capitals are joined in place).

    Paragraphs are the blocks between blank lines; with ``line_paragraphs`` (None: when
    :func:`lines_are_paragraphs` says so) each line is one, as the plain-text reader reads a text that is not
    hard-wrapped. Used for evaluation on corpora whose gold offsets point into the raw file (PDNC and the seeds;
    LitBank, one sentence a line, keeps its blocks).
    """
    text = text.replace("\r\n", "\n") if "\r\n" in text else text
    text = join_split_capitals(text)
    if line_paragraphs is None:
        line_paragraphs = lines_are_paragraphs(text)
    pattern = _LINE if line_paragraphs else _BLOCK
    # each paragraph without its trailing spaces (it starts at a non-space, so stripping stays inside it)
    paragraphs = [Paragraph(m.start(), m.start() + len(m.group().rstrip()), 0) for m in pattern.finditer(text)]
    end = paragraphs[-1].end if paragraphs else len(text)
    work = Work(text=text, meta=WorkMeta(title=title, source_format="text"),
                chapters=[Chapter(0, title, paragraphs[0].start if paragraphs else 0, end)],
                paragraphs=paragraphs)
    work.stats["words"] = ao3_word_count(text)
    work.stats["chapters"] = 1
    work.stats["paragraphs"] = len(paragraphs)
    return work
