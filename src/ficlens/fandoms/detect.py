"""Which fandom is a story from? Evidence from names and jargon, per pack.

Each pack yields weighted *items*: its cues ("chakra", "Hogwarts"), the
family names and full names of its characters ("Uchiha", "Draco Malfoy") and
their given names, distinctive ones weighing much more than common ones
("Kakashi" vs "Harry"). An item counts by how often it occurs per 5,000 words,
so a single stray "Jedi" in a long novel weighs almost nothing while a short
snippet full of "Sasuke" and "chakra" is conclusive. A capitalised name that
the same text also uses as a plain word ("Pepper"/"pepper") is damped, and a
family name alone counts only next to a given name of that family. The
weighted sum ``E`` becomes a confidence ``1 - exp(-E / 3)``, kept below 0.5
when fewer than two clear cues were seen, or when a pack's ``requires`` cues
(e.g. a modern setting for Sherlock (TV)) are absent.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ficlens.fandoms.common import is_common
from ficlens.fandoms.names import compact, surface_keys, words
from ficlens.fandoms.pack import Cue, FandomPack, PackCharacter
from ficlens.fandoms.registry import all_packs, generation, get_pack

WORDS_PER_BLOCK = 5000
SCALE = 3.0  # evidence that gives confidence 1 - 1/e
MIN_REPORTED = 0.2  # fandoms below this confidence are not returned
REQUIRES_CAP = 0.45  # confidence cap when none of a pack's ``requires`` cues occurs

W_FULL_NAME = 2.5
W_NAME = 2.0
W_FAMILY = 1.5
W_COMMON = 0.3
W_HONORIFICS = 0.5  # Japanese honorifics: a hint shared by all anime fandoms, never a clear cue
LOWERCASE_DAMPING = 0.15  # a name that is also an ordinary word in this text ("Hope", "pepper")
REQUIRED_STRENGTH = 0.5  # how much of a pack's ``requires`` cues must occur
STRONG_ITEM = 1.0  # an item weighing this much counts as a clear cue
SINGLE_CUE_CAP = 0.45  # confidence cap with fewer than two clear cues
MAX_COMMON_NAMES = 0.6  # all common names ("Harry", "Sam", "John") of a name list together
MAX_WEAK_TEXT = 1.0  # all weak items (weight < 1) found in a text together

_WORD = re.compile(r"\w+")
_HONORIFIC = re.compile(r"\b[A-Z]\w+-(?:sensei|sama|kun|chan|san|senpai|dono|nii|nee|shishou|hime)\b")


@dataclass(frozen=True)
class Item:
    """A phrase whose occurrences are evidence for a fandom."""

    tokens: tuple[str, ...]
    weight: float
    case: bool
    not_before: tuple[tuple[str, ...], ...] = ()
    needs: tuple[tuple[str, ...], ...] = ()  # counted only when one of these also occurs


def _tokens(phrase: str, case: bool) -> tuple[str, ...]:
    toks = _WORD.findall(phrase)
    return tuple(toks if case else (t.lower() for t in toks))


def _name_weight(name: str, explicit: float | None, base: float) -> float:
    if explicit is not None:
        return explicit
    toks = _WORD.findall(name)
    if not toks or all(is_common(t) or len(t) < 3 for t in toks):
        return W_COMMON
    return base


def pack_items(pack: FandomPack) -> list[Item]:
    """The detection items of a pack (cached on the pack)."""
    cached = getattr(pack, "_detect_items", None)
    if cached is not None:
        return cached
    best: dict[tuple[tuple[str, ...], bool], Item] = {}

    def add(phrase: str, weight: float, case: bool, not_before: list[str] | None = None,
            needs: list[str] | None = None) -> None:
        toks = _tokens(phrase, case)
        if not toks or weight <= 0:
            return
        nb = tuple(_tokens(p, case) for p in (not_before or []))
        nd = tuple(t for t in (_tokens(p, True) for p in (needs or [])) if t)
        key = (toks, case)
        old = best.get(key)
        if old is None:
            best[key] = Item(toks, weight, case, nb, nd)
        elif old.needs and nd:  # a family name shared by several characters: any given name will do
            best[key] = Item(toks, max(weight, old.weight), case, old.not_before, old.needs + nd)
        elif old.weight < weight and not nd:
            best[key] = Item(toks, weight, case, nb)

    for cue in pack.cues:
        add(cue.phrase, cue.weight, cue.case, cue.not_before)
    for ch in pack.characters:
        if ch.given and ch.family:
            both_common = all(is_common(t) for t in _WORD.findall(f"{ch.given} {ch.family}"))
            full = W_NAME if both_common else W_FULL_NAME
            add(f"{ch.given} {ch.family}", full, True)
            add(f"{ch.family} {ch.given}", full, True)
            # a family name alone is often an English surname or place ("Barton"): only
            # count it when a given name of that family occurs too
            add(ch.family, _name_weight(ch.family, None, W_FAMILY), True, needs=[ch.given])
        given = ch.given or ch.name
        if given:
            add(given, _name_weight(given, ch.weight, W_NAME), True)
    items = list(best.values())
    pack._detect_items = items  # type: ignore[attr-defined]
    return items


class _Counts:
    """Token counts of one text; multi-word phrases are counted from the positions of their first word."""

    def __init__(self, text: str) -> None:
        self.tokens = _WORD.findall(text)
        self.lower = [t.lower() for t in self.tokens]
        self.n_words = len(self.tokens)
        self.uni = Counter(self.tokens)
        self.uni_lower = Counter(self.lower)
        self._positions: dict[bool, dict[str, list[int]]] = {}
        self.honorifics = len(_HONORIFIC.findall(text))

    def _where(self, token: str, case: bool) -> list[int]:
        """Positions of ``token``; the first call indexes every token that starts a known phrase."""
        if case not in self._positions:
            firsts = _phrase_starts()[case]
            index: dict[str, list[int]] = {}
            for i, tok in enumerate(self.tokens if case else self.lower):
                if tok in firsts:
                    index.setdefault(tok, []).append(i)
            self._positions[case] = index
        positions = self._positions[case].get(token)
        if positions is None:  # a phrase no pack declares (e.g. from a caller): scan once
            seq = self.tokens if case else self.lower
            positions = self._positions[case][token] = [i for i, t in enumerate(seq) if t == token]
        return positions

    def count(self, toks: tuple[str, ...], case: bool) -> int:
        if len(toks) == 1:
            return (self.uni if case else self.uni_lower)[toks[0]]
        if not (self.uni if case else self.uni_lower)[toks[0]]:
            return 0
        seq = self.tokens if case else self.lower
        n = len(toks)
        return sum(1 for i in self._where(toks[0], case) if tuple(seq[i : i + n]) == toks)

    def lowercase_use(self, token: str) -> int:
        """How often a capitalised name also occurs as an ordinary lower-case word."""
        return self.uni_lower[token.lower()] - self.uni[token] if token[:1].isupper() else 0

    def count_item(self, item: Item) -> int:
        if item.needs and not any(self.count(t, True) for t in item.needs):
            return 0
        n = self.count(item.tokens, item.case)
        for follow in item.not_before:
            if n:
                n -= self.count(item.tokens + follow, item.case)
        return max(n, 0)


def _surface_weight(ch: PackCharacter, surface: str) -> float:
    """Detection weight of a character name found in a story ("Kakashi": 2, "Harry": 0.3)."""
    key = compact(words(surface))
    keys = surface_keys(surface)
    given = compact(words(ch.given or ch.name))
    if given in keys:
        return _name_weight(ch.given or ch.name, ch.weight, W_NAME)
    if ch.family and compact(words(ch.family)) in keys:
        return _name_weight(ch.family, None, W_FAMILY)
    if ch.given and ch.family and len(words(surface)) >= 2 and key != compact(words(ch.family)):
        return W_FULL_NAME
    return _name_weight(surface, None, W_NAME)


_STARTS: dict[int, dict[bool, frozenset[str]]] = {}


def _phrase_starts() -> dict[bool, frozenset[str]]:
    """First words of every multi-word phrase of every pack (by case sensitivity)."""
    gen = generation()
    if gen not in _STARTS:
        starts: dict[bool, set[str]] = {True: set(), False: set()}
        for pack in all_packs():
            for item in pack_items(pack):
                if len(item.tokens) > 1 or item.not_before:
                    starts[item.case].add(item.tokens[0])
                starts[True].update(t[0] for t in item.needs if len(t) > 1)
            for r in pack.requires:
                toks = _tokens(r, False)
                if len(toks) > 1:
                    starts[False].add(toks[0])
        _STARTS.clear()
        _STARTS[gen] = {k: frozenset(v) for k, v in starts.items()}
    return _STARTS[gen]


def _item_weight(item: Item, counts: "_Counts") -> float:
    """An item's weight, damped when its one capitalised word is also used as a plain word ("Pepper")."""
    if item.case and len(item.tokens) == 1 and counts.lowercase_use(item.tokens[0]) > 0:
        return item.weight * LOWERCASE_DAMPING
    return item.weight


