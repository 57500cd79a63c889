"""Shared helpers of the speech-tag tests: quotation units of invented texts (the two-person cast or a given one)."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = (("Clara Hale", ["Clara"], "F"), ("Tom Reed", ["Tom"], "M"))


def two_person_prepared(paragraphs: list[str]):
    """The dialogue stage's preparation of ``paragraphs`` with CAST as the work's characters (Clara 0, Tom 1)."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={a: 5 for a in aliases}, gender=g)
                       for i, (name, aliases, g) in enumerate(CAST)]
    return prepare(work, detect_narrator=False)


def two_person_units(paragraphs: list[str]):
    """The quotation units of ``paragraphs`` with CAST as the work's characters (Clara 0, Tom 1)."""
    return two_person_prepared(paragraphs).units


def quote_units(paragraphs: list[str], cast: list[tuple[str, str]]):
    """The quotation units of ``paragraphs`` with ``cast`` ((name, gender) pairs, ids in order) as the characters."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    return prepare(work, detect_narrator=False).units
