"""Pronoun and nominal coreference to characters, by salience (no parser needed).

Walking through the text, every character mention raises that character's
salience; salience decays with distance and is higher for sentence subjects.
A third-person singular pronoun goes to the most salient character of its
gender; a definite description whose head designates a person ("the copy-nin",
"the tired medic", "the girl") goes to the most salient compatible character
nearby, or to the character named in an apposition ("Sakura, the medic,").
First-person pronouns outside quotations belong to the narrator.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Container
from dataclasses import dataclass

from ficlens.dialogue.detect import quote_style
from ficlens.document import Mention, Work
from ficlens.stages.char_lexicon import ANIMAL_HEADS, PERSON_NOUNS, PRONOUNS
from ficlens.stages.char_names import quote_spans

NOMINAL_POS = {"ADJ", "NOUN", "VERB", "PROPN", "PUNCT", "ADV", "NUM"}
DETERMINERS = {"the", "this", "that"}
# other determiners of descriptions that are not resolved to a character (new or generic people)
PLURAL_HEADS = {"men", "women", "boys", "girls", "gentlemen", "ladies", "people", "kids", "children", "lads"}
NON_ANAPHORIC = {"enemy", "stranger", "crowd", "person", "people", "figure", "others", "other", "world", "public",
                 "reader", "company", "party", "family"}
INDEF = {"a", "an", "another", "his", "her", "their", "my", "your", "our", "its", "these", "those", "some", "every",
         "each", "no", "any", "many", "several", "few", "all", "both", "such"}


@dataclass
class Slot:
    """A mention being resolved: token index, span, kind, and its constraints."""

    tok: int
    start: int
    end: int
    kind: str  # name | pronoun | nominal
    entity: int | None = None
    gender: str = ""
    person: int = 3
    in_quote: bool = False
    subject: bool = False
    definite: bool = True
    head: str = ""
    confidence: float = 1.0
    chain: int | None = None
    plural: bool = False
    named: bool = False
    the: bool = False  # a definite description ("the stranger"), resolvable or not
    rule: int | None = None  # what the salience rules resolved it to (a feature of the learned ranker)
    rule_conf: float = 0.0
    pinned: int | None = None  # an entity known before linking (a fandom pack's epithet of a character present)
    span_start: int | None = None  # where the reported mention starts, when before ``start`` ("old [Pontifex]")


def in_quotation(quotes: list[tuple[int, int]], qstarts: list[int], offset: int) -> bool:
    """Whether ``offset`` lies inside one of the (sorted) quotation spans whose starts are ``qstarts``."""
    k = bisect_right(qstarts, offset) - 1
    return k >= 0 and quotes[k][0] < offset < quotes[k][1]


def pronoun_slot(work: Work, i: int, inq: bool) -> Slot | None:
    """The pronoun mention of token ``i`` ('she', 'him', 'your'), None when the word is no personal pronoun."""
    toks, text = work.tokens, work.text
    s, e = toks.start[i], toks.end[i]
    w = text[s:e].lower()
    info = PRONOUNS.get(w)
    if info is None:
        return None
    return Slot(i, s, e, "pronoun", gender=info[0], person=info[1], in_quote=inq,
                subject=w in ("he", "she", "i"), head=w)


# words a heading's number follows ('CHAPTER I', 'Part I', 'VOLUME I')
HEADING_WORDS = {"chapter", "part", "volume", "book", "letter", "section", "canto", "stave", "act", "scene", "phase",
                 "chap", "vol", "chapitre"}


def roman_one(work: Work, i: int) -> bool:
    """Whether the word 'I' at token ``i`` is a heading's Roman numeral, not the pronoun: after a capitalised
    heading word ('CHAPTER I', 'Part I') or before a capitalised word that is no verb and no all-capitals word
    ('I The day broke', 'I A green parrot'; not 'I MEET SIR HENRY', 'as I Have Seen It')."""
    toks, text = work.tokens, work.text
    prev = text[toks.start[i - 1]:toks.end[i - 1]] if i else ""
    if prev[:1].isupper() and prev.lower() in HEADING_WORDS:
        return True
    if i + 1 >= len(toks):
        return False
    nxt = text[toks.start[i + 1]:toks.end[i + 1]]
    return nxt[:1].isupper() and nxt != "I" and not (len(nxt) > 1 and nxt.isupper()) and \
        toks.pos[i + 1] not in ("VERB", "AUX")


def find_pronouns(work: Work, quotes: list[tuple[int, int]]) -> list[Slot]:
    """Personal pronoun mentions (not 'I' when it is a heading's numeral: :func:`roman_one`)."""
    toks, text = work.tokens, work.text
    qstarts = [q[0] for q in quotes]
    out = []
    for i, (s, e) in enumerate(zip(toks.start, toks.end)):
        w = text[s:e].lower()
        if w not in PRONOUNS or toks.pos[i] not in ("PRON", "DET", "ADJ", "NOUN", "PROPN", "X"):
            continue
        if w == "i" and (text[s:e] != "I" or roman_one(work, i)):
            continue
        out.append(pronoun_slot(work, i, in_quotation(quotes, qstarts, s)))
    return out


def _person_head(toks, text: str, start: int, head: int, lexicon: Container[str] = PERSON_NOUNS) -> str:
    """The person noun heading toks[start..head] ('' if none): the word, its lemma or a hyphen compound."""
    hw = text[toks.start[head]:toks.end[head]].lower()
    compound = text[toks.start[start]:toks.end[head]].lower().split()[-1]
    for cand in (compound, hw, toks.lemma[head].lower()):
        if cand in lexicon:
            return cand
    return ""


def find_nominals(work: Work, quotes: list[tuple[int, int]], lexicon: Container[str] = PERSON_NOUNS,
                  indefinites: bool = True, near: list[int] | None = None) -> list[Slot]:
    """Descriptions headed by a person noun: '(determiner) (adjectives) noun' ("the tired medic", "two women").

    ``lexicon`` holds the person nouns (words or lemmas); ``indefinites`` adds 'nobody', 'no one' and the like;
    ``near`` (sorted token indices) limits the search to descriptions ending near those tokens.
    """
    toks, text = work.tokens, work.text
    n = len(toks)
    qstarts = [q[0] for q in quotes]
    out = []
    i = 0
    while i < n:
        if near is not None:
            k = bisect_left(near, i)
            if k == len(near):
                break
            i = max(i, near[k] - 9)
        w = text[toks.start[i]:toks.end[i]].lower()
        if text[toks.start[i]:toks.end[i]] in DEITY_NAMES:  # one person of its own, never a character's
            out.append(Slot(i, toks.start[i], toks.end[i], "nominal", head="god", definite=False, named=True,
                            in_quote=in_quotation(quotes, qstarts, toks.start[i])))
            i += 1
            continue
        det = w in DETERMINERS or w in INDEF or toks.tag[i] == "CD"
        bare = not det and toks.pos[i] in ("ADJ", "NOUN") and w[:1].islower() and (
            i == 0 or toks.pos[i - 1] not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "PART"))
        first = i + 1
        if toks.tag[i] == "PDT" and i + 1 < n and (toks.pos[i + 1] == "DET" or toks.tag[i + 1] == "PRP$"):
            det, first = True, i + 2  # a predeterminer: 'all the clerks', 'both their sons'
        if det or bare:
            j, head = (first if det else i), -1
            tail = -1  # a title run after a person noun ('the Lord High Chancellor')
            while j < n and j <= first + 6 and toks.sent[j] == toks.sent[i]:
                tw = text[toks.start[j]:toks.end[j]]
                if head < 0 and tw in (",", "and", "or") and j + 1 < n and toks.pos[j - 1] == "ADJ" and \
                        toks.pos[j + 1] == "ADJ":
                    j += 1  # coordinated adjectives: 'a fine, tall young man', 'that austere and godlike woman'
                    continue
                if toks.pos[j] == "PUNCT" and tw not in ("-",):
                    break
                if toks.pos[j] not in NOMINAL_POS or (toks.pos[j] == "VERB" and toks.tag[j] not in ("VBN", "VBG")):
                    break
                if tail < 0 and (toks.pos[j] == "NOUN" or (toks.pos[j] == "PROPN" and (
                        tw.lower() in PERSON_NOUNS or (near is not None and tw.lower() in lexicon)))):
                    head = j
                elif head >= 0 and toks.pos[j] == "PROPN" and tw[:1].isupper() and text[toks.start[head]].isupper():
                    tail = j
                elif head >= 0 and toks.pos[j] != "PUNCT":
                    break  # the noun run ended
                j += 1
            head_word = _person_head(toks, text, first if det and head > i else i, head, lexicon) \
                if head >= i and (head > i or bare) else ""
            if head_word:
                last = _postmodified_end(toks, text, head) if tail < 0 else tail
                if toks.pos[i] == "SCONJ" and toks.tag[head] in ("NNS", "NNPS"):
                    i += 1  # 'said that priests ...': a conjunction, not a determiner
                out.append(nominal_slot(work, i, head, last, head_word,
                                        in_quotation(quotes, qstarts, toks.start[i])))
                i = max(head, tail) + 1
                continue
        if indefinites and (w in INDEFINITE_PEOPLE or (w in INDEFINITE_FIRST and i + 1 < n and
                                      text[toks.start[i + 1]:toks.end[i + 1]].lower() == "one" and
                                      (i + 2 >= n or text[toks.start[i + 2]:toks.end[i + 2]].lower() != "of"))):
            last = i if w in INDEFINITE_PEOPLE else i + 1
            if last + 1 < n and toks.sent[last + 1] == toks.sent[last] and \
                    text[toks.start[last + 1]:toks.end[last + 1]].lower() == "else":
                last += 1  # 'somebody else', 'no one else'
            s = toks.start[i]
            head_word = text[s:toks.end[last]].lower()
            last = _postmodified_end(toks, text, last, ("who", "whom", "whose"))  # 'anybody else who knew him'
            out.append(Slot(i, s, toks.end[last], "nominal", in_quote=in_quotation(quotes, qstarts, s),
                            definite=False, head=head_word))
            i = last + 1
            continue
        i += 1
    return out


