"""Epithets resolved through what the story (or a fandom pack) says a character looks like or is: "the
pinkette", "the silver-haired man", "the blonde", "the chunin", "the older jonin", "the younger man", "the Nara
heir" (issue 3: fan fiction names its characters by their hair, their rank, their clan and which of two is older).

The pair ranker sees "the pinkette" as a description with no name in it and usually starts an unnamed person
with it. But a hair colour or a rank is evidence: the fandom pack knows Sakura's hair is pink and Iruka is a
chunin, and the story itself says "Kakashi's silver hair" or "her pink hair" (with "her" resolved). After
linking, a definite description carrying such a trait (or a clan the pack gives as a family name: "the Uchiha
prodigy") goes to a character who has it:

- the character named right after it ("The sleepy blonde, Uzumaki Naruto");
- for a hair colour, the one character who has it;
- else the one with the trait mentioned last before it within ``SCENE`` paragraphs (a rank names someone on
  stage: "the medic" of a hospital scene is not Sakura three chapters away);
- "the older man" / "the younger man": of the last two characters named in the scene whose age the pack knows
  (``born``), the older or the younger;
- an indefinite one ("a brunette nurse") brings someone new in, and a description the linker already gave to a
  character with that trait stays.

The unnamed chain the description heads (its pronouns) goes with it, as kinship descriptions do
(:func:`ficlens.stages.char_kin.move_descriptions`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator

from ficlens.fandoms.traits import COLOURS, ROLES
from ficlens.stages.char_cluster import Entity
from ficlens.stages.char_kin import move_descriptions
from ficlens.stages.coref import PSEUDO, Slot

# nouns that name a person by hair colour
COLOUR_NOUNS: dict[str, str] = {"pinkette": "pink", "blonde": "blond", "blond": "blond", "redhead": "red",
                                "brunette": "brown", "silverette": "silver", "bluenette": "blue"}
HAIR_WORDS = "hair|locks|mane|tresses|bangs|curls|spikes|mop|ponytail|fringe"
SCENE = 3  # paragraphs back (this one included) where a character must be named to be on stage
_COLOUR = "|".join(sorted(COLOURS, key=len, reverse=True))
_HAIRED = re.compile(rf"\b({_COLOUR})(?:[- ]?(?:and[- ])?[a-z]+)?[- ]haired\b", re.I)
_NOUN = re.compile(r"\b(" + "|".join(COLOUR_NOUNS) + r")\b", re.I)
_APPOSITION = re.compile(r"\s*[,;:\u2014-]+\s*")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-z]+\b")
_DEFINITE = re.compile(r"(?:the|this|that)\b", re.I)
# "Kakashi's silver hair", "her long pink hair": a possessor, up to two more words, a colour, a hair word
_POSSESSED = re.compile(rf"\b([A-Z][\w-]*|his|her)['’]?s?\s+(?:[a-z-]+\s+){{0,2}}?({_COLOUR})(?:[- ][a-z]+)?\s+"
                        rf"(?:{HAIR_WORDS})\b")
_AGE = re.compile(r"(?:the|this|that)\s+(older|elder|younger)\b(?!\s+(?:brother|sister|son|daughter|one|ones|of)\b)",
                  re.I)
_ROLE = re.compile(r"\b(" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")s?\b", re.I)


def traits(surface: str) -> list[str]:
    """What a description says its person looks like or is: "hair:silver", "role:jonin" ("the older jonin")."""
    out = []
    colour = looks_colour(surface)
    if colour is not None:
        out.append("hair:" + colour)
    out += ["role:" + ROLES[m.group(1).lower()] for m in _ROLE.finditer(surface)]
    return out


def is_trait_epithet(surface: str) -> bool:
    """A definite description by hair, rank or relative age ("the pinkette", "the konoichi", "the older man")."""
    return bool(_DEFINITE.match(surface)) and (bool(traits(surface)) or _AGE.match(surface) is not None)


def looks_colour(surface: str) -> str | None:
    """The hair colour group a description names ("the silver-haired man": silver; "the pinkette": pink)."""
    m = _HAIRED.search(surface)
    if m is not None:
        return COLOURS[m.group(1).lower()]
    m = _NOUN.search(surface)
    return COLOUR_NOUNS[m.group(1).lower()] if m is not None else None


def trait_evidence(text: str, slots: list[Slot], entities: list[Entity]) -> dict[int, set[str]]:
    """Entity -> traits ("hair:pink", "role:medic"), from a fandom pack's hair and roles and from the story's
    hair ("Kakashi's silver hair", "her pink hair" with "her" resolved to a character)."""
    found: dict[int, set[str]] = defaultdict(set)
    for ei, e in enumerate(entities):
        if getattr(e.pack, "family", ""):
            found[ei].add("family:" + e.pack.family.lower())
        for colour in getattr(e.pack, "hair", None) or ():
            found[ei].add("hair:" + COLOURS.get(colour.lower(), colour.lower()))
        for role in getattr(e.pack, "roles", None) or ():
            found[ei].add("role:" + ROLES.get(role.lower(), role.lower()))
    owner_at = {sl.start: sl for sl in slots if sl.kind in ("name", "pronoun") and sl.entity is not None
                and sl.entity < PSEUDO}
    for m in _POSSESSED.finditer(text):
        owner = owner_at.get(m.start(1))
        if owner is not None:
            found[owner.entity].add("hair:" + COLOURS[m.group(2).lower()])
    return found


def link_looks(text: str, slots: list[Slot], entities: list[Entity], genders: dict[int, str],
               paragraph_of: Callable[[int], int]) -> None:
    """Give definite descriptions by hair or role the character present with it (module docstring)."""
    known = trait_evidence(text, slots, entities)
    born = {ei: float(e.pack.born) for ei, e in enumerate(entities) if getattr(e.pack, "born", None) is not None}
    if not known and len(born) < 2:
        return
    apposed = _apposed_names(text, slots)
    families = {t for have in known.values() for t in have if t.startswith("family:")}
    mentioned = sorted((sl.start, sl.entity) for sl in slots if sl.entity is not None and sl.entity < PSEUDO
                       and sl.kind in ("name", "pronoun", "nominal"))
    moved: dict[int, int] = {}
    for sl in slots:
        if sl.kind != "nominal" or sl.plural or sl.pinned is not None:
            continue
        surface = text[sl.start:sl.end]
        age = _AGE.match(surface)
        if age is not None and len(born) >= 2:
            target = _by_age(age.group(1).lower(), born, sl, mentioned, genders, paragraph_of)
            if target is not None and target != sl.entity:
                moved[id(sl)] = target
            continue
        wanted = traits(surface) + ["family:" + w.lower() for w in _CAPITALISED.findall(surface)
                                    if "family:" + w.lower() in families]
        if not wanted or not _DEFINITE.match(surface):
            continue
        if sl.entity is not None and sl.entity < PSEUDO and known.get(sl.entity, set()).intersection(wanted):
            continue
        gender = "" if _NOUN.search(surface) else sl.gender  # "the blonde" is Naruto as often as Ino
        fits = {ei for ei, have in known.items() if have.intersection(wanted) and _fits_gender(ei, gender, genders)}
        best = {ei for ei in fits if known[ei].issuperset(wanted)}  # "the pink-haired medic": both
        named_after = apposed.get(sl.end)
        if named_after in fits:
            target = named_after
        elif len(fits) == 1 and all(t.startswith("hair:") for t in wanted):
            target = next(iter(fits))  # the one silver-haired character: a look is a name, a rank is not
        else:
            target = _choose(best or fits, sl, mentioned, paragraph_of)
        if target is not None:
            moved[id(sl)] = target
    move_descriptions(slots, moved)


def _apposed_names(text: str, slots: list[Slot]) -> dict[int, int]:
    """Offset where a description would end -> the character named right after it ("The sleepy blonde, Uzumaki
    Naruto, mumbled"; "The blonde friend; Ino")."""
    out: dict[int, int] = {}
    for sl in slots:
        if sl.kind == "name" and sl.entity is not None and sl.entity < PSEUDO:
            m = _APPOSITION.search(text, max(0, sl.start - 4), sl.start)
            if m is not None and m.end() == sl.start:
                out[m.start()] = sl.entity
    return out


def _by_age(word: str, born: dict[int, float], sl: Slot, mentioned: list[tuple[int, int]],
            genders: dict[int, str], paragraph_of) -> int | None:
    """"the older man" / "the younger man": of the last two characters of known age and a compatible gender
    named in the scene, the older or the younger one."""
    pair: list[int] = []
    for ei in _on_stage(sl, mentioned, paragraph_of):
        if ei in born and ei not in pair and _fits_gender(ei, sl.gender, genders):
            pair.append(ei)
            if len(pair) == 2:
                break
    if len(pair) < 2 or born[pair[0]] == born[pair[1]]:
        return None
    older = min(pair, key=born.__getitem__)
    return older if word in ("older", "elder") else max(pair, key=born.__getitem__)


def _choose(fits: set[int], sl: Slot, mentioned: list[tuple[int, int]], paragraph_of) -> int | None:
    """The candidate mentioned last before ``sl`` in the scene: an epithet names someone on stage, and the one
    of several who was talked of last."""
    return next((ei for ei in _on_stage(sl, mentioned, paragraph_of) if ei in fits), None)


def _on_stage(sl: Slot, mentioned: list[tuple[int, int]], paragraph_of) -> Iterator[int]:
    """The characters mentioned before ``sl`` within ``SCENE`` paragraphs, the last first (with repeats)."""
    para = paragraph_of(sl.start)
    for start, ei in reversed(mentioned[:bisect_left(mentioned, (sl.start, -1))]):
        if para - paragraph_of(start) >= SCENE:
            return
        yield ei


def _fits_gender(ei: int, gender: str, genders: dict[int, str]) -> bool:
    """Whether character ``ei`` may be what a description of ``gender`` ("" for any) designates."""
    return genders.get(ei, "") in ("", "U", gender or genders.get(ei, ""))
