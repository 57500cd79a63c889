"""Round 9 mention rules (invented texts): heading numerals are no pronouns."""

from __future__ import annotations

from coref_helpers import candidate_spans, partitive_spans
from coref_helpers import tokens_work as _work
from ficlens.stages.coref import find_pronouns, paragraph_quotes


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
    text = "Some of the fishermen laughed. None of us spoke, and one of the lanterns went out."
    spans = partitive_spans(text)
    assert {"Some of the fishermen", "the fishermen", "None of us", "us"} <= spans.keys()
    assert "one of the lanterns" not in spans  # no person inside
    some = spans["Some of the fishermen"]
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


def test_relative_clause_runs_over_a_phrase_between_commas():
    from ficlens.stages.coref import _relative_clause_end

    text = "She knew a sailor who, for reasons of his own, never wore boots, and she laughed."
    work = _work(text)
    toks = work.tokens
    j = next(i for i, s in enumerate(toks.start) if text[s:toks.end[i]] == "who")
    end = _relative_clause_end(toks, text, j, toks.sent[j])
    assert text[toks.start[j]:toks.end[end]] == "who, for reasons of his own, never wore boots"


def test_candidate_ends_take_a_list_after_a_prepositional_phrase():
    from ficlens.stages.coref_spans import C_COORD, candidate_ends, slot_head
    from ficlens.stages.coref import find_nominals
    from ficlens.stages.coref_heads import token_span

    text = "He was a man of quiet habits, modest means, and great patience. The twins of six and seven ran."
    work = _work(text)
    ends = {}
    for sl in find_nominals(work, paragraph_quotes(work)):
        cands = candidate_ends(work, slot_head(work, sl), token_span(work, sl.start, sl.end)[1])
        ends[text[sl.start:sl.end].split()[1]] = [(text[sl.start:work.tokens.end[e]], kind) for e, _, kind in cands]
    assert ("a man of quiet habits, modest means, and great patience", C_COORD) in ends["man"]
    assert ("The twins of six and seven", C_COORD) in ends["twins"]


def test_candidate_ends_take_a_relative_clause_after_a_preposition():
    from ficlens.stages.coref_spans import C_COMMA_WHO, C_WHO

    text = "We met a widow, about whom the village told tales. She was a tailor with whom nobody argued."
    got = candidate_spans(text)
    assert ("a widow, about whom the village told tales", C_COMMA_WHO) in got
    assert ("a tailor with whom nobody argued", C_WHO) in got


def test_candidate_ends_take_a_preposition_with_an_object_pronoun():
    from ficlens.stages.coref_spans import candidate_ends, slot_head
    from ficlens.stages.coref import find_nominals
    from ficlens.stages.coref_heads import token_span

    text = "The cook was a loyal friend to me."
    work = _work(text)
    sl = [s for s in find_nominals(work, paragraph_quotes(work)) if text[s.start:].startswith("a loyal")][0]
    cands = candidate_ends(work, slot_head(work, sl), token_span(work, sl.start, sl.end)[1])
    assert "a loyal friend to me" in [text[sl.start:work.tokens.end[e]] for e, _, _ in cands]


def test_candidate_ends_take_a_bare_relative_clause_with_an_indefinite_subject():
    from ficlens.stages.coref_spans import C_PRONOUN

    text = "It was the orphan no one ever visited. He was a pilot everybody trusted."
    got = candidate_spans(text)
    assert ("the orphan no one ever visited", C_PRONOUN) in got
    assert ("a pilot everybody trusted", C_PRONOUN) in got
