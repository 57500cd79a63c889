"""Ship names the author wrote around the story: ``KakaSaku``, ``Kakasak``, ``Naruto/Sasuke``.

Read from the title, summary, notes and a short glued title line, with the
fandom API (``parse_ship``) when present, else as two name beginnings of two
characters of the work (:func:`portmanteau`). Each names a pair that gets a
romance prior in :mod:`ficlens.stages.relationships`.
"""

from __future__ import annotations

import re

from ficlens.document import Evidence, Work

SHIP_PRIOR = 3.0


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


_SHIP_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{1,})+\b|\b[A-Z][a-z]{5,13}\b")
_SLASH = re.compile(r"([A-Z][\w' .-]{1,40}?)\s*(/|&| x )\s*([A-Z][\w' .-]{1,40})")


def _paratext(work: Work) -> list[str]:
    parts = [work.meta.title, work.meta.summary, *work.meta.additional_tags]
    parts += [n.text for n in work.notes]
    for ch in work.chapters:
        parts.append(ch.title)
        parts += [n.text for n in ch.notes]
    # a short trailing or leading line often is a glued title or note ("Title (ShipName)")
    for p in work.paragraphs[:1] + work.paragraphs[-1:]:
        seg = work.text[p.start:p.end]
        if len(seg.split()) <= 8:
            parts.append(seg)
    return [p for p in parts if p]


def ship_priors(work: Work) -> list[tuple[tuple[int, int], float, Evidence]]:
    """Pairs named by ship names or ``A/B`` tags in the work's paratext."""
    try:
        from ficlens.fandoms import parse_ship
    except ImportError:
        parse_ship = None  # type: ignore[assignment]
    lookup = _name_lookup(work)
    found: dict[tuple[int, int], Evidence] = {}
    for text in _paratext(work):
        candidates: list[list[str]] = []
        for m in _SLASH.finditer(text):
            candidates.append([m.group(1).strip(), m.group(3).strip()])
        for m in _SHIP_WORD.finditer(text):
            word = m.group(0)
            if word.casefold() in lookup:
                continue
            names = []
            if parse_ship is not None:
                try:
                    names = list(parse_ship(word) or [])
                except Exception:  # noqa: BLE001
                    names = []
            if len({lookup.get(n.casefold()) for n in names} - {None}) < 2:
                names = portmanteau(word, work)
            if len(names) >= 2:
                candidates.append(names)
        for names in candidates:
            ids = [lookup.get(n.casefold()) for n in names]
            ids = [i for i in ids if i is not None]
            if len(set(ids)) == 2:
                pair = _pair(*set(ids))
                found.setdefault(pair, Evidence(0, 0, text[:200], "ship named by the author"))
    return [(pair, SHIP_PRIOR, ev) for pair, ev in found.items()]


def portmanteau(word: str, work: Work, min_part: int = 3) -> list[str]:
    """Read ``word`` as two name beginnings of two characters of the work ("Kakasaku", "SasuNaru").

    Each part must begin one name word of exactly one character; returns the
    two canonical names, or ``[]``.
    """
    low = word.casefold()
    parts: dict[int, set[str]] = {}
    for c in work.characters:
        words = {w.casefold() for k in [c.name, *c.aliases] for w in re.split(r"[\s\-()]+", k) if len(w) >= min_part}
        parts[c.id] = words
    found: list[list[str]] = []
    for i in range(min_part, len(low) - min_part + 1):
        left, right = low[:i], low[i:]
        lc = [cid for cid, ws in parts.items() if any(w.startswith(left) for w in ws)]
        rc = [cid for cid, ws in parts.items() if any(w.startswith(right) for w in ws)]
        if len(lc) == 1 and len(rc) == 1 and lc[0] != rc[0]:
            found.append([work.character(lc[0]).name, work.character(rc[0]).name])  # type: ignore[union-attr]
    return found[0] if len(found) == 1 else []


def _name_lookup(work: Work) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for c in work.characters:
        keys = [c.name, *c.aliases]
        keys += c.name.split()
        for k in keys:
            lookup.setdefault(k.casefold(), c.id)
    return lookup
