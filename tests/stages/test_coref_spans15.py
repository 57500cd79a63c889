"""Round 15 mention boundaries (invented texts): heads across premodifier commas, nested clauses in a
postmodifier."""

from __future__ import annotations

from coref_helpers import tokens_work
from ficlens.stages.coref_heads import mention_head
from ficlens.stages.coref_spans import candidate_ends


def _tok(work, word: str) -> int:
    return work.tokens.start.index(work.text.index(word))


def _ends(text: str, description: str) -> list[str]:
    """The candidate ends of ``description`` (its first occurrence) as the words after its head."""
    work = tokens_work(text)
    a = text.index(description)
    head = mention_head(work, a, a + len(description))
    last = _tok(work, description.split()[-1])
    toks = work.tokens
    return [text[toks.end[head]:toks.end[e]].strip() for e, _, _ in candidate_ends(work, head, last)]


def test_head_crosses_commas_between_adjectives():
    text = "A lean, sallow, quiet clerk, with inky cuffs, stood up."
    work = tokens_work(text)
    a = text.index("A lean")
    b = text.index("clerk") + len("clerk")
    assert work.text[work.tokens.start[mention_head(work, a, b)]:].startswith("clerk")
    assert ", with inky cuffs" in _ends(text, "A lean, sallow, quiet clerk")


def test_comma_after_the_noun_still_ends_the_head():
    text = "The clerk, tall and sallow, stood up."
    work = tokens_work(text)
    a = text.index("The clerk")
    assert work.text[work.tokens.start[mention_head(work, a, len(text) - 1)]:].startswith("clerk")


def test_participle_phrase_keeps_its_relative_clause():
    text = "We met a tall drover, wearing a cloak that dripped with rain, at the ford."
    assert ", wearing a cloak that dripped with rain" in _ends(text, "a tall drover")


def test_relative_clause_keeps_a_nested_what_clause():
    text = "Her uncle, who had been watching what was going on, was the first to speak."
    assert ", who had been watching what was going on" in _ends(text, "Her uncle")

