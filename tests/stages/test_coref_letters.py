"""Letters of an epistolary work: narrated "I" and "you" are each letter's writer and addressee (invented texts)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.coref_letters import letters, link_letter_persons, plain_name

TEXT = ("LETTER I.\n\nMRS. ARDEN TO THE REV. MR. COLE.\n\nHollow Lane, Kent.\n\n"
        "I write to you in haste, my good Sir, for I have news that you must hear. My niece has come home, "
        "and I know you will wish to see her. Believe me yours, M. ARDEN.\n\n"
        "LETTER II.\n\nMR. COLE TO MRS. ARDEN.\n\nThe Rectory.\n\n"
        "I thank you for your letter. I shall come on Monday, and you may tell your niece so. "
        "\"Go at once,\" said my sister when I read it to her.\n\n")


def test_headings_give_each_letter_its_writer_and_addressee() -> None:
    found = letters(TEXT)
    assert [(TEXT[lt.writer[0]:lt.writer[1]], TEXT[lt.addressee[0]:lt.addressee[1]]) for lt in found] == [
        ("MRS. ARDEN", "MR. COLE"), ("MR. COLE", "MRS. ARDEN")]
    assert found[0].end == found[1].start == TEXT.index("LETTER II")
    assert plain_name("THE REV. MR. COLE") == "Mr. Cole"
    franken = "Letter 1\n\nTo Mrs. Pell, England\n\nYou will rejoice to hear that I am well."
    (only,) = letters(franken)
    assert only.writer is None and franken[only.addressee[0]:only.addressee[1]] == "Mrs. Pell"


def test_prose_about_a_letter_is_no_heading() -> None:
    (prose,) = letters("She read it twice.\nLetter I wrote to Mr. Pell was lost, said she.")
    assert prose.writer is None and prose.addressee is None  # no "X TO Y" and no "To Mr. Pell": names no one
    assert letters("In the LETTER II of the series, MR. COLE TO MRS. ARDEN.") == []  # not a line of its own


def test_narrated_i_and_you_follow_the_letter() -> None:
    work = work_from_text(TEXT)
    analyze(work, stages=["tokens", "characters", "quotes"])
    names = {c.id: c.name for c in work.characters}

    def owner(word: str, after: str) -> str | None:
        pos = TEXT.index(word, TEXT.index(after))
        m = next(m for m in work.mentions if m.start == pos and m.kind == "pronoun")
        return names.get(m.character)

    assert owner("I write", "LETTER I.") == "Mrs. Arden" and owner("you in haste", "LETTER I.") == "Mr. Cole"
    assert owner("I thank", "LETTER II.") == "Mr. Cole" and owner("your letter", "LETTER II.") == "Mrs. Arden"
    assert "Narrator" not in names.values()
    assert work.stats["letter_persons_linked"] >= 6


def test_a_work_without_letters_is_left_alone() -> None:
    work = work_from_text('I met Anne at the gate. "You are late," she said to me.')
    analyze(work, stages=["tokens", "characters", "quotes"])
    before = [(m.start, m.character, m.chain) for m in work.mentions]
    assert link_letter_persons(work) == 0
    assert [(m.start, m.character, m.chain) for m in work.mentions] == before
