"""Tell story paragraphs from paratext: author's notes, disclaimers, scene breaks, headings.

Rules are positional and general, not tuned to one text: strong markers
("A/N", "Author's Note", "Disclaimer") count anywhere; weaker ones (review
pleas, "The End", "I don't own...") only in the first or last paragraphs of a
chapter and never in a paragraph that opens with a quotation mark. A note that
starts an ``A/N`` run at a chapter's end takes the short paragraphs after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ficlens.document import Note
from ficlens.ingest.build import RawChapter

_QUOTE_OPEN = "\"'\u201c\u2018\u00ab\u201e\u300c\u300e"
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 "hundred")
_CHAPTER = re.compile(
    rf"^(?:(?:chapter|chap\.?|ch\.?|part|book|volume|vol\.?)\s*(?:\d+|[ivxlcdm]+|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))?)"
    rf"|prologue|epilogue|interlude|preface|afterword|foreword|omake|side\s*story|bonus\s+chapter)\b"
    r"(?:\s*(?:[:.\-\u2013\u2014|~]|\s)\s*(.{0,190}))?$", re.I)
_AN_STRONG = re.compile(
    r"^[\W_]{0,4}(?:a\s*/\s*n\b|a\.\s?n\.|an\s*:|author'?s?'?\s*notes?\b|authors?\s+notes?\b|author\s+comments?\b|"
    r"notes?\s+from\s+the\s+author\b|t\s*/\s*n\b|translator'?s?'?\s+notes?\b|beta'?s?'?\s+notes?\b|"
    r"disclaimer\b)", re.I)
_AN_WEAK = re.compile(r"^[\W_]{0,4}(?:notes?\s*:|ps\s*[:.-]|p\.\s?s\.|edit(?:ed)?\s*:|update\s*:|warnings?\s*:|"
                      r"dedicat(?:ed|ion)\s*(?::|to\s+(?:my|all|everyone))|special\s+thanks\b|shout\s*-?outs?\b)", re.I)
_DISCLAIMER = re.compile(
    r"\bdisclaimer\b|\b(?:i|we)\s+(?:do\s+not|don'?t|don\u2019t|dont|did\s+not|didn'?t|didn\u2019t)\s+own\s+"
    r"(?!a\b|an\b|the\b|my\b|his\b|her\b|their\b|our\b|that\b|this\b|one\b|much\b|many\b|enough\b)|"
    r"\bown(?:s)?\s+nothing\b|(?:^[\W_]*|\b(?:characters|they|it|story|world|series)\s+(?:are|is)\s+)not\s+mine\b|"
    r"^[\W_]*(?!(?:The|A|An|This|That|It|He|She|His|Her|My|Your|Their|Our)\b)(?:[A-Z][\w'.-]*\s+){1,4}(?:is|are)\s+not\s+mine\b|"
    r"\bno\s+copyright\b|\binfringement\b|\ball\s+rights\s+(?:go|belong|reserved|to)\b|"
    r"\b(?:make|making|made)\s+no\s+(?:money|profit)\b|\bnot\s+making\s+(?:any\s+)?(?:money|profit)\b|"
    r"(?:\bcopyright\b|\u00a9|\(c\))\s*(?:\d{4}|by\b|belongs\b)|"
    r"\bbelongs?\s+to\s+(?!me\b)[^.!?]{0,60}\b(?:creator|author|mangaka|studio|publisher|rightful\s+owners?)|"
    r"\b(?:characters|rights|series|anime|manga|franchise|universe|world)\s+(?:\w+\s+){0,3}(?:belong|are\s+(?:the\s+)?property)\b|"
    r"\b(?:characters|they|all|everything|series|franchise|universe|anime|manga)\s+(?:\w+\s+){0,2}(?:are|is)\s+"
    r"(?:the\s+)?(?:sole\s+)?property\s+of\b", re.I)
_CLOSING = re.compile(
    r"\b(?:r\s*&\s*r|r\s+and\s+r|read\s+(?:and|&|n)\s+review|reviews?\s+(?:please|are|would|make|appreciated)|"
    r"please\s+(?:review|comment|leave|r\s*&\s*r|tell\s+me)|leave\s+(?:a\s+|me\s+a\s+)?(?:review|comment|kudos)|"
    r"thanks?\s+(?:you\s+)?(?:all\s+)?(?:so\s+much\s+)?for\s+(?:reading|the\s+reviews|reviewing|all\s+the\s+reviews)|"
    r"hope\s+you\s+(?:all\s+|guys\s+)?(?:enjoyed|liked|enjoy|like)\s+(?:it|this|the)|until\s+next\s+(?:time|chapter)|"
    r"see\s+you\s+(?:all\s+)?(?:in\s+the\s+)?next|stay\s+tuned|next\s+chapter\s*:|next\s+time\s+on|"
    r"favou?rite\s+(?:and|&)\s+follow|follow\s+(?:and|&)\s+favou?rite|cliff\s*-?hanger|what\s+do\s+you\s+(?:guys\s+)?think\?)",
    re.I)
_END_MARKER = re.compile(r"^[\W_]*(?:the\s+end|fin|finis|end|owari|to\s+be\s+continued|tbc|"
                         r"end\s+of\s+(?:the\s+)?(?:chapter|part|story|prologue|epilogue)(?:\s+[\w-]+)?|"
                         r"end\s+(?:chapter|part)(?:\s+[\w-]+)?)[\W_]*$", re.I)
_BREAK_TEXT = re.compile(r"^[\W_]*(?:(?:line|scene|page|time|pov)\s*-?\s*(?:break|skip|change|switch|shift))[\W_]*$", re.I)
_BREAK_SYMBOLS = set("*~-_=+#\u2022\u00b7\u25c6\u25c7\u25cb\u25cf\u25a0\u25a1\u2605\u2606\u2666\u2665\u2661\u2764\u273f\u2740"
                     "\u00b0^<>|/\\:\u2013\u2014\u00a7\u2042\u2234\u2235")
_BREAK_LETTERS = set("oOxX0")
_SELF_CONTAINED = re.compile(r"^\s*(?:\(.*\)|\[.*\]|\{.*\}|<.*>)\s*$", re.S)
_ADDRESSED = re.compile(r"\b(?:you|your|thanks?|review\w*|chapters?|updat\w*|story|fic|reading|readers?|beta|next|"
                        r"comments?|kudos|follow\w*|favou?rit\w*|guys|everyone|all|love|hope|sorry|please|xoxo)\b|"
                        r"^[\W_]*[-~]\s*\w+\s*$", re.I)
_LABEL_LINE = re.compile(r"^([A-Za-z][A-Za-z' ]{0,24}?)\s*:\s*(.*)$")
_HEADER_LABELS = {"title", "author", "authors", "by", "summary", "rating", "rated", "age rating", "genre", "genres",
                  "pairing", "pairings", "characters", "character", "warning", "warnings", "fandom", "fandoms",
                  "category", "categories", "status", "words", "word count", "chapters", "language", "published",
                  "updated", "series", "relationships", "relationship", "tags", "additional tags", "beta",
                  "beta reader", "betas", "dedication", "notes", "spoilers", "timeline", "setting"}


_BREAK_CANDIDATE = re.compile("^[\\s" + re.escape("".join(sorted(_BREAK_SYMBOLS | _BREAK_LETTERS))) + ".\u2026]{1,80}$")
_HEADING_START = re.compile(r"^[\W_]*(?:chap|ch\b|ch\.|part|book|vol|prologue|epilogue|interlude|preface|afterword|"
                            r"foreword|omake|side|bonus)", re.I)


def is_scene_break(line: str) -> bool:
    """``* * *``, ``~~~``, ``-o-o-``, ``____``, ``oOo``, ``#``, ``[Line Break]``..."""
    s = line.strip()
    if not s or len(s) > 80:
        return False
    if not _BREAK_CANDIDATE.match(s):
        return bool(_BREAK_TEXT.match(s)) if len(s) < 40 else False
    if _BREAK_TEXT.match(s):
        return True
    chars = [c for c in s if not c.isspace()]
    if len(chars) == 1:
        return chars[0] in "#*~\u00a7+\u2022"
    if not all(c in _BREAK_SYMBOLS or c in _BREAK_LETTERS or c in ".\u2026" for c in chars):
        return False
    if all(c in ".\u2026" for c in chars):
        return False  # "..." is a pause, not a break
    if len(chars) < 3:
        return False
    if any(c in _BREAK_SYMBOLS for c in chars):
        return True
    letters = "".join(chars)
    if letters[0].isupper() and letters[1:].islower():
        return False  # "Ooo" is a word
    return any(c.islower() for c in letters) and any(c.isupper() or c == "0" for c in letters)  # oOo, xXx, o0o


