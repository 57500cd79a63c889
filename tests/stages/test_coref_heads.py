"""Person nouns learned from gold mentions, and the descriptions they add at run time."""

from __future__ import annotations

from collections import Counter

from coref_helpers import tokens_work
from ficlens.stages.coref import find_nominals, paragraph_quotes
from ficlens.stages.coref_heads import add_learned_nominals, count_heads, learn_heads

TEXT = "The spectators watched the parson. The parson looked at the table, and a man sat at the table."


def test_heads_are_counted_and_learned_across_documents():
    work = tokens_work(TEXT)
    gold = [(TEXT.index("The spectators"), TEXT.index("The spectators") + 14),
            (TEXT.index("the parson"), TEXT.index("the parson") + 10)]
    person, nouns = count_heads(work, gold)
    assert person == Counter({"spectator": 1, "parson": 1}) and nouns["table"] == 2
    table_doc = (Counter({"table": 1}), Counter({"table": 5}))
    heads = learn_heads([(person, nouns), (person, nouns), table_doc])
    assert heads == {"spectator", "parson"}  # two documents, most of their uses; 'man' is already known
    assert learn_heads([(person, nouns)]) == frozenset()  # one document is not enough


def test_learned_heads_add_descriptions_that_overlap_nothing():
    work = tokens_work(TEXT)
    quotes = paragraph_quotes(work)
    slots = find_nominals(work, quotes)
    before = {TEXT[s.start:s.end] for s in slots}
    add_learned_nominals(work, slots, quotes, frozenset({"spectator", "parson", "man"}))
    added = [TEXT[s.start:s.end] for s in slots][len(before):]
    assert sorted(added) == ["The parson", "The spectators", "the parson"]  # 'a man' was found already
    assert all(s.kind == "nominal" and s.gender == "" for s in slots[len(before):])
