"""Session 19: a country, continent, state or large city named by one untitled word is no character (invented
texts)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.char_names import NameFinder, NameStats
from ficlens.stages.characters import guess_gender


def stats(key: str, n: int, **evidence) -> NameStats:
    occurrences = [(10 * k, 10 * k + len(key), key, 0) for k in range(n)]
    return NameStats(key=key, core=(key,), occurrences=occurrences, **evidence)


def test_a_known_place_is_no_name_even_with_some_person_evidence() -> None:
    finder = NameFinder(given_name=guess_gender)
    # "Mars has been the star of war", "the men upon Mars": subject evidence does not make the planet a person
    assert not finder.accept(stats("Mars", 9, person=2.5, place=1.0, propn=9))
    assert not finder.accept(stats("America", 4, person=2.0, propn=4))
    # the same evidence for a word no gazetteer lists keeps the name
    assert finder.accept(stats("Quillon", 9, person=2.5, place=1.0, propn=9))


def test_a_place_word_that_speaks_or_carries_a_title_is_a_name() -> None:
    finder = NameFinder(given_name=guess_gender)
    assert finder.accept(stats("Texas", 4, person=4.0, speech=2, propn=4))  # "said Texas" twice: a nickname
    titled = NameStats(key="Mr. Holland", core=("Holland",), title="Mr.", person=4.0, propn=2,
                       occurrences=[(0, 11, "Mr. Holland", 0), (20, 31, "Mr. Holland", 0)])
    assert finder.accept(titled)
    # given names that are also places are not listed ("Florence", "Virginia"), nor Tonga of The Sign of the Four
    assert finder.accept(stats("Florence", 3, person=2.0, propn=3))
    assert finder.accept(stats("Tonga", 5, person=3.0, propn=5))


def test_no_character_for_the_planet_of_a_story() -> None:
    text = ("Nobody believed that Mars was watched. Men fancied there might be other men upon Mars, and Mars had "
            "been the star of war. Ogilvy said that Mars was cold. \"Mars is old,\" Ogilvy said to me. He laughed "
            "at the idea of life on Mars.")
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    names = {c.name for c in work.characters}
    assert "Ogilvy" in names and "Mars" not in names


def test_a_given_name_before_a_place_head_no_one_bears_is_a_place() -> None:
    finder = NameFinder(given_name=guess_gender)
    square = NameStats(key="Russell Square", core=("Russell", "Square"), person=2.0, propn=4,
                       occurrences=[(0, 14, "Russell Square", 0), (30, 44, "Russell Square", 0)])
    assert not finder.accept(square)
    # "Hall" is a family name too: Elizabeth Hall stays a woman
    hall = NameStats(key="Elizabeth Hall", core=("Elizabeth", "Hall"), person=2.0, propn=4,
                     occurrences=[(0, 14, "Elizabeth Hall", 0), (30, 44, "Elizabeth Hall", 0)])
    assert finder.accept(hall)
    saint = NameStats(key="St. Petersburgh", core=("Petersburgh",), title="St.", person=2.0, propn=3,
                      occurrences=[(0, 15, "St. Petersburgh", 0), (30, 45, "St. Petersburgh", 0)])
    assert not finder.accept(saint)


def test_a_bare_lowercase_noun_is_no_alias() -> None:
    # "man" resolved three times to one character would make every "man" of the text that character's name
    from ficlens.stages.characters import alias_like

    assert not alias_like("man") and not alias_like("child") and not alias_like("")
    assert alias_like("the copy-nin") and alias_like("his mother") and alias_like("Colonel")
    # a determiner and a generic head would make every "the woman" that one woman
    assert not alias_like("the woman") and not alias_like("The lady") and alias_like("the pink-haired woman")
