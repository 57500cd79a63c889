"""Speech tags: the subject nearest the verb, objects and titles, described speakers, kinship tags."""

from __future__ import annotations

import pytest

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.descriptive import description_of
from ficlens.dialogue.features import BASE_FEATURES, family_name
from ficlens.document import Character
from ficlens.ingest.build import work_from_text


def chars(*specs):
    return [Character(i, name, aliases={a: 5 for a in aliases}, gender=g) for i, (name, aliases, g) in enumerate(specs)]


def tags_of(paragraphs: list[str], characters: list[Character]):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = characters
    prep = prepare(work, detect_narrator=False)
    return work, prep, [(u.tag.kind, u.tag.text) for u in prep.units]


CAST = (("Mr. Darcy", ["Mr. Darcy", "Darcy"], "M"), ("Elizabeth Bennet", ["Elizabeth"], "F"),
        ("Mr. Bennet", ["Mr. Bennet"], "M"), ("Mrs. Bennet", ["Mrs. Bennet"], "F"))


def test_a_title_is_no_sentence_end_and_an_object_is_no_subject():
    _, _, tags = tags_of(['Afterwards Mr. Darcy, drawing near Elizabeth, said to her,\n"Do you dance?"'], chars(*CAST))
    assert tags == [("name", "Mr. Darcy")]


def test_a_described_speaker_becomes_a_character():
    work, prep, tags = tags_of([
        'Elizabeth came in.', '"Depend upon it," said the landlady, "she has gone."',
        '"Has she?" said Elizabeth.', '"Oh yes," replied the landlady.', '"Hush," said the man.',
    ], chars(*CAST))
    landlady = [c for c in work.characters if c.name == "The Landlady"]
    assert len(landlady) == 1 and landlady[0].gender == "F"
    assert tags[0] == ("name", "the landlady") and tags[2] == ("name", "the landlady")
    assert not any(c.name == "The Man" for c in work.characters)  # a generic head refers back
    assert description_of("the senior detective indifferently") == ("the senior detective", "U")
    assert description_of("his colleague") is None and description_of("the other") is None
    assert description_of("the parlourmaid") == ("the parlourmaid", "U")


def test_kinship_tag_points_to_the_relative_with_the_family_name():
    work, prep, tags = tags_of(['Mr. Bennet made no answer.', '"Do not you want to know?" cried his wife.'],
                               chars(*CAST))
    assert tags == [("noun", "his wife")]
    col = BASE_FEATURES.index("tag_kin_match")
    kin = {int(c): float(x[col]) for u, c, x in zip(prep.table.unit, prep.table.cand, prep.table.X) if u == 0}
    assert kin[3] == 1.0 and kin[1] == 0.5 and kin[2] == 0.0  # Mrs. Bennet; a daughter less; not Mr. Bennet himself
    assert family_name(Character(0, "Eliza Bennet")) == "bennet" and family_name(Character(1, "Kitty")) == ""


def test_possessive_tags_and_a_lead_in_sentence_with_its_own_subject():
    _, _, tags = tags_of([
        '"Not at all," was her answer; "but he means it."', '"Four o\'clock!" was Mr. Darcy\'s quick amendment.',
        'Mr. Bennet began, and he listened without interrupting her while she continued.', '"I have every reason."',
    ], chars(*CAST))
    assert tags == [("pronoun", "her"), ("name", "Mr. Darcy"), ("pronoun", "she")]


def test_two_speakers_in_one_paragraph_are_two_quotations():
    _, prep, tags = tags_of(['"Yes," said Elizabeth. "No," said Mr. Darcy, "not at all."',
                             '"Sorry," he said, "I did not know." "Well," he added.'], chars(*CAST))
    assert [len(u.segments) for u in prep.units] == [1, 2, 3]
    assert tags == [("name", "Elizabeth"), ("name", "Mr. Darcy"), ("pronoun", "he")]


def test_a_line_of_dialogue_is_no_lead_in_for_the_next_one():
    _, _, tags = tags_of(['"And have you answered the letter?" said Elizabeth.', '"No; but it must be done soon."',
                          'Mr. Bennet looked up and said,', '"Read it aloud."'], chars(*CAST))
    assert tags == [("name", "Elizabeth"), ("none", ""), ("name", "Mr. Bennet")]


def test_a_lead_in_for_someone_else_inside_a_paragraph_starts_a_second_quotation():
    _, prep, tags = tags_of(['"Then I will not ask him!" he concluded; and Elizabeth echoed, bewildered: "Ask whom?"',
                             'Jane said nothing, but Elizabeth whispered, "Hush."'], chars(*CAST))
    assert [len(u.segments) for u in prep.units] == [1, 1, 1]
    assert tags == [("pronoun", "he"), ("name", "Elizabeth"), ("name", "Elizabeth")]


