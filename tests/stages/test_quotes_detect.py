"""Quotation detection on small texts: every mark style, multi-paragraph speech, interrupted and scare quotes."""

from __future__ import annotations

from ficlens.dialogue.detect import find_segments, quote_style
from ficlens.ingest.build import work_from_text


def quoted(text: str) -> list[str]:
    work = work_from_text(text)
    return [text[s.start:s.end] for s in find_segments(work)]


def test_straight_double_quotes_with_interrupting_tag():
    text = '"Sorry," he said, "I didn\'t mean it."\n\nShe nodded.'
    assert quoted(text) == ["Sorry,", "I didn't mean it."]


def test_curly_double_quotes_and_nested_single_quotes():
    text = "\u201cHe told me \u2018never again\u2019 and left,\u201d said Anna.\n\nBen laughed."
    assert quoted(text) == ["He told me \u2018never again\u2019 and left,"]


def test_british_single_quote_dialogue_keeps_apostrophes():
    paras = ["\u2018I don\u2019t know,\u2019 said Harry. \u2018It\u2019s the boys\u2019 dorm.\u2019",
             "\u2018Fine,\u2019 Ron said.", "They went up the stairs.", "\u2018Come on!\u2019"]
    text = "\n\n".join(paras * 3)
    work = work_from_text(text)
    assert quote_style(work) == "single"
    got = [text[s.start:s.end] for s in find_segments(work)][:4]
    assert got == ["I don\u2019t know,", "It\u2019s the boys\u2019 dorm.", "Fine,", "Come on!"]


def test_em_dash_dialogue():
    paras = ["\u2014 Where are you going? \u2014 asked Marie. \u2014 It is late.", "\u2014 Home.",
             "She watched him leave."] * 6
    text = "\n\n".join(paras)
    work = work_from_text(text)
    assert quote_style(work) == "dash"
    got = [text[s.start:s.end] for s in find_segments(work)][:3]
    assert got == ["Where are you going?", "It is late.", "Home."]


def test_a_short_story_in_dash_dialogue_and_its_inline_tags():
    # three dash paragraphs suffice where no double mark is used; a line of dashes is a scene break, and a speech
    # tag no second dash closes is cut out of the speech
    text = "\n\n".join(["\u2014 Where are you going? \u2014 asked Marie.", "\u2014 Home, said Paul.", "-----",
                        "She watched him leave.", "\u2014 Never. I promise, he said. Goodbye."])
    work = work_from_text(text)
    assert quote_style(work) == "dash"
    got = [text[s.start:s.end] for s in find_segments(work)]
    assert got == ["Where are you going?", "Home,", "Never. I promise,", "Goodbye."]


def test_scene_breaks_of_dashes_are_no_dash_dialogue():
    text = "\n\n".join(["It rained.", "-----", "He left.", "\u2014\u2014\u2014", "She stayed.", "--", "The end."])
    assert quote_style(work_from_text(text)) == "double"


def test_speech_over_several_paragraphs_is_one_segment_per_paragraph():
    text = '"It began long ago. We were young.\n\n"Then the war came," said the old man.\n\nSilence.'
    got = quoted(text)
    assert got == ["It began long ago. We were young.", "Then the war came,"]


def test_scare_quotes_and_titles_are_not_speech():
    text = ('He called it his "masterpiece" and read "War and Peace" twice.\n\n'
            '"Yes," said Tom.\n\nShe found the young man "fresh." Then she left.')
    assert quoted(text) == ["Yes,"]


def test_short_line_after_tag_is_speech():
    text = 'Elizabeth coloured, and said--"A little."\n\n"Certainly," said Elinor; "he seems very agreeable."'
    assert quoted(text) == ["A little.", "Certainly,", "he seems very agreeable."]


def test_offsets_point_into_work_text(seed_paths):
    work = work_from_text(seed_paths[0].read_text(encoding="utf-8"))
    segs = find_segments(work)
    assert segs, "the seed has dialogue"
    for s in segs:
        assert work.text[s.start - 1] in '"\u201c\'\u2018' or not s.closed or s.start == work.paragraphs[s.para].start
        assert work.paragraphs[s.para].start <= s.start < s.end <= work.paragraphs[s.para].end


def test_a_short_exclamation_mid_sentence_is_speech_when_a_speech_tag_follows():
    text = 'He was ready to do as Mary wished; but "No!" said Charles, and "No, no!" cried Louisa more eagerly.'
    assert quoted(text) == ["No!", "No, no!"]
    # without a tag after it the phrase stays a scare quote
    assert quoted('They called it "the old mill," and nobody went there.') == []


