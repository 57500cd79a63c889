"""The tag vocabulary: additional (freeform) tags and genres, with definitions and cues.

The built-in vocabulary is ``stages/vocab/tags.json`` (documented in
docs/tags.md). Users extend or override it with a JSON or TOML file named in
the ``FICLENS_TAG_VOCAB`` environment variable (several paths may be joined
with ``os.pathsep``): an entry with the same ``name`` and ``type`` replaces
the built-in one, ``"disabled": true`` removes it, new entries are added.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.stages.rel_text import compile_cues

BUILTIN = Path(__file__).with_name("vocab") / "tags.json"
ENV_VAR = "FICLENS_TAG_VOCAB"
TYPES = ("additional", "genre")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read; the message names the file."""


@dataclass
class TagDef:
    name: str
    type: str
    definition: str = ""
    cues: dict[str, tuple[re.Pattern[str], float]] = field(default_factory=dict)
    min_score: float = 0.0
    per_1000: float = 0.0
    min_sentences: int = 0
    min_cue: dict[str, float] = field(default_factory=dict)
    signals: dict[str, float] = field(default_factory=dict)
    boost: dict[str, float] = field(default_factory=dict)
    requires: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name)


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise VocabularyError(f"{path}: cannot read tag vocabulary ({err.__class__.__name__}: {str(err).splitlines()[0] if str(err) else ''})") from None


def _parse(entry: dict, source: Path) -> TagDef:
    try:
        name, ttype = str(entry["name"]), str(entry.get("type", "additional"))
        if ttype not in TYPES:
            raise ValueError(f"type must be one of {TYPES}")
        cues = {}
        for key, value in (entry.get("cues") or {}).items():
            if isinstance(value, str):
                cues[key] = (value, 1.0)
            else:
                cues[key] = (str(value[0]), float(value[1]) if len(value) > 1 else 1.0)
        return TagDef(
            name=name, type=ttype, definition=str(entry.get("definition", "")),
            cues=compile_cues(cues),
            min_score=float(entry.get("min_score", 1)), per_1000=float(entry.get("per_1000", 0)),
            min_sentences=int(entry.get("min_sentences", 1)),
            min_cue={k: float(v) for k, v in (entry.get("min_cue") or {}).items()},
            signals={k: float(v) for k, v in (entry.get("signals") or {}).items()},
            boost={k: float(v) for k, v in (entry.get("boost") or {}).items()},
            requires=list(entry.get("requires") or []), excludes=list(entry.get("excludes") or []),
        )
    except (KeyError, TypeError, ValueError, re.error) as err:
        raise VocabularyError(f"{source}: bad tag entry {entry.get('name', '?')!r} ({err})") from None


def load_vocabulary(extra: str | None = None) -> list[TagDef]:
    """The built-in vocabulary merged with the files in ``extra`` (default: ``$FICLENS_TAG_VOCAB``)."""
    entries: dict[tuple[str, str], TagDef] = {}
    order: list[tuple[str, str]] = []
    extra = os.environ.get(ENV_VAR, "") if extra is None else extra
    sources = [BUILTIN] + [Path(p) for p in extra.split(os.pathsep) if p.strip()]
    for src in sources:
        data = _read(src)
        for entry in data.get("tags", []):
            key = (str(entry.get("type", "additional")), str(entry.get("name", "")))
            if entry.get("disabled"):
                entries.pop(key, None)
                continue
            tag = _parse(entry, src)
            if tag.key not in entries:
                order.append(tag.key)
            entries[tag.key] = tag
    return [entries[k] for k in order if k in entries]


def current_vocabulary() -> list[TagDef]:
    """The vocabulary for the current ``$FICLENS_TAG_VOCAB``, loaded once per value."""
    return _cached(os.environ.get(ENV_VAR, ""))


@lru_cache(maxsize=8)
def _cached(extra: str) -> list[TagDef]:
    return load_vocabulary(extra)
