"""What kind of thing a noun names (noun_senses, from WordNet) and how the learned finder reads it (round 11)."""

from __future__ import annotations

from collections import Counter

from coref_helpers import tokens_work as _work, uncovered_words
from ficlens.stages.coref import Slot, find_nominals, paragraph_quotes
from ficlens.stages.coref_finder import FEATURES, NounStats
from ficlens.stages.coref_finder import features as noun_features
from ficlens.stages.noun_senses import KINDS, SENSE_FEATURES, UNKNOWN, sense_row, sense_rows, senses


def test_senses_reads_lemma_word_and_compound_tail():
    assert senses("pedlars", "pedlar").startswith("p")
    assert senses("colt", "colt")[0] == "a"
    assert senses("town-beadle", "town-beadle")[0] == "p"  # the compound's last part
    assert senses("zzgrobnik", "zzgrobnik") == ""


def test_sense_row_weights_earlier_senses_more():
    person, living, group, first = sense_row("pg")
    assert person == 2 / 3 and group == 1 / 3 and living == 0 and first == KINDS.index("p")
    assert sense_row("") == [0.0, 0.0, 0.0, float(UNKNOWN)]
    assert sense_row("ap")[0] < sense_row("pa")[0]


def test_finder_features_tell_a_person_noun_from_an_animal():
    text = "The pedlar stopped by the gate. A colt grazed near the serviette."
    work, slots, nouns, words = uncovered_words(text)
    X = noun_features(work, nouns, NounStats(Counter(), Counter()))
    assert X.shape == (len(nouns), len(FEATURES))
    person, first = FEATURES.index("wn_person"), FEATURES.index("wn_first")
    row = {w: X[i] for i, w in enumerate(words)}
    assert row["pedlar"][person] == 1.0 and row["pedlar"][first] == KINDS.index("p")
    assert row["colt"][person] < 0.5 and row["colt"][first] == KINDS.index("a")
    assert sense_rows(words, words).shape == (len(words), len(SENSE_FEATURES))


def test_groups_skip_capitalised_plurals_wordnet_lists_as_places_or_things():
    from ficlens.stages.coref_spans import add_groups
    from ficlens.stages.noun_senses import thing_noun

    assert thing_noun("Prairies", "Prairie") and thing_noun("Pyrenees", "Pyrenee")
    assert not thing_noun("Romans", "Roman") and not thing_noun("Hallorans", "Halloran")
    text = "The Hallorans rode west with the Romans. The wagons crossed the Prairies and the Pyrenees in May."
    work = _work(text)
    slots = find_nominals(work, paragraph_quotes(work))
    add_groups(work, slots, [])
    found = {text[s.start:s.end] for s in slots}
    assert "the Prairies" not in found and "the Pyrenees" not in found
    assert "the Romans" in found


def test_learned_heads_leave_out_nouns_wordnet_lists_as_no_person():
    from ficlens.stages.char_lexicon import PERSON_NOUNS
    from ficlens.stages.coref_heads import learn_heads

    assert "pedlar" not in PERSON_NOUNS and "one" not in PERSON_NOUNS
    doc = (Counter({"pedlar": 2, "one": 3, "hundred": 2}), Counter({"pedlar": 2, "one": 4, "hundred": 2}))
    assert learn_heads([doc, doc]) == frozenset({"pedlar"})


def test_a_definite_description_repeats_the_words_after_an_earlier_article():
    from ficlens.stages.coref_mentions import repeat_key

    assert repeat_key(["a", "stranger"]) == repeat_key(["the", "stranger"]) == repeat_key(["that", "stranger"])
    assert repeat_key(["an", "old", "sailor"]) == repeat_key(["the", "old", "sailor"])
    assert repeat_key(["my", "aunt"]) != repeat_key(["the", "aunt"])  # a possessive keeps its owner
    assert repeat_key(["a", "stranger"]) != repeat_key(["the", "old", "stranger"])


def test_a_repeated_description_joins_the_whole_unnamed_entity_of_its_earlier_use():
    from types import SimpleNamespace

    import numpy as np

    from ficlens.stages.coref import PSEUDO
    from ficlens.stages.coref_mentions import join_repeats

    text = "An old sailor came. The old sailor sat. He slept. The old sailor woke. Anne smiled. The old sailor ran."
    spans = [(0, 13), (20, 34), (40, 42), (50, 64), (71, 75), (84, 98)]
    kinds = ["nominal", "nominal", "pronoun", "nominal", "name", "nominal"]
    slots = [Slot(i, a, b, k) for i, ((a, b), k) in enumerate(zip(spans, kinds))]
    for sl in slots:
        sl.head = text[sl.start:sl.end].split()[-1]
    prep = SimpleNamespace(slots=slots, fixed=np.array([-1, -1, -1, -1, 0, -1]),
                           mention={"kind": np.array([2, 2, 1, 2, 0, 2]), "tok": np.array([0, 4, 8, 11, 15, 18])})
    # the decoding made two unnamed entities of one sailor ("The old sailor" + "He", then the last two)
    ents = np.array([PSEUDO, PSEUDO + 1, PSEUDO + 1, PSEUDO + 2, 0, PSEUDO + 2])
    out = join_repeats(prep, ents, text)
    assert len(set(out[[0, 1, 2, 3, 5]])) == 1  # whole entities join, "He" with them
    assert out[4] == 0  # a named character's mention never moves
