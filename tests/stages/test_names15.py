"""Session 15: multi-word names that only open sentences (invented texts)."""

from __future__ import annotations

from ficlens.stages.char_names import NameFinder, NameStats
from ficlens.stages.characters import guess_gender


def stats(core: tuple[str, ...], n: int, **evidence) -> NameStats:
    key = " ".join(core)
    occurrences = [(40 * k, 40 * k + len(key), key, 0) for k in range(n)]
    return NameStats(key=key, core=core, occurrences=occurrences, **evidence)


def test_two_capitalised_words_acting_as_a_subject_at_sentence_starts_are_a_name() -> None:
    finder = NameFinder(given_name=guess_gender)
    # "Dorno Kettleby was ...", "Dorno Kettleby laughed ...": always at the head of a sentence
    assert finder.accept(stats(("Dorno", "Kettleby"), 4, propn=4, sent_initial=4, verb_subject=4, person=1.9))
    # one such word is still a common word capitalised by the sentence
    assert not finder.accept(stats(("Dorno",), 4, propn=4, sent_initial=4, verb_subject=4, person=1.9))
    # two words opening sentences once as a subject ("Good Heavens") are not enough
    assert not finder.accept(stats(("Good", "Heavens"), 2, propn=2, sent_initial=2, verb_subject=1, person=1.0))