def nominal_slot(work: Work, i: int, head: int, last: int, head_word: str, inq: bool) -> Slot:
    """The description over tokens ``i..last`` whose head is token ``head`` (``head_word``: its person noun)."""
    toks, text = work.tokens, work.text
    w = text[toks.start[i]:toks.end[i]].lower()
    plural = toks.tag[head] in ("NNS", "NNPS") or head_word in PLURAL_HEADS
    named = any(text[toks.start[k]:toks.start[k] + 1].isupper() for k in range(i + 1, head + 1))
    resolvable = w in DETERMINERS and not plural and not named and head_word not in NON_ANAPHORIC
    return Slot(i, toks.start[i], toks.end[last], "nominal", gender=PERSON_NOUNS.get(head_word, ""),
                in_quote=inq, definite=resolvable, head=head_word, plural=plural, named=named,
                the=w in DETERMINERS)


# the capitalised God of a text ("God knows", "thank God"): a mention of one person, the same wherever it is named,
# as LitBank marks it, and no character of the story (join_repeats joins its mentions, its span never grows)
DEITY_NAMES = frozenset({"God", "GOD"})
# people nobody in particular ("no one", "somebody"): mentions of their own, never of a character
INDEFINITE_PEOPLE = {"nobody", "somebody", "someone", "anybody", "anyone", "everybody", "everyone"}
INDEFINITE_FIRST = {"no", "some", "any", "every"}
_CLAUSE_END = {",", ";", ":", ".", "!", "?", '"', "“", "”", "--", "—", "(", ")"}


