"""Session 16: names seen once or twice, taken from person evidence around them (invented texts)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.char_cluster import cluster_names
from ficlens.stages.char_names import NameFinder, NameStats
from ficlens.stages.characters import guess_gender


def found(text: str) -> dict[str, NameStats]:
    work = work_from_text(text)
    run_stage(work, "tokens")
    return NameFinder(given_name=guess_gender).find(work)


def test_a_name_in_apposition_to_a_person_noun_is_a_name() -> None:
    names = found("The storm broke at noon. Before that, Quarrow, the ferryman, had tied up the boats. "
                  "Nobody spoke of the river again.")
    assert "Quarrow" in names
    # the same word before a new clause's subject is no apposition: "In Quarrow, the ferryman waited."
    assert "Quarrow" not in found("The storm broke at noon. They stayed a week in Quarrow, the ferryman waited. "
                                  "Nobody spoke of the river again.")


def test_a_name_given_as_a_persons_name_is_a_name() -> None:
    names = found("The old house stood empty. Its last tenant was a clerk named Dobrask. "
                  "The roof fell in the winter after.")
    assert "Dobrask" in names
    names = found("He kept a small shop. The shopkeeper, whose name was Velloway, never smiled.")
    assert "Velloway" in names


def test_a_possessor_of_a_person_noun_or_body_part_is_a_person() -> None:
    text = ("The letters came each spring. I remember Tamsett's husband, and the garden. "
            "We never saw Tamsett's hands without flour on them.")
    assert "Tamsett" in found(text)


def test_a_known_first_name_once_as_a_subject_is_a_name() -> None:
    text = "The shawls were folded in the chest. Helen had set her heart upon a blue one, long ago."
    assert "Helen" in found(text)
    # a word no name list knows still needs more than one such use
    assert "Quorbel" not in found("The shawls were folded in the chest. Quorbel had set the blue one aside.")


def test_full_names_with_different_middle_names_are_two_people() -> None:
    def st(core: tuple[str, ...], at: int) -> NameStats:
        key = " ".join(core)
        return NameStats(key=key, core=core, occurrences=[(at, at + len(key), key, 0)], person=3.0)

    names = {"Abel T. Farrow": st(("Abel", "T.", "Farrow"), 0),
             "Abel Ulric Farrow": st(("Abel", "Ulric", "Farrow"), 100)}
    entities = cluster_names(names, lambda pos: pos // 50, guess_gender)
    owners = {k: i for i, e in enumerate(entities) for k in e.keys}
    assert owners["Abel T. Farrow"] != owners["Abel Ulric Farrow"]


def test_the_longest_accepted_name_inside_a_heading_in_capitals_is_taken() -> None:
    text = ("CHAPTER I I MEET SIR OSWIN DELACOURT\n\nIt was late. Sir Oswin Delacourt said nothing. "
            "Sir Oswin nodded. Sir Oswin Delacourt said he would go.")
    surfaces = {o[2] for st in found(text).values() for o in st.occurrences}
    assert "SIR OSWIN DELACOURT" in surfaces and "SIR OSWIN" not in surfaces


def test_a_predicative_adjective_before_a_name_is_not_its_premodifier() -> None:
    from coref_helpers import tokens_work
    from ficlens.stages.coref import Slot, mentions_from_slots
    from ficlens.stages.coref_spans import name_starts

    text = "I am sure Brannock will come, and I am so glad Quillan stayed. Then old Tenley left."
    work = tokens_work(text)
    slots = []
    for word in ("Brannock", "Quillan", "Tenley"):
        start = text.index(word)
        slots.append(Slot(work.tokens.start.index(start), start, start + len(word), "name"))
    name_starts(work, slots)
    assert [text[m.start:m.end] for m in mentions_from_slots(slots)] == ["Brannock", "Quillan", "old Tenley"]


def test_a_bare_given_name_goes_to_the_full_name_already_known_not_to_one_named_later() -> None:
    from ficlens.stages.characters import CharacterStage

    text = ("Miss Vella Marlowe came down to breakfast. Vella laughed at her sister. Miss Vella went to the dance. "
            "Vella danced with every officer. Vella wrote home each week. Miss Vella was happy. Vella sang. "
            "Vella ran to the window. Vella cried. Vella said nothing. "
            "At last the letter came: I sign my name Vella Drummond, she wrote. Mrs. Drummond came home in May. "
            "Mrs. Drummond showed her ring. Mrs. Drummond was very loud. Vella was married.")
    work = work_from_text(text)
    run_stage(work, "tokens")
    CharacterStage()(work)
    vella = [c for c in work.characters if "Vella" in c.aliases]
    assert len(vella) == 1 and "Miss Vella Marlowe" in vella[0].aliases  # not a third character "Vella"