def test_indefinite_and_capitalised_descriptions_bring_someone_new():
    assert description_of("a little girl") == ("a little girl", "F")
    assert description_of("a lady in the group") == ("a lady", "F")
    assert description_of("the Invisible Man") == ("the Invisible Man", "M")
    assert description_of("the man") is None  # someone already on stage
    assert description_of("a voice") is None  # nobody in particular
    work, prep, _ = tags_of(['"Stuff and nonsense!" said the Invisible Man.', '"Here," said a little girl.'],
                            chars(("Bogey Man", ["Bogey Man"], "M")))
    names = [c.name for c in work.characters]
    assert "The Invisible Man" in names and "A Little Girl" in names
    # "Man" of "Bogey Man" is no name of its own, so the tag is the description
    assert prep.units[0].tag.kind == "name" and work.character(prep.units[0].tag.chars[0]).name == "The Invisible Man"


def test_a_character_on_stage_only_by_resolved_pronouns_is_a_candidate():
    from ficlens.dialogue.context import build_name_index, build_units
    from ficlens.dialogue.detect import find_segments
    from ficlens.dialogue.features import FeatureBuilder
    from ficlens.document import Mention

    text = 'Mr. Darcy left. Long after, he came back and sat down.\n\n"Well?"\n\n"Nothing."'
    work = work_from_text(text)
    work.characters = chars(*CAST)
    he = text.index("he came")
    work.mentions = [Mention(he, he + 2, 0, "pronoun")]
    segs = find_segments(work)
    names = build_name_index(text, [])  # nobody is named: only the resolved "he" puts Darcy on stage
    units = build_units(work, segs, names)
    fb = FeatureBuilder(work, units, names, [(s.start, s.end) for s in segs])
    assert 0 in fb.candidates(0)
    work.mentions = []
    assert 0 not in FeatureBuilder(work, units, names, [(s.start, s.end) for s in segs]).candidates(0)


SUBJECT_CASES = [
    (['Elizabeth hoped she had silenced him; but he soon afterwards said, "I was surprised."',
      'Elizabeth heard Mr. Bennet say, "Come here, child."'],
     [("pronoun", "he"), ("name", "Mr. Bennet")]),  # the subject nearest the verb wins
    (['She was met in the hall by Elizabeth, who, flying to her, cried in a whisper, "I am glad you came."',
      'Mrs. Bennet, going to the window where Mr. Bennet stood, said gently: "Come away."'],
     [("name", "Elizabeth"), ("name", "Mrs. Bennet")]),  # a relative clause and an aside lead back to their subject
    (['"Wy, dat gal," broke in Mr. Bennet indignantly, "she would not speak."',
      '"I am sure it is all right," put in Elizabeth.'],
     [("name", "Mr. Bennet"), ("name", "Elizabeth")]),  # phrasal speech verbs
]


@pytest.mark.parametrize("paragraphs,expected", SUBJECT_CASES)
def test_the_subject_of_the_speech_verb(paragraphs, expected):
    _, _, tags = tags_of(paragraphs, chars(*CAST))
    assert tags == expected


def test_a_beat_sentence_before_the_quotation_names_the_speaker():
    # the sentence before the quotation ends with a full stop: it is still the paragraph's beat
    _, prep, tags = tags_of(['Elizabeth patted his shoulder gently. "Thank you, you did well."',
                             'Mr. Darcy turned away. He said nothing. "I know."'], chars(*CAST))
    assert tags == [("name", "Elizabeth"), ("pronoun", "He")]
    assert not prep.units[0].tag.verb


def test_a_narration_paragraph_leads_into_the_next_quotation():
    _, _, tags = tags_of([
        '"I am tired," said Elizabeth. "Very tired."--A short pause followed, and Mrs. Bennet began again.',
        '"You must rest, then."',
        'Then Mr. Darcy said in a low voice',
        '"I hope you will."',
        '"Good night." Elizabeth said it kindly.',
        '"Good night to you."',
        '"Go," said Mr. Bennet. "Now." In a few minutes Mrs. Bennet opened the door and called out,',
        '"Lizzy, my dear!"',
    ], chars(*CAST))
    assert tags[1] == ("name", "Mrs. Bennet")
    assert tags[2] == ("name", "Mr. Darcy")
    assert tags[4][1] != "Elizabeth"  # a tag of the quotation before leads into nothing
    assert tags[6] == ("name", "Mrs. Bennet")


