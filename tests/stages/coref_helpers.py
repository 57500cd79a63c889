"""Shared helpers of the coreference mention tests (invented texts)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze, run_stage
from ficlens.stages.coref import find_nominals, paragraph_quotes
from ficlens.stages.coref_heads import token_span
from ficlens.stages.coref_spans import candidate_ends, slot_head


def tokens_work(text: str):
    """A work of ``text`` after the tokens stage."""
    work = work_from_text(text, title="t")
    run_stage(work, "tokens")
    return work


def analysed_work(text: str):
    """A work of ``text`` analysed whole."""
    work = work_from_text(text, title="t")
    analyze(work)
    return work


def character_names(text: str) -> set[str]:
    """The character names found in ``text`` analysed whole."""
    return {c.name for c in analysed_work(text).characters}


def uncovered_words(text: str):
    """The tokenised work of ``text`` with its rule-found descriptions, the nouns they leave uncovered
    (coref_finder.uncovered_nouns) and those nouns' words."""
    from ficlens.stages.coref_finder import uncovered_nouns

    work = tokens_work(text)
    slots = find_nominals(work, paragraph_quotes(work))
    nouns = uncovered_nouns(work, slots)
    return work, slots, nouns, [text[work.tokens.start[k]:work.tokens.end[k]] for k in nouns]


def candidate_spans(text: str) -> list[tuple[str, int]]:
    """(text, kind) of every candidate end of every rule-found description of ``text``."""
    work = tokens_work(text)
    got = []
    for sl in find_nominals(work, paragraph_quotes(work)):
        cands = candidate_ends(work, slot_head(work, sl), token_span(work, sl.start, sl.end)[1])
        got += [(text[sl.start:work.tokens.end[e]], kind) for e, _, kind in cands]
    return got


def partitive_spans(text: str) -> dict:
    """The mentions of ``text`` by their text, after the partitives are added to its descriptions and pronouns."""
    from ficlens.stages.coref import find_pronouns
    from ficlens.stages.coref_spans import add_partitives

    work = tokens_work(text)
    quotes = paragraph_quotes(work)
    slots = find_nominals(work, quotes) + find_pronouns(work, quotes)
    add_partitives(work, slots, quotes)
    return {text[s.start:s.end]: s for s in slots}
