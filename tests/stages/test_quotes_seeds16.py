"""Speakers, session 16 (seeds, round 8): an unnamed man whom the narration names right after ("The man
seethed." ... "The Severer growled.") speaks as that character, who takes the man's gender (invented texts)."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.detect import find_segments
from ficlens.dialogue.context import build_name_index
from ficlens.dialogue.entrants import named_strangers
from ficlens.document import Character, Mention
from ficlens.ingest.build import work_from_text

CAST = [("Clara", "F"), ("Tom", "M"), ("Grimsby", "U")]
SCENE = [
    '"Who goes there?" Tom called.',
    'It was out of idle curiosity that the man stopped. "Nobody you know."',
    '"Then let us pass," said Clara.',
    'The man laughed. "Not today."',
    'Grimsby drew his knife.',
]


def _work(paragraphs: list[str], cast=CAST):
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    text, pos = work.text, 0
    while (k := text.lower().find("the man", pos)) >= 0:  # one chain of no character, as coreference leaves it
        work.mentions.append(Mention(k, k + 7, None, "nominal", 0.7, chain=7))
        pos = k + 7
    return work


def _strangers(work):
    return named_strangers(work, find_segments(work), build_name_index(work.text, work.characters))


def test_the_man_the_narration_names_right_after_is_that_character():
    work = _work(SCENE)
    assert {c for _, _, c in _strangers(work)} == {2}
    tag = prepare(work, detect_narrator=False).units[-1].tag
    assert (tag.kind, tag.chars, tag.text) == ("name", (2,), "The man")
    assert work.characters[2].gender == "M"  # the man's gender goes to the character named


def test_no_naming_when_the_character_was_named_before_or_two_are_named():
    assert _strangers(_work(["Grimsby waited under the bridge."] + SCENE)) == []
    two = SCENE[:-1] + ["Grimsby and Polly drew their knives."]
    assert _strangers(_work(two, CAST + [("Polly", "U")])) == []
    assert _strangers(_work(SCENE, CAST[:2] + [("Grimsby", "F")])) == []  # not of the man's gender


def test_an_untagged_line_is_not_given_to_someone_the_story_has_not_brought_in():
    import numpy as np

    from ficlens.dialogue.attribute import not_yet_met
    from ficlens.dialogue.context import QuoteUnit, Tag
    from ficlens.dialogue.detect import Segment
    from ficlens.dialogue.features import Table

    units = [QuoteUnit(0, 0, [Segment(10, 20, 0)]),
             QuoteUnit(1, 1, [Segment(30, 40, 1)], tag=Tag("name", 41, 45, (2,)))]
    table = Table(unit=np.array([0, 0, 1, 1]), cand=np.array([1, 2, 1, 2]), X=np.zeros((4, 1)))
    scores = np.array([0.3, 0.6, 0.2, 0.7])
    first_seen = {1: 0, 2: 500}  # character 2 is first mentioned long after both lines
    out = not_yet_met(table, scores, units, first_seen)
    assert list(out) == [0.3, 0.0, 0.2, 0.7]  # the untagged line loses him; the tagged one (a beat naming him) keeps him