def test_a_clause_after_a_led_in_quotation_starts_the_next_speaker():
    _, prep, tags = tags_of(['At intervals Mr. Darcy would say, "The park is fine", and Elizabeth would say, '
                             '"Yes, I have seen it." Then they walked on.',
                             'Mrs. Bennet said, "I have thought of something", and Mr. Bennet asked her what.',
                             'But Mrs. Bennet said, "Really, do give up that farce." He replied in an odd, sad voice, '
                             '"I do not know why."'],
                            chars(*CAST))
    assert tags == [("name", "Mr. Darcy"), ("name", "Elizabeth"), ("name", "Mrs. Bennet"), ("name", "Mrs. Bennet"),
                    ("pronoun", "He")]


def test_a_speech_verb_leading_in_from_the_paragraph_before_beats_a_name_after():
    _, _, tags = tags_of(['Kitty coughed, and Mrs. Bennet instantly answered,',
                          '"Oh dear! Yes, certainly." And gathering her work together, she was hastening away, when '
                          'Elizabeth looked up.'], chars(*CAST))
    assert tags == [("name", "Mrs. Bennet")]


def test_the_object_of_a_participle_is_no_speaker():
    _, _, tags = tags_of(['Mr. Darcy, approaching Elizabeth, said, "I hope I am not to lose my companion."',
                          'Elizabeth, embracing Mrs. Bennet, thus began: "Yes, my dear, it is so indeed."'],
                         chars(*CAST))
    assert tags == [("name", "Mr. Darcy"), ("name", "Elizabeth")]


def test_a_tag_without_a_stop_leads_into_nothing():
    # fan fiction often drops the last full stop: '"Yes boss?" Pakkun asked, scratching an ear'
    _, _, tags = tags_of(['"Yes, sir?" Mr. Darcy asked, scratching an ear', '"What do you sense about this place?"'],
                         chars(*CAST))
    assert tags[0] == ("name", "Mr. Darcy") and tags[1][1] != "Mr. Darcy"


def test_the_last_sentence_of_a_paragraph_opened_by_a_quotation_can_lead_into_the_next():
    _, _, tags = tags_of([
        '"You have nothing to reproach yourself with" but here her voice died away. Mr. Bennet withdrew unseen. '
        'Elizabeth, with flushed cheeks, raised her head and said:',
        '"Well, that is my last attempt."',
    ], chars(*CAST))
    assert tags[-1] == ("name", "Elizabeth")


def test_a_dash_after_the_speech_verb_is_no_part_of_the_word():
    _, prep, tags = tags_of([
        'Two minutes after her entering the room, Mr. Darcy said--',
        '"We will write the letter we were talking of, now."',
    ], chars(*CAST))
    assert tags == [("name", "Mr. Darcy")] and prep.units[0].tag.verb
    _, prep, _ = tags_of(['Elizabeth, observing the colour in his face, said--', '"The language is strong."'],
                         chars(*CAST))
    assert prep.units[0].tag.verb and prep.units[0].tag.text == "Elizabeth"


def test_a_description_set_off_by_a_comma_is_the_subject():
    _, prep, tags = tags_of(['The detective, registering below, remarked to his colleague, "He got out of that."',
                             'The motor, loaded with trunks, continued: "Stop it."'],
                            chars(*CAST))
    # the description becomes a character of its own ("The Detective"), named by the tag
    assert tags[0][1] == "The detective" and prep.units[0].tag.verb
    assert tags[1] == ("none", "")  # a motor is no speaker

def test_an_adverb_after_a_described_speaker_is_no_part_of_it_and_for_is_no_preposition_at_the_start():
    _, _, tags = tags_of(['"I suppose so," said the old woman thoughtfully.',
                          '"You see?" For Elizabeth had darted out into the street, shouting, "Oh, do stop!"'],
                         chars(*CAST))
    assert tags[0][1] == "the old woman"
    assert tags[-1] == ("name", "Elizabeth")

def test_a_hyphenated_role_is_a_described_speaker():
    assert description_of("the station-master") == ("the station-master", "M")
    assert description_of("the game-keeper") is not None
    assert description_of("the hump-backed man") is None  # a generic head stays someone on stage


