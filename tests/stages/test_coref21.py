"""Session 21: the capitalised God of a text is one person of its own, never a character (invented text)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.coref import find_nominals
from ficlens.stages.coref_mentions import REPEAT_TOKENS

from coref_helpers import analysed_work, character_names

FILLER = "The rain kept falling on the roofs of the quiet town that evening. "


def _kept_not(text: str, person: str, thing: str) -> bool:
    """Whether ``person`` is a character of ``text`` and no character's name holds ``thing``."""
    names = character_names(text)
    return person in names and not any(thing in n for n in names)


def test_god_is_one_person_however_far_apart_and_no_character():
    far = FILLER * (REPEAT_TOKENS // 12 + 20)  # more tokens than a repeated description may reach back
    text = (f'Martha looked at the sky. "God knows we need it," she said to Tom.\n\n{far}\n\n'
            f'Tom shook his head. "Thank God it stopped," he told her. Martha prayed to God that he was right.')
    work = analysed_work(text)
    gods = [m for m in work.mentions if text[m.start:m.end] == "God"]
    assert len(gods) == 3  # each a mention of exactly "God", no clause grown onto it ("God that he was right")
    assert all(m.character is None for m in gods)
    assert len({m.chain for m in gods}) == 1 and gods[0].chain is not None
    assert not any("God" in c.name or "God" in c.aliases for c in work.characters)
    assert {"Martha", "Tom"} <= {c.name for c in work.characters}


def test_only_the_capitalised_god_is_the_deity():
    text = "The god of the river was angry, and the gods of the hills laughed. God help them."
    work = work_from_text(text, title="t")
    analyze(work, stages=["tokens"])
    deity = [s for s in find_nominals(work, []) if s.head == "god" and text[s.start:s.end] == "God"]
    assert len(deity) == 1 and deity[0].named and not deity[0].definite


def test_an_honorific_after_a_hyphen_is_part_of_the_name_not_a_second_mention():
    text = ('Sakura stared at the scroll. "Oh, Kakashi-sensei, not again," she groaned.\n\n'
            "Kakashi-sensei laughed at her. Kakashi shrugged.")
    work = analysed_work(text)
    spans = [(m.start, m.end) for m in work.mentions]
    assert len(spans) == len(set(spans))  # one mention per span: "sensei" grew over the name, it is that name
    honorific = [m for m in work.mentions if text[m.start:m.end] == "Kakashi-sensei"]
    assert len(honorific) == 2 and all(m.kind == "name" for m in honorific)
    kakashi = {m.character for m in honorific}
    assert len(kakashi) == 1 and None not in kakashi


def test_church_and_country_titles_make_names():
    text = ('Parson Tringham stopped the old man on the road. "Good night t\'ee," said Parson Tringham, and he '
            "rode on.\n\nLater the Widow Bartlett sent for Huck, and she was kind to him. \"Sit down,\" said the Widow "
            "Bartlett. Squire Gordon watched them from the gate, and he smiled.")
    work = analysed_work(text)
    names = {c.name: c for c in work.characters}
    assert "Parson Tringham" in names and names["Parson Tringham"].gender == "M"
    assert "Widow Bartlett" in names and names["Widow Bartlett"].gender == "F"
    assert "Squire Gordon" in names


def test_comparatives_and_opposite_are_no_premodifiers_of_a_name():
    text = ("The more Tom stared at the fence, the less he liked it. The coach drew up opposite Miss Pinkerton's "
            "house, and old Tom got down. Miss Pinkerton came out, and she frowned at Tom.")
    work = analysed_work(text)
    spans = {text[m.start:m.end] for m in work.mentions if m.kind == "name"}
    assert "The more Tom" not in spans and "opposite Miss Pinkerton" not in spans
    assert {"Tom", "Miss Pinkerton", "old Tom"} <= spans  # a real premodifier stays in the span


def test_a_capitalised_thing_after_the_is_no_character():
    from ficlens.stages.char_names import _thing_word

    assert _thing_word("Moonstone") and _thing_word("armistice")
    assert not _thing_word("Pigeon") and not _thing_word("Knave") and not _thing_word("Hokage")
    # without the rule the Moonstone is a character: a capitalised subject of four verbs
    text = ('Rachel opened the cabinet. The Moonstone shone in the lamplight, and the Moonstone lay on the velvet. '
            'Franklin looked at the Moonstone for a long time. In the morning the Moonstone vanished, and Rachel '
            'wept. "Find the Moonstone," she begged him. Franklin nodded, and the Moonstone was never seen again.')
    assert _kept_not(text, "Rachel", "Moonstone")


def test_a_hyphenated_premodifier_of_a_name_is_taken_whole():
    text = "Fifteen-year-old Jo was very tall. Jo laughed at the nose of good-natured Miss Jemima Pinkerton herself."
    work = analysed_work(text)
    spans = {text[m.start:m.end] for m in work.mentions if m.kind == "name"}
    assert {"Fifteen-year-old Jo", "good-natured Miss Jemima Pinkerton"} <= spans
    assert "old Jo" not in spans and "natured Miss Jemima Pinkerton" not in spans


def test_a_numbered_name_is_another_person():
    text = ("Charles Musgrove came in from the shooting. The house had stood since the first year of Charles II, "
            'and Charles was proud of it. "Good morning," said Charles, and he sat down.')
    work = analysed_work(text)
    at = text.index("Charles II")
    assert not any(m.start == at and m.character is not None for m in work.mentions)  # not Charles Musgrove
    musgrove = [c for c in work.characters if c.name == "Charles Musgrove"]
    assert musgrove and musgrove[0].aliases.get("Charles") == 2


def test_a_firm_is_no_character():
    text = ("Carston, Waite & Co. found they had struck on a good thing. Co. sank new pits, and Co. paid well. "
            "Walter Morel worked in the pit, and he liked Carston.")
    work = analysed_work(text)
    assert not any(c.name in ("Co", "Co.") for c in work.characters)


def test_a_title_of_a_place_after_a_name_is_not_part_of_it():
    text = ("Bridget had so frightened her aunt Eliza Countess of Gaverick into writing a letter. Later Eliza "
            "Countess of Gaverick wrote again, and she signed it. Eliza was cross.")
    work = analysed_work(text)
    assert "Eliza" in {c.name for c in work.characters}
    assert not any("Countess" in c.name for c in work.characters)
    spans = {text[m.start:m.end] for m in work.mentions if m.kind == "name"}
    assert "Eliza Countess" not in spans and "Eliza" in spans  # without the cut: a character "Eliza Countess"


def test_a_common_word_before_a_place_head_stays_in_the_place_name():
    # without the rule, "Green" (also a lower-case word of the text) was stripped and "Gables" became a character
    text = ("Marilla Cuthbert lived at Green Gables with her brother Matthew Cuthbert. Green Gables was a big house, "
            "and the green grass grew all round it. Matthew had gone to Bright River to meet the train. \"Green "
            "Gables will be your home,\" Marilla told the girl. Green Gables stood on a hill. Marilla loved Green "
            "Gables, and she never left it. The bright sun shone on Green Gables.")
    names = character_names(text)
    assert not names & {"Gables", "Green Gables", "River", "Bright River"}
    assert {"Marilla Cuthbert", "Matthew"} <= names


def test_a_surname_that_is_an_adjective_after_a_sentence_opening_word():
    text = ("Captain John Good came in. Then Good sat down, and Curtis and Good talked. \"Sit,\" said Curtis. "
            "As Good and I were walking, we met Curtis. If Good was tired, he did not say so. The inn was good.")
    work = analysed_work(text)
    good = [c for c in work.characters if c.name == "Captain John Good"]
    assert good
    goods = {m.start for m in work.mentions if m.character == good[0].id and text[m.start:m.end] == "Good"}
    assert text.index("As Good") + 3 in goods and text.index("If Good") + 3 in goods
    assert not any(text[m.start:m.end].lower() == "good" and m.start > text.index("The inn") for m in work.mentions)


def test_every_place_head_no_one_bears_as_a_surname_makes_a_place():
    # without "mall" among the place heads, the heading and the apposition made "Chiswick Mall" a character
    text = ("Chiswick Mall\n\nWhile the present century was in its teens, there drove up to the great iron gate of "
            "Miss Pinkerton's academy for young ladies, on Chiswick Mall, a large family coach, with two fat "
            "horses. Miss Pinkerton looked out, and she sighed.")
    assert _kept_not(text, "Miss Pinkerton", "Mall")


def test_a_title_in_capitals_opening_a_chapter_belongs_to_the_name():
    text = ("MRS. Rachel Lynde lived just where the main road dipped down into a little hollow. Mrs. Rachel Lynde "
            'was one of those capable women, and she sat at her window. "Well," said Mrs. Rachel Lynde, and she '
            "sighed.")
    work = analysed_work(text)
    spans = {text[m.start:m.end] for m in work.mentions if m.kind == "name"}
    assert "MRS. Rachel Lynde" in spans and "Rachel Lynde" not in spans
    assert [c.name for c in work.characters] == ["Mrs. Rachel Lynde"]  # the title's gender and form, one person