def chapter_heading(line: str) -> str | None:
    """The heading text when ``line`` is a chapter heading ("Chapter 3: Title", "Prologue")."""
    s = line.strip()
    if not s or len(s) > 200 or "\n" in s or not _HEADING_START.match(s) or (len(s) > 100 and not s.isupper()):
        return None
    core = re.sub(r"^[\W_]+|[\W_]+$", "", s)
    if s[0] in _QUOTE_OPEN or not core:
        return None
    m = _CHAPTER.match(core)
    if not m:
        return None
    rest = m.group(1) or ""
    if rest and not rest.isupper() and (re.search(r"[.!?,;]\s*$", s) and len(rest.split()) > 3 or len(rest.split()) > 10):
        return None  # a sentence that happens to start with "Chapter 3 ..."
    return core


def opens_with_quote(par: str) -> bool:
    s = par.lstrip()
    return bool(s) and s[0] in _QUOTE_OPEN


def strong_note_kind(par: str) -> str | None:
    """Note kind of a paragraph marked as paratext wherever it stands."""
    if opens_with_quote(par):
        return None
    if _AN_STRONG.match(par):
        return "disclaimer" if re.match(r"^[\W_]{0,4}disclaimer", par, re.I) else "author_note"
    return None


def edge_note_kind(par: str, at_end: bool) -> str | None:
    """Note kind of a paragraph at a chapter's start (``at_end`` False) or end."""
    kind = strong_note_kind(par)
    if kind:
        return kind
    if opens_with_quote(par) or len(par) > 600:
        return None
    if _DISCLAIMER.search(par) and len(par) < 400:
        return "disclaimer"
    if _AN_WEAK.match(par) and len(par) < 600:
        return "author_note"
    if at_end and _END_MARKER.match(par):
        return "trailer"
    if at_end and _CLOSING.search(par) and len(par) < 400:
        return "author_note"
    if not at_end:
        m = _LABEL_LINE.match(par)
        if m and m.group(1).strip().lower() in _HEADER_LABELS:
            return "chapter_summary" if m.group(1).strip().lower() == "summary" else "header"
    return None