def _np_end(toks, text: str, j: int, sent: int) -> int:
    """Last noun of the noun phrase starting at token ``j`` ('any new made lord'), -1 when there is none; a phrase
    without a noun ends on its number, adjective or pronoun ('of nine', 'of about thirty', 'of the unfortunate',
    'of her own', 'of yours')."""
    n, last, other = len(toks), -1, -1
    while j < n and toks.sent[j] == sent:
        p = toks.pos[j]
        if last < 0 and _adjective_link(toks, text, j):
            j += 1  # coordinated adjectives: 'of a most affectionate, indulgent father', 'the wild, white beard'
            continue
        if p in ("NOUN", "PROPN"):
            last = j
        elif p in ("DET", "ADJ", "NUM", "ADV") or toks.tag[j] == "PRP$" or text[toks.start[j]:toks.end[j]] == "-" \
                or (p == "VERB" and toks.tag[j] in ("VBN", "VBG") and last < 0):
            if last >= 0 and p != "ADJ":
                break
            if last < 0 and (p in ("NUM", "ADJ") or toks.tag[j] == "PRP$"):
                other = j
        elif p == "PRON" and last < 0 and other < 0 and text[toks.start[j]:toks.end[j]].lower() in OF_PRONOUNS:
            return j
        else:
            break
        j += 1
    if last < 0 and other >= 0 and toks.tag[other] != "PRP$":
        return other
    return last


