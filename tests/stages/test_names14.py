"""Session 14: words capitalised only where a sentence or a quotation starts are not names (invented texts)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.char_names import NameFinder, NameStats
from ficlens.stages.characters import guess_gender


def candidates(text: str) -> dict[str, NameStats]:
    work = work_from_text(text)
    run_stage(work, "tokens")
    return NameFinder(given_name=guess_gender).candidates(work)


def stats(key: str, n: int, **evidence) -> NameStats:
    occurrences = [(10 * k, 10 * k + len(key), key, 0) for k in range(n)]
    return NameStats(key=key, core=(key,), occurrences=occurrences, **evidence)


def test_a_word_only_ever_opening_sentences_without_person_evidence_is_no_name() -> None:
    finder = NameFinder(given_name=guess_gender)
    # tagged PROPN seven times at the head of a sentence, never a subject, a speaker or addressed
    assert not finder.accept(stats("Reckon", 7, propn=7, sent_initial=7))
    # the same word with person evidence (said, vocatives) stays a name
    assert finder.accept(stats("Quillon", 7, propn=7, sent_initial=7, person=4.0))
    # a title makes it a name wherever it stands
    assert finder.accept(NameStats(key="Mr. Quillon", core=("Quillon",), title="Mr.", person=6.0, propn=2,
                                   sent_initial=2, occurrences=[(0, 11, "Mr. Quillon", 0), (20, 31, "Mr. Quillon", 0)]))


def test_a_word_followed_by_an_object_pronoun_is_a_verb() -> None:
    text = ("The harbour was quiet that night. \"Tell me the truth,\" the sailor said to the girl. She looked away "
            "from him. \"Tell us,\" the boy said. Nobody answered him.")
    st = candidates(text)["Tell"]
    assert st.verb_like == 2
    assert not NameFinder(given_name=guess_gender).accept(st)


def found_names(text: str) -> dict[str, NameStats]:
    work = work_from_text(text)
    run_stage(work, "tokens")
    return NameFinder(given_name=guess_gender).find(work)


def test_an_accepted_name_in_capitals_is_a_mention_a_lone_word_only_as_the_whole_shout() -> None:
    text = ("LETTER II. MR. QUILLON TO LADY MARCHBANK.\n\nMr. Quillon said he was well. Lady Marchbank said "
            "nothing. Mr. Quillon said it again, and Lady Marchbank smiled.\n\n\"TOBIAS!\" Tobias said he was "
            "coming. Tobias said it twice. Tobias nodded.\n\n\"I WILL NOT TOBIAS YOU,\" she said.")
    found = found_names(text)
    shouted = {next(s for s in surfaces if not s.isupper()): [s for s in surfaces if s.isupper()]
               for surfaces in ([text[s:e] for s, e, _, _ in st.occurrences] for st in found.values())}
    assert shouted["Mr. Quillon"] == ["MR. QUILLON"]
    assert shouted["Lady Marchbank"] == ["LADY MARCHBANK"]
    assert shouted["Tobias"] == ["TOBIAS"]  # the shout, not the word inside a longer run of capitals


def test_a_shouted_name_is_a_mention_of_the_character_not_an_alias() -> None:
    from ficlens.pipeline import analyze

    work = work_from_text("\"TOBIAS!\" Tobias said he was coming. Tobias said it twice. Tobias nodded and "
                          "Tobias sat down.")
    analyze(work, stages=["tokens", "characters"])
    (tobias,) = [c for c in work.characters if "Tobias" in c.aliases]
    assert "TOBIAS" not in tobias.aliases
    assert any(work.text[m.start:m.end] == "TOBIAS" and m.character == tobias.id for m in work.mentions)
