"""Build small analysed works by hand for the relationship and tag tests.

Characters and mentions are set directly (names by regex, he/she resolved to
the latest character of that gender), so these tests do not depend on the
characters stage; quotations may be given as (quote text, speaker, addressee).
"""

from __future__ import annotations

import re

from ficlens.document import Character, Mention, Quotation, Span, Work
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

PRONOUNS = {"he": "M", "him": "M", "his": "M", "she": "F", "her": "F", "hers": "F"}


def make_work(text: str, people: dict[str, str], quotes: list[tuple[str, str, str | None]] = ()) -> Work:
    """``people``: name -> gender; ``quotes``: (exact quoted text, speaker name, addressee name)."""
    work = work_from_text(text)
    run_stage(work, "tokens")
    names = list(people)
    work.characters = [Character(i, n, {n: 0}, g, 1.0) for i, (n, g) in enumerate(people.items())]
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    pat = re.compile(rf"\b({alt})\b|\b(he|him|his|she|her|hers)\b", re.I)
    last: dict[str, int] = {}
    for m in pat.finditer(text):
        if m.group(1):
            cid = names.index(next(n for n in names if n.lower() == m.group(1).lower()))
            work.mentions.append(Mention(m.start(), m.end(), cid, "name"))
            last[people[names[cid]]] = cid
        else:
            g = PRONOUNS[m.group(2).lower()]
            if g in last:
                work.mentions.append(Mention(m.start(), m.end(), last[g], "pronoun", 0.8))
    for c in work.characters:
        c.mentions = sum(1 for m in work.mentions if m.character == c.id)
        c.aliases = {c.name: sum(1 for m in work.mentions if m.character == c.id and m.kind == "name")}
        c.first_offset = min((m.start for m in work.mentions if m.character == c.id), default=-1)
        c.chapter_presence = [c.mentions]
    for qi, (qtext, speaker, addressee) in enumerate(quotes):
        start = text.index(qtext)
        q = Quotation(qi, start - 1, start + len(qtext) + 1, [Span(start, start + len(qtext))],
                      speaker=names.index(speaker), speaker_confidence=0.9)
        if addressee:
            q.addressees = [(names.index(addressee), 0.9)]
        work.quotations.append(q)
    for c in work.characters:
        c.quotes = sum(1 for q in work.quotations if q.speaker == c.id)
    work.stages_run += ["characters", "quotes"]
    return work