def _adjective_link(toks, text: str, j: int) -> bool:
    """Whether token ``j`` is a comma, 'and' or 'or' between two adjectives of one noun phrase ('wild, white',
    'tall and thin'), the phrase's noun still to come."""
    n = len(toks)
    if not 0 < j < n - 2 or text[toks.start[j]:toks.end[j]].lower() not in (",", "and", "or") or \
            toks.pos[j - 1] != "ADJ" or toks.sent[j + 1] != toks.sent[j]:
        return False
    k = j + 1
    while k < n - 1 and toks.pos[k] == "ADV" and toks.sent[k] == toks.sent[j]:
        k += 1
    return toks.pos[k] == "ADJ" and toks.sent[k + 1] == toks.sent[j] and toks.pos[k + 1] in ("ADJ", "NOUN")


OF_PRONOUNS = {"yours", "mine", "hers", "his", "ours", "theirs", "us", "them"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
NOMINATIVE = {"i", "he", "she", "we", "they", "you", "it", "that", "which", "who", "what"}


def _parenthesis_end(toks, text: str, j: int, sent: int, reach: int = 15) -> int:
    """The comma closing a phrase set off by a comma right after token ``j`` ('who , two years ago , sat': the
    second comma), ``j`` when none opens there or none closes within ``reach`` tokens."""
    n = len(toks)
    if j + 2 >= n or text[toks.start[j + 1]:toks.end[j + 1]] != "," or toks.sent[j + 1] != sent:
        return j
    for k in range(j + 2, min(n, j + 2 + reach)):
        w = text[toks.start[k]:toks.end[k]]
        if toks.sent[k] != sent or (w in _CLAUSE_END and w != ","):
            return j
        if w == ",":
            return k if k > j + 2 else j
    return j


def _relative_clause_end(toks, text: str, j: int, sent: int) -> int:
    """Last token of a relative clause starting at token ``j`` ('who was there'): up to the next punctuation, or
    before a second finite verb that belongs to the main clause ('the girls who were not betrothed | meant ...'). A
    phrase between commas right after the relative pronoun is the clause's ('who, for his own amusement, never
    read')."""
    n, seen_verb, nested = len(toks), False, False
    j = _parenthesis_end(toks, text, j, sent) + 1 if toks.tag[j] in ("WP", "WDT") else j
    while j < n and toks.sent[j] == sent and text[toks.start[j]:toks.end[j]] not in _CLAUSE_END:
        if toks.tag[j] in FINITE:
            if seen_verb and not nested and toks.tag[j - 1] not in FINITE and toks.pos[j - 1] not in ("CCONJ", "ADV"):
                break
            seen_verb, nested = True, False
        elif seen_verb and text[toks.start[j]:toks.end[j]].lower() in NOMINATIVE:
            nested = True
        j += 1
    return j - 1


def _postmodified_end(toks, text: str, head: int, allowed: tuple[str, ...] = ("with", "in", "of", "who", "whom",
                                                                            "whose")) -> int:
    """Token ending a description with its postmodifiers, as LitBank spans them.

    An of-phrase ('the valet of any new made lord', 'the heir of the house of Elliot', 'a boy of seven'), a with-
    or in-phrase ('the man with the basket', 'the lady in black': on LitBank these are the description's more
    often than not; from, on and at are not) and a who/whom/whose clause up to the next punctuation or the main
    clause's verb ('a very young officer who had just come from England') belong to the description; other
    prepositions are left out. '-in-law' stays with its noun.
    """
    n, sent = len(toks), toks.sent[head]
    if text[toks.end[head]:toks.end[head] + 7].lower() == "-in-law" and head + 4 < n:
        head += 4  # 'sister-in-law': sister - in - law
    if head + 1 >= n or toks.sent[head + 1] != sent:
        return head
    nxt = text[toks.start[head + 1]:toks.end[head + 1]].lower()
    if nxt not in allowed and nxt != ",":
        return head
    if nxt in ("with", "in", "of"):  # 'the man with the basket', 'a girl with red hair', 'the valet of a lord'
        end = _np_end(toks, text, head + 2, sent)
        if end < 0:
            return head
        while end + 2 < n and text[toks.start[end + 1]:toks.end[end + 1]].lower() == "of":
            more = _np_end(toks, text, end + 2, sent)
            if more < 0:
                break
            end = more
        return end
    after = text[toks.start[head + 2]:toks.end[head + 2]].lower() if head + 2 < n else ""
    if nxt == "," and after in ("who", "whom", "whose") and toks.sent[head + 2] == sent:
        head, nxt = head + 1, after  # a clause set off by a comma ('the old sailor, who ...')
    if nxt in ("who", "whom", "whose"):
        return _relative_clause_end(toks, text, head + 1, sent)
    return head


class Resolver:
    """Salience-based resolution of pronouns and definite descriptions to characters."""

    def __init__(self, decay: float = 0.05, subject_bonus: float = 0.6, nominal_window: int = 400,
                 new_entities: bool = True, new_weight: float = 0.1, nominal_confidence: float = 0.5,
                 quote_salience: bool = True, unknown_gender_weight: float = 0.8) -> None:
        self.unknown_gender_weight = unknown_gender_weight
        self.kinds: dict[int, str] = {}
        self.quote_salience = quote_salience
        self.new_entities = new_entities
        self.new_weight = new_weight
        self.nominal_confidence = nominal_confidence
        self.decay = decay
        self.subject_bonus = subject_bonus
        self.nominal_window = nominal_window
        self.horizon = int(6 / decay) * 2  # beyond this distance salience is negligible

    def resolve(self, work: Work, slots: list[Slot], genders: dict[int, str], narrator: int | None,
                kinds: dict[int, str] | None = None) -> None:
        """Set ``entity`` on pronoun and nominal slots in place (name slots already have one).

        ``kinds`` (character -> 'human', 'ninken', ... from a fandom pack) keeps "the dog" off humans.
        """
        self.kinds = kinds or {}
        toks = work.tokens
        slots.sort(key=lambda s: (s.start, s.kind != "name"))
        last: dict[int, tuple[int, float, int]] = {}  # entity -> (token, weight, sentence)
        nominal_heads: dict[str, dict[int, int]] = {}
        unnamed: dict[str, int] = {}  # head noun -> the last unnamed person it introduced
        next_pseudo = 0
        prev_end = -1
        for n_seen, sl in enumerate(slots):
            if n_seen % 64 == 0 and len(last) > 8:  # forget characters not mentioned for a long while
                for ent in [e for e, v in last.items() if sl.tok - v[0] > self.horizon]:
                    del last[ent]
            if sl.start < prev_end and sl.kind != "name":
                continue  # inside a name or another description
            sent = toks.sent[sl.tok] if sl.tok < len(toks) else -1
            if sl.kind == "name":
                if sl.entity is not None:
                    last[sl.entity] = (sl.tok, 1.0 + (self.subject_bonus if sl.subject else 0.0), sent)
                prev_end = sl.end
                continue
            if sl.kind == "pronoun":
                if sl.person == 1:
                    if not sl.in_quote and narrator is not None and sl.head not in PLURAL:
                        sl.entity, sl.confidence = narrator, 0.9
                    continue
                if sl.person == 2 or sl.gender not in ("M", "F") or sl.head in PLURAL:
                    continue
                ent, conf = self._best(last, sl, genders, sent)
                if ent is not None:
                    sl.entity, sl.confidence = ent, conf
                    if sl.in_quote and not self.quote_salience:
                        continue
                    prev = last.get(ent)
                    w = 0.9 + (self.subject_bonus * 0.8 if sl.subject else 0.0)
                    last[ent] = (sl.tok, max(w, prev[1] * 0.9) if prev else w, sent)
                continue
            # nominal
            prev_end = sl.end
            if sl.pinned is not None:  # known before linking: salient as a name is
                sl.entity, sl.confidence = sl.pinned, 0.9
                last[sl.pinned] = (sl.tok, 1.0 + (self.subject_bonus if sl.subject else 0.0), sent)
                continue
            if sl.head in PLURAL_HEADS or sl.plural:
                continue
            recent = unnamed.get(sl.head) if sl.the else None
            if recent is not None and recent in last and sl.tok - last[recent][0] <= self.nominal_window:
                sl.entity, sl.confidence = recent, 0.5  # "a stranger ... the stranger"
                last[recent] = (sl.tok, 0.8, sent)
                continue
            if sl.definite:
                ent, conf = self._best(last, sl, genders, sent, window=self.nominal_window)
                seen = nominal_heads.setdefault(sl.head, {})
                if ent is not None and seen and ent not in seen and max(seen.values()) >= 3:
                    conf *= 0.5
                if ent is not None and conf >= self.nominal_confidence:
                    sl.entity, sl.confidence = ent, min(0.8, conf)
                    seen[ent] = seen.get(ent, 0) + 1
                    last[ent] = (sl.tok, 0.8, sent)
                    continue
            if self.new_entities and not sl.named:
                # a new, unnamed person ("a man", "her father", "the skipper"): later pronouns may refer to it
                pid = PSEUDO + next_pseudo
                next_pseudo += 1
                genders[pid] = sl.gender or "U"
                unnamed[sl.head] = pid
                sl.entity, sl.confidence = pid, 0.5
                last[pid] = (sl.tok, self.new_weight, sent)

    def _best(self, last, sl: Slot, genders: dict[int, str], sent: int, window: int | None = None):
        scores = []
        for ent, (tok, weight, esent) in last.items():
            dist = sl.tok - tok
            if window is not None and dist > window:
                continue
            g = genders.get(ent, "U")
            if sl.gender in ("M", "F") and g in ("M", "F") and g != sl.gender:
                continue
            if sl.gender in ("M", "F") and g not in ("M", "F"):
                weight *= self.unknown_gender_weight
            if sl.kind == "nominal" and self.kinds.get(ent):
                animal = self.kinds[ent] != "human"
                if (sl.head in ANIMAL_HEADS) != animal:
                    continue
            if sl.kind == "nominal" and esent == sent and sl.tok - tok > 2:
                continue  # "Kakashi glanced at the chunin": a description is not the one just named beside it
            if sl.kind == "pronoun" and esent == sent and sl.subject is False and weight > 1.0 and \
                    PRONOUNS_OBJECT.get(sl_word(sl), False):
                weight *= 0.5
            scores.append((weight * math.exp(-self.decay * dist), ent))
        if not scores:
            return None, 0.0
        scores.sort(reverse=True)
        best, ent = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        conf = best / (best + second + 1e-9) if second else min(1.0, 0.5 + best)
        return ent, round(conf, 3)


PLURAL = {w for w, (_, _, n) in PRONOUNS.items() if n == "pl"}
PSEUDO = 1_000_000  # entity ids from here on are unnamed people introduced by descriptions
PRONOUNS_OBJECT = {"him": True, "himself": False, "herself": False}


def sl_word(sl: Slot) -> str:
    return sl.head


def chain_unresolved(work: Work, slots: list[Slot]) -> None:
    """Chains for pronouns that are no single character: 'they' ... 'them' nearby, 'we' or 'you' in one quotation."""
    toks = work.tokens
    next_id = 0
    last_group: dict[str, tuple[int, int, int]] = {}  # kind of group -> (chain, sentence, quote key)
    for sl in sorted(slots, key=lambda s: s.start):
        if sl.kind != "pronoun" or sl.entity is not None:
            continue
        sent = toks.sent[sl.tok]
        if sl.head in THIRD_PL:
            group, limit = "they" + ("q" if sl.in_quote else ""), 2
        elif sl.head in FIRST_PL:
            group, limit = "we" + ("q" if sl.in_quote else ""), (3 if sl.in_quote else 10**9)
        elif sl.head in SECOND_SG:
            group, limit = "you", 3
        elif sl.head in FIRST_SG:
            group, limit = "i", 3
        else:
            continue
        prev = last_group.get(group)
        if prev is not None and sent - prev[1] <= limit:
            sl.chain = prev[0]
        else:
            sl.chain = next_id
            next_id += 1
        last_group[group] = (sl.chain, sent, 0)


THIRD_PL = {"they", "them", "their", "theirs", "themselves"}
FIRST_PL = {"we", "us", "our", "ours", "ourselves"}


def mentions_from_slots(slots: list[Slot]) -> list[Mention]:
    out = [Mention(s.start if s.span_start is None else s.span_start, s.end, s.entity, s.kind, s.confidence,
                   s.chain if s.entity is None else None) for s in slots]
    out.sort(key=lambda m: (m.start, m.end))
    return out


def paragraph_quotes(work: Work) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    style = quote_style(work)
    for p in work.paragraphs:
        spans.extend(quote_spans(work.text, p.start, p.end, style))
    return spans


def speech_verb_beside(toks, sl: Slot, verbs) -> bool:
    """A speech verb is the token right before or right after the mention ('said Anne', 'Anne said')."""
    starts = toks.start
    i = bisect_right(starts, sl.start) - 1
    j = bisect_right(starts, sl.end - 1)
    for k in (i - 1, j, j + 1):
        if 0 <= k < len(toks) and toks.lemma[k].lower() in verbs and toks.pos[k] in ("VERB", "AUX"):
            return True
    return False


def dialogue_first_person(work: Work, quotes: list[tuple[int, int]], slots: list[Slot]) -> None:
    """'I', 'me', 'my' inside a quotation go to its speaker when a speech tag names one.

    The tag is a resolved mention next to a speech verb just after the quotation
    ('"...," said Anne' / '"...," he said') or just before it ('Anne said, "..."');
    every quotation of a paragraph with one tagged speaker shares that speaker.
    """
    from ficlens.stages.char_names import SPEECH_VERBS

    toks, text = work.tokens, work.text
    if not quotes or toks is None:
        return
    resolved = sorted((s for s in slots if s.entity is not None and s.kind in ("name", "pronoun", "nominal")
                       and not s.in_quote), key=lambda s: s.start)
    rstarts = [s.start for s in resolved]

    def speech_near(sl: Slot) -> bool:
        return speech_verb_beside(toks, sl, SPEECH_VERBS)

    def tagged(a: int, b: int) -> int | None:
        k = bisect_right(rstarts, b)
        for sl in resolved[k:k + 3]:
            if sl.start - b > 40 or text.find("\n", b, sl.start) >= 0 or any(c in text[b:sl.start] for c in '"“”'):
                break
            if speech_near(sl):
                return sl.entity
        k = bisect_right(rstarts, a) - 1
        for sl in resolved[max(0, k - 2):k + 1][::-1]:
            if a - sl.end > 40 or text.find("\n", sl.end, a) >= 0 or any(c in text[sl.end:a] for c in '"“”'):
                continue
            if speech_near(sl) and text[sl.end:a].rstrip().endswith((",", ":")):
                return sl.entity
        return None

    # speakers: a tag names one; untagged quotations follow the paragraph, then turn-taking
    pstarts = [p.start for p in work.paragraphs]
    speaker_of: dict[int, int | None] = {}
    addressee_of: dict[int, int | None] = {}
    tagged_in_para: dict[int, set] = {}
    paras = []
    for qi, (a, b) in enumerate(quotes):
        pi = bisect_right(pstarts, a) - 1
        paras.append(pi)
        spk = tagged(a, b)
        speaker_of[qi] = spk
        if spk is not None:
            tagged_in_para.setdefault(pi, set()).add(spk)
    turns: list[int] = []  # speakers of the current conversation, most recent last
    last_para = -10
    for qi in range(len(quotes)):
        pi = paras[qi]
        if pi - last_para > 2:
            turns = []
        spk = speaker_of[qi]
        if spk is None:
            same = tagged_in_para.get(pi, set())
            if len(same) == 1:
                spk = next(iter(same))
            elif pi == last_para and turns:
                spk = turns[-1]
            elif len(turns) >= 2 and turns[-1] != turns[-2]:
                spk = turns[-2]
        others = [t for t in reversed(turns) if t != spk]
        addressee_of[qi] = others[0] if others else None
        speaker_of[qi] = spk
        if spk is not None and (not turns or turns[-1] != spk):
            turns.append(spk)
        last_para = pi
    qstarts = [q[0] for q in quotes]
    for sl in slots:
        if sl.kind != "pronoun" or not sl.in_quote or sl.entity is not None:
            continue
        qi = bisect_right(qstarts, sl.start) - 1
        if qi < 0:
            continue
        if sl.person == 1 and sl.head in FIRST_SG and speaker_of.get(qi) is not None:
            sl.entity, sl.confidence = speaker_of[qi], 0.6
        elif sl.person == 2 and sl.head in SECOND_SG and addressee_of.get(qi) is not None:
            sl.entity, sl.confidence = addressee_of[qi], 0.4


SECOND_SG = {"you", "your", "yours", "yourself", "thee", "thou", "thy", "thine"}
FIRST_SG = {"i", "me", "my", "mine", "myself"}
