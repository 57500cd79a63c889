"""Round 9 mention rules (invented texts): heading numerals are no pronouns."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.coref import find_pronouns, paragraph_quotes


def _work(text: str):
    work = work_from_text(text, title="t")
    run_stage(work, "tokens")
    return work


def _pronouns(text: str) -> list[tuple[int, str]]:
    work = _work(text)
    return [(s.start, text[s.start:s.end]) for s in find_pronouns(work, paragraph_quotes(work))]


def test_heading_numeral_i_is_no_pronoun():
    text = "CHAPTER I\n\nThe kettle sang while I waited. Part I of the plan failed, said I, and left."
    found = _pronouns(text)
    assert (text.index("I waited"), "I") in found
    assert (text.index("I, and"), "I") in found
    assert all(start > text.index("kettle") for start, _ in found)  # 'CHAPTER I' is a numeral


def test_numeral_i_before_a_capitalised_word():
    text = "I\n\nThe orchard lay quiet. I MET THE MILLER. Later I Have Known Her was printed."
    found = [w for _, w in _pronouns(text)]
    assert found.count("I") == 2  # 'I MET ...' and 'I Have Known' stay pronouns


def test_partitive_wraps_a_person_description_or_pronoun():
    from ficlens.stages.coref import find_nominals
    from ficlens.stages.coref_spans import add_partitives

    text = "Some of the fishermen laughed. None of us spoke, and one of the lanterns went out."
    work = _work(text)
    quotes = paragraph_quotes(work)
    slots = find_nominals(work, quotes) + find_pronouns(work, quotes)
    add_partitives(work, slots, quotes)
    spans = {text[s.start:s.end] for s in slots}
    assert {"Some of the fishermen", "the fishermen", "None of us", "us"} <= spans
    assert "one of the lanterns" not in spans  # no person inside
    some = next(s for s in slots if text[s.start:s.end] == "Some of the fishermen")
    assert some.kind == "nominal" and some.plural


def test_noun_phrase_end_crosses_coordinated_adjectives():
    from ficlens.stages.coref import _np_end

    text = "She met the heir of a gentle, generous miller. He waved at the tall and silent guard."
    work = _work(text)
    toks = work.tokens
    for before, noun in (("of", "miller"), ("at", "guard")):
        j = next(i for i, s in enumerate(toks.start) if text[s:toks.end[i]] == before and
                 text[toks.end[i] + 1:].split()[0] in ("a", "the"))
        end = _np_end(toks, text, j + 1, toks.sent[j])
        assert text[toks.start[end]:toks.end[end]] == noun
