"""Descriptions after the pair decoding: a learned filter of those that are no person mention (trained on
LitBank), and a description repeated word for word joining its earlier use.

The description finder marks every phrase headed by a person noun ("the
horse", "his spirits", "her figure", "a youth" of "in his youth"), and each one
it marks wrongly that stays alone costs a whole response entity in CEAF-e and
B3 precision. After the pair decoding, each description left on its own
(nothing links to it, it links to nothing) is scored by a small gradient-boosted
classifier: how often its head noun headed a LitBank PER mention among the
descriptions the finder marked in the training documents, the span's shape
(determiner, length, of-phrase, relative clause, apposition comma), its
position (subject, inside a quotation) and how strongly the pair model wanted
to link it. Below the model's threshold it is dropped from the mentions.
Trained by :mod:`ficlens.models.coref_train` (leave documents out, the head
counts of a training document never include its own).

A definite or possessive description left alone that repeats an earlier
description word for word ("my aunt" ... "my aunt", "the old sailor" ... "the
old sailor"), or the words after an earlier article ("a stranger" ... "the
stranger"), joins that one's entity, with every mention of its own (unnamed)
entity, when that one is an unnamed person and no more
than ``REPEAT_TOKENS`` tokens back (out of the pair model's window; never a named
character's, so it gives no character a new alias).

A third-person plural pronoun whose entity holds no name or description ("they"
of lamps or of fields: LitBank marks only people) is scored by a second filter of
the same kind (``drop_plural``: the verbs next to it, the nearest plural noun
before it, the people mentioned before, its pair scores) and dropped below its
threshold.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ficlens.document import Work
from ficlens.stages.char_lexicon import PERSON_NOUNS
from ficlens.stages.char_names import LOOK_VERBS, SPEECH_VERBS
from ficlens.stages.coref import DEITY_NAMES, PSEUDO, Slot

FEATURES = ["head_ratio", "head_seen", "lexicon", "det", "plural", "subject", "in_quote", "length", "has_of",
            "has_comma", "has_relative", "best_link", "best_linked_to", "doc_head_count", "capitalised",
            "possessive_det"]
PRIOR = 0.6  # a head's PER ratio is smoothed towards this, as if it had been seen PRIOR_WEIGHT more times
PRIOR_WEIGHT = 2.0
RELATIVE = {"who", "whom", "whose", "which", "that"}
POSSESSIVE = {"his", "her", "their", "my", "your", "our", "its", "thy"}
REPEAT_TOKENS = 2000
DEFINITE = {"the", "this", "that"} | POSSESSIVE
ARTICLES = {"a", "an", "the", "this", "that"}  # "a stranger" and "the stranger" repeat the same words
COGNITION_VERBS = {"think", "know", "feel", "want", "wish", "hope", "believe", "fear", "love", "hate", "remember",
                   "forget", "wonder", "decide", "agree", "promise", "understand", "realise", "realize", "sit",
                   "stand", "walk", "weep", "sleep", "eat", "drink", "speak", "talk", "hear", "see", "watch"}
PERSON_VERBS = SPEECH_VERBS | LOOK_VERBS | COGNITION_VERBS  # lemmas of what people do
THEY_FORMS = {"they": 0, "them": 1, "their": 2, "theirs": 2, "themselves": 3}
PLURAL_FEATURES = ["form", "best_link", "best_linked_to", "entity_size", "subject", "in_quote", "verb_after",
                   "verb_before", "noun_distance", "noun_person", "noun_name", "people_before", "names_before",
                   "cand_kind", "cand_plural"]
NOUN_REACH = 60  # tokens searched back for the nearest plural noun before a plural pronoun
PEOPLE_REACH = 150  # tokens searched back for plural person descriptions
NAMES_REACH = 50  # tokens searched back for named characters
HeadStats = dict[str, tuple[int, int]]  # head -> (descriptions marked, of which gold PER mentions)


def head_counts(slots: list[Slot], spans: set[tuple[int, int]]) -> Counter:
    """Per head: ``(head, 0)`` descriptions marked, ``(head, 1)`` of them gold mentions ``spans``."""
    out: Counter = Counter()
    for s in slots:
        if s.kind == "nominal":
            out[s.head, 0] += 1
            out[s.head, 1] += (s.start, s.end) in spans
    return out


def head_stats(counts: Counter) -> HeadStats:
    heads = {h for h, _ in counts}
    return {h: (counts[h, 0], counts[h, 1]) for h in heads}


def join_repeats(prep, ents: np.ndarray, text: str, max_tokens: int = REPEAT_TOKENS) -> np.ndarray:
    """Definite or possessive descriptions of unnamed entities joined, with their whole entity, to the unnamed
    entity of the latest earlier description with the same words (see module doc)."""
    kind, tok = prep.mention["kind"], prep.mention["tok"]
    last: dict[str, int] = {}
    out = ents.copy()
    for i in np.flatnonzero(kind == 2):
        if out[i] < 0:
            continue
        s = prep.slots[i]
        words = text[s.start:s.end].lower().split()
        surface = repeat_key(words)
        j = last.get(surface)
        deity = text[s.start:s.end] in DEITY_NAMES  # "God" is one person however far apart its mentions are
        if j is not None and words and (words[0] in DEFINITE and tok[i] - tok[j] <= max_tokens or deity) and \
                prep.fixed[i] == -1 and out[i] >= PSEUDO and out[j] >= PSEUDO and out[i] != out[j]:
            out[out == out[i]] = out[j]
        last[surface] = i
    return out


def repeat_key(words: list[str]) -> str:
    """What a repeated description must share with its earlier use: the words after an article ("a stranger",
    "the stranger" -> "~ stranger"), else every word ("my aunt")."""
    if len(words) > 1 and words[0] in ARTICLES:
        return "~ " + " ".join(words[1:])
    return " ".join(words)


def lone_descriptions(prep, proba: np.ndarray, ents: np.ndarray) -> np.ndarray:
    """Indices of descriptions that the decoding left alone (an entity of their own, nothing linked to them)."""
    size = Counter(int(e) for e in ents if e >= 0)
    kind = prep.mention["kind"]
    return np.array([i for i in range(len(ents)) if kind[i] == 2 and prep.fixed[i] == -1 and
                     (ents[i] < 0 or (ents[i] >= PSEUDO and size[int(ents[i])] == 1))], np.int64)


def pair_maxima(prep, proba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per mention, its best pair score as the anaphor and as the candidate (0 without pairs)."""
    best_out, best_in = np.zeros(len(prep.slots)), np.zeros(len(prep.slots))
    if len(proba):
        np.maximum.at(best_out, prep.anaphor, proba)
        np.maximum.at(best_in, prep.cand, proba)
    return best_out, best_in


