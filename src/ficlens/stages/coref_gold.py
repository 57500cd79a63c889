"""Coreference over given mention spans (the gold-mention protocol of ``ficlens eval coref --gold-mentions``).

The characters stage finds its own mentions; to measure clustering apart from
mention finding, :class:`GivenMentions` replaces them with given spans before
the resolver runs. Each span is classified the way run time does: a name the
characters stage found on that span (or inside an all-capitalised span: 'Mr.
Darcy' around 'Darcy') keeps its character; a single personal pronoun is a
pronoun; anything else is a description whose head is its last noun before a
postmodifier ('the little girl of nine' -> 'girl').
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ficlens.document import Work
from ficlens.stages.coref import Slot, _person_head, in_quotation, nominal_slot, pronoun_slot
from ficlens.stages.coref_heads import span_head, token_span

KIND_ORDER = {"name": 0, "pronoun": 1, "nominal": 2}


def given_slots(work: Work, slots: list[Slot], spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[Slot]:
    """One slot per given (start, end) span, reusing the stage's own slot on that span when there is one."""
    toks, text = work.tokens, work.text
    qstarts = [q[0] for q in quotes]
    by_span: dict[tuple[int, int], Slot] = {}
    for sl in sorted(slots, key=lambda s: KIND_ORDER.get(s.kind, 3)):
        by_span.setdefault((sl.start, sl.end), sl)
    names = sorted((s for s in slots if s.kind == "name"), key=lambda s: s.start)
    name_starts = [s.start for s in names]
    out = []
    for a, b in sorted(set(spans)):
        own = by_span.get((a, b))
        if own is not None:
            out.append(own)
            continue
        i, j = token_span(work, a, b)
        inq = in_quotation(quotes, qstarts, a)
        if i == j:
            pron = pronoun_slot(work, i, inq)
            if pron is not None:
                out.append(replace(pron, start=a, end=b))
                continue
        k = bisect_right(name_starts, a)
        inner = [s for s in names[max(0, k - 1):k + 3] if a <= s.start and s.end <= b]
        words = [w for w in text[a:b].split() if w[:1].isalpha()]
        if inner and all(w[:1].isupper() for w in words):
            out.append(replace(inner[0], start=a, end=b, tok=i))
            continue
        head = span_head(work, i, j)
        word = _person_head(toks, text, i, head) or toks.lemma[head].lower()
        out.append(replace(nominal_slot(work, i, head, j, word, inq), start=a, end=b))
    return out


class GivenMentions:
    """A resolver that first swaps the stage's mentions for the given spans, then lets ``inner`` resolve them."""

    def __init__(self, inner, spans: list[tuple[int, int]]) -> None:
        self.inner = inner
        self.spans = spans

    def resolve(self, work: Work, slots: list[Slot], genders: dict[int, str], narrator: int | None,
                quotes: list[tuple[int, int]], kinds: dict[int, str] | None = None) -> None:
        slots[:] = given_slots(work, slots, self.spans, quotes)
        self.inner.resolve(work, slots, genders, narrator, quotes, kinds)
