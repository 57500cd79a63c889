"""A light index over a work's story text used by the relationship and tag stages.

Maps offsets to sentences and paragraphs, knows which characters are
mentioned in each sentence, finds lexicon cues with their sentence, and
tells whether a cue stands in a negated or hypothetical context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ficlens.document import Evidence, Span, Work

NEGATION = re.compile(
    r"\b(not|never|no|n't|nor|without|hardly|barely|almost|nearly|didn't|don't|doesn't|wasn't|isn't|won't|wouldn't|couldn't|can't|cannot)\b[^.!?]{0,25}$",
    re.I,
)
HYPOTHETICAL = re.compile(
    r"\b(if|unless|would|could|might|may|will|gonna|going to|afraid|fear(ed)?|as if|pretend(ed)?|threat(en(ed)?)?|rather|almost|nearly|wish(ed)?|maybe|perhaps|trying to|tried to|want(ed)? to|dream(ed|t)?)\b[^.!?]{0,40}$",
    re.I,
)


@dataclass
class Hit:
    """One lexicon match in the story text."""

    start: int
    end: int
    sentence: int
    paragraph: int
    key: str  # the cue name
    weight: float = 1.0


@dataclass
class TextIndex:
    work: Work
    sentences: list[Span] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    para_finder: Callable[[int], int] | None = None
    sent_chars: dict[int, set[int]] = field(default_factory=dict)
    para_chars: dict[int, set[int]] = field(default_factory=dict)
    sent_para: list[int] = field(default_factory=list)
    _lower: str | None = None

    @classmethod
    def build(cls, work: Work) -> "TextIndex":
        sentences = list(work.sentences) or [Span(p.start, p.end) for p in work.paragraphs] or [Span(0, len(work.text))]
        idx = cls(work=work, sentences=sentences)
        idx.sent_starts = [s.start for s in sentences]
        idx.para_finder = work.paragraph_finder()
        idx.sent_para = [idx.paragraph_of(s.start) for s in sentences]
        sent_chars: dict[int, set[int]] = defaultdict(set)
        para_chars: dict[int, set[int]] = defaultdict(set)
        for m in work.mentions:
            if m.character is None or m.confidence < 0.3:
                continue
            sent_chars[idx.sentence_of(m.start)].add(m.character)
            para_chars[idx.paragraph_of(m.start)].add(m.character)
        idx.sent_chars = dict(sent_chars)
        idx.para_chars = dict(para_chars)
        return idx

    def lower_text(self) -> str | None:
        """The text lower-cased, when that keeps every offset (else None)."""
        if self._lower is None:
            low = self.work.text.lower()
            self._lower = low if len(low) == len(self.work.text) else ""
        return self._lower or None

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sent_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        return max(0, self.para_finder(offset)) if self.para_finder else 0

    def sentence_text(self, si: int) -> str:
        s = self.sentences[si]
        return self.work.text[s.start:s.end]

    def evidence(self, si: int, reason: str, limit: int = 300) -> Evidence:
        s = self.sentences[si]
        end = min(s.end, s.start + limit)
        return Evidence(s.start, end, self.work.text[s.start:end], reason)

    def chars_near(self, si: int, radius: int = 1) -> set[int]:
        """Characters in sentence ``si`` and, within its paragraph, up to ``radius`` sentences around."""
        found = set(self.sent_chars.get(si, ()))
        pi = self.sent_para[si] if si < len(self.sent_para) else 0
        for d in range(1, radius + 1):
            for sj in (si - d, si + d):
                if 0 <= sj < len(self.sentences) and self.sent_para[sj] == pi:
                    found |= self.sent_chars.get(sj, set())
        return found

    def find(self, patterns: dict[str, tuple[re.Pattern[str], float]], skip_negated: bool = True,
             skip_hypothetical: bool = False) -> list[Hit]:
        """Every match of the named patterns in the story text, negated ones dropped."""
        text = self.work.text
        low = self.lower_text()
        hits: list[Hit] = []
        for key, (pat, weight) in patterns.items():
            if low is None and not pat.flags & re.I:
                pat = re.compile(pat.pattern, re.I)  # lower-casing changed the text's length: match the original
            for m in pat.finditer(low if low is not None else text):
                si = self.sentence_of(m.start())
                s = self.sentences[si]
                before = text[max(s.start, m.start() - 60):m.start()]
                if skip_negated and NEGATION.search(before):
                    continue
                if skip_hypothetical and HYPOTHETICAL.search(before):
                    continue
                hits.append(Hit(m.start(), m.end(), si, self.sent_para[si], key, weight))
        hits.sort(key=lambda h: h.start)
        return hits


_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def compile_cues(cues: dict[str, tuple[str, float]] | dict[str, str]) -> dict[str, tuple[re.Pattern[str], float]]:
    """``{"kiss": (r"kiss(es|ed|ing)?", 2.0)}`` -> compiled, word-bounded, case-insensitive patterns.

    Patterns are lower-cased and matched against the lower-cased text (several
    times faster than ``re.IGNORECASE``); a pattern with an upper-case escape
    (``\\S``, ``\\W``) keeps ``re.IGNORECASE`` instead.
    """
    out: dict[str, tuple[re.Pattern[str], float]] = {}
    for key, value in cues.items():
        pattern, weight = (value, 1.0) if isinstance(value, str) else value
        flags = re.I if _UPPER_ESCAPE.search(pattern) else 0
        body = pattern if flags else pattern.lower()
        out[key] = (re.compile(r"(?<![\w'])(?:" + body + r")(?![\w])", flags), float(weight))
    return out


def story_words(work: Work) -> int:
    return int(work.stats.get("words") or len(work.text.split()) or 1)
