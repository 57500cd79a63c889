"""Descriptions pinned to a character before linking, from what a fandom pack knows.

A pinned description is an anchor for the linker, as a name is: the pronouns after it can link to it, and
whatever the linking does, it stays its character's mention (``apply_pins``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ficlens.document import Work
from ficlens.stages.char_cluster import Entity
from ficlens.stages.char_lexicon import ANIMAL_HEADS
from ficlens.stages.coref import Slot

PACK_EPITHET = 0.9  # least pack look-up confidence of a description taken as a character's epithet
ANIMAL_SCENE = 8  # paragraphs back (this one included) where a pack animal must be named for "the dog" to be it
_WORD = re.compile(r"[a-z]+")


def pin_pack_epithets(work: Work, nominals: list[Slot], entities: list[Entity], pack) -> None:
    """Pin descriptions the fandom pack knows as an epithet of one character named in the story ("the
    copy-nin", "the toad sage") to that character."""
    if pack is None:
        return
    present = {e.pack.canonical: ei for ei, e in enumerate(entities) if e.pack is not None}
    for sl in nominals:
        hit = pack.lookup_scored(work.text[sl.start:sl.end])
        if hit is not None and hit[1] >= PACK_EPITHET and hit[0].canonical in present:
            sl.pinned = present[hit[0].canonical]


def pin_pack_animals(work: Work, nominals: list[Slot], names: list[Slot], kinds: dict[int, str],
                     paragraph_of: Callable[[int], int]) -> None:
    """Pin a singular description with an animal word ("the pug", "the canine leader") to the one character
    the fandom pack knows as no human (a ninken, a summon) named in the last ``ANIMAL_SCENE`` paragraphs.

    With two such characters in the scene, or none, the description is left to the linker.
    """
    animals = {ei for ei, kind in kinds.items() if kind and kind != "human"}
    if not animals:
        return
    named = sorted((sl.start, paragraph_of(sl.start), sl.entity) for sl in names if sl.entity in animals)
    if not named:
        return
    for sl in nominals:
        if sl.pinned is not None or sl.plural or not sl.definite:
            continue
        if not ANIMAL_HEADS.intersection(_head_phrase(work.text[sl.start:sl.end], sl.head)):
            continue
        para = paragraph_of(sl.start)
        scene = {ent for start, p, ent in named if start < sl.start and para - p < ANIMAL_SCENE}
        if len(scene) == 1:
            sl.pinned = scene.pop()


def _head_phrase(text: str, head: str) -> list[str]:
    """The words of a description up to its head noun ("the canine leader" of "the canine leader of the
    pack"; "the man" of "the man with the dog")."""
    words = _WORD.findall(text.lower())
    return words[:words.index(head) + 1] if head in words else words


def apply_pins(slots: list[Slot]) -> None:
    """Pinned descriptions are their character's mentions whatever the linking did."""
    for sl in slots:
        if sl.pinned is not None:
            sl.entity, sl.chain = sl.pinned, None