def _strength(count: int, blocks: float) -> float:
    """How much ``count`` occurrences weigh: 1 at one per block, growing slowly to 2."""
    rate = count / blocks
    if rate <= 0:
        return 0.0
    return min(2.0, min(1.0, rate) + 0.25 * math.log(max(rate, 1.0)))


@dataclass
class PackEvidence:
    """What a text says for one pack."""

    total: float = 0.0  # summed evidence E
    strong: int = 0  # items that weigh at least STRONG_ITEM each
    required: bool = True  # one of the pack's ``requires`` cues occurred enough


def pack_evidence(pack: FandomPack, counts: _Counts | None, names: list[str] | None) -> PackEvidence:
    """Evidence for ``pack`` from the counted text and the character ``names``."""
    ev = PackEvidence()
    evidence = weak = 0.0
    if counts is not None and counts.n_words:
        blocks = max(1.0, counts.n_words / WORDS_PER_BLOCK)
        for item in pack_items(pack):
            c = counts.count_item(item)
            if c:
                w = _item_weight(item, counts)
                part = w * _strength(c, blocks)
                if w < 1.0:  # common names and weak words: together they can only hint
                    weak += part
                else:
                    evidence += part
                    ev.strong += part >= STRONG_ITEM
        evidence += min(weak, MAX_WEAK_TEXT)
        if pack.honorifics and counts.honorifics:
            evidence += W_HONORIFICS * _strength(counts.honorifics, blocks)
    # Names the caller found. With the text at hand they mostly repeat what the
    # text items counted, so they weigh less; common names together weigh little.
    seen: set[str] = set()
    distinct = common = 0.0
    factor = 0.4 if counts is not None and counts.n_words else 0.8
    for name in names or []:
        hit = pack.lookup_scored(name) if name and name.strip() else None
        if hit is None or hit[0].canonical in seen:
            continue
        seen.add(hit[0].canonical)
        w = _surface_weight(hit[0], name)
        if counts is not None and counts.n_words and counts.lowercase_use(name.strip().split()[0]) > 0:
            w *= LOWERCASE_DAMPING
        part = factor * w * hit[1]
        if w < 1.0:
            common += part
        else:
            distinct += part
            ev.strong += part >= STRONG_ITEM
    name_evidence = distinct + min(common, MAX_COMMON_NAMES)
    if len(seen) == 1:
        name_evidence *= 0.5  # one known name is weak evidence for a whole fandom
    ev.total = evidence + name_evidence
    if pack.requires and counts is not None and counts.n_words:
        blocks = max(1.0, counts.n_words / WORDS_PER_BLOCK)
        found = sum(_strength(counts.count(_tokens(r, False), False), blocks) for r in pack.requires)
        ev.required = found >= REQUIRED_STRENGTH
    return ev