def features(text: str, prep, proba: np.ndarray, idx: np.ndarray, stats: HeadStats,
             minus: Counter | None = None) -> np.ndarray:
    """Feature rows of the descriptions ``idx``; ``minus`` are counts to leave out of ``stats`` (the
    document's own, in training)."""
    n = len(prep.slots)
    best_out, best_in = pair_maxima(prep, proba)
    doc_heads = Counter(s.head for s in prep.slots if s.kind == "nominal")
    inq = prep.mention.get("inq", np.zeros(n))
    X = np.zeros((len(idx), len(FEATURES)), np.float32)
    for r, i in enumerate(idx):
        s = prep.slots[i]
        seen, per = stats.get(s.head, (0, 0))
        if minus is not None:
            seen, per = seen - minus[s.head, 0], per - minus[s.head, 1]
        words = text[s.start:s.end].lower().split()
        first = words[0] if words else ""
        X[r] = [(per + PRIOR * PRIOR_WEIGHT) / (seen + PRIOR_WEIGHT), np.log1p(seen), s.head in PERSON_NOUNS,
                1 if first in ("the", "this", "that") else 2 if first in ("a", "an", "another", "some") else 3,
                s.plural, s.subject, s.in_quote or bool(inq[i]), len(words),
                "of" in words, "," in words, bool(RELATIVE & set(words[1:])), best_out[i], best_in[i],
                doc_heads[s.head], text[s.start:s.end][:1].isupper() and first not in ("the", "a", "an"),
                first in POSSESSIVE]
    return X


def drop_lone(prep, proba: np.ndarray, ents: np.ndarray, clf, threshold: float, stats: HeadStats,
              text: str) -> np.ndarray:
    """Indices of lone descriptions the filter ``clf`` does not take for person mentions."""
    idx = lone_descriptions(prep, proba, ents) if clf is not None else np.zeros(0, np.int64)
    if not len(idx):
        return idx
    from ficlens.stages.coref_rank import predict_chunked

    p = predict_chunked(clf, features(text, prep, proba, idx, stats))
    return idx[p < threshold]


