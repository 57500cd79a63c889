"""Drop capitals split from their word ("H e was") are joined back without moving any offset."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.ingest.build import work_from_text
from ficlens.ingest.plaintext import parse_plaintext
from ficlens.ingest.repair import join_split_capitals
from ficlens.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("H e was afraid to ask.", "He  was afraid to ask."),
    ('It was over.\n\nT hey ran.', 'It was over.\n\nThey  ran.'),
    ('"S he knows," he said.', '"She  knows," he said.'),
    ("Enough. W e go.", "Enough. We  go."),
])
def test_split_capitals_are_joined_in_place(text, expected):
    assert join_split_capitals(text) == expected


@pytest.mark.parametrize("text", [
    "Then T hey ran.",          # not opening a sentence
    "Mr. T he was there.",      # after a title
    "J. T he said.",            # after an initial
    "A n apple.",               # not a pronoun or article
    "Plan S he said.",
    "He was here.",
])
def test_other_letters_are_left_alone(text):
    assert join_split_capitals(text) == text


def test_normalised_text_has_the_word_whole():
    work = parse_plaintext("Title\n\nShe waited.\n\nH e was afraid to ask.\n", Path("story.txt"))
    assert "He was afraid to ask." in work.text
    assert "H e" not in work.text


def test_split_pronoun_tags_the_quotation():
    text = ('Kakashi sat by the fire. Sakura leaned on his shoulder, and Kakashi smiled.\n\n'
            '"It was enough," she said.\n\n'
            'H e was afraid to ask. "Enough for what?"\n')
    work = work_from_text(text, title="t")
    assert len(work.text) == len(text)
    analyze(work)
    last = max(work.quotations, key=lambda q: q.start)
    names = {c.id: c.name for c in work.characters}
    assert names[last.speaker].endswith("Kakashi") and last.method == "pronoun tag"
