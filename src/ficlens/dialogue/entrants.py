"""Someone new walks on and speaks: 'A page came to their table to say, "A message, sir."'.

A speaker the story never names is often brought in by an indefinite description
("a page", "a brunette nurse", "a stout man with whiskers") as the subject of the
sentence right before their first quotation, then called by the same head
("the page", "the nurse") or, while they are fresh, by a generic one ("the girl")
for a few paragraphs. Each such entrant becomes a character of its own and its
mentions join the name index, so the speech tags and beats that describe it point
to it. A generic definite ("the man") refers to the entrant only when no named
character of that gender was mentioned since the entrant, since it usually refers
back to someone on stage; likewise a role head that a known character also goes by
("the ninja" of "the silver-haired ninja").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ficlens.dialogue.context import NameIndex, QuoteUnit, TagFinder, build_units, in_segments, last_sentence
from ficlens.dialogue.descriptive import GENERIC_HEADS, NOT_SOMEONE_NEW, STOP_WORDS, title_case
from ficlens.dialogue.detect import Segment
from ficlens.dialogue.lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_WORDS
from ficlens.document import Work
from ficlens.stages.char_build import described_character
from ficlens.stages.char_lexicon import PERSON_NOUNS

NAMING_PARAS = 2  # paragraphs after an unnamed man's last mention in which the narration may name him
FOLLOW_PARAS = 8  # paragraphs after the introduction in which "the page" still means the entrant
GENERIC_NARRATION = 1  # narration paragraphs since the entrant's last mention after which "the girl" is someone else
MAX_MODIFIERS = 3
GENERIC_BY_GENDER = {"F": ("girl", "woman", "lady"), "M": ("man", "boy", "fellow", "guy")}
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|[^\sA-Za-z]")
_PRONOUN = re.compile(r"\b(he|she)\b", re.I)
_PRONOUN_GENDER = {"he": "M", "she": "F"}
# person-like words that bring in no speaker (animals, groups)
NOT_SPEAKERS = frozenset("dog dogs cat horse bird family crowd party group company team army crew household".split())
# words that may open the sentence before its subject: "Presently a servant came in", "Then, a nurse ..."
_OPENERS = frozenset("then presently now soon just suddenly there here at last once finally meanwhile".split())


@dataclass
class Entrant:
    """A person introduced by an indefinite description right before a quotation."""

    phrase: str  # "a brunette nurse"
    head: str  # "nurse"
    gender: str  # M | F | U
    para: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    character: int | None = None  # a described speaker it turns out to be ("said the porter")


def is_person_head(word: str) -> bool:
    return (word in PERSON_WORDS or word in PERSON_NOUNS) and word not in NOT_SPEAKERS


def indefinite_subject(sentence: str) -> tuple[int, int, str] | None:
    """(start, end, head) of an indefinite description opening ``sentence`` ("A stout man with ..."), if the
    head names a person; the head is the last person word among the first few words ("a page came")."""
    words = list(_WORD.finditer(sentence))
    k = 0
    while k < 4 and k < len(words) and (words[k].group().lower() in _OPENERS or words[k].group() == ","
                                        or words[k].group().lower().endswith("ly")):
        k += 1
    words = words[k:]
    if len(words) < 2 or words[0].group().lower() not in ("a", "an"):
        return None
    best = None
    for k, w in enumerate(words[1:2 + MAX_MODIFIERS], start=1):
        low = w.group().lower()
        if not w.group()[:1].isalpha() or low in STOP_WORDS or low.endswith(("'s", "\u2019s")):
            break
        if is_person_head(low) and low not in NOT_SOMEONE_NEW:
            best = k
    if best is None:
        return None
    after = words[best + 1].group().lower() if best + 1 < len(words) else ""
    if after in ("of", "'s", "\u2019s"):
        return None  # "a couple of", "a man's voice"
    return words[0].start(), words[best].end(), words[best].group().lower()


class EntrantFinder:
    """Finds the entrants of a work and their later mentions."""

    def __init__(self, work: Work, segments: list[Segment], names: NameIndex) -> None:
        self.work = work
        self.text = work.text
        self.names = names
        quotes = TagFinder(work, names, segments)
        self.in_quote, self.has_quote = quotes.in_quote, quotes.has_quote
        self.gender = {c.id: c.gender for c in work.characters}
        self.para_of = work.paragraph_finder()
        known = {a.lower() for c in work.characters for a in list(c.aliases) + [c.name]}
        self.known = known
        # speakers known only by a definite description of one word ("The Porter"), whom an entrant may be
        self.described = {c.name.lower(): c.id for c in work.characters
                          if c.name.lower().startswith("the ") and len(c.name.split()) == 2}
        # heads some known character goes by ("the ninja"): a definite with that head may be them
        self.known_heads = {a.split()[-1] for a in known if a.split()}

    def intro_sentence(self, unit: QuoteUnit) -> tuple[int, int] | None:
        """The narration sentence right before the unit: in its paragraph, or the quote-free paragraph before."""
        paras = self.work.paragraphs
        p = paras[unit.para]
        first = unit.segments[0].start - 1
        if self.text[p.start:max(p.start, first)].strip():
            if self.has_quote(p.start, first):
                return None
            return last_sentence(self.text, p.start, first), first
        if unit.para == 0:
            return None
        q = paras[unit.para - 1]
        if self.has_quote(q.start, q.end) or not self.text[q.start:q.end].strip():
            return None
        return last_sentence(self.text, q.start, q.end), q.end

    def entrant_at(self, unit: QuoteUnit) -> Entrant | None:
        span = self.intro_sentence(unit)
        if span is None:
            return None
        a, b = span
        sentence = self.text[a:b]
        found = indefinite_subject(sentence)
        if found is None:
            return None
        s, e, head = found
        phrase = " ".join(sentence[s:e].split())
        low = phrase.lower()
        rest = low.split(" ", 1)[1]
        if low in self.known or rest in self.known or "the " + rest in self.known:
            return None
        if self.names.between(a + s, a + e):
            return None  # the description holds a name ("a friend of Emma"): not someone new
        gender = "M" if head in MALE_NOUNS else "F" if head in FEMALE_NOUNS else PERSON_NOUNS.get(head, "") or ""
        if gender not in ("M", "F"):
            gender = self.pronoun_gender(sentence[e:], self.para_of(a))
        return Entrant(phrase, head, gender, unit.para, [(a + s, a + e)], self.described.get("the " + head))

    def pronoun_gender(self, rest: str, para: int) -> str:
        """The gender of the first he/she after the description ("a nurse smiled as she hung ..."), unless the
        paragraph before speaks of someone by that pronoun (then it is more likely theirs)."""
        m = _PRONOUN.search(rest)
        if m is None:
            return "U"
        word = m.group(1).lower()
        if para > 0:
            p = self.work.paragraphs[para - 1]
            if re.search(r"\b" + word + r"\b", self.text[p.start:p.end], re.I):
                return "U"
        return _PRONOUN_GENDER[word]

    def follow(self, ent: Entrant) -> None:
        """Add the definite mentions of ``ent`` in the paragraphs after its introduction."""
        paras = self.work.paragraphs
        start = ent.mentions[0][1]
        end = paras[min(len(paras) - 1, ent.para + FOLLOW_PARAS)].end
        own = set(ent.phrase.lower().split())
        heads = {ent.head} | set(GENERIC_BY_GENDER.get(ent.gender, ()))
        pattern = re.compile(r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?(" + "|".join(sorted(heads)) + r")\b")
        for m in pattern.finditer(self.text, start, end):
            pos = m.start()
            if self.in_quote(pos):
                continue
            named = {c for k in self.names.between(pos, m.end()) for c in self.names.chars[k]}
            if named:
                if named == {ent.character}:  # "said the porter", the described speaker it is
                    ent.mentions.append((pos, m.end()))
                continue
            mods = m.group().lower().split()[1:-1]
            if any(w in STOP_WORDS or w not in own for w in mods):
                continue  # "the old man" is not "a young man"
            head = m.group(1)
            last = ent.mentions[-1]
            generic = head in GENERIC_HEADS or head in self.known_heads
            if generic and not self.fresh(ent, last, pos):
                continue
            ent.mentions.append((pos, m.end()))

    def fresh(self, ent: Entrant, last: tuple[int, int], pos: int) -> bool:
        """The entrant is still on stage at ``pos`` and no named character of its gender was mentioned since."""
        if ent.gender not in ("M", "F"):
            return False
        paras = self.work.paragraphs
        between = range(self.para_of(last[0]) + 1, self.para_of(pos))
        if sum(1 for k in between if not self.has_quote(paras[k].start, paras[k].end)) > GENERIC_NARRATION:
            return False  # the scene moved on (a conversation in between keeps the entrant on stage)
        n = self.names
        for k in n.between(last[1], pos):
            if not self.in_quote(n.starts[k]) and self.gender.get(n.chars[k][0]) == ent.gender:
                return False
        return True


def find_entrants(work: Work, units: list[QuoteUnit], segments: list[Segment], names: NameIndex) -> list[Entrant]:
    finder = EntrantFinder(work, segments, names)
    out: list[Entrant] = []
    seen: set[int] = set()
    for u in units:
        if u.tag.kind == "name" and u.tag.verb:
            continue  # "A page came in. '...,' said Lucy": the speaker is named
        ent = finder.entrant_at(u)
        if ent is None or ent.mentions[0][0] in seen:
            continue
        seen.add(ent.mentions[0][0])
        finder.follow(ent)
        out.append(ent)
    return out


def named_strangers(work: Work, segments: list[Segment], names: NameIndex) -> list[tuple[int, int, int]]:
    """The mentions ``(start, end, character)`` of an unnamed person the narration names right after: a
    coreference chain of at least two generic descriptions in the narration ("the man heeded", "The man
    seethed") tied to no character, followed within NAMING_PARAS paragraphs by a sentence opening with the first
    narration mention of exactly one character of that gender or of none ("The Severer growled."), is that
    character, who takes the chain's gender when it has none."""
    starts, ends = [s.start for s in segments], [s.end for s in segments]
    chains: dict[int, list] = {}
    for m in work.mentions:
        if m.character is None and m.chain is not None and m.kind == "nominal" and \
                not in_segments(starts, ends, m.start):
            chains.setdefault(m.chain, []).append(m)
    first: dict[int, int] = {}
    for s, c in zip(names.starts, names.chars):
        if not in_segments(starts, ends, s):
            first.setdefault(c[0], s)
    gender = {c.id: c.gender for c in work.characters}
    para_of, paras = work.paragraph_finder(), work.paragraphs
    out: list[tuple[int, int, int]] = []
    for ms in chains.values():
        sex = {_generic_gender(work.text[m.start:m.end]) for m in ms}
        if len(ms) < 2 or len(sex) != 1 or "" in sex:
            continue
        last = max(m.start for m in ms)
        until = paras[min(len(paras) - 1, para_of(last) + NAMING_PARAS)].end
        named = [c for c, s in first.items() if last < s < until and gender.get(c) in ("U", *sex)]
        if len(named) == 1 and _opens_sentence(work.text, first[named[0]]):
            out.extend((m.start, m.end, named[0]) for m in ms)
            ch = work.character(named[0])
            if ch is not None and ch.gender not in ("M", "F"):
                ch.gender, ch.gender_confidence = next(iter(sex)), 0.6
    return out


_GENERIC = re.compile(r"the(?:\s+[a-z][\w-]*){0,2}\s+(" + "|".join(w for ws in GENERIC_BY_GENDER.values() for w in ws)
                      + r")", re.I)


def _generic_gender(phrase: str) -> str:
    """ "the man", "The tall man" -> "M"; "the good lady" -> "F"; anything else ("the children of any man") ""."""
    m = _GENERIC.fullmatch(" ".join(phrase.split()))
    return next((g for g, ws in GENERIC_BY_GENDER.items() if m and m.group(1).lower() in ws), "")


def _opens_sentence(text: str, pos: int) -> bool:
    """The word at ``pos`` opens its sentence (or paragraph), maybe after "The" ("The Severer growled")."""
    if text[max(0, pos - 4):pos].lower() == "the ":
        pos -= 4
    before = text[max(0, pos - 3):pos].rstrip(" \t")
    return not before or before.endswith(("\n", ".", "!", "?"))


def with_owners(names: NameIndex, claims: list[tuple[int, int, int]]) -> NameIndex:
    """``names`` with each entry whose span a claim ``(start, end, character)`` covers exactly read as that
    character's ("the konoichi" is Sakura's alias, but the one of the Hokage's scene is Tsunade)."""
    chars = list(names.chars)
    for s, e, c in claims:
        i = bisect.bisect_left(names.starts, s)
        if i < len(names.starts) and names.starts[i] == s and names.ends[i] == e:
            chars[i] = (c,)
    return NameIndex(list(names.starts), list(names.ends), chars)


def with_mentions(names: NameIndex, extra: list[tuple[int, int, int]]) -> NameIndex:
    """``names`` plus the mentions ``(start, end, character)`` that overlap none of its own."""
    rows = list(zip(names.starts, names.ends, names.chars))
    for s, e, c in extra:
        i = bisect.bisect_left(names.starts, s)
        clash = (i < len(names.starts) and names.starts[i] < e) or (i > 0 and names.ends[i - 1] > s)
        if not clash:
            rows.append((s, e, (c,)))
    rows.sort()
    return NameIndex([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def add_entrants(work: Work, segments: list[Segment], names: NameIndex,
                 units: list[QuoteUnit]) -> tuple[NameIndex, list[QuoteUnit]]:
    """Characters for the entrants of ``work``; the name index and units with their mentions (unchanged when
    there are none)."""
    entrants = find_entrants(work, units, segments, names)
    if not entrants:
        return names, units
    next_id = max((c.id for c in work.characters), default=-1) + 1
    extra: list[tuple[int, int, int]] = []
    text = work.text
    for ent in entrants:
        known = work.character(ent.character) if ent.character is not None else None
        if known is not None:
            known.aliases[ent.phrase] = known.aliases.get(ent.phrase, 0) + 1
            if known.gender not in ("M", "F") and ent.gender in ("M", "F"):
                known.gender, known.gender_confidence = ent.gender, 0.6
            extra.extend((s, e, known.id) for s, e in ent.mentions)
            continue
        aliases: dict[str, int] = {ent.phrase: 1}
        for s, e in ent.mentions[1:]:
            form = " ".join(text[s:e].lower().split())
            if form.split()[-1] not in GENERIC_HEADS:
                aliases[form] = aliases.get(form, 0) + 1
        ch = described_character(work, next_id, title_case(ent.phrase), ent.gender, *ent.mentions[0],
                                 "speaks right after being introduced by this description")
        ch.aliases = aliases
        work.characters.append(ch)
        extra.extend((s, e, next_id) for s, e in ent.mentions)
        next_id += 1
    names = with_mentions(names, extra)
    return names, build_units(work, segments, names)