def plural_pronouns(prep, ents: np.ndarray) -> np.ndarray:
    """Indices of third-person plural pronouns whose entity has no name or description (alone, or with
    pronouns only): "they" of things, which LitBank's PER chains never mark, look like these."""
    kind, person, plural = prep.mention["kind"], prep.mention["person"], prep.mention["plural"]
    named = {int(e) for e, k in zip(ents, kind) if k != 1 and e >= 0} | {int(e) for e in ents if 0 <= e < PSEUDO}
    return np.array([i for i in range(len(ents)) if kind[i] == 1 and person[i] == 3 and plural[i] and
                     prep.fixed[i] == -1 and ents[i] >= 0 and int(ents[i]) not in named], np.int64)


def _verb_near(work: Work, k: int, step: int, reach: int = 3) -> bool:
    """Whether the first verb within ``reach`` tokens of token ``k`` (after: ``step`` 1, before: -1) is one
    people do."""
    toks = work.tokens
    for j in range(k + step, k + step * (reach + 1), step):
        if not 0 <= j < len(toks.start) or toks.sent[j] != toks.sent[k]:
            return False
        if toks.tag[j].startswith("VB"):
            return toks.lemma[j].lower() in PERSON_VERBS
    return False


def _plural_noun_before(work: Work, k: int, persons: frozenset[str]) -> tuple[int, bool, bool]:
    """Distance back to the nearest plural noun before token ``k`` (NOUN_REACH + 1: none), whether its lemma
    is a person noun (lexicon or learned ``persons``) and whether it is a proper noun."""
    toks = work.tokens
    for j in range(k - 1, max(-1, k - NOUN_REACH - 1), -1):
        if toks.tag[j] in ("NNS", "NNPS"):
            lemma = toks.lemma[j].lower()
            return k - j, lemma in PERSON_NOUNS or lemma in persons, toks.tag[j] == "NNPS"
    return NOUN_REACH + 1, False, False


def plural_features(work: Work, prep, proba: np.ndarray, ents: np.ndarray, idx: np.ndarray,
                    persons: frozenset[str] = frozenset()) -> np.ndarray:
    """Feature rows of the plural pronouns ``idx`` (PLURAL_FEATURES): their form, pair scores, entity size,
    position, the verbs next to them, the nearest plural noun before and the people mentioned before."""
    n = len(prep.slots)
    kind, plural, tok = prep.mention["kind"], prep.mention["plural"], prep.mention["tok"]
    best_out, best_in = pair_maxima(prep, proba)
    best_cand = np.full(n, -1, np.int64)
    if len(proba):
        order = np.lexsort((proba, prep.anaphor))  # by anaphor, best last
        best_cand[prep.anaphor[order]] = prep.cand[order]
    size = Counter(int(e) for e in ents if e >= 0)
    people = np.flatnonzero((kind == 2) & (plural == 1))
    names = np.flatnonzero(prep.fixed >= 0)
    X = np.zeros((len(idx), len(PLURAL_FEATURES)), np.float32)
    for r, i in enumerate(idx):
        s = prep.slots[i]
        k = int(tok[i])
        dist, noun_person, noun_name = _plural_noun_before(work, k, persons)
        c = best_cand[i]
        near_names = names[(tok[names] < k) & (tok[names] >= k - NAMES_REACH)]
        X[r] = [THEY_FORMS.get(work.text[s.start:s.end].lower(), 4), best_out[i], best_in[i], size[int(ents[i])],
                s.subject, prep.mention["inq"][i], _verb_near(work, k, 1), _verb_near(work, k, -1), dist,
                noun_person, noun_name, ((tok[people] < k) & (tok[people] >= k - PEOPLE_REACH)).sum(),
                len(set(prep.fixed[near_names].tolist())), kind[c] if c >= 0 else 3, plural[c] if c >= 0 else 0]
    return X


def drop_plural(work: Work, prep, proba: np.ndarray, ents: np.ndarray, clf, threshold: float,
                persons: frozenset[str] = frozenset()) -> np.ndarray:
    """Indices of plural pronouns without a name or description in their entity that the filter ``clf`` does
    not take for person mentions."""
    idx = plural_pronouns(prep, ents) if clf is not None else np.zeros(0, np.int64)
    if not len(idx):
        return idx
    from ficlens.stages.coref_rank import predict_chunked

    p = predict_chunked(clf, plural_features(work, prep, proba, ents, idx, persons))
    return idx[p < threshold]