def glued_title(par: str, previous: str | None) -> bool:
    """A scraper's trailing title of another work: short, unpunctuated, title-like, after a finished sentence."""
    s = par.strip()
    words = s.split()
    if not s or len(s) > 80 or not 1 <= len(words) <= 12 or opens_with_quote(s):
        return False
    if re.search(r"[.!?\u2026\"'\u201d\u2019)\]*~]$", s) or _END_MARKER.match(s) or is_scene_break(s):
        return False
    if previous is not None and not re.search(r"[.!?\u2026\"'\u201d\u2019)*~_-]\s*$", previous):
        return False
    if len({w.lower() for w in words}) == 1 and len(words) > 1:
        return False  # "Knock knock knock"
    unbalanced = s.count("(") > s.count(")") or s.count("[") > s.count("]")
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return unbalanced or (len(words) >= 2 and "," not in s and capitalised / len(words) >= 0.7)


@dataclass
class Item:
    """A paragraph before classification; ``gap`` is the number of blank lines before it."""

    text: str
    gap: int = 1
    brk: bool = False  # a scene-break marker or a wide gap precedes it
    note: str = ""  # kind, when a reader already knows it is paratext


@dataclass
class ChapterDraft:
    title: str = ""
    items: list[Item] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def mark_breaks(items: list[Item], break_gap: int | None) -> list[Item]:
    """Drop scene-break marker paragraphs, flagging the paragraph after them (and wide gaps)."""
    out: list[Item] = []
    pending = False
    for it in items:
        if not it.note and is_scene_break(it.text):
            pending = True
            continue
        if break_gap is not None and it.gap >= break_gap:
            pending = True
        if pending or it.brk:
            it.brk = bool(out)  # a break before the first paragraph means nothing
            pending = False
        out.append(it)
    return out


