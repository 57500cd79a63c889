"""Fandom knowledge packs: a fandom's characters, their AO3 names and aliases.

A pack is a JSON file (see docs/fandom-packs.md). :class:`FandomPack` indexes
every way a character is named -- canonical name, given name, family name,
both orders, aliases, epithets -- so :meth:`FandomPack.lookup` can resolve a
surface seen in a story ("Kakashi-sensei", "the copy-nin") to one character,
or to nobody when the surface is ambiguous ("Uchiha", "Hokage-sama").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ficlens.fandoms.names import fold, index_keys, mora_prefixes, strip_suffix, surface_keys, words

# Strength of each way of naming a character; a look-up takes the strongest
# tier that matches and gives up when two characters share it.
TIER_ALIAS = 3  # explicit alias or epithet from the pack
TIER_NAME = 2  # canonical name, full name in either order, given name
TIER_FAMILY = 1  # family name alone
TIER_CONFIDENCE = {TIER_ALIAS: 0.95, TIER_NAME: 0.9, TIER_FAMILY: 0.6}


@dataclass
class PackCharacter:
    """One canon character of a fandom."""

    canonical: str  # AO3 canonical character tag, e.g. "Hatake Kakashi", "Tsunade (Naruto)"
    given: str = ""
    family: str = ""
    aliases: list[str] = field(default_factory=list)
    gender: str = "U"  # M | F | N | U
    kind: str = "human"  # human | animal | ninken | summon | tailed beast | droid | angel | demon | ...
    ship: list[str] = field(default_factory=list)  # fragments used in portmanteau ship names ("Kaka")
    weight: float | None = None  # detection weight of the bare given name (None: automatic)
    hair: list[str] = field(default_factory=list)  # hair colours canon gives ("pink"): "the pinkette" is her
    roles: list[str] = field(default_factory=list)  # ranks and trades canon gives ("chunin", "medic")
    born: float | None = None  # birth year (or any scale of the fandom's own): "the older man" of two
    fandom: str = ""

    @property
    def species(self) -> str:
        return self.kind

    @property
    def name(self) -> str:
        """The name without an AO3 fandom suffix ("Tsunade (Naruto)" -> "Tsunade")."""
        return strip_suffix(self.canonical)

    def sort_key(self) -> tuple[str, str]:
        """AO3 relationship order: family name, then given name; else the name itself."""
        if self.family:
            return (fold(self.family), fold(self.given))
        return (fold(self.name), "")

    @classmethod
    def from_dict(cls, data: dict[str, Any], fandom: str = "") -> "PackCharacter":
        return cls(
            canonical=data["canonical"],
            given=data.get("given", ""),
            family=data.get("family", ""),
            aliases=list(data.get("aliases", [])),
            gender=data.get("gender", "U"),
            kind=data.get("kind", data.get("species", "human")),
            ship=list(data.get("ship", [])),
            weight=data.get("weight"),
            hair=list(data.get("hair", [])),
            roles=list(data.get("roles", [])),
            born=data.get("born"),
            fandom=fandom,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"canonical": self.canonical}
        for key in ("given", "family", "gender", "kind"):
            out[key] = getattr(self, key)
        for key in ("aliases", "ship", "hair", "roles"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        for key in ("weight", "born"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass
class Cue:
    """A word or phrase that points to a fandom ("chakra", "Hogwarts")."""

    phrase: str
    weight: float = 2.0
    case: bool = False  # match case-sensitively
    not_before: list[str] = field(default_factory=list)  # don't count when followed by these words


@dataclass
class FandomPack:
    """Everything ficlens knows about one fandom."""

    fandom: str  # AO3 canonical fandom tag
    synonyms: list[str] = field(default_factory=list)
    characters: list[PackCharacter] = field(default_factory=list)
    name_order: str = "given_first"  # how the canonical names are written: given_first | family_first
    honorifics: bool = False  # Japanese honorifics are common in its fics
    cues: list[Cue] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)  # at least one must occur, else detection is capped
    ambiguous: list[str] = field(default_factory=list)  # surfaces that never resolve ("Hokage")
    ships: dict[str, list[str]] = field(default_factory=dict)  # ship name -> canonical names
    relationships: list[str] = field(default_factory=list)  # known AO3 relationship tags (their order wins)
    source: str = ""  # the file it came from
    _index: dict[str, dict[int, list[int]]] = field(default_factory=dict, repr=False)
    _blocked: set[str] = field(default_factory=set, repr=False)
    _by_canonical: dict[str, PackCharacter] = field(default_factory=dict, repr=False)
    _fragments: dict[str, tuple[PackCharacter, bool]] | None = field(default=None, repr=False)
    _ship_table: dict[str, list[str]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> "FandomPack":
        if "fandom" not in data or not isinstance(data.get("characters", []), list):
            raise ValueError("a fandom pack needs 'fandom' and a 'characters' list")
        fandom = data["fandom"]
        return cls(
            fandom=fandom,
            synonyms=list(data.get("synonyms", [])),
            characters=[PackCharacter.from_dict(c, fandom) for c in data.get("characters", [])],
            name_order=data.get("name_order", "given_first"),
            honorifics=bool(data.get("honorifics", False)),
            cues=[Cue(**c) if isinstance(c, dict) else Cue(c) for c in data.get("cues", [])],
            requires=list(data.get("requires", [])),
            ambiguous=list(data.get("ambiguous", [])),
            ships={k: list(v) for k, v in data.get("ships", {}).items()},
            relationships=list(data.get("relationships", [])),
            source=source,
        )

    @classmethod
    def from_file(cls, path: str | Path) -> "FandomPack":
        path = Path(path)
        with path.open(encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh), source=str(path))

    def to_dict(self) -> dict[str, Any]:
        return {
            "fandom": self.fandom,
            "synonyms": self.synonyms,
            "name_order": self.name_order,
            "honorifics": self.honorifics,
            "cues": [c.__dict__ for c in self.cues],
            "requires": self.requires,
            "ambiguous": self.ambiguous,
            "ships": self.ships,
            "relationships": self.relationships,
            "characters": [c.to_dict() for c in self.characters],
        }

    # ----------------------------------------------------------------- indexing
    def reindex(self) -> None:
        """(Re)build the surface index after changing ``characters``."""
        self._index = {}
        self._by_canonical = {}
        for i, ch in enumerate(self.characters):
            ch.fandom = ch.fandom or self.fandom
            self._by_canonical[fold(ch.canonical)] = ch
            for surface, tier in self._surfaces(ch):
                for key in index_keys(surface):
                    slot = self._index.setdefault(key, {}).setdefault(tier, [])
                    if i not in slot:
                        slot.append(i)
        self._blocked = {k for s in self.ambiguous for k in index_keys(s)}
        self._fragments = None
        self._ship_table = None
        self.__dict__.pop("_detect_items", None)  # detection items cached by ficlens.fandoms.detect

    def _surfaces(self, ch: PackCharacter) -> list[tuple[str, int]]:
        out = [(a, TIER_ALIAS) for a in ch.aliases]
        out += [(ch.canonical, TIER_ALIAS), (ch.name, TIER_NAME)]
        if ch.given:
            out.append((ch.given, TIER_NAME))
        if ch.given and ch.family:
            out += [(f"{ch.given} {ch.family}", TIER_NAME), (f"{ch.family} {ch.given}", TIER_NAME)]
        if ch.family:
            out.append((ch.family, TIER_FAMILY))
        return out

    # ------------------------------------------------------------------ look-up
    def character(self, canonical: str) -> PackCharacter | None:
        """The character whose canonical name is ``canonical`` (any case)."""
        return self._by_canonical.get(fold(canonical))

    def lookup_scored(self, surface: str) -> tuple[PackCharacter, float] | None:
        """Like :meth:`lookup`, with a confidence (lower for a bare family name)."""
        keys = surface_keys(surface)
        for step, key in enumerate(keys):
            if key in self._blocked:
                return None
            tiers = self._index.get(key)
            if not tiers:
                continue
            for tier in sorted(tiers, reverse=True):
                found = tiers[tier]
                if len(found) == 1:
                    conf = TIER_CONFIDENCE[tier] - 0.05 * min(step, 2)
                    return self.characters[found[0]], round(conf, 3)
                return None  # two characters share the strongest reading: ambiguous
        return None

    def lookup(self, surface: str) -> PackCharacter | None:
        """The one character ``surface`` names, or None (unknown or ambiguous).

        Handles the given name alone ("Kakashi"), both name orders ("Hatake
        Kakashi", "Kakashi Hatake"), honorifics ("Kakashi-sensei"), titles
        ("Lady Tsunade"), aliases and epithets ("the copy-nin"), any case.
        """
        hit = self.lookup_scored(surface)
        return hit[0] if hit else None

    # -------------------------------------------------------------- ship names
    def ship_table(self) -> dict[str, list[str]]:
        """The pack's ship names by look-up key ("drarry" -> ["Draco Malfoy", "Harry Potter"])."""
        if self._ship_table is None:
            self._ship_table = {}
            for name, members in self.ships.items():
                self._ship_table.setdefault("".join(words(name)), list(members))
        return self._ship_table

    def ship_fragments(self) -> dict[str, tuple[PackCharacter, bool]]:
        """Fragment -> (character, explicit), for splitting portmanteaus ("kaka" -> Kakashi).

        Explicit ``ship`` fragments and one-word aliases win over fragments
        generated from syllables of given and family names; a fragment shared
        by two characters is dropped.
        """
        cached = self._fragments
        if cached is not None:
            return cached
        explicit: dict[str, list[PackCharacter]] = {}
        generated: dict[str, list[PackCharacter]] = {}
        for ch in self.characters:
            for frag in ch.ship + [a for a in ch.aliases if len(words(a)) == 1]:
                key = "".join(words(frag))
                if len(key) >= 2 and ch not in explicit.setdefault(key, []):
                    explicit[key].append(ch)
            for part in (ch.given, ch.family, ch.name if not ch.given else ""):
                if not part:
                    continue
                for frag in mora_prefixes(part) + ["".join(words(part))]:
                    if len(frag) >= 3 and ch not in generated.setdefault(frag, []):
                        generated[frag].append(ch)
        merged = {k: (v[0], False) for k, v in generated.items() if len(v) == 1}
        merged.update({k: (v[0], True) for k, v in explicit.items() if len(v) == 1})
        self._fragments = merged
        return merged
