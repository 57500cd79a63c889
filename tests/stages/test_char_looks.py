"""Appearance epithets ("the pinkette", "the silver-haired man") resolved by hair colour (stages/char_looks.py)."""

from __future__ import annotations

from types import SimpleNamespace

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.char_cluster import Entity
from ficlens.stages.char_kin import link_relatives
from ficlens.stages.char_looks import link_looks, looks_colour, trait_evidence, traits
from ficlens.stages.coref import PSEUDO, Slot

GENDERS = {0: "M", 1: "F", 2: "M"}


def entities(pack_hair: dict[int, str] | None = None) -> list[Entity]:
    out = [Entity(keys=["Tobren"]), Entity(keys=["Mirela"]), Entity(keys=["Aldo"])]
    for ei, colour in (pack_hair or {}).items():
        out[ei].pack = SimpleNamespace(hair=[colour])
    return out


def slots_for(text: str, spans: list[tuple[str, str, int | None, str]]) -> list[Slot]:
    out, pos = [], 0
    for surface, kind, entity, gender in spans:
        start = text.index(surface, pos)
        out.append(Slot(len(out), start, start + len(surface), kind, entity=entity, gender=gender))
        pos = start + len(surface)
    return out


def one_paragraph(offset: int) -> int:
    return 0


def test_looks_colour_reads_haired_adjectives_and_colour_nouns() -> None:
    assert looks_colour("the silver-haired man") == "silver"
    assert looks_colour("the white haired ghost") == "silver"  # silver, grey, white: one look
    assert looks_colour("the pinkette") == "pink"
    assert looks_colour("The sleepy blonde") == "blond"
    assert looks_colour("the tall man") is None
    assert traits("the pink-haired medic") == ["hair:pink", "role:medic"]
    assert traits("the older jounin") == ["role:jonin"] and traits("the konoichi") == ["role:kunoichi"]


def test_the_story_says_who_has_which_hair() -> None:
    text = "Tobren's silver hair shone. Mirela pushed back her long pink hair."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Mirela", "name", 1, ""), ("her", "pronoun", 1, "F")])
    assert trait_evidence(text, slots, entities()) == {0: {"hair:silver"}, 1: {"hair:pink"}}


def test_a_definite_colour_description_goes_to_the_character_with_that_hair_with_its_pronouns() -> None:
    text = "Tobren waved to Mirela. Later the silver-haired man sat down and he sighed. A pinkette waved."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Mirela", "name", 1, ""),
                             ("the silver-haired man", "nominal", PSEUDO + 1, "M"), ("he", "pronoun", PSEUDO + 1, "M"),
                             ("A pinkette", "nominal", None, "F")])
    link_looks(text, slots, entities({0: "silver", 1: "pink"}), GENDERS, one_paragraph)
    assert [sl.entity for sl in slots] == [0, 1, 0, 0, None]  # "A pinkette": someone new


def test_a_rank_names_someone_on_stage_a_look_the_one_who_has_it() -> None:
    text = "Tobren left.\n\nMirela sat.\n\nShe read.\n\nShe slept.\n\nThe medic came. The silver-haired man came."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Mirela", "name", 1, ""), ("The medic", "nominal", None, ""),
                             ("The silver-haired man", "nominal", None, "M")])
    ents = entities({0: "silver"})
    ents[0].pack.roles = ["medic"]
    link_looks(text, slots, ents, GENDERS, lambda offset: text.count("\n\n", 0, offset))
    # Tobren was last named four paragraphs back: "the medic" is someone else, the silver hair is his
    assert [sl.entity for sl in slots[2:]] == [None, 0]


def test_among_several_the_one_named_last_or_the_one_named_after_it_wins() -> None:
    text = "Aldo came in. Tobren stayed. The blonde yawned. The blonde friend; Aldo, he remembered."
    slots = slots_for(text, [("Aldo", "name", 2, ""), ("Tobren", "name", 0, ""), ("The blonde", "nominal", None, "F"),
                             ("The blonde friend", "nominal", None, ""), ("Aldo", "name", 2, "")])
    link_looks(text, slots, entities({0: "blond", 2: "blond"}), GENDERS, one_paragraph)
    # "blonde" says nothing of gender in fan fiction
    assert [sl.entity for sl in slots[2:4]] == [0, 2]


