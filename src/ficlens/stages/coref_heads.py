"""Person nouns learned from LitBank: description heads the hand-made lexicon lacks ('spectators', 'parson').

Training counts, per document, how often each noun lemma heads a gold PER
mention and how often it occurs as a noun at all. A lemma is a learned person
noun when it heads PER mentions in at least ``MIN_DOCS`` documents and in at
least ``MIN_RATIO`` of its noun occurrences. The set travels with the coref
model (``CorefModel.heads``), so a fold model only knows the heads of its own
training documents. At run time :func:`add_learned_nominals` adds the
descriptions headed by those nouns that the hand-made lexicon did not find.
The pair classifier itself is trained on the hand-made lexicon's descriptions
only: trained with the learned ones too it scored +0.3 higher on LitBank but
stopped linking 'A stranger ... The stranger' and 'Kakashi ... The copy-nin'.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import accumulate

from ficlens.document import Work
from ficlens.stages.char_lexicon import PERSON_NOUNS, PRONOUNS
from ficlens.stages.coref import Slot, find_nominals
from ficlens.stages.noun_senses import thing_noun

MIN_DOCS = 2
MIN_RATIO = 0.5
HeadCounts = tuple[Counter, Counter]  # lemma -> PER-head count, lemma -> noun count
# words that end a description's head phrase ("the little girl | of nine")
POSTMODIFIER = {"of", "who", "whom", "whose", "which", "that", ",", "with", "in", "at", "on", "from", "to", "for",
                "as", "by", ";", ":", "--", "—", "("}


def token_span(work: Work, a: int, b: int) -> tuple[int, int]:
    """First and last token of the character span ``a:b``."""
    i = max(0, bisect_right(work.tokens.start, a) - 1)
    return i, max(i, bisect_right(work.tokens.start, b - 1) - 1)


def _premodifier_comma(work: Work, k: int, j: int) -> bool:
    """Whether the comma at token ``k`` (before token ``j``) separates premodifiers ('a tall, dark-complexioned
    man', 'a thin, frail boy'): an adjective or participle before it and an adjective, adverb or participle
    after it (or a noun the tagger took one for)."""
    toks = work.tokens
    return work.text[toks.start[k]:toks.end[k]] == "," and k < j and \
        (toks.pos[k - 1] == "ADJ" or toks.tag[k - 1] in ("VBN", "VBG")) and \
        (toks.pos[k + 1] in ("ADJ", "ADV", "NOUN") or toks.tag[k + 1] in ("VBN", "VBG"))


def span_head(work: Work, i: int, j: int) -> int:
    """The head token of tokens ``i..j``: the last noun before a postmodifier (else the last token before it); a
    comma between premodifiers before the first noun is no postmodifier."""
    toks, text = work.tokens, work.text
    head, stop = -1, j
    for k in range(i, j + 1):
        if k > i and text[toks.start[k]:toks.end[k]].lower() in POSTMODIFIER and \
                not (head < 0 and _premodifier_comma(work, k, j)):
            stop = k - 1
            break
        if toks.pos[k] in ("NOUN", "PROPN"):
            head = k
    return head if head >= 0 else stop


def mention_head(work: Work, a: int, b: int) -> int:
    """Token heading the mention span ``a:b``: its last noun before a postmodifier ('the girl of nine' -> 'girl')."""
    return span_head(work, *token_span(work, a, b))


def count_heads(work: Work, spans: list[tuple[int, int]]) -> HeadCounts:
    """Per noun lemma: how often it heads one of the (gold PER) ``spans``, and how often it is a noun."""
    toks, text = work.tokens, work.text
    person: Counter = Counter()
    for a, b in spans:
        if text[a:b].lower() in PRONOUNS:
            continue
        h = mention_head(work, a, b)
        if toks.pos[h] == "NOUN":
            person[toks.lemma[h].lower()] += 1
    nouns = Counter(toks.lemma[k].lower() for k in range(len(toks)) if toks.pos[k] == "NOUN")
    return person, nouns


def learn_heads(counts: list[HeadCounts], min_docs: int = MIN_DOCS, min_ratio: float = MIN_RATIO) -> frozenset[str]:
    """Lemmas heading PER mentions in ``min_docs`` documents and ``min_ratio`` of their noun uses, minus the
    hand-made lexicon and the nouns WordNet knows with no person or group sense ('one', 'being', 'hundred')."""
    person: Counter = Counter()
    nouns: Counter = Counter()
    docs: Counter = Counter()
    for p, n in counts:
        person.update(p)
        nouns.update(n)
        docs.update(p.keys())
    return frozenset(w for w, c in person.items() if docs[w] >= min_docs and c >= min_ratio * max(nouns[w], c)
                     and w not in PERSON_NOUNS and w.isalpha() and not thing_noun(w))


def add_learned_nominals(work: Work, slots: list[Slot], quotes: list[tuple[int, int]], heads: frozenset[str]) -> None:
    """Append to ``slots`` the descriptions headed by a learned person noun that overlap no name or description."""
    if not heads:
        return
    toks, text = work.tokens, work.text
    near = [k for k in range(len(toks)) if toks.pos[k] in ("NOUN", "PROPN") and
            (toks.lemma[k].lower() in heads or text[toks.start[k]:toks.end[k]].lower() in heads)]
    if near:
        add_nominals(work, slots, find_nominals(work, quotes, lexicon=heads, indefinites=False, near=near))


def add_nominals(work: Work, slots: list[Slot], found: list[Slot]) -> None:
    """Append to ``slots`` the descriptions ``found`` that overlap no name or description of ``slots``."""
    taken = sorted((s.start, s.end) for s in slots if s.kind in ("name", "nominal"))
    starts = [t[0] for t in taken]
    reach = list(accumulate((t[1] for t in taken), max))  # furthest end of the spans starting so far
    for sl in found:
        k = bisect_right(starts, sl.end - 1)  # spans starting before this one ends
        if k and reach[k - 1] > sl.start:
            continue
        slots.append(sl)
