"""A given name several characters share ("John" of John Beaver and of John Andrew): each use to the one meant.

Clustering gives a bare name key to one character (or to none). When two or
more characters have that word as the given name of a full name, each use of
the bare name is decided again from its context:

1. **Nearby name**: the rival whose other names (full name, "Mr. Beaver",
   "Beaver") were written closest before it, within NEAR characters, or after
   it in the same paragraph; a use decided so carries the thread on (the next
   use of the bare name within NEAR goes to the same one).
2. **Company**: otherwise, the rival whose other names keep company with the
   characters named around this use (within COMPANY characters): a naive
   Bayes over the characters named near each rival's other names. It decides
   only when it is clearly (ODDS) more likely than the clustering's choice.
3. **Most recent**: otherwise, the rival named last before it, however far
   back ("Charles" of Persuasion is Charles Musgrove in the scenes after his
   full name, though the clustering gave the bare name to Charles Hayter).

Before any rival's other name, the use keeps the clustering's choice.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable

from ficlens.stages.char_names import NameStats

NEAR = 1500  # characters looked back for a rival's other names
COMPANY = 1500  # characters on each side whose named characters are a use's company
ODDS = math.log(4.0)  # the company must make a rival this many times likelier than the default
MIN_FULL = 3  # uses of "John Andrew" that make "John" one of his names
NEVER = 1 << 30  # the distance to a rival whose other names never came before
MIN_ANCHORS = 10  # other names a rival needs before its company is known


def shared_given_names(names: dict[str, NameStats], entities: list) -> dict[str, list[int]]:
    """Bare untitled one-word keys -> the entities (2+) written MIN_FULL times with it as a full name's given name."""
    full: Counter = Counter()
    for ei, e in enumerate(entities):
        for k in e.keys:
            core = [w for w in names[k].core if not (len(w) == 2 and w.endswith("."))]
            if len(core) >= 2 and core[0].lower() in e.first:
                full[(core[0].lower(), ei)] += len(names[k].occurrences)
    holders: dict[str, list[int]] = {}
    for (f, ei), n in sorted(full.items()):
        if n >= MIN_FULL:
            holders.setdefault(f, []).append(ei)
    out = {}
    for k, st in names.items():
        if st.title or len(st.core) != 1:
            continue
        rivals = holders.get(st.core[0].lower(), [])
        if len(rivals) >= 2:
            out[k] = rivals
    return out


def _nearest(offs: list[int], start: int, stop: int) -> int:
    """Distance from ``start`` to the closest offset before it, or after it but before ``stop``."""
    best = NEVER
    i = bisect_left(offs, start)
    if i:
        best = start - offs[i - 1]
    j = bisect_right(offs, start)
    if j < len(offs) and offs[j] < stop:
        best = min(best, offs[j] - start)
    return best


class _Company:
    """Characters named around offsets: ``around(pos)`` -> set of entity indices within COMPANY."""

    def __init__(self, names: dict[str, NameStats], owner: dict[str, int], skip: set[str]) -> None:
        pairs = sorted((o[0], owner[k]) for k, st in names.items() if k not in skip and k in owner
                       for o in st.occurrences)
        self.offs = [p[0] for p in pairs]
        self.ents = [p[1] for p in pairs]

    def around(self, pos: int) -> set[int]:
        i, j = bisect_left(self.offs, pos - COMPANY), bisect_right(self.offs, pos + COMPANY)
        return set(self.ents[i:j])


def assign_shared(names: dict[str, NameStats], entities: list, owner: dict[str, int],
                  paragraph_end: Callable[[int], int]) -> dict[int, int]:
    """Start offset of each use of a shared given name -> the entity meant, where the context tells."""
    shared = shared_given_names(names, entities)
    if not shared:
        return {}
    anchors: dict[int, list[int]] = {}
    for ei, e in enumerate(entities):
        anchors[ei] = sorted(o[0] for k in e.keys if k not in shared for o in names[k].occurrences)
    company = _Company(names, owner, set(shared))
    out: dict[int, int] = {}
    for key, rivals in shared.items():
        default = owner.get(key)
        rivalset = set(rivals)
        profile = {ei: Counter(c for a in anchors[ei] for c in company.around(a) if c not in rivalset)
                   for ei in rivals}
        seen = {ei: len(anchors[ei]) for ei in rivals}
        last: tuple[int, int] | None = None  # (offset, entity) of the last use decided by a nearby name
        for start, _end, _surface, _flags in names[key].occurrences:
            stop = paragraph_end(start)
            dist = {ei: _nearest(anchors[ei], start, stop) for ei in rivals}
            best = min(rivals, key=lambda ei: dist[ei])
            if last is not None and start - last[0] < dist[best]:
                best, dist[best] = last[1], start - last[0]
            if dist[best] <= NEAR:
                last = (start, best)
            else:
                recent = best if dist[best] < NEVER else default
                best = _by_company(company.around(start) - rivalset, rivals, profile, seen, default)
                if best is None:
                    best = recent
            if best is not None and best != default:
                out[start] = best
    return out


def _by_company(around: set[int], rivals: list[int], profile: dict[int, Counter], seen: dict[int, int],
                default: int | None) -> int | None:
    """The rival the characters named around a use point to, when clearly likelier than ``default``."""
    if not around:
        return None
    score = {}
    for ei in rivals:
        if seen[ei] < MIN_ANCHORS:
            continue
        score[ei] = sum(math.log((profile[ei][c] + 0.5) / (seen[ei] + 1.0)) for c in around)
    if not score:
        return None
    best = max(score, key=score.get)
    base = score.get(default, max((v for k, v in score.items() if k != best), default=-math.inf))
    return best if score[best] - base >= ODDS else None
