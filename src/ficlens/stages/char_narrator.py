"""The name of a first-person narrator: from a "Sakura's POV" header, or from how the others address them.

Fan fiction often heads a first-person story (or each of its sections) with whose point of view it is
("Sakura's POV", "~Kakashi POV~"). When every such header names the same character, that character is the
"I"; headers naming several mean the "I" changes from section to section, and no one name is given.

A first-person narrator seldom says their own name; the others say it to them. In
'"Are you game for a six-mile trudge, Watson?" / "Certainly," I answered.' the line
called "Watson" is answered by the narrator, so Watson is the "I" of the narration.
Each line of dialogue with a vocative next to a line the narrator tags as theirs
("I answered", "said I") votes for the name called; a vocative in the narrator's own
tagged line ("Holmes," I said) votes against it. A name that gathers several votes,
far more than any other and none against, is the narrator's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from ficlens.document import Work
from ficlens.stages.char_names import SPEECH_VERBS
from ficlens.stages.coref import Slot

NARRATOR_EVIDENCE = "first-person narrator"  # Evidence.reason marking the character who narrates
MIN_VOTES = 3  # lines answered by the narrator that call the name
DOMINANCE = 3  # ... at least this many times the votes of any other name
NEIGHBOUR_PARAS = 2  # paragraphs at most between a line and the narrator's answer to it
# a first-person speech tag right after a quotation: '"...," I answered', '"...!" cried I'
_FIRST_PERSON_TAG = re.compile(r"\W*(?:I\s+([a-z]+)|([a-z]+)\s+I\b)")
_BEFORE_VOCATIVE = (", ", '"', "\u201c", "'", "\u2018", "dear ")
# a line of its own naming whose point of view follows: "Sakura's POV", "~Kakashi POV~", "Naruto's point of view"
_POV_HEADER = re.compile(r"^[^\w\n]*([A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019-]*)?)(?:['\u2019]s)?[ \t]*"
                         r"(?:POV|P\.O\.V\.?|[Pp]oint[ \t]+[Oo]f[ \t]+[Vv]iew)[^\w\n]*$", re.M)
_POSSESSIVE_END = re.compile(r"['\u2019]s$")


def pov_names(text: str) -> set[str]:
    """The names "X's POV" header lines give (first words, as written)."""
    return {_POSSESSIVE_END.sub("", m.group(1).split()[0].rstrip(".")) for m in _POV_HEADER.finditer(text)}


def _vocative(text: str, start: int, end: int, quote_start: int) -> bool:
    """The name at ``start:end`` is said to someone: it opens the quotation or follows a comma or "dear", and a
    comma, "!", "?" or "." follows it ("Watson,", "Look here, Watson;" aside)."""
    before = text[max(quote_start, start - 5):start]
    return text[end:end + 1] in (",", "!", "?", ".", ";") and (
        start <= quote_start + 1 or before.endswith(_BEFORE_VOCATIVE))


def addressed_narrator(work: Work, quotes: list[tuple[int, int]], names: list[Slot],
                       paragraph_of: Callable[[int], int]) -> int | None:
    """The entity whose name the other characters call the narrator by (see the module), else None."""
    text = work.text
    by_para: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in quotes:
        by_para[paragraph_of(a)].append((a, b))
    quote_paras = sorted(by_para)
    tagged = {p: _narrator_tagged(text, by_para[p], work.paragraphs[p].end) for p in quote_paras}
    called: dict[int, set[int]] = defaultdict(set)
    for sl in names:
        if sl.entity is None:
            continue
        p = paragraph_of(sl.start)
        for a, b in by_para.get(p, ()):
            if a <= sl.start < b and _vocative(text, sl.start, sl.end, a):
                called[p].add(sl.entity)
    votes: Counter = Counter()
    against: Counter = Counter()
    for k, p in enumerate(quote_paras):
        if not called[p]:
            continue
        if tagged[p]:
            against.update(called[p])
            continue
        near = [q for q in quote_paras[max(0, k - 1):k + 2] if q != p and abs(q - p) <= NEIGHBOUR_PARAS]
        if any(tagged[q] for q in near):
            votes.update(called[p])
    ranked = votes.most_common(2)
    if not ranked:
        return None
    best, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n >= MIN_VOTES and n >= DOMINANCE * second and not against[best]:
        return best
    return None


def _narrator_tagged(text: str, quotes: list[tuple[int, int]], para_end: int) -> bool:
    """A quotation of the paragraph is followed by a first-person speech tag ('"...," I answered')."""
    for k, (_, b) in enumerate(quotes):
        nxt = quotes[k + 1][0] if k + 1 < len(quotes) else para_end
        m = _FIRST_PERSON_TAG.match(text, b, nxt)
        if m and (m.group(1) or m.group(2)) in SPEECH_VERBS:
            return True
    return False
