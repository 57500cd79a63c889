"""Mention boundaries of predicted descriptions (coref_spans, round 8): whole hyphenated words, noun-phrase starts,
adjective-phrase and comma postmodifier ends, group descriptions of capitalised plurals."""

from __future__ import annotations

from coref_helpers import tokens_work as _work
from ficlens.stages.coref import Slot, find_nominals, find_pronouns, paragraph_quotes
from ficlens.stages.coref_heads import token_span
from ficlens.stages.coref_spans import (C_ADJECTIVE, C_COMMA_PREP, add_groups, candidate_ends, slot_head,
                                        whole_starts, whole_words)


def _nominal(work, phrase: str) -> Slot:
    """A description slot over ``phrase`` as the finder would make it (first token, span, head word)."""
    a = work.text.index(phrase)
    k = next(i for i, s in enumerate(work.tokens.start) if s == a)
    return Slot(k, a, a + len(phrase), "nominal", head=phrase.split()[-1].split("-")[-1].lower())


def test_whole_words_take_the_hyphenated_word_and_drop_pronouns_inside_one():
    text = "The parlour-boarders smiled at her. She picked forget-me-nots for him."
    work = _work(text)
    slots = [_nominal(work, "boarders")] + find_pronouns(work, paragraph_quotes(work))
    whole_words(work, slots)
    spans = sorted(text[s.start:s.end] for s in slots)
    assert "parlour-boarders" in spans and "boarders" not in spans
    assert "me" not in spans and {"her", "She", "him"} <= set(spans)


def test_whole_starts_take_adjectives_participles_and_their_determiner():
    text = "He met these self-constituted judges. One or two sons came. He heard people talk. Dying people wept."
    work = _work(text)
    slots = [_nominal(work, "judges"), _nominal(work, "two sons"), _nominal(work, "people talk")]
    slots[2].end -= len(" talk")
    dying = _nominal(work, "people wept")
    dying.end -= len(" wept")
    slots.append(dying)
    whole_starts(work, slots)
    assert [text[s.start:s.end] for s in slots] == ["these self-constituted judges", "One or two sons",
                                                     "people",  # 'heard' is the clause's verb
                                                     "Dying people"]
    assert all(s.tok == work.tokens.start.index(s.start) for s in slots)


def test_candidate_ends_reach_adjective_phrases_and_a_comma_with_a_preposition():
    text = "A man nearly sixty sat down. A rather small woman, of delicate mould, came in."
    work = _work(text)

    def ends(phrase):
        sl = next(s for s in find_nominals(work, paragraph_quotes(work)) if text[s.start:].startswith(phrase))
        cands = candidate_ends(work, slot_head(work, sl), token_span(work, sl.start, sl.end)[1])
        return {text[sl.start:work.tokens.end[e]]: kind for e, _, kind in cands}

    assert ends("A man").get("A man nearly sixty") == C_ADJECTIVE
    assert ends("A rather small woman").get("A rather small woman, of delicate mould") == C_COMMA_PREP


def test_add_groups_marks_capitalised_plurals_after_the_or_a_number():
    text = ("Mr. Elphberg came. The Elphbergs were proud. Three Brahmins sat. They went to the Thames. "
            "The Times was read.")
    work = _work(text)
    slots = []
    add_groups(work, slots, paragraph_quotes(work))
    spans = sorted(text[s.start:s.end] for s in slots)
    assert "The Elphbergs" in spans and "Three Brahmins" in spans
    assert "the Thames" not in spans and "The Times" not in spans  # no 'Thame' or 'Time' in the text
    assert all(s.plural and s.kind == "nominal" for s in slots)


def test_finder_scores_proper_nouns_used_as_common_nouns_and_counts_contexts():
    from ficlens.stages.coref_finder import FEATURES, NounStats, features, suffix_stats, uncovered_nouns

    text = "A Cockney went to London with the old Egyptians. The sailor replied."
    work = _work(text)
    nouns = uncovered_nouns(work, [])
    words = [text[work.tokens.start[k]:work.tokens.end[k]] for k in nouns]
    assert "Cockney" in words and "Egyptians" in words and "London" not in words and "sailor" in words
    sailor = nouns[words.index("sailor")]
    stats = suffix_stats(work, nouns, {sailor})
    assert stats.context[("next", "reply"), 1] == 1 and stats.context[("previous", "the"), 0] == 1
    both = stats + stats
    assert (both - stats).context == stats.context
    X = features(work, nouns, stats)
    row = X[nouns.index(sailor)]
    assert row[FEATURES.index("next_ratio")] > X[words.index("Cockney")][FEATURES.index("next_ratio")]
