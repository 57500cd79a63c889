"""Kinship descriptions ("her father", "his wife") resolved through their possessor (stages/char_kin.py)."""

from __future__ import annotations

from ficlens.stages.char_cluster import Entity
from ficlens.stages.char_kin import kin_relation, link_relatives
from ficlens.stages.char_names import NameStats
from ficlens.stages.coref import PSEUDO, Slot

NAMES = {key: NameStats(key=key, core=tuple(core.split()), title=title) for key, title, core in [
    ("Margaret Thornby", "", "Margaret Thornby"), ("Margaret", "", "Margaret"), ("Mr. Thornby", "mr", "Thornby"),
    ("Mrs. Thornby", "mrs", "Thornby"), ("Miss Thornby", "miss", "Thornby"), ("Mrs. Quill", "mrs", "Quill")]}
# as char_cluster builds them: a name of two words or more gives its first and last word
ENTITIES = [Entity(keys=["Margaret Thornby", "Margaret"], first={"margaret"}, last={"thornby"}),
            Entity(keys=["Mr. Thornby"]), Entity(keys=["Mrs. Thornby"]), Entity(keys=["Miss Thornby"]),
            Entity(keys=["Mrs. Quill"])]
GENDERS = {0: "F", 1: "M", 2: "F", 3: "F", 4: "F"}


def slots_for(text: str, spans: list[tuple[str, str, int | None]]) -> list[Slot]:
    """Slots for (surface, kind, entity) in order of appearance; a description's possessor comes just before it."""
    out, pos = [], 0
    for surface, kind, entity in spans:
        start = text.index(surface, pos)
        out.append(Slot(len(out), start, start + len(surface), kind, entity=entity))
        pos = start if kind != "nominal" else start + len(surface)
    return out


def test_kin_relation_reads_the_determiner_and_the_relation_word() -> None:
    assert kin_relation("her father") == (3, "father")
    assert kin_relation("his young wife") == (3, "wife")
    assert kin_relation("His\nmamma") == (3, "mamma")
    assert kin_relation("their father") is None  # a group's: left to the linker
    assert kin_relation("Mrs. Quill’s mother") == (10, "mother")
    assert kin_relation("the father") is None and kin_relation("her fatherland") is None


def test_his_lady_is_his_wife() -> None:
    # "said his lady to him one day": a man's lady (or missus) is his wife; a woman's lady or "my lady" is not
    assert kin_relation("his lady") == (3, "wife")
    assert kin_relation("his good lady") == (3, "wife")
    assert kin_relation("His missus") == (3, "wife")
    assert kin_relation("her lady") is None and kin_relation("my lady") is None and kin_relation("the lady") is None


def test_a_named_possessor_counts_as_the_owner() -> None:
    text = "Mr. Thornby's wife came in."
    slots = slots_for(text, [("Mr. Thornby", "name", 1), ("Mr. Thornby's wife", "nominal", None)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert slots[-1].entity == 2


def test_a_parent_is_the_titled_namesake_and_takes_its_pronouns_along() -> None:
    text = "Margaret sat with her father. He read aloud while her father's dog slept."
    slots = slots_for(text, [("Margaret", "name", 0), ("her", "pronoun", 0), ("her father", "nominal", PSEUDO + 1),
                             ("He", "pronoun", PSEUDO + 1)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert [sl.entity for sl in slots] == [0, 0, 1, 1]


def test_a_married_womans_family_name_is_her_husbands_so_it_finds_no_parent() -> None:
    text = "Mrs. Thornby wrote to her father."
    slots = slots_for(text, [("Mrs. Thornby", "name", 2), ("her", "pronoun", 2),
                             ("her father", "nominal", PSEUDO + 3)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert slots[-1].entity == PSEUDO + 3


def test_a_wife_is_the_married_namesake_not_a_daughter() -> None:
    text = "Mr. Thornby smiled at his wife."
    slots = slots_for(text, [("Mr. Thornby", "name", 1), ("his", "pronoun", 1), ("his wife", "nominal", None)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert slots[-1].entity == 2


def test_one_linked_description_gives_the_same_relation_of_the_same_owner_its_character() -> None:
    text = "Margaret kissed her aunt. Later her aunt left, and her aunt's carriage too."
    slots = slots_for(text, [("her", "pronoun", 0), ("her aunt", "nominal", 4), ("her", "pronoun", 0),
                             ("her aunt", "nominal", None)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert slots[-1].entity == 4


def test_descriptions_linked_to_two_different_characters_are_left_alone() -> None:
    text = "Margaret kissed her aunt. Later her aunt left. Then her aunt came."
    slots = slots_for(text, [("her", "pronoun", 0), ("her aunt", "nominal", 4), ("her", "pronoun", 0),
                             ("her aunt", "nominal", 2), ("her", "pronoun", 0), ("her aunt", "nominal", None)])
    link_relatives(text, slots, ENTITIES, NAMES, GENDERS)
    assert [sl.entity for sl in slots[1::2]] == [4, 2, None]
