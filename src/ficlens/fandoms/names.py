"""Normalising character-name surfaces: case, punctuation, honorifics and titles.

``name_key("Kakashi-sensei")`` and ``name_key("kakashi")`` give the same key,
so pack look-ups ignore case, hyphens, dots, apostrophes, a leading "the",
a possessive "'s", Japanese honorifics and Western titles.
"""

from __future__ import annotations

import re
import unicodedata

# Japanese honorifics and address terms that follow a name ("Kakashi-sensei").
HONORIFICS: frozenset[str] = frozenset(
    """
    sensei sama san kun chan chama tan dono hime senpai sempai kouhai kohai shishou shisho sensi
    nii niisan niichan nisan nichan neesan neechan nee onii oniisan oniichan onee oneesan oneechan
    baachan obaachan basan obasan jiji jiisan ojisan ojiichan teme dobe taichou taicho
    """.split()
)

# Titles that precede a name ("Lady Tsunade", "Professor Snape", "Captain Rogers").
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss mister missus madam madame dr doctor prof professor lady lord sir dame
    captain cap agent master general detective inspector di sergeant sgt officer commander
    admiral princess prince king queen senator chancellor aunt auntie uncle young old little
    big saint st brother sister father mother
    """.split()
)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015_/"), " ")
_QUOTES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc`\u00b4"), "'")


def fold(text: str) -> str:
    """Lower-case, strip accents (Chōji -> choji, Padmé -> padme) and unify apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


def words(surface: str) -> list[str]:
    """The folded words of a surface: punctuation dropped, hyphens split."""
    text = fold(surface).translate(_DASHES).replace("-", " ")
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = re.sub(r"[^\w\s]", "", text)
    return text.split()


def compact(parts: list[str]) -> str:
    """The look-up key of a list of words: joined without spaces."""
    return "".join(parts)


def index_keys(surface: str) -> list[str]:
    """Keys under which a pack indexes a name or alias: literal, and without a leading "the"."""
    parts = words(surface)
    keys = [compact(parts)] if parts else []
    if len(parts) > 1 and parts[0] == "the":
        keys.append(compact(parts[1:]))
    return keys


def surface_keys(surface: str) -> list[str]:
    """Keys to try for ``surface``, most literal first.

    The literal key, then without a leading "the", without trailing honorifics,
    and without leading titles (in that order, each step building on the last).
    """
    parts = words(surface)
    keys: list[str] = []

    def add(p: list[str]) -> None:
        if p:
            k = compact(p)
            if k not in keys:
                keys.append(k)

    add(parts)
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
        add(parts)
    while len(parts) > 1 and parts[-1] in HONORIFICS:
        parts = parts[:-1]
        add(parts)
    # glued honorific: "kakashisensei" is handled by the hyphen split; "tsunadebaachan" is not needed.
    while len(parts) > 1 and parts[0] in TITLES:
        parts = parts[1:]
        add(parts)
    return keys


def strip_suffix(canonical: str) -> str:
    """``"Tsunade (Naruto)"`` -> ``"Tsunade"``: the name without an AO3 fandom suffix."""
    return re.sub(r"\s+\([^()]*\)\s*$", "", canonical.strip())


def suffix_of(canonical: str) -> str:
    """``"Tsunade (Naruto)"`` -> ``"Naruto"``; ``""`` when there is no fandom suffix."""
    m = re.search(r"\s+\(([^()]*)\)\s*$", canonical.strip())
    return m.group(1) if m else ""


_VOWELS = set("aeiouy")


def mora_prefixes(name: str, min_len: int = 3) -> list[str]:
    """Prefixes of a folded romanised name that end on a syllable boundary.

    ``"kakashi"`` -> ``["kaka", "kakashi"]``; used for portmanteau ship names
    ("KakaSaku"). A boundary is after a vowel, or after an "n" not followed by
    a vowel ("Tenten" -> "ten").
    """
    name = compact(words(name))
    out: list[str] = []
    for i, ch in enumerate(name):
        nxt = name[i + 1] if i + 1 < len(name) else ""
        boundary = ch in _VOWELS and nxt not in _VOWELS or (ch == "n" and nxt and nxt not in _VOWELS)
        if (boundary or i == len(name) - 1) and i + 1 >= min_len:
            out.append(name[: i + 1])
    return out
