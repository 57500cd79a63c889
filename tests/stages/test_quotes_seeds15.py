"""Speakers, session 15 (seeds, round 7): a possessive name owning a person is not what a he/she tag goes back
to; a sentence ending with someone going up to another leads into the next quotation (invented texts)."""

from __future__ import annotations

from quote_helpers import two_person_prepared

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.context import approaches
from ficlens.dialogue.features import BASE_FEATURES, owned_person, participle_object
from ficlens.document import Character
from ficlens.ingest.build import work_from_text


def _prepared(paragraphs: list[str], cast: list[tuple[str, str]]):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    return prepare(work, detect_narrator=False)


def _feature(prep, unit: int, cand: int, name: str) -> float:
    t = prep.table
    rows = [r for r in range(len(t.unit)) if t.unit[r] == unit and t.cand[r] == cand]
    return float(t.X[rows[0], BASE_FEATURES.index(name)])


def _owned(sentence: str) -> str:
    return owned_person(sentence, sentence.index("'s"))


def test_the_gender_of_the_person_a_possessive_name_owns():
    assert _owned("the cold hands of Mr. Vane's ever loyal servant shook") == "U"
    assert _owned("Mr. Vane's daughter smiled") == "F"
    assert _owned("Mr. Vane's old father smiled") == "M"
    assert _owned("Mr. Vane's eyes narrowed") == ""  # the body: the owner is the actor
    assert _owned("Mr. Vane's old dog barked") == ""  # an animal: "he said" after it is still its owner
    assert _owned("Mr. Vane's left hand, the servant") == ""  # a person too far off
    assert owned_person("Mr. Vane walked", len("Mr. Vane")) == ""  # no possessive


def test_a_he_tag_goes_back_to_the_person_owned_not_to_the_owner():
    prep = _prepared([
        '"Come here," said Mr. Vane.',
        'Old Rook came in. The cold hands of Mr. Vane\'s ever loyal servant shook. "Sir," he began.',
        'Miss Lane looked at Mr. Vane\'s daughter. "Who is she?" he asked.',
    ], [("Mr. Vane", "M"), ("Old Rook", "M"), ("Miss Lane", "F")])
    # the servant is whom "he began" goes back to: Old Rook before him, not his master
    assert _feature(prep, 1, 1, "pron_subject") == 1.0 and _feature(prep, 1, 0, "pron_subject") == 0.0
    assert _feature(prep, 1, 1, "tag_pron_rank") == 0.0 and _feature(prep, 1, 0, "tag_pron_rank") == 1.0
    # a daughter is no "he": her father stays the last man named
    assert _feature(prep, 2, 0, "tag_pron_rank") == 0.0


def test_a_sentence_ending_with_going_up_to_someone_leads_into_the_next_quotation():
    assert approaches("But Tom, being Tom, burst through the door and walked right up to Clara.")
    assert approaches("She turned to him.") and approaches("Mr. Hale approached Miss Lane.")
    assert not approaches("He turned to the window.") and not approaches("He went back to his work.")
    tag = two_person_prepared(["Tom burst in and walked right up to Clara.", '"Where were you?"']).units[-1].tag
    assert (tag.kind, tag.chars, tag.verb) == ("name", (1,), False)  # Tom's lead-in, no speech verb
    # without the approach, the narration leads into nothing
    tag = two_person_prepared(["Tom burst in and sat down by the fire.", '"Where were you?"']).units[-1].tag
    assert tag.kind == "none"


def test_the_object_of_a_participle_clause_of_the_subject_is_no_he_antecedent():
    text = "Mr. Vane bit his thumb, summoning Rook before the storm. They watched a man calling Rook."
    assert participle_object(text, text.index("Rook"), linked=True)  # ", summoning Rook": Mr. Vane's clause
    assert participle_object(text, text.rindex("Rook"))  # any participle's object is no subject
    assert not participle_object(text, text.rindex("Rook"), linked=True)  # "a man calling Rook": the man's
    prep = _prepared(['Mr. Vane bit his thumb, calling Rook before the storm broke. "Clear the way," he ordered.'],
                     [("Mr. Vane", "M"), ("Rook", "M")])
    assert _feature(prep, 0, 0, "tag_pron_rank") == 0.0 and _feature(prep, 0, 1, "tag_pron_rank") == 1.0  # Vane first


def test_a_narration_subject_smiling_at_someone_leads_into_the_next_quotation():
    assert approaches("A tall nurse smiled brightly at Tom as she hung the chart on the bed.")
    assert not approaches("Later, when the nurse had gone, Tom smiled at Clara.")  # a clause before the subject
    tag = two_person_prepared(["Tom smiled warmly at Clara as he sat down.", '"Where were you?"']).units[-1].tag
    assert (tag.kind, tag.chars, tag.verb) == ("name", (1,), False)  # Tom (1), who opens the sentence
    tag = two_person_prepared(["Slowly the door opened and Tom smiled at Clara.", '"Well?"']).units[-1].tag
    assert tag.kind == "none"  # the smiler does not open the sentence: no lead-in
