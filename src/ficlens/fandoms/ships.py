"""Ship names and AO3 relationship tags.

:func:`parse_ship` reads what fans write for a pairing -- "Kakashi/Iruka",
"Kakashi x Sakura", portmanteaus ("KakaSaku", "Drarry", "Stony") -- and returns
the characters' AO3 canonical names. :func:`relationship_tag` writes the AO3
canonical relationship tag: names in AO3 order, "/" romantic, " & " platonic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ficlens.fandoms.names import fold, strip_suffix, suffix_of, words
from ficlens.fandoms.pack import FandomPack, PackCharacter
from ficlens.fandoms.registry import all_packs, generation, get_pack

# "A/B", "A x B", "A X B", "A & B", "A and B", "A × B", "A+B" (spaces optional around / & + ×)
_SEPARATORS = re.compile(r"\s*(?:/|&|\+|×|\u2715)\s*|\s+(?:x|X|and)\s+")
_MAX_PARTS = 4


def _pair_from_parts(pack: FandomPack, parts: list[str]) -> tuple[list[str], float] | None:
    found: list[str] = []
    score = 0.0
    for part in parts:
        hit = pack.lookup_scored(part)
        if hit is None:
            return None
        if hit[0].canonical not in found:
            found.append(hit[0].canonical)
        score += hit[1]
    if len(found) < 2:
        return None
    return found, score / len(parts)


MIN_GENERATED = 4  # letters of a syllable fragment no pack lists, in a word without inner capitals


def _split_portmanteau(pack: FandomPack, word: str, capitals: set[int]) -> tuple[list[str], float] | None:
    """Split the folded ``word`` into 2..4 fragments that each name one character.

    With inner capitals ("KakaSaku") the pieces must start exactly at them;
    without ("kakasaku"), fragments the pack does not list need 4+ letters.
    """
    frags = pack.ship_fragments()
    n = len(word)
    best: list[PackCharacter] | None = None

    def walk(pos: int, acc: list[PackCharacter]) -> None:
        nonlocal best
        if len(acc) > _MAX_PARTS or (best is not None and len(acc) >= len(best)):
            return
        if pos == n:
            if len(acc) >= 2 and len({c.canonical for c in acc}) == len(acc):
                best = list(acc)
            return
        for end in range(n, pos + 1, -1):  # longest fragment first
            if capitals and (end < n and end not in capitals or any(pos < c < end for c in capitals)):
                continue
            hit = frags.get(word[pos:end])
            if hit is None:
                continue
            character, explicit = hit
            if not explicit and (end - pos < 3 or (not capitals and end - pos < MIN_GENERATED)):
                continue
            walk(end, acc + [character])

    walk(0, [])
    if best is None:
        return None
    return [c.canonical for c in best], 0.7


@dataclass(frozen=True)
class _Query:
    """A candidate ship name, analysed once for all packs."""

    text: str
    key: str  # folded letters, no spaces or punctuation
    parts: tuple[str, ...]  # sides of "A/B", "A x B"... (empty when not written that way)
    capitals: frozenset[int] | None  # inner capitals of a one-word portmanteau; None: not one word

    @classmethod
    def of(cls, text: str) -> "_Query":
        text = text.strip()
        key = "".join(words(text))
        parts = tuple(p for p in _SEPARATORS.split(text) if p and p.strip())
        capitals: frozenset[int] | None = None
        if len(parts) < 2 and key.isalpha() and " " not in text:
            letters = [c for c in text if c.isalpha()]
            if len(letters) == len(key):
                caps = {i for i, c in enumerate(letters) if i and c.isupper()}
                capitals = frozenset() if len(caps) >= len(letters) - 1 else frozenset(caps)  # ALL CAPS
        return cls(text, key, parts if len(parts) >= 2 else (), capitals)


def _ship_in_pack(pack: FandomPack, q: _Query) -> tuple[list[str], float] | None:
    members = pack.ship_table().get(q.key)
    if members:
        return list(members), 1.0
    if q.parts:
        return _pair_from_parts(pack, list(q.parts))
    if q.capitals is not None and q.key:
        return _split_portmanteau(pack, q.key, set(q.capitals))
    return None


def parse_ship(text: str, fandom: str | None = None) -> list[str] | None:
    """The canonical names a ship name stands for, or None when it is not a ship.

    ``parse_ship("KakaSaku") == ["Hatake Kakashi", "Haruno Sakura"]`` (in the
    order written). Without ``fandom`` every pack is tried and the best
    reading wins; a tie between fandoms gives None.
    """
    if not text or not text.strip():
        return None
    return _parse_cached(text.strip(), fandom or "", generation())


@lru_cache(maxsize=4096)
def _parse_cached(text: str, fandom: str, _generation: int) -> list[str] | None:
    if fandom:
        pack = get_pack(fandom)
        packs = [pack] if pack else []
    else:
        packs = all_packs()
    results = []
    query = _Query.of(text)
    for pack in packs:
        hit = _ship_in_pack(pack, query)
        if hit:
            results.append(hit)
    if not results:
        return None
    results.sort(key=lambda r: -r[1])
    if len(results) > 1 and results[1][1] == results[0][1] and results[1][0] != results[0][0]:
        return None
    return results[0][0]


def _character(name: str) -> PackCharacter | None:
    key = fold(name)
    for pack in all_packs():
        ch = pack.character(name)
        if ch is not None:
            return ch
    if len(words(name)) < 2:
        return None
    for pack in all_packs():  # a non-canonical spelling of a full name ("Kakashi Hatake")
        hit = pack.lookup_scored(name)
        if hit and hit[1] >= 0.9 and fold(hit[0].canonical) != key:
            return hit[0]
    return None


def sort_key(name: str) -> tuple[str, str, str]:
    """AO3 order of one name: by family name, then given name.

    Pack characters use their known family name; other names without a family
    name ("Pakkun", "Castiel (Supernatural)") sort by the name itself; an
    unknown multi-word name is read in Western order (last word = family).
    """
    ch = _character(name)
    if ch is not None:
        family, given = ch.sort_key()
        return (family, given, fold(ch.canonical))
    name = strip_suffix(name)
    parts = name.split()
    if len(parts) >= 2 and not name.startswith("Original "):
        return (fold(parts[-1]), fold(" ".join(parts[:-1])), fold(name))
    return (fold(name), "", fold(name))


def canonical_name(name: str) -> str:
    """The AO3 canonical form of ``name`` when a pack knows it, else ``name``."""
    ch = _character(name)
    return ch.canonical if ch is not None else name.strip()


def _known_tags() -> dict[frozenset[str], str]:
    """Known AO3 relationship tags of all packs, keyed by their folded member names."""
    setting = generation()
    if _KNOWN.get("key") != setting:
        table: dict[frozenset[str], str] = {}
        for pack in all_packs():
            for tag in pack.relationships:
                members = frozenset(fold(strip_suffix(n)) for n in tag.split("/"))
                table.setdefault(members, tag)
        _KNOWN.clear()
        _KNOWN.update(key=setting, table=table)
    return _KNOWN["table"]


_KNOWN: dict = {}


def relationship_tag(names: list[str], romantic: bool) -> str:
    """AO3 canonical relationship tag: ``"Haruno Sakura/Hatake Kakashi"``.

    Names known to a pack are written canonically and duplicates dropped. The
    order is AO3's: by family name, then given name; names without a family
    name sort by the name itself (a pack's list of known AO3 relationship tags
    wins when it has this pairing). As on AO3, character fandom suffixes are
    dropped inside the tag ("Karin/Uchiha Sasuke") unless every member carries
    the same one, which then closes the tag ("Jiraiya/Tsunade (Naruto)").
    "/" joins a romantic or sexual relationship, " & " a platonic one.
    """
    sep = "/" if romantic else " & "
    seen: dict[str, str] = {}
    for name in names:
        if name and name.strip():
            canon = canonical_name(name)
            seen.setdefault(fold(strip_suffix(canon)), canon)
    ordered = sorted(seen.values(), key=sort_key)
    if len(ordered) >= 2:
        known = _known_tags().get(frozenset(seen))
        if known:
            return known.replace("/", sep)
    suffixes = {suffix_of(c) for c in ordered}
    tag = sep.join(strip_suffix(c) for c in ordered)
    if len(ordered) >= 2 and len(suffixes) == 1 and "" not in suffixes:
        tag += f" ({suffixes.pop()})"
    elif len(ordered) == 1:
        tag = ordered[0]
    return tag
