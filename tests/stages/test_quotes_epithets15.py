"""Session 15: an epithet the characters stage gave one character decides whose alias it is at that place."""

from __future__ import annotations

from ficlens.dialogue.context import NameIndex
from ficlens.dialogue.entrants import with_mentions, with_owners
from ficlens.stages.char_looks import is_trait_epithet


def test_a_claim_replaces_the_alias_owners_on_its_exact_span_only() -> None:
    names = NameIndex([0, 40], [12, 46], [(1,), (1,)])  # "the konoichi" x2, both read as character 1's alias
    out = with_owners(names, [(40, 46, 2), (60, 70, 2)])
    assert out.chars == [(1,), (2,)] and out.starts == [0, 40]  # no new entry for a span it lacks
    plain = with_mentions(names, [(40, 46, 2), (60, 70, 2)])
    assert plain.chars == [(1,), (1,), (2,)]  # ordinary sure mentions only fill gaps


def test_trait_epithets() -> None:
    assert is_trait_epithet("the konoichi") and is_trait_epithet("The pinkette")
    assert is_trait_epithet("the older man") and not is_trait_epithet("the old man")
    assert not is_trait_epithet("a blonde nurse")  # indefinite: someone new
