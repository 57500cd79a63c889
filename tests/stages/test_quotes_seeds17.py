"""Speakers, session 17 (seeds): a beat sentence that opens with a character's name as its subject gives the
quotation after it to that character; a capitalised common noun opening a sentence once is no name (invented
texts)."""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.attribute import trust_subject_beats
from ficlens.ingest.build import work_from_text
from quote_helpers import quote_units

CAST = [("Clara", "F"), ("Tom", "M")]


def _units(paragraphs: list[str]):
    return quote_units(paragraphs, CAST)


def test_a_name_opening_the_beat_sentence_is_its_subject():
    units = _units(['Tom leaned on her shoulder. Clara ran a hand through his hair. "You did well."'])
    assert (units[0].tag.kind, units[0].tag.chars, units[0].tag.opens) == ("name", (0,), True)


def test_a_possessive_or_a_name_inside_the_sentence_does_not_open_it():
    for text in ['Clara\'s smile pressed into his shoulder. "Are you cold?"',
                 'As expected, Clara laughed at him. "Are you cold?"']:
        tag = _units([text])[0].tag
        assert tag.kind == "name" and not tag.opens


def test_the_subject_beat_decides_the_speaker():
    units = _units(['Tom leaned on her shoulder. Clara ran a hand through his hair. "You did well."',
                    'Clara\'s smile pressed into his shoulder. "Are you cold?"'])
    best, conf = np.array([1, 1]), np.array([0.6, 0.6])
    trust_subject_beats(units, best, conf)
    assert list(best) == [0, 1]  # the opening subject wins; the possessive beat is left to the model


def test_a_capitalised_common_noun_opening_a_sentence_once_is_no_character():
    from ficlens.pipeline import analyze

    text = ("Clara waited by the door while Tom packed.\n\n"
            "Ice shot through his veins when he heard the news.\n\n"
            "Clara smiled at Tom, and Tom smiled back at Clara.")
    names = {c.name for c in analyze(work_from_text(text), ("tokens", "characters")).characters}
    assert "Ice" not in names and {"Clara", "Tom"} <= names


def test_a_name_ending_in_a_place_word_is_a_place_unless_a_first_name_opens_it():
    from ficlens.stages.char_names import NameFinder, NameStats
    from ficlens.stages.characters import guess_gender

    finder = NameFinder(given_name=guess_gender)
    assert finder._place_name(NameStats("Colonial Office", ("Colonial", "Office")))
    assert not finder._place_name(NameStats("Elizabeth Hall", ("Elizabeth", "Hall")))  # a woman
    assert not finder._place_name(NameStats("Mr. Hall", ("Hall",), "mr"))
