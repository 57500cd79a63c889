"""Session 8 (seeds, round 2): the subject opening a narration paragraph as a beat of the next paragraph's
untagged quotation (each text invented)."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.context import Tag
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = (("Clara Hale", ["Clara"], "F"), ("Tom Reed", ["Tom"], "M"))


def _tag(paragraphs: list[str]) -> Tag:
    """The last unit's tag."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={a: 5 for a in aliases}, gender=g)
                       for i, (name, aliases, g) in enumerate(CAST)]
    return prepare(work, detect_narrator=False).units[-1].tag


def test_a_name_opening_the_narration_paragraph_is_a_beat_of_the_next_quotation():
    tag = _tag(['"Will you go?" Clara asked.', "Tom grinned at her across the table.", '"Of course I will!"'])
    assert (tag.kind, tag.chars, tag.verb, tag.after) == ("name", (1,), False, False)


def test_he_or_she_opening_the_narration_paragraph_is_a_pronoun_beat():
    tag = _tag(['"Will you go?" Tom asked.', "She looked at the floor for a long time.", '"I cannot."'])
    assert (tag.kind, tag.gender) == ("pronoun", "F")


def test_no_paragraph_beat_for_a_possessive_a_quoted_paragraph_or_a_tagged_quotation():
    # "Tom's voice ... cracked her resolve": the owner is no subject
    assert _tag(['"Go," Tom said.', "Tom's pleading finally broke her resolve.", '"Fine."']).kind == "none"
    # the paragraph before holds a quotation: the conversation model decides
    assert _tag(['Tom waved. "Hello!"', '"Go home."']).kind != "name"
    # the quotation's own tag wins
    assert _tag(['"Go," Tom said.', "Tom laughed.", '"No," Clara said.']).chars == (0,)

