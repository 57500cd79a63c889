"""A person of a nation written as one capitalised word ("an Englishman", "the Frenchwoman") is a common noun, not
a character's name (invented text); the named people beside them are still characters."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.char_names import _is_stop

TEXT = """Priya Das had never spoken to an Englishman before the voyage, and the Englishman at her table did not help.

"You must be the Frenchwoman's friend," said Arthur Vane. The Englishman smiled at his own mistake.

Priya laughed. "I am nobody's friend yet. Is every Englishman so sure of himself?"

"Every Englishman I know," Arthur said. "And every Irishman, and every Scotchman too."

The Frenchwoman came to the table then. Priya watched the Englishman stand and bow, and the Frenchwoman laugh.

"Sit down, Arthur," Priya said. "She is only a Frenchwoman, and you are only an Englishman."

Arthur sat down. Priya poured the tea, and the Englishman said no more about friends.
"""


def test_demonym_compounds_are_common_nouns():
    assert all(_is_stop(w) for w in ("Englishman", "Englishwomen", "Frenchman", "Irishmen", "Scotchman", "Dutchman"))
    assert not any(_is_stop(w) for w in ("Freeman", "Chapman", "Norman", "Truman", "Englishby"))


def test_demonyms_are_no_characters():
    work = work_from_text(TEXT)
    run_stage(work, "characters")
    names = {c.name for c in work.characters}
    assert {"Priya Das", "Arthur Vane"} <= names
    assert not names & {"Englishman", "Frenchwoman", "Irishman", "Scotchman"}
