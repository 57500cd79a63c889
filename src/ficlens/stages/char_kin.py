"""Kinship descriptions resolved through their possessor: "her father", "his wife", "Winnie's mother" (not
"their father", a group's relative, left to the linker).

The pair ranker sees "her father" as a description like any other and often leaves it, and the pronouns after
it, apart from the named father. But the description names a relation of the person its possessive determiner
refers to, and once that possessor is resolved the relative can be found:

- the same relation of the same possessor is the same person wherever it recurs: when the linking gave two of
  those descriptions, or half of them, one named character (and none another), all of them are that character's;
- a relation one person has only one of (father, mother, husband, wife) goes to the one character of the
  relation's gender who shares the possessor's family name ("her father" of Miss Hale: Mr. Hale), when there is
  exactly one.

The unnamed chain a linked description headed (its pronouns) goes with it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ficlens.stages.char_cluster import MARRIED, Entity, _titled_cores
from ficlens.stages.char_names import NameStats
from ficlens.stages.coref import PSEUDO, Slot

# relation word -> (gender of the relative, whether a person has only one)
RELATIONS: dict[str, tuple[str, bool]] = {
    "father": ("M", True), "papa": ("M", True), "pa": ("M", True), "mother": ("F", True), "mamma": ("F", True),
    "mama": ("F", True), "mammy": ("F", True), "ma": ("F", True), "husband": ("M", True), "wife": ("F", True),
    "brother": ("M", False), "son": ("M", False), "uncle": ("M", False), "nephew": ("M", False),
    "sister": ("F", False), "daughter": ("F", False), "aunt": ("F", False), "niece": ("F", False),
}
# titles followed by a given name when alone with one word ("Sir William", "Miss Jane"): no family name
GIVEN_NAME_TITLES = frozenset({"sir", "dame", "miss", "master", "uncle", "aunt", "brother", "sister", "father",
                               "mother"})
# words for a wife after a man's possessive ("said his lady", "his good lady", "his missus")
WIFE_WORDS = frozenset({"lady", "missus", "missis"})
_KIN = re.compile(r"(?:(?P<det>his|her|my|your)|(?P<name>[A-Z][^\n']*?)\s*['’]s)\s+(?:[a-z-]+\s+)?(?P<rel>"
                  + "|".join([*RELATIONS, *WIFE_WORDS]) + r")", re.I)


def kin_relation(surface: str) -> tuple[int, str] | None:
    """(end of the possessor within ``surface``, relation word) of "her father", "his young wife" or
    "Winnie's mother", else None."""
    m = _KIN.fullmatch(surface)
    if m is None:
        return None
    owner = "det" if m.group("det") else "name"
    rel = m.group("rel").lower()
    if rel in WIFE_WORDS:
        if (m.group("det") or "").lower() != "his":
            return None  # "her lady" is her maid, "my lady" a form of address
        rel = "wife"
    return m.end(owner), rel


def link_relatives(text: str, slots: list[Slot], entities: list[Entity], names: dict[str, NameStats],
                   genders: dict[int, str]) -> None:
    """Give kinship descriptions the relative their resolved possessor points to (module docstring)."""
    owner_at = {(sl.start, sl.end): sl for sl in slots if sl.kind in ("pronoun", "name")}
    groups: dict[tuple[int, str], list[Slot]] = defaultdict(list)
    for sl in slots:
        if sl.kind != "nominal" or sl.plural or sl.pinned is not None:
            continue
        rel = kin_relation(text[sl.start:sl.end])
        if rel is None:
            continue
        owner = owner_at.get((sl.start, sl.start + rel[0]))
        if owner is None or owner.entity is None:
            continue
        groups[owner.entity, rel[1]].append(sl)
    moved: dict[int, int] = {}  # id of a description -> its relative
    for (owner, relation), members in groups.items():
        gender, unique = RELATIONS[relation]
        target = _linked_relative(members, owner, gender, genders)
        if target is None and unique and owner < PSEUDO:
            target = _namesake(owner, relation, gender, entities, names, genders)
        if target is not None:
            moved.update((id(sl), target) for sl in members)
    move_descriptions(slots, moved)


def move_descriptions(slots: list[Slot], moved: dict[int, int]) -> None:
    """Give each description in ``moved`` (``id(slot)`` -> entity) its entity; the unnamed chain it heads (its
    first mention: the pronouns after it) goes with it, except pinned mentions. A chain the description only
    joined later stays: it may be someone else ("the man ... the man ... the silver-haired man")."""
    if not moved:
        return
    heads: dict[int, int] = {}
    for sl in slots:
        if sl.entity is not None and sl.entity >= PSEUDO and sl.start < heads.get(sl.entity, sl.start + 1):
            heads[sl.entity] = sl.start
    chains = {sl.entity: moved[id(sl)] for sl in slots
              if id(sl) in moved and sl.entity is not None and heads.get(sl.entity) == sl.start}
    for sl in slots:
        target = moved.get(id(sl))
        if target is None and sl.pinned is None and sl.entity is not None:
            target = chains.get(sl.entity)
        if target is not None:
            sl.entity, sl.chain = target, None


def _fits(ei: int, owner: int, gender: str, genders: dict[int, str]) -> bool:
    return ei != owner and genders.get(ei, "") in ("", "U", gender)


def _linked_relative(members: list[Slot], owner: int, gender: str, genders: dict[int, str]) -> int | None:
    """The one named character the linking gave the descriptions to, if they agree and it holds two of them or
    half the group (one link among many unlinked ones is too weak to decide for all)."""
    named = [sl.entity for sl in members if sl.entity is not None and sl.entity < PSEUDO]
    if len(set(named)) != 1 or (len(named) < 2 and 2 * len(named) < len(members)):
        return None
    return named[0] if _fits(named[0], owner, gender, genders) else None


def _namesake(owner: int, relation: str, gender: str, entities: list[Entity], names: dict[str, NameStats],
              genders: dict[int, str]) -> int | None:
    """The one other character of the relation's gender, called by a title and the owner's family name.

    A wife or a mother must be a married woman ("Mrs. Hale", "Lady Elliot"), a husband or a father a titled man;
    a married woman's family name is her husband's, so it finds her husband, never her parents.
    """
    family, married = _family(entities[owner], names)
    if not family or (married and relation != "husband"):
        return None
    found = []
    for ei, e in enumerate(entities):
        if ei == owner or genders.get(ei, "") != gender:
            continue
        titled, married_woman = _family(e, names)
        if titled & family and (gender == "M" or married_woman):
            found.append(ei)
    return found[0] if len(found) == 1 else None


def _family(entity: Entity, names: dict[str, NameStats]) -> tuple[set[str], bool]:
    """(family names, whether called Mrs./Lady) of an entity: the last word of its names of two words or more
    ("Katharine Hilbery") and of its titled names ("Mr. Hale"), not the given name after "Sir" ("Sir William")."""
    return entity.last | _titled_cores(entity, names, GIVEN_NAME_TITLES), \
        any(names[k].title in MARRIED for k in entity.keys)