def classify_chapter(draft: ChapterDraft, last_in_work: bool = False, scraped: bool = False) -> RawChapter:
    """Split a chapter's items into story paragraphs and notes; ``scraped`` enables the glued-title rule."""
    items = draft.items
    n = len(items)
    kinds: list[str] = [it.note for it in items]
    # leading paratext
    i = 0
    while i < n and (kinds[i] or edge_note_kind(items[i].text, at_end=False)):
        kinds[i] = kinds[i] or edge_note_kind(items[i].text, at_end=False) or "author_note"
        if kinds[i] == "author_note":
            # an A/N run closed by a scene break within three paragraphs takes what lies before the break
            for j in range(i + 1, min(n, i + 4)):
                if items[j].brk:
                    if all(len(items[k].text) < 500 and not opens_with_quote(items[k].text) for k in range(i + 1, j)):
                        for k in range(i + 1, j):
                            kinds[k] = "author_note"
                        i = j - 1
                    break
        i += 1
    lead_end = i
    # trailing paratext
    j = n - 1
    while j >= lead_end and (kinds[j] or edge_note_kind(items[j].text, at_end=True)):
        kinds[j] = kinds[j] or edge_note_kind(items[j].text, at_end=True) or "author_note"
        j -= 1
    # an open A/N near the end takes the short, reader-addressed paragraphs after it
    for k in range(max(lead_end, j - 6), j + 1):
        if strong_note_kind(items[k].text) == "author_note" and not _SELF_CONTAINED.match(items[k].text):
            tail = range(k + 1, j + 1)
            if len(tail) <= 5 and all(len(items[t].text) < 500 and not opens_with_quote(items[t].text)
                                      and _ADDRESSED.search(items[t].text) for t in tail):
                for t in range(k, j + 1):
                    kinds[t] = "author_note"
                j = k - 1
            break
    # marked notes in the middle
    for k in range(lead_end, j + 1):
        if not kinds[k]:
            kinds[k] = strong_note_kind(items[k].text) or ""
    # a scraper's glued title of another work at the very end (only scraped text has them)
    if last_in_work and scraped:
        story = [k for k in range(n) if not kinds[k]]
        if len(story) >= 2 and glued_title(items[story[-1]].text, items[story[-2]].text):
            kinds[story[-1]] = "trailer"
    raw = RawChapter(title=draft.title, notes=list(draft.notes))
    pending_break = False
    prev_kind = ""
    for k, it in enumerate(items):
        if kinds[k]:
            if prev_kind == kinds[k] and raw.notes:
                raw.notes[-1].text += "\n\n" + it.text
            else:
                raw.notes.append(Note(kinds[k], it.text))
            pending_break = pending_break or it.brk
            prev_kind = kinds[k]
            continue
        prev_kind = ""
        if (it.brk or pending_break) and raw.paragraphs:
            raw.scene_breaks_before.add(len(raw.paragraphs))
        pending_break = False
        raw.paragraphs.append(it.text)
    return raw
