"""Checking a pack file before use: structure, names, ships, look-up collisions."""

from __future__ import annotations

import json
from pathlib import Path

from ficlens.fandoms.names import strip_suffix
from ficlens.fandoms.pack import FandomPack
from ficlens.fandoms.traits import COLOURS, ROLES

GENDERS = {"M", "F", "N", "U"}


def check_pack(pack: FandomPack) -> list[str]:
    """Problems found in a loaded pack (empty when it is fine)."""
    problems: list[str] = []
    seen: set[str] = set()
    for ch in pack.characters:
        if ch.canonical in seen:
            problems.append(f"character {ch.canonical!r} is listed twice")
        seen.add(ch.canonical)
        if ch.gender not in GENDERS:
            problems.append(f"character {ch.canonical!r}: gender {ch.gender!r} is not one of M, F, N, U")
        if not (ch.given or ch.family):
            problems.append(f"character {ch.canonical!r}: no given or family name")
        if pack.lookup(ch.canonical) is not ch:
            problems.append(f"character {ch.canonical!r}: its canonical name does not resolve to it")
        problems += _trait_problems(ch)
    for ship, members in pack.ships.items():
        missing = [m for m in members if m not in seen]
        if missing:
            problems.append(f"ship {ship!r} names unknown characters {missing}")
    bare = {strip_suffix(c) for c in seen}
    for tag in pack.relationships:
        missing = [n for n in tag.split("/") if strip_suffix(n) not in bare]
        if missing:
            problems.append(f"relationship {tag!r} names unknown characters {missing}")
    for cue in pack.cues:
        if not cue.phrase.strip() or cue.weight <= 0:
            problems.append(f"cue {cue.phrase!r}: empty phrase or weight <= 0")
    return problems


def _trait_problems(ch) -> list[str]:
    """Hair colours and roles the characters stage cannot read, a birth year that is no number."""
    out = [f"character {ch.canonical!r}: hair colour {c!r} is not one of {sorted(set(COLOURS))}"
           for c in ch.hair if c.lower() not in COLOURS]
    out += [f"character {ch.canonical!r}: role {r!r} is not one of {sorted(set(ROLES))}"
            for r in ch.roles if r.lower() not in ROLES]
    if ch.born is not None and not isinstance(ch.born, (int, float)):
        out.append(f"character {ch.canonical!r}: born {ch.born!r} is not a number")
    return out


def check_pack_file(path: str | Path) -> list[str]:
    """Problems found in a pack file, including JSON and format errors."""
    try:
        with Path(path).open(encoding="utf-8") as fh:
            data = json.load(fh)
        pack = FandomPack.from_dict(data, source=str(path))
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return [str(exc).splitlines()[0] if str(exc) else type(exc).__name__]
    return check_pack(pack)
