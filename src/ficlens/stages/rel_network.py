"""The interaction network of a work: who shares scenes, talks to and acts on whom.

* co-occurrence: both characters mentioned in one paragraph (1 point), or one
  in a paragraph and the other in the next paragraph of the same scene (0.5);
* speech: a quotation by one character addressed to the other (addressee
  confidence as the weight);
* action: within one sentence, a mention of one character, a verb and then a
  mention of the other (``Kakashi kissed her``, ``she slapped him``).

``weight = co_occurrence + 2 * speech + 1.5 * action``; ``by_chapter`` splits
the weight by chapter.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from ficlens.document import Interaction, Work
from ficlens.stages.rel_text import TextIndex

SPEECH_WEIGHT = 2.0
ACTION_WEIGHT = 1.5
ACTION_MAX_TOKENS = 6


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class _Acc:
    __slots__ = ("co", "speech", "action", "chapters")

    def __init__(self) -> None:
        self.co = 0.0
        self.speech = 0.0
        self.action = 0.0
        self.chapters: dict[int, float] = defaultdict(float)


def build_interactions(work: Work, index: TextIndex) -> list[Interaction]:
    """All pairs that interact at least once, heaviest first."""
    acc: dict[tuple[int, int], _Acc] = defaultdict(_Acc)
    _co_occurrence(work, index, acc)
    _speech(work, acc)
    _actions(work, index, acc)
    out: list[Interaction] = []
    for (a, b), x in acc.items():
        weight = x.co + SPEECH_WEIGHT * x.speech + ACTION_WEIGHT * x.action
        if weight <= 0 or a == b or work.character(a) is None or work.character(b) is None:
            continue  # ids that name no character (a stale mention or speaker) are dropped
        out.append(Interaction(a, b, round(x.co, 3), round(x.speech, 3), round(x.action, 3), round(weight, 3),
                               {k: round(v, 3) for k, v in sorted(x.chapters.items())}))
    out.sort(key=lambda i: (-i.weight, i.a, i.b))
    return out


def _co_occurrence(work: Work, index: TextIndex, acc: dict[tuple[int, int], _Acc]) -> None:
    breaks = sorted(work.scene_breaks)
    prev: set[int] = set()
    prev_pi = -10
    for pi, para in enumerate(work.paragraphs):
        chars = index.para_chars.get(pi, set())
        ch = para.chapter
        same_scene = (prev_pi == pi - 1 and pi > 0 and work.paragraphs[pi - 1].chapter == ch
                      and not _break_between(breaks, work.paragraphs[pi - 1].end, para.start))
        together = sorted(chars)
        for i, a in enumerate(together):
            for b in together[i + 1:]:
                x = acc[(a, b)]
                x.co += 1.0
                x.chapters[ch] += 1.0
        if same_scene:
            cross = {_pair(a, b) for a in chars for b in prev if a != b and b not in chars}
            for pair in cross:
                x = acc[pair]
                x.co += 0.5
                x.chapters[ch] += 0.5
        prev, prev_pi = chars, pi


def _break_between(breaks: list[int], start: int, end: int) -> bool:
    i = bisect_left(breaks, start)
    return i < len(breaks) and breaks[i] <= end


def _speech(work: Work, acc: dict[tuple[int, int], _Acc]) -> None:
    for q in work.quotations:
        if q.speaker is None:
            continue
        ch = work.chapter_of(q.start)
        for cid, conf in q.addressees:
            if cid is None or cid == q.speaker:
                continue
            x = acc[_pair(q.speaker, cid)]
            w = float(conf) if conf else 0.5
            x.speech += w
            x.chapters[ch] += SPEECH_WEIGHT * w


def _actions(work: Work, index: TextIndex, acc: dict[tuple[int, int], _Acc]) -> None:
    """Mention, verb, mention within a few tokens of one sentence, outside quotations."""
    toks = work.tokens
    if toks is None or not len(toks) or not work.mentions:
        return
    quoted = sorted((s.start, s.end) for q in work.quotations for s in q.spans)
    q_starts = [s for s, _ in quoted]

    def in_quote(off: int) -> bool:
        i = bisect_left(q_starts, off + 1) - 1
        return i >= 0 and quoted[i][0] <= off < quoted[i][1]

    mentions = sorted((m for m in work.mentions if m.character is not None and m.confidence >= 0.3), key=lambda m: m.start)
    tok_starts = toks.start
    for m1, m2 in zip(mentions, mentions[1:]):
        if m1.character == m2.character or in_quote(m1.start):
            continue
        t1 = bisect_left(tok_starts, m1.end)
        t2 = bisect_left(tok_starts, m2.start)
        if t1 >= len(tok_starts) or t2 - t1 > ACTION_MAX_TOKENS or t2 <= t1:
            continue
        if toks.sent[t1] != toks.sent[min(t2, len(tok_starts) - 1)]:
            continue
        between = range(t1, t2)
        if not any(toks.pos[t] == "VERB" for t in between):
            continue
        if any(toks.pos[t] in ("PUNCT", "CCONJ") and work.text[tok_starts[t]:toks.end[t]] not in ("'",) for t in between):
            continue
        x = acc[_pair(m1.character, m2.character)]
        x.action += 1.0
        x.chapters[work.chapter_of(m1.start)] += ACTION_WEIGHT
