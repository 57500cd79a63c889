"""Round 10 description boundaries (invented texts): candidate ends over a comma, coordinated premodifiers,
numbered partitives and the 'before' feature of the end chooser."""

from __future__ import annotations

from coref_helpers import candidate_spans, partitive_spans
from coref_helpers import tokens_work as _work
from ficlens.stages.coref import Slot, find_nominals, find_pronouns, paragraph_quotes
from ficlens.stages.coref_spans import (B_CLAUSE_START, B_COPULA, B_PREPOSITION, C_AND_WHO, C_COMMA_ADJECTIVE,
                                        FEATURES, before_kind, predicted_mentions, whole_starts)


def test_candidate_end_takes_adjectives_after_a_comma():
    got = candidate_spans("Her uncle was a tall farmer, lean and sun-browned. The nurse, calm but stern, who knew us, left.")
    assert ("a tall farmer, lean and sun-browned", C_COMMA_ADJECTIVE) in got
    assert ("The nurse, calm but stern", C_COMMA_ADJECTIVE) in got
    assert ("The nurse, calm but stern, who knew us", C_COMMA_ADJECTIVE) not in got
    assert any(t == "The nurse, calm but stern, who knew us" for t, _ in got)  # the clause after it


def test_no_adjective_candidate_before_a_noun_or_verb():
    got = candidate_spans("The nurse, old friends say, was kind. A farmer, quickly went home.")
    assert all(kind != C_COMMA_ADJECTIVE for _, kind in got)


def test_candidate_end_takes_a_second_relative_clause():
    got = candidate_spans("She wrote to a cousin, who lived by the mill, and who kept bees.")
    assert ("a cousin, who lived by the mill, and who kept bees", C_AND_WHO) in got


def test_whole_starts_cross_coordinated_premodifiers():
    text = "Behind them walked a lean, sharp-eyed, sun-browned man. She had two loyal and bosom companions."
    work = _work(text)
    toks = work.tokens
    slots = []
    for phrase, head in (("sun-browned man", "man"), ("bosom companions", "companions")):
        a = text.index(phrase)
        k = next(i for i, s in enumerate(toks.start) if s == a)
        slots.append(Slot(k, a, a + len(phrase), "nominal", in_quote=False, definite=False, head=head,
                          plural=head.endswith("s")))
    whole_starts(work, slots)
    assert [text[s.start:s.end] for s in slots] == ["a lean, sharp-eyed, sun-browned man",
                                                    "two loyal and bosom companions"]


def test_whole_starts_keep_a_noun_before_and():
    text = "The farmers and fishermen gathered."
    work = _work(text)
    a = text.index("fishermen")
    k = next(i for i, s in enumerate(work.tokens.start) if s == a)
    sl = Slot(k, a, a + len("fishermen"), "nominal", in_quote=False, definite=False, head="fishermen", plural=True)
    whole_starts(work, [sl])
    assert text[sl.start:sl.end] == "fishermen"


def test_partitive_with_a_number_in_words():
    text = "Seven of the sailors deserted, and twelve of the barrels leaked."
    spans = partitive_spans(text)
    assert {"Seven of the sailors", "the sailors"} <= spans.keys()
    assert not any(s.startswith("twelve") for s in spans)  # no person inside


def test_before_kind_reads_the_word_before_a_description():
    text = "He was a clerk. She smiled at the clerk. The clerk sang."
    work = _work(text)
    toks = work.tokens
    firsts = [i for i in range(len(toks)) if text[toks.start[i]:toks.end[i]].lower() in ("a", "the")]
    assert [before_kind(work, k) for k in firsts] == [B_COPULA, B_PREPOSITION, B_CLAUSE_START]


class _Longest:
    """A stand-in end classifier that prefers the end with the most steps."""

    def predict_proba(self, X):
        import numpy as np

        step = X[:, FEATURES.index("step")]
        return np.stack([-step, step], axis=1)


def test_partitive_ends_where_the_chosen_description_does():
    text = "Some of the sailors from the harbour sang."
    work = _work(text)
    quotes = paragraph_quotes(work)
    slots = find_nominals(work, quotes) + find_pronouns(work, quotes)
    predicted_mentions(work, slots, quotes, span_clf=_Longest())
    some = next(s for s in slots if text[s.start:s.end].startswith("Some of"))
    inner = next(s for s in slots if text[s.start:s.end].startswith("the sailors"))
    assert some.end == inner.end and text[inner.start:inner.end] != "the sailors"
