"""Shared helpers for the quotes-stage tests: the quotation units of a small invented text with a given cast."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.document import Character
from ficlens.ingest.build import work_from_text


def quote_units(paragraphs: list[str], cast: list[tuple[str, str]]):
    """The prepared quotation units of ``paragraphs`` (joined as paragraphs), the characters being ``cast``
    ((name, gender) pairs; ids in order)."""
    work = work_from_text("\n\n".join(paragraphs))
    work.characters = [Character(i, name, aliases={name: 3}, gender=g) for i, (name, g) in enumerate(cast)]
    return prepare(work, detect_narrator=False).units