# (paragraphs, expected tags, segments per quotation or None); every tag here is a speech tag (a verb)
SESSION6_CASES = [
    # less common speech verbs
    (['"Later and later," yawned Elizabeth, who was tired.', '"It is very dull," Mrs. Bennet reflected. "Very dull."',
      '"Perhaps," Mr. Darcy hazarded, "she is unhappy."'],
     [("name", "Elizabeth"), ("name", "Mrs. Bennet"), ("name", "Mr. Darcy")], None),
    # a speech verb coordinated by "and" has the first subject of its clause
    (['Elizabeth saw he was out of temper and said, "Time for supper."',
      'Mr. Darcy took Mr. Bennet by the arm and was saying, "There are four of us."',
      'Mrs. Bennet could not stand the silence any longer and blurted out: "He is dead."',
      'Mr. Bennet, about an hour afterwards, came into the room where she and Elizabeth were sitting, and said, '
      '"I am come."',
      'Mr. Darcy was busy at the piano, when she turned round and said, "How happy he looks!"',
      'She was sure that he raised his hat and said quite coolly, "Oh, rather."',
      'Elizabeth smiled, but Mr. Darcy looked at Mrs. Bennet and said, "No."',
      # an apposition is no new subject
      'Mr. Darcy, the owner of Pemberley, flung open the door and said in shrill tones: "You are arrested."'],
     [("name", "Elizabeth"), ("name", "Mr. Darcy"), ("name", "Mrs. Bennet"), ("name", "Mr. Bennet"),
      ("pronoun", "she"), ("pronoun", "he"), ("name", "Mr. Darcy"), ("name", "Mr. Darcy")], None),
    # a name inside a relative clause gives way to the name the clause hangs on
    (['Mr. Darcy, who did not dislike Elizabeth, replied: "She was in no hurry."',
      'Mrs. Bennet, who had been eyeing Mr. Bennet and Elizabeth, now observed, "They must talk."'],
     [("name", "Mr. Darcy"), ("name", "Mrs. Bennet")], None),
    # possessive speakers, subjects after the verb, "burst from", "the voice of", "X's voice"
    (['"I cannot do without her," was Elizabeth\'s reasoning; and Mrs. Bennet\'s reply was, "Then she stays."',
      '"I wish you would stop," was Mr. Darcy\'s language; and, in an unhappy mood, thus spoke Elizabeth: "I will not."',
      'Mrs. Bennet was beginning an eager assurance, when she was stopped by Mr. Bennet\'s saying, "Do not go."',
      '"It is a serious matter," said the clear voice of Mr. Darcy.',
      '"Those dreadful insects!" burst from Elizabeth, with a nervous laugh.',
      'Then they heard Mrs. Bennet\'s clear voice rejoin: "Perhaps it is so."'],
     [("name", "Elizabeth"), ("name", "Mrs. Bennet"), ("name", "Mr. Darcy"), ("name", "Elizabeth"),
      ("name", "Mr. Bennet"), ("name", "Mr. Darcy"), ("name", "Elizabeth"), ("name", "Mrs. Bennet")], None),
    # a speech verb between segments names the speaker of the later one
    (['"Say that I will write to him," and, when the footman had left the room, Mr. Bennet said, "Atrocious."',
      # a lead-in before the first segment is its speaker: a lead-in for someone else starts a second quotation
      'He exclaimed, "Again!" and as if to complete the chaos, Elizabeth said, "Oh no."',
      # a name after a pronoun tag is someone else
      '"In the afternoon!" he replied, and looked at Elizabeth. But Mrs. Bennet was cross, and said, "Which one?"',
      # a speech verb running into the quotation without a comma
      '"What trial is it?" Elizabeth panted as she ran; but Mr. Darcy only answered "Come on!"'],
     [("name", "Mr. Bennet"), ("pronoun", "He"), ("name", "Elizabeth"), ("pronoun", "he"), ("name", "Mrs. Bennet"),
      ("name", "Elizabeth"), ("name", "Mr. Darcy")], [2, 1, 1, 1, 1, 1, 1]),
    # a name tag after a pronoun tag in one paragraph starts a second quotation; ", for X" is a conjunction
    (['"Ah!" he said, and caught up the paper. "Now we shall get at the truth," said Mr. Darcy.',
      'He added, "Sorry," which was right, for Mr. Bennet twisted his head, and said in a strained voice: '
      '"He arrived perhaps."'],
     [("pronoun", "he"), ("name", "Mr. Darcy"), ("pronoun", "He"), ("name", "Mr. Bennet")], [1, 1, 1, 1]),
]


@pytest.mark.parametrize("paragraphs,expected,segments", SESSION6_CASES)
def test_speech_tags_session6(paragraphs, expected, segments):
    _, prep, tags = tags_of(paragraphs, chars(*CAST))
    assert tags == expected
    assert all(u.tag.verb for u in prep.units)  # a speech tag, not a beat naming someone
    if segments is not None:
        assert [len(u.segments) for u in prep.units] == segments


def test_an_ant_ent_word_is_no_described_speaker_unless_a_person_noun():
    from ficlens.dialogue.descriptive import description_of

    assert description_of("A content") is None  # "A content moan vibrated between them."
    assert description_of("the silent") is None
    assert description_of("the superintendent") == ("the superintendent", "U")
    assert description_of("the servant") is not None
