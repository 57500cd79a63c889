"""Finding packs: the bundled ones plus user packs from ``$FICLENS_FANDOM_PACKS``.

``FICLENS_FANDOM_PACKS`` holds one or more folders (separated by the OS path
separator) of ``*.json`` packs. A user pack whose ``fandom`` equals a bundled
one replaces it. A broken file is skipped with a one-line warning naming it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ficlens.fandoms.names import words
from ficlens.fandoms.pack import FandomPack

ENV_VAR = "FICLENS_FANDOM_PACKS"
BUNDLED = Path(__file__).resolve().parent / "packs"

_cache: dict[str, list[FandomPack]] = {}
_generation = [0]  # bumped whenever packs are (re)loaded, so derived caches can tell


def generation() -> int:
    """A number that changes whenever the set of loaded packs changes."""
    all_packs()
    return _generation[0]


def pack_dirs() -> list[Path]:
    """Folders searched for packs: bundled first, then the user's (which win)."""
    dirs = [BUNDLED]
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            dirs.append(Path(part.strip()).expanduser())
    return dirs


def load_packs(dirs: list[Path]) -> list[FandomPack]:
    """Every readable pack in ``dirs``; later folders replace packs of the same fandom."""
    by_fandom: dict[str, FandomPack] = {}
    for folder in dirs:
        if not folder.is_dir():
            if folder != BUNDLED:
                print(f"ficlens: fandom pack folder {folder}: not a directory, skipped", file=sys.stderr)
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                pack = FandomPack.from_file(path)
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(f"ficlens: fandom pack {path}: {reason}; skipped", file=sys.stderr)
                continue
            by_fandom[_key(pack.fandom)] = pack
    return list(by_fandom.values())


def all_packs() -> list[FandomPack]:
    """All known fandom packs (bundled and user), loaded once per pack-folder setting."""
    setting = os.environ.get(ENV_VAR, "")
    if setting not in _cache:
        _cache.clear()
        _cache[setting] = load_packs(pack_dirs())
        _generation[0] += 1
    return list(_cache[setting])


def clear_cache() -> None:
    """Forget loaded packs (after editing pack files)."""
    _cache.clear()


def _key(name: str) -> str:
    return " ".join(words(name))


def get_pack(fandom: str) -> FandomPack | None:
    """The pack for an AO3 fandom name or a common synonym, any case.

    ``get_pack("NARUTO")``, ``get_pack("Harry Potter - J. K. Rowling")``; a
    trailing " - Author" or " (Anime & Manga)" qualifier is also tried away.
    """
    if not fandom or not fandom.strip():
        return None
    packs = all_packs()
    names = _names_index(_generation[0], tuple(id(p) for p in packs))
    candidates = [fandom, fandom.split(" - ")[0], fandom.split(" | ")[0], fandom.split("(")[0]]
    for cand in candidates:
        hit = names.get(_key(cand))
        if hit is not None:
            return packs[hit]
    return None


_NAMES: dict[tuple, dict[str, int]] = {}


def _names_index(gen: int, ids: tuple[int, ...]) -> dict[str, int]:
    """Folded fandom names and synonyms -> index in :func:`all_packs` (first pack wins)."""
    key = (gen, ids)
    if key not in _NAMES:
        _NAMES.clear()
        index: dict[str, int] = {}
        packs = all_packs()
        for i, pack in enumerate(packs):
            index.setdefault(_key(pack.fandom), i)
        for i, pack in enumerate(packs):
            for syn in pack.synonyms:
                index.setdefault(_key(syn), i)
        index.pop("", None)
        _NAMES[key] = index
    return _NAMES[key]