def explain(text: str, fandom: str) -> list[tuple[str, int, float]]:
    """Why ``fandom`` was (or was not) detected: ``(phrase, count, evidence)`` per item, largest first."""
    pack = get_pack(fandom)
    if pack is None or not text:
        return []
    counts = _Counts(text)
    blocks = max(1.0, counts.n_words / WORDS_PER_BLOCK)
    rows = []
    for item in pack_items(pack):
        c = counts.count_item(item)
        if c:
            rows.append((" ".join(item.tokens), c, round(_item_weight(item, counts) * _strength(c, blocks), 3)))
    if pack.honorifics and counts.honorifics:
        rows.append(("<honorifics>", counts.honorifics, round(W_HONORIFICS * _strength(counts.honorifics, blocks), 3)))
    rows.sort(key=lambda r: -r[2])
    return rows


def detect_fandoms(text: str, names: list[str] | None = None) -> list[tuple[str, float]]:
    """AO3 fandoms the text (and the character ``names`` already found) point to.

    Returns ``[(fandom, confidence), ...]`` best first, only fandoms with a
    confidence of at least 0.2; ``[]`` when nothing is recognised.
    """
    counts = _Counts(text) if text else None
    out: list[tuple[str, float]] = []
    for pack in all_packs():
        ev = pack_evidence(pack, counts, names)
        if ev.total <= 0:
            continue
        conf = 1.0 - math.exp(-ev.total / SCALE)
        if not ev.required:
            conf *= REQUIRES_CAP
        if ev.strong < 2:  # one name or word, however distinctive, is not enough
            conf = min(conf, SINGLE_CUE_CAP)
        if conf >= MIN_REPORTED:
            out.append((pack.fandom, round(conf, 3)))
    out.sort(key=lambda fc: -fc[1])
    return out


__all__ = ["detect_fandoms", "explain", "pack_items", "pack_evidence", "Cue"]