def test_a_short_line_after_a_speech_verb_and_adverb_or_an_article_is_speech():
    assert quoted('Then the Queen said severely "Who is this?" and nobody answered.') == ["Who is this?"]
    assert quoted('The servant returned an indifferent "No." Aziz was in despair.') == ["No."]
    # a word named with an article stays a scare quote
    assert quoted('Nothing so vulgar as a "story." She read on.') == []


def test_a_short_exclamation_or_question_mid_sentence_is_speech():
    text = ('At this moment the King cackled out "Silence!" and read on.\n\nPhilip, still laughing and calling '
            '"Whose is it?" brought up the rear.\n\nShe was very "fresh," they said, and known as "the belle."')
    assert quoted(text) == ["Silence!", "Whose is it?"]


def test_a_straight_mark_after_a_broken_off_speech_and_before_punctuation_closes_it():
    text = ('He said to the butler: "Perhaps ... that sauce ... just a little, after all--"; then, having '
            'helped himself, he remarked: "I\'m told she\'s looking for a house."')
    assert quoted(text) == ["Perhaps ... that sauce ... just a little, after all--", "I'm told she's looking for a house."]
    # an opening mark after a dash may still start with an ellipsis
    assert quoted('He stopped--"...and that was all," he said.') == ["...and that was all,"]


def _single(text: str) -> list[str]:
    work = work_from_text(text)
    return [text[s.start:s.end] for s in find_segments(work, style="single")]


def test_british_marks_beside_double_hyphens_open_and_close_speech():
    # a closing mark before "--" and an opening mark after it, as in Gutenberg's British editions
    text = ("\u2018Undoubtedly;\u2019--and after a pause, \u2018what could he mean\u2019--and she asked again.\n\n"
            "It was very unexpected--\u2018for your housekeeper,\u2019 she added, \u2018told us so.\u2019")
    assert _single(text) == ["Undoubtedly;", "what could he mean", "for your housekeeper,", "told us so."]


def test_british_speech_may_open_with_a_word_an_elision_shares():
    # "'is" is also a dialect "his"; after a comma, or capitalised after a full stop, it opens speech
    text = ("\u2018And yours,\u2019 he replied with a smile, \u2018is wilfully to misunderstand them.\u2019\n\n"
            "She patted her dress.\n\u2018Is there anyone I know?\u2019 she asked.\n\n"
            "\u2018Give him \u2018is hat,\u2019 said the boy.")
    assert _single(text) == ["And yours,", "is wilfully to misunderstand them.", "Is there anyone I know?",
                             "Give him \u2018is hat,"]


def test_british_phrase_quoted_mid_sentence_shuts_after_a_letter():
    # the phrase is a scare quote (dropped), and the speech after it still opens; a possessive inside a speech
    # opened at a clause break does not close it
    text = ("The \u2018mist of green\u2019 was on the woods. \u2018Come and see,\u2019 she said.\n\n"
            "\u2018The boys\u2019 toys are out,\u2019 he said, \u2018the girls\u2019 too.\u2019")
    assert _single(text) == ["Come and see,", "The boys\u2019 toys are out,", "the girls\u2019 too."]


def test_a_speech_that_lost_its_closing_mark_ends_before_its_own_tag():
    # fan fiction typos: the closing mark is missing, so the tag would be read as part of the speech
    text = ('"I hope not, she said.\n\n"Gone home, Mary replied. "She left early."\n\n'
            '"Where to?" he asked, "and when?"')
    assert quoted(text) == ["I hope not,", "Gone home,", "She left early.", "Where to?", "and when?"]


def test_a_long_speech_left_open_for_the_next_paragraph_keeps_its_words():
    # no tag at its end: a speech running on into the next paragraph is not cut
    text = '"I went to the shop, and the man said nothing.\n\n"So I left," he said.'
    assert quoted(text) == ["I went to the shop, and the man said nothing.", "So I left,"]


def test_curly_marks_turned_the_wrong_way_follow_where_they_stand():
    # autocorrect typos: an opening mark closing a speech, a closing mark opening one
    text = "\u201cHello,\u201c he said. \u201cHow are you?\u201d\n\n\u201dFine,\u201d she said."
    assert quoted(text) == ["Hello,", "How are you?", "Fine,"]


def test_a_speech_that_lost_its_opening_mark_keeps_its_words_when_its_tag_follows():
    text = 'Hello," he said. "How are you?"\n\nShe nodded at the door." It was open.'
    assert quoted(text) == ["Hello,", "How are you?"]