def test_a_fandom_pack_gives_canon_hair_to_the_characters_stage() -> None:
    text = ("Kakashi leaned against the tree while Sakura read the scroll. The pinkette frowned at the page. "
            "\"You're late again,\" she told the silver-haired man. Kakashi shrugged. Naruto and the chakra "
            "of the jutsu flared over Konoha.")
    work = work_from_text(text)
    run_stage(work, "tokens")
    run_stage(work, "characters")
    names = {c.id: c.name for c in work.characters}
    got = {work.text[m.start:m.end]: names.get(m.character) for m in work.mentions if m.kind == "nominal"}
    assert got["The pinkette"] == "Haruno Sakura"
    assert got["the silver-haired man"] == "Hatake Kakashi"


def test_kinship_of_an_unnamed_narrator_moves_the_group_with_its_pronouns() -> None:
    # "my father" twice, the narrator an unnamed "I": the linking gave one to Tobren, so both are his
    text = "I saw my father early. Later my father came and he smiled."
    slots = [Slot(0, 0, 1, "pronoun", entity=PSEUDO + 9), Slot(1, 6, 8, "pronoun", entity=PSEUDO + 9),
             Slot(2, 6, 15, "nominal", entity=0), Slot(3, 29, 31, "pronoun", entity=PSEUDO + 9),
             Slot(4, 29, 38, "nominal", entity=PSEUDO + 2), Slot(5, 48, 50, "pronoun", entity=PSEUDO + 2)]
    link_relatives(text, slots, entities(), {}, GENDERS)
    assert [sl.entity for sl in slots[2:]] == [0, PSEUDO + 9, 0, 0]


def test_a_chain_the_description_only_joined_later_stays_behind() -> None:
    # "the man ... he ... the silver-haired man": the chain was someone else's before the epithet joined it
    text = "Tobren and Mirela ran. The man followed and he laughed. Then the silver-haired man came."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Mirela", "name", 1, ""),
                             ("The man", "nominal", PSEUDO + 4, "M"), ("he", "pronoun", PSEUDO + 4, "M"),
                             ("the silver-haired man", "nominal", PSEUDO + 4, "M")])
    link_looks(text, slots, entities({0: "silver"}), GENDERS, one_paragraph)
    assert [sl.entity for sl in slots] == [0, 1, PSEUDO + 4, PSEUDO + 4, 0]


def test_the_older_and_the_younger_of_the_two_on_stage() -> None:
    text = "Tobren sat by Aldo. The younger man smiled and the older one frowned. The older man left."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Aldo", "name", 2, ""),
                             ("The younger man", "nominal", PSEUDO + 1, "M"), ("The older man", "nominal", None, "M")])
    ents = entities()
    ents[0].pack = SimpleNamespace(born=1971.0)
    ents[2].pack = SimpleNamespace(born=1980.5)
    link_looks(text, slots, ents, GENDERS, one_paragraph)
    assert [sl.entity for sl in slots[2:]] == [2, 0]
    # with one character of known age on stage there is no comparison to make
    alone = slots_for("Tobren sat. The older man left.", [("Tobren", "name", 0, ""),
                                                         ("The older man", "nominal", None, "M")])
    link_looks("Tobren sat. The older man left.", alone, ents, GENDERS, one_paragraph)
    assert alone[-1].entity is None


def test_a_clan_name_in_a_description_is_a_trait() -> None:
    text = "Tobren met Aldo. The Quenby heir bowed."
    slots = slots_for(text, [("Tobren", "name", 0, ""), ("Aldo", "name", 2, ""),
                             ("The Quenby heir", "nominal", None, "M")])
    ents = entities()
    ents[0].pack = SimpleNamespace(family="Quenby")
    link_looks(text, slots, ents, GENDERS, one_paragraph)
    assert slots[-1].entity == 0
