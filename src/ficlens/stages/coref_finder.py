"""A learned finder of descriptions headed by nouns no lexicon lists ("a country practitioner", "the printer",
"a Cockney").

The description finder knows the hand-made person nouns and the learned ones
(:mod:`ficlens.stages.coref_heads`: heads of gold PER mentions in 2+ LitBank
documents and half their uses). Most person nouns of a novel are rarer than
that ("waggoner", "copyist", "quadroon"). Here every noun no name or
description covers (and every proper noun after a determiner: "a Cockney",
"the old Egyptians") is scored by a small gradient-boosted classifier on
parser-free features: how often its lemma headed a gold PER mention among its
noun uses in the training documents (smoothed), how often nouns with its last
three and two letters did ("-ist", "-er", "-man"), plural, capitalised, the word
before (article, possessive, "of", genitive, adjective) and after ("who", a
comma, "of", a past-tense verb), what WordNet says its senses are (:mod:`ficlens.stages.noun_senses`: the share of
person, animal-or-plant and group senses, the first sense's kind: 'pedlar' a person, 'colt' an animal), and the lemma's
person-ness read from its static word vector
(:mod:`ficlens.stages.word_vectors`, from all-MiniLM-L6-v2): a logistic regression fitted on the training
lemmas' vectors and PER-head ratios, so a rare noun scores like the seen nouns it resembles. A noun scoring at least
the model's threshold heads a description spanned as the finder spans any (article, adjectives, postmodifiers).
Trained by :mod:`ficlens.models.coref_train` on LitBank, leave documents out; the counts a training row sees never
include its own document, and the threshold is chosen on the training documents by cross-fitting.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ficlens.document import Work
from ficlens.stages.coref import Slot, find_nominals
from ficlens.stages.noun_senses import SENSE_FEATURES, sense_rows

BEFORE = {"the": 1, "a": 2, "an": 2, "his": 3, "her": 3, "their": 3, "my": 3, "your": 3, "our": 3, "its": 3,
          "this": 4, "that": 4, "these": 4, "those": 4, "of": 5, "'s": 6, "’s": 6, "some": 7, "any": 7, "no": 7,
          "every": 7, "each": 7, "many": 7}
AFTER = {"who": 1, "whom": 1, "whose": 1, ",": 2, "of": 3, "and": 4, "'s": 5, "’s": 5, ".": 6, "said": 7}
FEATURES = ["lemma_ratio", "lemma_seen", "lemma_person", "suffix3_ratio", "suffix3_seen", "suffix2_ratio", "plural",
            "capitalised", "before", "after", "after_preposition", "length", "next_ratio", "next_seen", "previous_ratio",
            "previous_seen", "vector_person"] + SENSE_FEATURES
COMMON = 30  # see common_thing
CATEGORICAL = [FEATURES.index("before"), FEATURES.index("after"), FEATURES.index("wn_first")]


@dataclass
class NounStats:
    """Counts the features read: per lemma, gold PER heads and noun uses; per last three / two letters of an
    uncovered noun, (suffix, 0) uses and (suffix, 1) gold PER heads; the same per word around an uncovered noun
    (("next", lemma of the word after) and ("previous", the word before): "the X replied", "poor X")."""

    person: Counter = field(default_factory=Counter)
    nouns: Counter = field(default_factory=Counter)
    suffix3: Counter = field(default_factory=Counter)
    suffix2: Counter = field(default_factory=Counter)
    context: Counter = field(default_factory=Counter)

    def __add__(self, other: NounStats) -> NounStats:
        return NounStats(self.person + other.person, self.nouns + other.nouns, self.suffix3 + other.suffix3,
                         self.suffix2 + other.suffix2, self.context + other.context)

    def __sub__(self, other: NounStats) -> NounStats:
        def minus(a: Counter, b: Counter) -> Counter:
            out = a.copy()
            out.subtract(b)
            return out

        return NounStats(minus(self.person, other.person), minus(self.nouns, other.nouns),
                         minus(self.suffix3, other.suffix3), minus(self.suffix2, other.suffix2),
                         minus(self.context, other.context))


def _word(work: Work, k: int) -> str:
    return work.text[work.tokens.start[k]:work.tokens.end[k]].lower()


def covered_tokens(work: Work, slots: list[Slot]) -> np.ndarray:
    """Per token: whether a name or description of ``slots`` covers it."""
    toks = work.tokens
    covered = np.zeros(len(toks), bool)
    for sl in slots:
        if sl.kind in ("name", "nominal"):
            covered[bisect_left(toks.start, sl.start):bisect_left(toks.start, sl.end)] = True
    return covered


def uncovered_nouns(work: Work, slots: list[Slot]) -> list[int]:
    """Common nouns (tokens) that no name or description of ``slots`` covers."""
    covered = covered_tokens(work, slots)
    return [k for k in range(len(covered)) if not covered[k] and (work.tokens.pos[k] == "NOUN" or
                                                                   _common_proper(work, k))]


def _common_proper(work: Work, k: int) -> bool:
    """A capitalised word used as a common noun: a proper noun after a determiner, maybe with an adjective
    between ('a Cockney', 'the old Egyptians', 'a dependent Englishman'), not followed by another."""
    toks = work.tokens
    if toks.pos[k] != "PROPN" or not k or (k + 1 < len(toks) and toks.pos[k + 1] == "PROPN"):
        return False
    j = k - 1 if toks.pos[k - 1] != "ADJ" or k < 2 else k - 2
    return toks.sent[j] == toks.sent[k] and toks.pos[j] == "DET" and _word(work, j) in BEFORE


def suffix_stats(work: Work, nouns: list[int], heads: set[int]) -> NounStats:
    """Suffix counts of the uncovered ``nouns`` (tokens), those in ``heads`` (gold PER heads) counted as such."""
    out = NounStats()
    for k in nouns:
        w = _word(work, k)
        for counter, key in ((out.suffix3, w[-3:]), (out.suffix2, w[-2:])) + tuple(
                (out.context, c) for c in _contexts(work, k)):
            counter[key, 0] += 1
            counter[key, 1] += k in heads
    return out


def _contexts(work: Work, k: int) -> tuple[tuple[str, str], tuple[str, str]]:
    """The words around noun token ``k`` that its context counts read: the lemma after, the word before."""
    toks = work.tokens
    after = toks.lemma[k + 1].lower() if k + 1 < len(toks) and toks.sent[k + 1] == toks.sent[k] else "</s>"
    before = _word(work, k - 1) if k and toks.sent[k - 1] == toks.sent[k] else "<s>"
    return ("next", after), ("previous", before)


def features(work: Work, nouns: list[int], stats: NounStats, weights: np.ndarray | None = None) -> np.ndarray:
    """One row per noun token of ``nouns`` (see ``FEATURES``; ``weights``: those of :func:`person_scores`)."""
    toks, text = work.tokens, work.text
    n = len(toks)
    words = [text[toks.start[k]:toks.end[k]].lower() for k in nouns]
    lemmas = [toks.lemma[k].lower() for k in nouns]
    per = np.array([stats.person[w] for w in lemmas], np.float32)
    seen = np.array([stats.nouns[w] for w in lemmas], np.float32)
    s3 = np.array([(stats.suffix3[w[-3:], 1], stats.suffix3[w[-3:], 0]) for w in words], np.float32).reshape(-1, 2)
    s2 = np.array([(stats.suffix2[w[-2:], 1], stats.suffix2[w[-2:], 0]) for w in words], np.float32).reshape(-1, 2)
    ctx = np.array([[stats.context[c, f] for c in _contexts(work, k) for f in (1, 0)] for k in nouns],
                   np.float32).reshape(-1, 4)
    before = [BEFORE.get(_word(work, k - 1), 8 if toks.pos[k - 1] == "ADJ" else 0) if k else 0 for k in nouns]
    after = [AFTER.get(_word(work, k + 1), 8 if toks.tag[k + 1] in ("VBD", "VBZ") else 0) if k + 1 < n else 0
             for k in nouns]
    return np.column_stack([(per + 0.1) / (seen + 2), np.log1p(seen), per, (s3[:, 0] + 0.1) / (s3[:, 1] + 2),
                            np.log1p(s3[:, 1]), (s2[:, 0] + 0.1) / (s2[:, 1] + 2),
                            [toks.tag[k] == "NNS" for k in nouns], [text[toks.start[k]].isupper() for k in nouns],
                            before, after, [bool(k) and toks.pos[k - 1] == "ADP" for k in nouns],
                            [len(w) for w in words], (ctx[:, 0] + 0.1) / (ctx[:, 1] + 2), np.log1p(ctx[:, 1]),
                            (ctx[:, 2] + 0.1) / (ctx[:, 3] + 2), np.log1p(ctx[:, 3]),
                            person_scores(lemmas, weights), sense_rows(words, lemmas)]).astype(np.float32).reshape(
        len(nouns), len(FEATURES))


def fit_person_vectors(stats: NounStats, c: float = 1.0) -> np.ndarray:
    """Weights (vector dims, then the intercept) of a logistic regression telling from a noun lemma's word vector
    how often it heads a gold PER mention (``stats``); each lemma weighs ``log(1 + noun uses)``."""
    from sklearn.linear_model import LogisticRegression

    from ficlens.stages.word_vectors import word_vectors

    lemmas = sorted(w for w, n in stats.nouns.items() if n > 0 and w.isalpha())
    vecs, _ = word_vectors().matrix(lemmas)
    uses = np.array([stats.nouns[w] for w in lemmas], np.float64)
    ratio = np.clip(np.array([stats.person[w] for w in lemmas], np.float64) / uses, 0, 1)
    weight = np.log1p(uses)
    clf = LogisticRegression(C=c, max_iter=1000).fit(np.vstack([vecs, vecs]), np.repeat([1, 0], len(lemmas)),
                                                     sample_weight=np.concatenate([weight * ratio,
                                                                                   weight * (1 - ratio)]))
    return np.append(clf.coef_[0], clf.intercept_[0]).astype(np.float32)


def person_scores(lemmas: list[str], weights: np.ndarray | None) -> np.ndarray:
    """Person-ness of each lemma from its word vector (:func:`fit_person_vectors` ``weights``; 0 without)."""
    if weights is None or not lemmas:
        return np.zeros(len(lemmas), np.float32)
    from ficlens.stages.word_vectors import word_vectors

    vecs, _ = word_vectors().matrix(lemmas)
    return (1 / (1 + np.exp(-(vecs @ weights[:-1] + weights[-1])))).astype(np.float32)


def common_thing(stats: NounStats, lemma: str) -> bool:
    """A lemma seen often in training and (almost) never heading a person: not worth scoring (run time only)."""
    seen = stats.nouns[lemma]
    return seen >= COMMON and stats.person[lemma] * 100 <= seen


def add_found(work: Work, slots: list[Slot], quotes: list[tuple[int, int]], nouns: list[int],
              chosen: np.ndarray) -> None:
    """Append the descriptions headed by the ``nouns`` flagged in ``chosen`` (as the finder spans them)."""
    from ficlens.stages.coref_heads import add_nominals

    toks = work.tokens
    near = [k for k, c in zip(nouns, chosen) if c]
    if near:
        lexicon = {_word(work, k) for k in near} | {toks.lemma[k].lower() for k in near}
        add_nominals(work, slots, find_nominals(work, quotes, lexicon=lexicon, indefinites=False, near=near))


@dataclass
class NounFinder:
    """The fitted classifier, its counts and threshold."""

    clf: object
    stats: NounStats
    threshold: float = 2.0  # > 1: finds nothing
    weights: np.ndarray | None = None  # person-ness from word vectors (fit_person_vectors)

    def add(self, work: Work, slots: list[Slot], quotes: list[tuple[int, int]]) -> None:
        """Append the descriptions of the uncovered nouns scoring at least the threshold."""
        if self.threshold > 1:
            return
        from ficlens.stages.coref_rank import predict_chunked

        toks, stats = work.tokens, self.stats
        nouns = [k for k in uncovered_nouns(work, slots) if not common_thing(stats, toks.lemma[k].lower())]
        if nouns:
            p = predict_chunked(self.clf, features(work, nouns, self.stats, self.weights))
            add_found(work, slots, quotes, nouns, p >= self.threshold)
