"""Speech tags, session 7: subjects the tag reader used to miss (each text invented; each case failed before)."""

from __future__ import annotations

import pytest

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.context import build_name_index
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = (("Clara Hale", ["Clara"], "F"), ("Tom Reed", ["Tom Reed", "Tom"], "M"), ("Mr. Hale", ["Mr. Hale"], "M"),
        ("Mrs. Bly", ["Mrs. Bly"], "F"))


def chars(*specs):
    return [Character(i, name, aliases={a: 5 for a in aliases}, gender=g) for i, (name, aliases, g) in enumerate(specs)]


def units_of(paragraphs: list[str], characters: list[Character] | None = None):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = characters if characters is not None else chars(*CAST)
    return prepare(work, detect_narrator=False).units


def speech_tag(paragraphs: list[str], unit: int = -1) -> tuple[str, str]:
    """(kind, text) of a unit's tag, which must come with a speech verb."""
    tag = units_of(paragraphs)[unit].tag
    assert tag.verb, tag
    return tag.kind, tag.text


@pytest.mark.parametrize("paragraphs, expected", [
    # a name right after a double dash is still a name
    (['"I never saw such a hand"--Clara began, looking at Tom.'], "Clara"),
    # the subject of an infinitive after "for"
    (["When Mr. Hale joined the party, there was courage and opportunity for Tom Reed to draw near her and say,",
      '"I have to thank you."'], "Tom Reed"),
    # the owner of "the voice of"
    (["But louder than Tom's shouting came the voice of Clara, still murmuring in a low tone:",
      '"Let him go."'], "Clara"),
    # a phrasal verb ("cut in") whose subject follows a long noun phrase
    (['"Nonsense," cut in the clear voice of Clara. "He is never late."'], "Clara"),
    # narration after a tag that runs on into someone else's speech verb and a colon leads into the next paragraph
    (['"A poor old bird," she said, with a tenderness in her voice that was so sweet that Clara could not help '
      'exclaiming:', '"But you love him!"'], "Clara"),
    # the subject of a subordinate clause before a finite speech verb is not the speaker
    (["Tom listened to her with great patience, and when she ceased speaking, replied thus,",
      '"My dear girl, you are quite wrong."'], "Tom"),
    # a speech verb leading into a later segment wins over a beat before the first one
    (['After a few words to Tom, "How do you like my hat?"--with many other questions, all answered politely. '
      'Clara then said, "Nobody cares less for hats than I do."'], "Clara"),
    # "X's last word had been:"
    (["And on the dock, Clara's last word had been: \"Write to me.\""], "Clara"),
    # "interjected" is a speech verb
    (['"Oh, nonsense!" interjected Clara.'], "Clara"),
    # a clause with no subject after ';' takes the subject of the clause before it
    (['Mrs. Bly begged her to stay; but Clara very firmly declined the offer; and then rising up, said to Tom, '
      '"I must go."'], "Clara"),
    # "X, who ..., approached Y ... and said": the name the relative clause hangs on
    (['When it was over, Clara, who was about to leave the town, approached Tom with her usual reserve and said: '
      '"Thank you."'], "Clara"),
    # a verb coordinated past an aside: ", and, throwing ..., exclaimed"
    (['Clara lit the lamp, offered Tom a chair, and, throwing her gloves on to the table, exclaimed: "What a day!"'],
     "Clara"),
    # a name inside parentheses is no subject; ", and stretching ..., said" is coordinated
    (['Mr. Hale lit his pipe (it was Tom who bought them), and stretching his legs to the fire, said: "Well?"'],
     "Mr. Hale"),
    # a name after "before" followed by a verb opens a clause: it is a subject
    (['Clara waited in the hall, before Tom Reed came running upstairs, calling out, "Here I am."'], "Tom Reed"),
    # "quoted" is a speech verb (the beat after it names someone else)
    (['"Human nature, I suppose," quoted Clara, and he laughed.'], "Clara"),
    # more verbs of saying in tags ("reported", "stated", "entreated"...)
    (['("Sitting there like a hen," Clara reported, "and the boy upstairs.")'], "Clara"),
    # "uttered" is a speech verb
    (['The talk was ended by Clara, who, in a solemn tone of voice, uttered these words, "I have heard the news."'],
     "Clara"),
    # a clause without a subject looks back over the clauses before it
    (['Mrs. Bly came from the house to meet her; came with no slow step; and falling on her neck, said, "Dear girl!"'],
     "Mrs. Bly"),
    # "broke out" is a phrasal speech verb; a possessive with "voice" is its subject
    (["He stammered and Clara's eager voice broke out, covering the silence: \"The same house?\""], "Clara"),
])
def test_speech_tag_subject(paragraphs, expected):
    assert speech_tag(paragraphs) == ("name", expected)


def test_a_word_someone_goes_by_is_not_shared_with_a_longer_name_used_less():
    # (before, "Ames" pointed to both Mr. and Mrs. Ames, so "said Ames" decided nothing)
    cast = [Character(0, "Mr. Ames", aliases={"Ames": 19, "Mr. Ames": 10}, gender="M"),
            Character(1, "Mrs. Ames", aliases={"Mrs. Ames": 33}, gender="F"),
            Character(2, "Colonel Grey", aliases={"Colonel Grey": 60}, gender="M"),
            Character(3, "Tom Grey", aliases={"Grey": 2, "Tom Grey": 1}, gender="M")]
    text = "Ames came. Mrs. Ames left. Grey smiled."
    idx = build_name_index(text, cast)
    found = {text[s:e]: chars for s, e, chars in zip(idx.starts, idx.ends, idx.chars)}
    assert found["Ames"] == (0,) and found["Mrs. Ames"] == (1,)
    assert found["Grey"] == (2,)  # a word used far more often by another is still theirs
    tag = units_of(['"Good morning," said Ames.'], cast)[0].tag
    assert tag.kind == "name" and tag.chars == (0,)


def test_a_pronoun_in_a_subordinate_clause_of_the_speaker_is_kept():
    # the verb is the subordinate clause's own ("when she drew back, and said"; "till he, stopping, said")
    assert speech_tag(['Clara watched Tom, when she drew back at once, and said, "No."']) == ("name", "Clara")
    assert speech_tag(['It was cold till he, stopping short as he entered, said, "Why no fire?"']) == ("pronoun", "he")


def test_swearing_and_cursing_after_a_quotation_are_speech_verbs():
    kind, text = speech_tag(['"Dammit," Tom swore. "The trail dies here."'])
    assert (kind, text) == ("name", "Tom")
    kind, text = speech_tag(['"Not again," Clara cursed under her breath.'])
    assert (kind, text) == ("name", "Clara")
