"""Speech tags, session 8 (seeds): objects, asides and titles the tag reader took for the speaker (each text
invented)."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.features import possessive_owner
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = (("Clara Hale", ["Clara"], "F"), ("Tom Reed", ["Tom"], "M"), ("The Hound", ["the hound"], "M"),
        ("Mayor Grant", ["Mayor Grant", "Mayor"], "F"))


def _tag(paragraphs: list[str]) -> tuple[str, str, str, bool]:
    """(kind, gender, text, verb) of the last unit's tag."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={a: 5 for a in aliases}, gender=g)
                       for i, (name, aliases, g) in enumerate(CAST)]
    tag = prepare(work, detect_narrator=False).units[-1].tag
    return tag.kind, tag.gender, tag.text, tag.verb


def test_a_name_after_a_preposition_is_no_subject_of_a_coordinated_verb():
    # before: "the hound" was the subject of "chuckled" (a named speech tag, trusted over the model)
    kind, gender, _, _ = _tag(['Tom waited. His dark eyes looked down on the hound and chuckled. "You are joking."'])
    assert (kind, gender) == ("pronoun", "M")


def test_a_name_inside_an_aside_after_and_is_no_subject():
    # before: "Clara" (the subject of "would") was read as the one who murmured
    kind, gender, _, _ = _tag(['"Late." His hands rubbed his face and, aware Clara would not understand him, '
                               'murmured, "Never mind."'])
    assert (kind, gender) == ("pronoun", "M")


def test_commas_between_adjectives_keep_a_possessive_owner():
    assert possessive_owner(["His", "sharp", ",", "black", "eyes"]) == "M"
    assert possessive_owner(["Her", "brother", ",", "Tom"]) == ""


def test_a_future_title_does_not_name_its_holder():
    # before: "Mayor" named Mayor Grant, who is not the one gasping
    kind, _, text, _ = _tag(['Clara sat down.', '"Not yet..." the future Mayor swore between gasps.'])
    assert (kind, text) != ("name", "Mayor")


def test_a_name_before_the_verb_or_owning_it_is_still_its_subject():
    # the object rule only drops a name the verb is coordinated past ("on the hound and chuckled")
    assert _tag(['It was broken by Tom saying very abruptly, "Is he rich?"'])[2] == "Tom"
    assert _tag(['Clara heard Tom whisper to his wife, "He asked her."'])[2] == "Tom"


def test_a_pronoun_before_an_aside_is_still_the_subject():
    kind, gender, _, verb = _tag(["Urged by a strong impulse, she moved after a moment to Tom's chair, and putting one "
                                  'arm round his neck, said, "Dear Tom."'])
    assert (kind, gender, verb) == ("pronoun", "F", True)


def test_a_sentence_opening_with_a_gendered_person_noun_is_a_noun_beat():
    # before: no tag at all (only names and he/she were read as beats)
    assert _tag(['"Go away." The old man stood and turned to leave.']) == ("noun", "M", "The old man", False)
    assert _tag(['Tom left. The girl blushed. "Oh! Sorry!"']) == ("noun", "F", "The girl", False)
    assert _tag(['"Run." The women ran.'])[0] == "none"  # several people: no one speaker
