"""Building characters: one known only by a word or a description, and counting where a character appears."""

from __future__ import annotations

from ficlens.document import Character, Evidence, Work


def described_character(work: Work, cid: int, name: str, gender: str, start: int, end: int,
                        reason: str) -> Character:
    """A character the text never names, first met at [start, end): M/F from its words get a prior-level
    confidence, anything else is unknown (U)."""
    known = gender in ("M", "F")
    return Character(id=cid, name=name, gender=gender if known else "U", gender_confidence=0.6 if known else 0.0,
                     first_offset=start, chapter_presence=[0] * max(1, len(work.chapters)),
                     evidence=[Evidence(start, end, work.text[start:end], reason)])


def count_presence(work: Work, ch: Character, pos: int, by: int = 1) -> None:
    """One more (``by``) mention of ``ch`` in the chapter holding ``pos``."""
    ci = work.chapter_of(pos) if len(work.chapters) > 1 else 0
    if 0 <= ci < len(ch.chapter_presence):
        ch.chapter_presence[ci] += by
