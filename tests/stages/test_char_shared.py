"""A given name two characters share goes, use by use, to the one its context points to (issue 3)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze

FILLER = "\n\n".join(["The rain fell on the old house all afternoon and nobody came."] * 30)


def _work(text: str):
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    return work


def _johns(work, scene: str) -> set[str]:
    """Names of the characters the bare "John" of ``scene`` was given to."""
    start = work.text.index(scene)
    end = start + len(scene)
    names = {c.id: c.name for c in work.characters}
    return {names.get(m.character) for m in work.mentions
            if m.kind == "name" and start <= m.start < end and work.text[m.start:m.end] == "John"}


def test_a_shared_given_name_goes_to_the_one_whose_company_it_keeps():
    # the boy's scenes name Nanny and Tony, the lover's Brenda and Polly; "John" alone in each
    boy = "John Andrew played in the nursery with Nanny. Tony Last watched him. " * 12
    lover = "John Beaver dined with Brenda Last and Polly Cockpurse. Mr. Beaver was bored. " * 12
    nursery = "\n\n".join(["Nanny brought tea. Tony smiled at her. \"I want my pony,\" said John. Nanny laughed."] * 3)
    party = "\n\n".join(["Brenda rang up. Polly came too. \"Let us go out,\" said John. Brenda agreed."] * 3)
    work = _work("\n\n".join([boy, FILLER, lover, FILLER, nursery, FILLER, party]))
    assert _johns(work, nursery) == {"John Andrew"}
    assert _johns(work, party) == {"John Beaver"}


def test_a_shared_given_name_goes_to_the_one_named_just_before():
    text = ("Charles Hayter walked in. Charles Musgrove rode out. " * 4 + "\n\n" + FILLER + "\n\n"
            + "Charles Musgrove came home from shooting. Charles was tired and he sat down.\n\n" + FILLER + "\n\n"
            + "Charles Hayter opened his book. Charles read and he said nothing.")
    work = _work(text)
    names = {c.id: c.name for c in work.characters}
    bare = [(m.start, names.get(m.character)) for m in work.mentions
            if m.kind == "name" and work.text[m.start:m.end] == "Charles"]
    assert [n for _s, n in sorted(bare)] == ["Charles Musgrove", "Charles Hayter"]


def test_a_given_name_of_one_character_only_is_left_to_the_clustering():
    work = _work("John Andrew played with Nanny. " * 5 + "\n\n" + FILLER + "\n\nJohn laughed and he ran.")
    assert _johns(work, "John laughed") == {"John Andrew"}


def test_a_shared_given_name_far_from_both_goes_to_the_one_named_last():
    # whichever holder the clustering gives the bare name to, a use far from both names goes to the one named last
    intro = ("Charles Hayter walked in. Charles Musgrove rode out. Charles Hayter sat down. " * 4)
    for last in ("Charles Musgrove", "Charles Hayter"):
        text = (intro + "\n\n" + FILLER + "\n\n" + f"{last} came home from shooting.\n\n" + FILLER + "\n\n"
                + "Charles was tired and he sat down. Charles slept.")
        work = _work(text)
        names = {c.id: c.name for c in work.characters}
        bare = [names.get(m.character) for m in work.mentions
                if m.kind == "name" and work.text[m.start:m.end] == "Charles"]
        assert bare == [last, last]
