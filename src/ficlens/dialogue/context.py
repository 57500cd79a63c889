"""What the attribution model looks at: name mentions, speech tags and quotation units.

Everything here is surface patterns over ``Work.text`` (no parser), so it is fast:
character names are found with one regular expression built from the
characters' aliases; speech tags are found next to each quoted segment as
"<subject> <speech verb>" or "<speech verb> <subject>".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ficlens.dialogue.detect import DOUBLE_OPEN, SINGLE_OPEN, Segment
from ficlens.dialogue.lexicon import (DETERMINERS, FEMALE_NOUNS, GESTURE_NOUNS, HEARING_VERBS, KIN_NOUNS, MALE_NOUNS,
                                      MODALS, OBJECT_PRONOUNS, PERSON_WORDS, PHRASAL_SPEECH, POSSESSIVES, SPEECH_VERBS,
                                      SECOND_PERSON_PRONOUNS, SUBJECT_PRONOUNS, TELL_VERBS, TITLE_WORDS, VOICE_VERBS)
from ficlens.dialogue.narration import narration_second_person
from ficlens.document import Character, Work

_PRONOUN_ALIASES = {"he", "she", "i", "me", "him", "her", "they", "them", "you", "we", "us", "it", "his", "my"}
# function words never stand alone for a character ("And" of "A Haughty And Magnificent Nephew")
_FUNCTION_WORDS = {"and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by", "who", "that", "this",
                   "but", "not", "all", "one", "its", "our", "your", "their", "down", "low", "up", "out", "over"}
_DETERMINER_HEADS = ("the", "a", "an")
_SPACE = re.compile(r"\s+")
# a sentence end, but not the full stop of a title or an initial ("Mr. Darcy", "J. Smith")
_TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Mme", "Mlle", "Messrs", "Capt", "Col", "Rev", "Prof")
_NOT_ABBREV = "".join(f"(?<!\\b{a})" for a in _TITLE_ABBREVIATIONS + ("Gen", "Lt", "Sgt", "Jr", "Sr", "Hon", "Esq")
                      ) + r"(?<!\b[A-Z])"
_NEW_CLAUSE = re.compile(r"[\"'\u201d\u2019]?\s*,?\s*(?:and|but|while|then|whereupon)\s", re.I)
_CLAUSE_BREAKS = frozenset("but yet whereupon".split())
_SUBORDINATORS = tuple("when as while whilst if after before since though although till until once because".split())
# words between "and" and a coordinated speech verb ("and then said", "and was saying")
_AUXILIARIES = frozenset("""then was were had would could did again at once presently soon instantly immediately still
also only now is are has does""".split())
# prepositions that may open a clause whose subject is the name after them ("before John came", "for John to say")
_CLAUSE_PREPOSITIONS = frozenset("for before after till until since".split())
_FINITE_VERB = re.compile(r"(?:[a-z]{2,}ed|was|were|had|has|is|came|went|ran|rose|stood|sat|began|spoke|said|saw|took"
                          r"|got|made|left|gave|held|broke|drew|threw|knew|thought|felt|found|heard)$")
_AND = re.compile(r"\band\b")
_PLURAL_PERSONS = frozenset("men women ladies gentlemen".split())
_NOT_YET = re.compile(r"\b(?:future|would-be)\s+$", re.I)  # "the future queen" is not the queen
_RUNS_ON = (",", ":", "-", "\u2014", "\u2013")  # narration ending so runs into a quotation
LEAD_BACK_SENTENCES = 2  # narration sentences after a closing speech verb that may still lead into the quotation
_JOINT_POSSESSIVE = re.compile(r"\s+and\s+[A-Z][\w.]*(?:\s+[A-Z][\w]*)*['\u2019]s\b")  # "Tsunade and Shikamaru's"
PHRASE_WORDS = 3  # words of the one prepositional phrase a leading-in speech verb may close with ("against his lips")
_RESUME_VERBS = frozenset("began begins begin continued continues resumed resumes on".split())  # "went on"
_QUOTE_CLOSERS = " \t\n\"'\u201d\u2019"  # what may follow a line's last word inside its segment
# words that lead into a name said to its bearer with no comma between ("Hi Sakura!", "Thank you Kakashi.")
CALL_WORDS = frozenset("hi hey hello hullo hiya yo morning evening afternoon night goodnight thanks thank you bye "
                       "goodbye welcome congratulations oh ah yes no yeah okay ok well dear please sorry come".split())
NAME_CLOSERS = (",", "!", "?", ".", ";", "-", "\u2014", "\u2026")  # what may follow a name said to its bearer
QUOTE_OPENERS = DOUBLE_OPEN + SINGLE_OPEN + "'"  # an opening mark right before a name: the quotation starts there
SPOKEN_TO_REACH = 24  # characters before a name searched for the words that make it the one spoken to
# "said to Jane", "turning to Mr. Darcy", "asked Elizabeth", "she told Tom": the name is the addressee
_SPOKEN_TO = re.compile(r"\b(?:(?:said|says|say|saying|spoke|speaking|turned|turning|whispered|whispering|called|"
                        r"calling|cried|crying|replied|replying|added|adding|continued|remarked|observed|exclaimed|"
                        r"murmured|muttered|answered|shouted|shouting|nodded|smiled|smiling|looked|looking|glanced|"
                        r"glancing|addressing|addressed|speaks|turns|whispers|calls|cries|replies|adds|continues|"
                        r"remarks|observes|exclaims|murmurs|mutters|answers|shouts|nods|smiles|looks|glances|"
                        r"addresses)\s+(?:\w+\s+)?(?:to|at|towards?|upon)|asked|asking|told|"
                        r"telling|addressed|addressing|answered|thanked|warned|assured|reminded|informed|"
                        r"interrupted|begged|urged|questioned|asks|tells|addresses|answers|thanks|warns|assures|"
                        r"reminds|informs|interrupts|begs|urges|questions)\s+$")
SENT_END = re.compile(_NOT_ABBREV + r"[.!?][\"'\u201d\u2019)]*\s+")
SENT_END_AT = re.compile(_NOT_ABBREV + r"[.!?](?:\s|$)")


def last_sentence(text: str, a: int, b: int) -> int:
    """Start of the last sentence of text[a:b] (the last full stop before its final character)."""
    chunk = text[a:b].rstrip()
    ends = [m.end() for m in SENT_END.finditer(chunk[:-1])]
    return a + (ends[-1] if ends else 0)


# '"...," was her answer' / 'was Mr. Weston's reply': the possessor spoke
_POSSESSIVE_TAG = re.compile(r"[\s,;\u2014-]*(?:was|were|came|followed|is|are|comes|follows)\s+(?:(his|her|my)\s+[a-z]+|([A-Z][\w.]*(?:\s+[A-Z][\w]*)*)['\u2019]s\s)")
# "stopped by Sir Thomas's saying", "May's clear voice rejoin": a possessive before the verb is its subject
_VOICE_OF = re.compile(r"\s*(?:(?:[a-z]+\s+){0,2}(?:voice|tones)\s*)?$")
_SPEECH_NOUNS = ("reply|answer|rejoinder|response|retort|remark|observation|exclamation|question|declaration|"
                 "reasoning|language|word|words|cry|comment|reproach|greeting|salutation|request|advice|verdict")
_SPEECH_NOUN_WORDS = frozenset(_SPEECH_NOUNS.split("|"))
_MODIFIERS = re.compile(r"\s*(?:[a-z]+\s+){0,2}")
# 'Elizabeth's reply was, "..."': the possessor speaks
_POSSESSIVE_LEAD = re.compile(r"([A-Z][\w.]*(?:\s+[A-Z][\w]*)*)['\u2019]s\s+(?:[a-z]+\s+){0,2}(?:" + _SPEECH_NOUNS +
                              r")\s+(?:was|were|had\s+been)[\s,:\u2014-]*$")
_BURST_FROM = re.compile(r"[\s,]*(?:burst|broke|came|escaped|bursts|breaks|comes|escapes)\s+from\s+"
                         r"(?:the\s+lips\s+of\s+)?")
_DENIALS = frozenset(("no", "not", "never"))  # before a speech verb: none was spoken ("made no answer")
POSSESSIVE_GENDER = {"his": "M", "her": "F", "my": "I"}
# words after which a name is an object, not the subject of the speech verb ("drawing near Elizabeth, said")
_OBJECT_MARKERS = frozenset("""to at with near from for of upon on towards toward by than into after before behind
beside about like round around among between under over against across past unto""".split())
TAG_WORD = re.compile("(?:" + "|".join(_TITLE_ABBREVIATIONS) + r")\.|[A-Za-z\u00C0-\u024F](?:[\w\u00C0-\u024F'\u2019]|-(?=[\w\u00C0-\u024F]))*|[.,;:!?\u2014\u2013]|--")


@dataclass
class NameIndex:
    """Sorted name mentions: ``starts[i]:ends[i]`` names ``chars[i]`` (one or several ids)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    chars: list[tuple[int, ...]] = field(default_factory=list)

    def between(self, a: int, b: int) -> range:
        return range(bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b))


def _alias_owners(characters: list[Character]) -> dict[str, tuple[int, ...]]:
    owners: dict[str, dict[int, int]] = {}
    for c in characters:
        forms = dict(c.aliases)
        forms.setdefault(c.name, 1)
        for form, n in forms.items():
            form = form.strip()
            if len(form) < 2 or form.lower() in _PRONOUN_ALIASES:
                continue
            variants = {form, form[0].upper() + form[1:]}
            head, _, rest = form.partition(" ")
            if rest and head.lower() in ("the", "a", "an", "his", "her", "my", "old", "young", "little"):
                variants.add(head.lower() + " " + rest)
            if rest and head.lower() in _DETERMINER_HEADS and all(w[:1].isupper() for w in rest.split()):
                # a title-cased descriptive alias ("The Parlourmaid") is written "the parlourmaid" in narration
                variants.add(head.lower() + " " + rest.lower())
            for variant in variants:
                owners.setdefault(variant, {})[c.id] = max(owners.get(variant, {}).get(c.id, 0), n or 1)
    # single name tokens ("Quested" for "Adela Quested") as weaker forms
    words: dict[str, dict[int, int]] = {}
    for c in characters:
        forms = dict(c.aliases)
        forms.setdefault(c.name, 1)
        for form, n in forms.items():
            parts = form.split()
            if len(parts) < 2 or parts[0].lower() in DETERMINERS:
                continue  # a description ("The Second Policeman") has no name word to stand alone
            for tok in parts:
                tok = tok.strip(".,")
                low = tok.lower()
                if (len(tok) < 3 or not tok[0].isupper() or low in TITLE_WORDS or low in _PRONOUN_ALIASES
                        or low in _FUNCTION_WORDS or low in PERSON_WORDS):
                    continue  # "Man" of "Bogey Man" is no name of its own
                words.setdefault(tok, {})
                words[tok][c.id] = words[tok].get(c.id, 0) + max(1, (n or 1) // 4)
    for tok, ids in words.items():
        # someone called by the word itself keeps it from those using it less ("Turton" is Mr. Turton's, not
        # Mrs. Turton's too)
        best = max(owners.get(tok, {}).values(), default=0)
        mine = owners.setdefault(tok, {})
        for cid, n in ids.items():
            if cid in mine or n > best:
                mine[cid] = mine.get(cid, 0) + n
    out: dict[str, tuple[int, ...]] = {}
    for form, ids in owners.items():
        best = max(ids.values())
        # a surface form shared by several characters points to all whose count is close to the best
        out[form] = tuple(sorted((cid for cid, n in ids.items() if n * 4 >= best), key=lambda x: -ids[x]))
    return out


def build_name_index(text: str, characters: list[Character]) -> NameIndex:
    owners = _alias_owners(characters)
    idx = NameIndex()
    if not owners:
        return idx
    forms = sorted(owners, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace("\\ ", r"\s+") for f in forms)
    # not inside a hyphenated word ("half-Jane"), but after a dash ('"..."--Emma began')
    pattern = re.compile(r"(?<![\w])(?<!\w-)(?:" + alternation + r")(?![\w])")
    for m in pattern.finditer(text):
        if _NOT_YET.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the future king swore": someone else, who is not yet what the name says
        form = m.group()
        if form not in owners:
            form = _SPACE.sub(" ", form)
        if form in owners:
            idx.starts.append(m.start())
            idx.ends.append(m.end())
            idx.chars.append(owners[form])
    return idx


@dataclass
class Tag:
    """A speech tag or action beat next to a quotation."""

    kind: str = "none"  # name | pronoun | noun | none
    start: int = -1
    end: int = -1
    chars: tuple[int, ...] = ()  # characters named by the subject
    gender: str = ""  # M | F | I | P for pronoun/noun subjects
    verb: bool = False  # a speech verb (not just an action beat)
    after: bool = True  # the tag follows the quoted segment
    text: str = ""
    opens: bool = False  # a name beat that opens its sentence as subject, a verb next ("Sakura trailed a hand")


def goes_on(words: list[re.Match], vi: int) -> bool:
    """The speech verb at ``vi`` says the speaking goes on: a verb of resuming ("began again", "went on") or a
    progressive ("He was yelling now.")."""
    verb = words[vi].group().lower()
    return verb in _RESUME_VERBS or (verb.endswith("ing") and vi > 0 and words[vi - 1].group().lower() in
                                     ("was", "were"))


def in_segments(starts: list[int], ends: list[int], pos: int) -> bool:
    """Offset ``pos`` lies inside one of the sorted quoted segments ``starts[i]:ends[i]``."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def pronoun_tag(start: int, word: str, **kw) -> Tag:
    """The subject pronoun ``word`` ("she") at ``start`` as a Tag (``kw``: verb, after)."""
    return Tag("pronoun", start, start + len(word), (), SUBJECT_PRONOUNS[word.lower()], text=word, **kw)


@dataclass
class QuoteUnit:
    """All quoted segments of one paragraph (PDNC grouping) with what surrounds them."""

    index: int
    para: int
    segments: list[Segment]
    tag: Tag = field(default_factory=Tag)
    beat_chars: list[int] = field(default_factory=list)  # characters named in the paragraph's narration, in order
    leading_chars: list[int] = field(default_factory=list)  # named in narration before the first segment
    inner_chars: list[int] = field(default_factory=list)  # named inside the quote
    vocatives: list[int] = field(default_factory=list)  # named inside the quote as a form of address
    told: list[int] = field(default_factory=list)  # named in the narration as the one spoken to ("said to Jane")
    asks: bool = False  # the last quoted segment ends with a question mark
    words: int = 0
    name_words: int = 0  # words of the names inside the quote ("Kakashi." is all name: a call, never a self-call)

    def only_calls(self) -> list[int]:
        """The characters a quotation made of nothing but their names calls ("Kakashi.", "Paul! Paul!")."""
        return self.vocatives if self.vocatives and self.words == self.name_words else []

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


def group_units(segments: list[Segment]) -> list[QuoteUnit]:
    units: list[QuoteUnit] = []
    for s in segments:
        if units and units[-1].para == s.para:
            units[-1].segments.append(s)
        else:
            units.append(QuoteUnit(len(units), s.para, [s]))
    return units


def _head_gender(words: list[str]) -> str:
    for w in reversed(words):
        lw = w.lower()
        if lw in MALE_NOUNS:
            return "M"
        if lw in FEMALE_NOUNS:
            return "F"
    if words and words[0].lower() in ("mr", "mr.", "sir", "lord", "mister"):
        return "M"
    if words and words[0].lower() in ("mrs", "mrs.", "miss", "lady", "ms", "ms.", "madame"):
        return "F"
    return ""


class TagFinder:
    """Finds the speech tag of each quote unit and the names around it."""

    def __init__(self, work: Work, names: NameIndex, segments: list[Segment]) -> None:
        self.text = work.text
        self.work = work
        self.names = names
        self.seg_starts = [s.start for s in segments]
        self.seg_ends = [s.end for s in segments]
        # a second-person story's narrated "you" tags its hero's lines as "I" does a first-person narrator's
        second = narration_second_person(work.text, list(zip(self.seg_starts, self.seg_ends)))
        self.pronouns = SECOND_PERSON_PRONOUNS if second else SUBJECT_PRONOUNS

    def pronoun_tag(self, start: int, word: str, **kw) -> Tag:
        """The subject pronoun ``word`` ("she", a second-person story's "you") at ``start`` as a Tag."""
        return Tag("pronoun", start, start + len(word), (), self.pronouns[word.lower()], text=word, **kw)

    def has_quote(self, a: int, b: int) -> bool:
        """Some quoted segment overlaps [a, b)."""
        i = bisect.bisect_right(self.seg_starts, b - 1) - 1
        return i >= 0 and self.seg_ends[i] > a

    def possessive_at(self, pos: int) -> bool:
        """The name ending at ``pos`` is a possessive ("Emma's")."""
        return self.text.startswith(("'s", "\u2019s"), pos)

    def speaks_as(self, name: tuple[int, int, tuple[int, ...]], verb_at: int) -> bool:
        """The name mention can be the subject of the speech verb at ``verb_at``: no possessive, or one owning
        the voice ("Clara's low voice said") or a word of speech right after it ("Tom's saying", "Tom's reply");
        not the owner of a look ("Tom's eyes went up")."""
        if not self.possessive_at(name[1]):
            return True
        word = TAG_WORD.match(self.text, verb_at)
        word = word.group().lower() if word else ""
        between = self.text[name[1] + 2:verb_at]
        if not between.strip() or (word in _SPEECH_NOUN_WORDS and _MODIFIERS.fullmatch(between)):
            return True  # "Tom's reply", "Tom's repeated question"
        return bool(_VOICE_OF.match(self.text, name[1] + 2, verb_at))

    def in_quote(self, pos: int) -> bool:
        return in_segments(self.seg_starts, self.seg_ends, pos)

    def names_in(self, a: int, b: int) -> list[tuple[int, int, tuple[int, ...]]]:
        n = self.names
        return [(n.starts[i], n.ends[i], n.chars[i]) for i in n.between(a, b) if n.ends[i] <= b]

    def _subject(self, chunk_start: int, words: list[re.Match], verb_i: int, forward: bool) -> Tag | None:
        """The subject phrase before (``forward`` False) or after a speech verb, as a Tag."""
        if forward:
            span = []
            for w in words[verb_i + 1:verb_i + 6]:
                if w.group() in ".,;:!?\u2014\u2013--" or w.group().lower() in ("to", "in", "with", "at", "as", "and"):
                    break
                span.append(w)
            while len(span) > 1 and span[-1].group().islower() and span[-1].group().endswith("ly"):
                span.pop()  # "said the man respectfully"
        else:
            span = []
            for w in reversed(words[max(0, verb_i - 6):verb_i]):
                if w.group() in ".,;:!?\u2014\u2013--":
                    break
                span.insert(0, w)
            # drop adverbs right before the verb ("Kakashi said quietly" / "she quietly said")
            while span and span[-1].group().lower().endswith("ly") and len(span) > 1:
                span.pop()
        if not span:
            return None
        a, b = chunk_start + span[0].start(), chunk_start + span[-1].end()
        toks = [w.group() for w in span]
        if not forward:
            lo = next(i for i, w in enumerate(words) if w is span[0])
            tag = self.coordinated_subject(chunk_start, words, verb_i) or \
                self.nearest_subject(chunk_start, words, lo, verb_i)
            if tag is not None:
                return tag
        # a name may run on past the span ("cut in the clear voice of Inspector Ratcliffe")
        named = [n for n in self.names_in(a, b + 60) if n[0] < b] if forward else self.names_in(a, b)
        if not forward:  # "His eyes looked down on the dog and chuckled": an object is no subject of the and-verb
            verb_at = chunk_start + words[phrasal_start(words, verb_i)].start()  # "broke out": at "broke"
            named = [n for n in named if not (self._is_object(chunk_start, words, n[0]) and
                                              _AND.search(self.text, n[1], verb_at)) and self.speaks_as(n, verb_at)]
        if named:
            s, e, chars = named[0]
            return Tag("name", s, e, chars, text=self.text[s:e])
        first = toks[0].lower()
        if first in self.pronouns:
            return self.pronoun_tag(a, toks[0])
        if first in DETERMINERS or toks[0][:1].isupper():
            np = toks[:4]
            g = _head_gender(np)
            if first in ("my", "his", "her", "their", "our", "the", "a", "an", "that", "this") or g:
                return Tag("noun", a, b, (), g, text=self.text[a:b])
        return None

    def coordinated_subject(self, chunk_start: int, words: list[re.Match], verb_i: int) -> Tag | None:
        """The subject of a speech verb coordinated by "and" with the clause's first verb: the clause's first
        subject ("Brenda saw he was cross and said" -> Brenda; "Tony took Jane's hand and then said" -> Tony)."""
        v = phrasal_start(words, verb_i)  # "and blurted out": the verb proper
        k = v - 1
        while k >= 0 and v - k <= 3 and (words[k].group() in _AUXILIARIES or
                                         (words[k].group().islower() and words[k].group().endswith("ly"))):
            k -= 1  # "and then said", "and was saying", "and quietly said"
        if k < 0 or words[k].group() != "and":
            return None
        lo = self.clause_start(words, verb_i)
        for i in range(k - 1, lo - 1, -1):
            low = words[i].group().lower()
            if low in _CLAUSE_BREAKS or low in ("--", "\u2014") or (low == "and" and i and words[i - 1].group() == ","):
                lo = i + 1  # "Jane smiled, but Tony looked up and said": the last clause
                break
            if low in ("who", "which", "whom", "whose"):
                # "Elizabeth, who rose and said", "Ronny, who was to be transferred, approached Fielding and
                # said": the name the relative clause hangs on
                pos = chunk_start + words[i].start()
                if low != "who":
                    return None
                if self.text[max(0, pos - 3):pos].rstrip().endswith(","):
                    return self.antecedent(pos)
        if lo < k and words[lo].group().lower() in _SUBORDINATORS:
            # "When Jane had left, Tony looked up and said": past the subordinate clause
            comma = next((i for i in range(lo, k) if words[i].group() == ","), None)
            if comma is None:
                return None
            lo = comma + 1
        a = chunk_start + words[lo].start() if lo < k else None
        if a is None:
            return None
        named = {n[0]: n for n in self.names_in(a, chunk_start + words[k].start())}
        found: Tag | None = None
        for i in range(lo, k):
            tag = self.subject_at(chunk_start, words, named, i)
            if tag is None:
                continue
            before = words[i - 1].group().lower() if i > lo else ""
            if found is None:
                found = tag
            elif before in _SUBORDINATORS + ("that",) and not any(x.group() == "," for x in words[i:k]) and \
                    (before == "that" or (i - 1 > lo and words[i - 2].group() == ",")):
                # "She was conscious that he raised his cap and said", "..., when she broke the silence and said":
                # the and-clause is theirs (not "Alice, as she went by, called")
                found = tag
            elif before == ",":
                # "Having greeted Mrs. Lovell Mingott, a lady in satin, he sat down and said": a clause of its
                # own after a comma (not a list: "Tom, Jane, and Mary were")
                nxt = next((x for x in words if chunk_start + x.start() >= tag.end), None)
                if nxt is not None and nxt.group()[:1].islower() and nxt.group() not in _OBJECT_MARKERS:
                    found = tag  # (not an apposition: "Mr. Haq, the Inspector of Police, flung open")
        return found

    def nearest_subject(self, chunk_start: int, words: list[re.Match], lo: int, verb_i: int) -> Tag | None:
        """The subject pronoun or name nearest before the verb, from word ``lo`` on, skipping adverbs and
        objects ("but he soon afterwards said", "Archer heard Reggie Chivers say" -> Reggie Chivers)."""
        if verb_i <= lo:
            return None
        a, b = chunk_start + words[lo].start(), chunk_start + words[verb_i].start()
        every = self.names_in(a, b)
        # "stopped by Sir Thomas's saying": a possessive right before the verb is its subject
        named = [n for n in every if self.speaks_as(n, b) and
                 (self.possessive_at(n[1]) or not self._is_object(chunk_start, words, n[0]))]
        k = verb_i - 1
        while k > lo and (words[k].group().lower().endswith("ly") or words[k].group().lower() in ("thus", "then")):
            k -= 1  # "Tom, returning from them, where Edmund was standing, thus began"
        top = verb_i  # where the backward search for a subject starts
        if words[k].group() == ",":
            # "Diana, going to the gable where Anne stood, said": the name before the aside is the subject
            aside = [n for n in named if self.text.startswith(",", n[1])]
            if aside:
                s, e, chars = aside[-1]
                return self.relative_head(chunk_start, words, lo, verb_i, Tag("name", s, e, chars, text=self.text[s:e]),
                                          every)
            # "Rodney offered Denham a chair, and, flinging the manuscript on to the table, exclaimed": the verb
            # is coordinated with the clause's first one
            opening = next((j for j in range(k - 1, max(lo, k - 25), -1) if words[j].group() == ","), None)
            if opening is not None and "and" in (words[opening - 1].group(), words[opening + 1].group()):
                # (", and stretching his ankles to the coals, said" too)
                tag = self.coordinated_subject(chunk_start, words, opening + (words[opening - 1].group() != "and") * 2)
                if tag is not None:
                    return tag
                top = opening  # a name inside the aside is none of the verb's ("and, aware Tom would not see, said")
        # a finite verb ("replied", not "calling") has its subject outside a subordinate clause before it
        finite = not words[verb_i].group().lower().endswith("ing") or \
            words[verb_i - 1].group().lower() in ("was", "were", "is", "are")
        fallback: Tag | None = None
        i = top
        while i > lo:
            i -= 1
            w = words[i]
            pos = chunk_start + w.start()
            low = w.group().lower()
            tag = None
            for s, e, chars in named:
                if s <= pos < e:
                    tag = self.relative_head(chunk_start, words, lo, verb_i,
                                             Tag("name", s, e, chars, text=self.text[s:e]), every)
                    while i > lo and chunk_start + words[i - 1].start() >= s:
                        i -= 1  # the name's first word
                    break
            if tag is None and low == "who":  # "... by Lydia, who, flying to her, cried": the name the clause hangs on
                head = self.antecedent(pos)
                if head is not None:
                    return head
            if tag is None and low in self.pronouns and low != "it":
                tag = self.pronoun_tag(pos, w.group())
            if tag is None or self.text.count(")", tag.end, chunk_start + words[verb_i].start()) > \
                    self.text.count("(", tag.end, chunk_start + words[verb_i].start()):
                continue  # "lit his cigar (it was Newland who bought them), and stretching ..., said"
            if fallback is None and finite and i > lo and words[i - 1].group().lower() in _SUBORDINATORS and \
                    self.closed_before(words, i, verb_i, tag.end - chunk_start):
                # "and when she ceased speaking, replied thus,": the subordinate clause's subject is not the
                # speaker's (unless nobody else is named before it)
                fallback = tag
                i -= 1
                continue
            return tag
        return fallback

    @staticmethod
    def closed_before(words: list[re.Match], i: int, verb_i: int, subject_end: int) -> bool:
        """The clause whose subject is words[i] closes with a comma before the verb at ``verb_i``, after a verb of
        its own ("when she ceased speaking, replied"; not "till he, stopping short, said" nor "when she drew
        back, and said", where the speech verb is the clause's own)."""
        commas = [k for k in range(i + 1, verb_i) if words[k].group() == ","]
        if not commas or words[commas[0] - 1].end() <= subject_end:
            return False
        return words[commas[-1] + 1].group().lower() != "and"

    def antecedent(self, who: int) -> Tag | None:
        """The name right before the "who" at ``who`` ("Lydia, who"), as a Tag."""
        i = bisect.bisect_left(self.names.starts, who) - 1
        if i < 0 or self.text[self.names.ends[i]:who].strip(" ,\n"):
            return None
        s, e = self.names.starts[i], self.names.ends[i]
        return Tag("name", s, e, self.names.chars[i], text=self.text[s:e])

    def described_subject(self, chunk_start: int, words: list[re.Match], lo: int, verb_i: int) -> Tag | None:
        """A description opening the clause and set off by a comma: "The detective, registering below,
        remarked", "But the lady, entirely stupid and friendly, continued:"."""
        while lo < verb_i and words[lo].group().lower() in ("but", "and", "then", "so", "now"):
            lo += 1
        if lo >= verb_i or words[lo].group().lower() not in DETERMINERS:
            return None
        comma = next((i for i in range(lo + 1, min(verb_i, lo + 5)) if words[i].group() == ","), None)
        if comma is None or comma < lo + 2 or words[comma - 1].group().lower() not in PERSON_WORDS | KIN_NOUNS.keys():
            return None  # the head is a person noun ("The motor, loaded with refugees, continued" is no speaker)
        a, b = chunk_start + words[lo].start(), chunk_start + words[comma - 1].end()
        return Tag("noun", a, b, (), _head_gender([w.group() for w in words[lo:comma]]), text=self.text[a:b])

    def relative_head(self, chunk_start: int, words: list[re.Match], lo: int, verb_i: int, tag: Tag,
                      every: list[tuple[int, int, tuple[int, ...]]]) -> Tag:
        """A name inside a relative clause gives way to the name the clause hangs on: "Fielding, who did not
        dislike Miss Derek, replied" -> Fielding (unless a new clause follows: "Jane, who was tired, and Tom said")."""
        whos = [i for i in range(lo, verb_i) if words[i].group().lower() in ("who", "whose", "whom")
                and chunk_start + words[i].start() < tag.start]
        if not whos:
            return tag
        i = whos[-1]
        pos = chunk_start + words[i].start()
        rest = [w.group().lower() for w in words[i + 1:verb_i]]
        inside = [w.group() for w in words[i + 1:verb_i] if chunk_start + w.start() < tag.start] + [""]
        # the name is past the relative clause ("Jane, who was tired, soon left, while Tom said"), unless the clause
        # runs on with another verb ("Fanny, who had heard it all, and borne Edmund company, now said")
        if ";" in rest or "but" in rest or any(
                w == "," and not (nxt == "and" and after.islower() and after not in self.pronouns)
                for w, nxt, after in zip(inside, inside[1:], inside[2:] + [""])):
            return tag
        head = [n for n in every if n[1] <= pos and not self.text[n[1]:pos].strip(" ,\n")]
        if not head or self._is_object(chunk_start, words, head[-1][0]):
            return tag
        s, e, chars = head[-1]
        return Tag("name", s, e, chars, text=self.text[s:e])

    def lead_in_between(self, before: Segment, seg: Segment) -> Tag | None:
        """The subject of a speech verb in the narration between two quoted segments, when that narration
        leads into the second one (ends with ',', ':' or a dash)."""
        a = before.end + (1 if before.closed else 0)
        b = max(a, seg.start - 1)
        chunk = self.text[a:b]
        if not runs_into_quote(chunk):
            return None
        words = list(TAG_WORD.finditer(chunk))
        verbs = speech_verb_indices(words, after_quote=True)
        if not verbs:
            return None
        # "and, in an unhappy mood, thus spoke Mary:" -> the subject after the verb
        return self.nearest_subject(a, words, self.clause_start(words, verbs[-1]), verbs[-1]) or \
            self._subject(a, words, verbs[-1], True)

    def possessive_tag(self, pos: int, chunk: str) -> Tag | None:
        """'"Not at all," was her answer' / '"Four o'clock!" was Mr. Weston's quick amendment'."""
        m = _POSSESSIVE_TAG.match(chunk)
        if m is None:
            burst = _BURST_FROM.match(chunk)  # '"Those dreadful insects!" burst from William'
            named = self.names_in(pos + burst.end(), pos + burst.end() + 40) if burst else []
            if named and named[0][0] == pos + burst.end():
                s, e, chars = named[0]
                return Tag("name", s, e, chars, verb=True, text=self.text[s:e])
            return None
        if m.group(1):
            a = pos + m.start(1)
            return Tag("pronoun", a, a + len(m.group(1)), (), POSSESSIVE_GENDER[m.group(1).lower()], verb=True,
                       text=m.group(1))
        named = [n for n in self.names_in(pos + m.start(2), pos + m.end(2) + 40) if self.possessive_at(n[1])]
        if named:
            s, e, chars = named[0]
            return Tag("name", s, e, chars, verb=True, text=self.text[s:e])
        return None

    def subject_at(self, chunk_start: int, words: list[re.Match], named: dict[int, tuple[int, int, tuple[int, ...]]],
                   i: int) -> Tag | None:
        """The subject word ``i`` opens, if any: a name of ``named`` (by start) that is no object or possessive, or
        a subject pronoun other than "it"."""
        w = words[i]
        pos = chunk_start + w.start()
        if pos in named:
            s, e, chars = named[pos]
            if self._is_object(chunk_start, words, s) or self.possessive_at(e):
                return None
            return Tag("name", s, e, chars, text=self.text[s:e])
        low = w.group().lower()
        return self.pronoun_tag(pos, w.group()) if low in self.pronouns and low != "it" else None

    def previous_clause_subject(self, chunk_start: int, words: list[re.Match], lo: int) -> Tag | None:
        """The first subject of the clause before word ``lo`` (which follows a ';' or ':'), for a clause with none
        of its own: "but Lady Catherine declined eating any thing; and then rising up, said to Elizabeth," ->
        Lady Catherine."""
        for _ in range(3):  # "Lady Bertram came to meet her; came with no indolent step; and falling on her neck, said"
            if lo < 2:
                return None
            start = self.clause_start(words, lo - 1)
            a, b = chunk_start + words[start].start(), chunk_start + words[lo - 1].start()
            named = {n[0]: n for n in self.names_in(a, b)}
            for i in range(start, lo - 1):
                tag = self.subject_at(chunk_start, words, named, i)
                if tag is not None:
                    return tag
            lo = start
        return None

    def clause_start(self, words: list[re.Match], verb_i: int) -> int:
        """Index of the first word of the clause holding the verb (after the last ';' or ':')."""
        for i in range(verb_i - 1, -1, -1):
            if words[i].group() in (";", ":"):
                return i + 1
        return 0

    def name_end(self, pos: int) -> int:
        """End of the name mention starting at ``pos`` (``pos`` when none starts there)."""
        i = bisect.bisect_left(self.names.starts, pos)
        return self.names.ends[i] if i < len(self.names.starts) and self.names.starts[i] == pos else pos

    def _is_object(self, chunk_start: int, words: list[re.Match], pos: int) -> bool:
        """The name at ``pos`` follows a preposition ("near Elizabeth"), so it is not the speaker."""
        prev = [w for w in words if chunk_start + w.end() <= pos]
        if not prev:
            return False
        word = prev[-1].group()
        if word == "For" or (word == "for" and len(prev) > 1 and prev[-2].group() == ","):
            return False  # "For Helen had darted out, shouting,", "..., for Godbole twisted": a conjunction
        low = word.lower()
        if low == "of" and len(prev) > 1 and prev[-2].group().lower() in ("voice", "tones"):
            return False  # "came the voice of Syme, still speaking": the voice's owner speaks
        if low in _CLAUSE_PREPOSITIONS:
            end = self.name_end(pos)
            nxt = next((w.group() for w in words if chunk_start + w.start() >= end), "")
            if (low == "for" and nxt == "to") or (low != "for" and _FINITE_VERB.match(nxt)):
                return False  # "for Frank to draw near her and say", "before John came running up, calling"
        # "Mr. Crawford, approaching Julia, said": the object of a participle
        return low in _OBJECT_MARKERS or is_participle(word)

    def after_tag(self, seg: Segment, nxt: int) -> Tag | None:
        """The speech tag in the narration right after ``seg`` (up to ``nxt``), if any."""
        text = self.text
        close = seg.end + (1 if seg.closed else 0)
        chunk = text[close:min(nxt, close + 160)]
        owner = self.possessive_tag(close, chunk)
        if owner is not None:
            return owner
        words = list(TAG_WORD.finditer(chunk))[:12]
        verbs = set(speech_verb_indices(words[:7], after_quote=True))
        for vi, w in enumerate(words[:7]):
            if vi in verbs and vi + 1 in verbs and w.group().lower() in PHRASAL_SPEECH.get(
                    words[vi + 1].group().lower(), ()):
                continue  # "cut in the clear voice of Inspector Ratcliffe": the verb is "cut in"
            if perceives(words, vi):
                return self.perceived_subject(close, words, vi)
            if vi in verbs:
                first = vi - 1 if w.group().lower() in PHRASAL_SPEECH else vi  # "put in Lucy": the verb is two words
                before = [x for x in words[:first] if x.group() not in ",;:\u2014\u2013--"]
                if before and len(before) <= 5 and words[0].group() not in ".!?":
                    tag = self._subject(close, words, vi, False)
                else:
                    tag = self._subject(close, words, vi, True)
                if tag:
                    tag.verb, tag.after = True, True
                    return tag
                return None
            if w.group() in ".!?" and vi > 0:
                return None
        return None

    @staticmethod
    def perceived_subject(chunk_start: int, words: list[re.Match], vi: int) -> Tag | None:
        """The subject of the clause a perception "tell" takes: '"Fine," he could tell she was lying' -> she (the
        speaker, as a beat); None without one ("he could tell from her voice")."""
        nxt = words[vi + 1].group() if vi + 1 < len(words) else ""
        return pronoun_tag(chunk_start + words[vi + 1].start(), nxt, verb=False, after=True) if opens_clause(nxt) \
            else None

    def tag_for(self, unit: QuoteUnit, paragraph_end: int, para_start: int) -> Tag:
        # 1. the narration right after each segment: '"...," said Lucy' / '"...," she said'
        for k, seg in enumerate(unit.segments):
            nxt = unit.segments[k + 1].start - 1 if k + 1 < len(unit.segments) else paragraph_end
            tag = self.after_tag(seg, nxt)
            if tag is not None:
                # 'Beaver said, "...", and Brenda asked him': the lead-in is the tag
                return (self.winning_lead_in(unit, para_start) if k == 0 else None) or tag
        # 2. a tag or beat before the first segment: 'Lucy said, "..."' / 'Iruka wrinkled his nose,'
        lead, _ = self.before_tag(unit, para_start)
        if lead is not None and lead.verb:
            return lead
        # 3. a narration paragraph whose speech verb leads into this one ('Mrs. Bennet instantly answered,')
        led = self.lead_in(unit) if lead is None else Tag()
        if led.verb:
            return led
        # 4. a speech verb leading into a later segment ('"Say I'll write," and, when the footman had gone, Tony
        # said, "An atrocious suggestion."'), also over a beat before the first ('After many compliments to
        # Jane, "How do you like my gown?" ... Mrs. Elton then said, "..."')
        for k in range(1, len(unit.segments)):
            inner = self.lead_in_between(unit.segments[k - 1], unit.segments[k])
            if inner is not None:
                inner.verb, inner.after = True, False
                return inner
        return lead or self.beat_after(unit, paragraph_end) or led

    def winning_lead_in(self, unit: QuoteUnit, para_start: int) -> Tag | None:
        """The tag of a speech verb running straight into the unit's first segment, when the narration after
        that segment opens a clause of its own (so it is no tag of the segment); else None."""
        if not self.new_clause_after(unit.segments[0]):
            return None
        lead, leads_in = self.before_tag(unit, para_start)
        return lead if lead is not None and lead.verb and leads_in else None

    def new_clause_after(self, seg: Segment) -> bool:
        """The narration after ``seg`` opens a clause of its own: ', and Brenda asked him' or, after a finished
        sentence, 'He replied in an odd voice, "..."'."""
        close = seg.end + (1 if seg.closed else 0)
        if _NEW_CLAUSE.match(self.text, close):
            return True
        return self.text[seg.start:seg.end].rstrip().endswith((".", "!", "?")) and \
            self.text[close:close + 3].lstrip()[:1].isupper()

    def before_tag(self, unit: QuoteUnit, para_start: int) -> tuple[Tag | None, bool]:
        """The tag or beat in the narration before the first segment, and whether that narration runs straight
        into the quotation (ends with ',', ':' or a dash)."""
        text = self.text
        first = unit.segments[0]
        k = bisect.bisect_left(self.seg_starts, first.start) - 1  # a quotation earlier in the paragraph
        lead_start = max(para_start, self.seg_ends[k] + 1) if k >= 0 and self.seg_ends[k] >= para_start else para_start
        lead = text[lead_start:max(lead_start, first.start - 1)]
        if not lead.strip():
            return None, False
        leads_in = runs_into_quote(lead)
        # the last sentence before the quotation, also when it ends with a full stop ('Sakura smiled. "..."')
        sent_start = last_sentence(text, lead_start, max(lead_start, first.start - 1))
        chunk = text[sent_start:max(sent_start, first.start - 1)]
        owner = _POSSESSIVE_LEAD.search(chunk)
        if owner is not None:  # "and Elizabeth's reply was," / "Mary's declaration was,"
            named = [n for n in self.names_in(sent_start + owner.start(), sent_start + owner.end(1) + 2)
                     if self.possessive_at(n[1])]
            if named:
                s, e, chars = named[-1]
                return Tag("name", s, e, chars, verb=True, after=False, text=text[s:e]), leads_in
        words = list(TAG_WORD.finditer(chunk))
        # the speech verb nearest the quotation: "Jane said nothing, but Lucy whispered,"
        verbs = speech_verb_indices(words)
        verb_i = verbs[-1] if verbs else None
        if verb_i is not None:
            tag = self._subject(sent_start, words, verb_i, False) or self._subject(sent_start, words, verb_i, True)
            if tag is None:
                # "Henry entered the room, fresh from the Parsonage, calling out," -> the nearest subject
                lo = self.clause_start(words, verb_i)
                tag = self.nearest_subject(sent_start, words, lo, verb_i) or \
                    self.described_subject(sent_start, words, lo, verb_i) or \
                    self.previous_clause_subject(sent_start, words, lo)
            if tag:
                tag.verb, tag.after = True, False
                return tag, leads_in
        named = self.names_in(sent_start, first.start)
        named = [n for n in named if not self.in_quote(n[0])]
        if named:
            s, e, chars = named[0]
            return Tag("name", s, e, chars, verb=False, after=False, text=text[s:e],
                       opens=self.opens_as_subject(sent_start, s, e)), leads_in
        if words and words[0].group().lower() in self.pronouns:
            return self.pronoun_tag(sent_start + words[0].start(), words[0].group(), verb=False, after=False), leads_in
        return self.noun_beat(sent_start, words, after=False), leads_in

    def opens_as_subject(self, sent_start: int, s: int, e: int, possessive: bool = False) -> bool:
        """The name at ``s:e`` opens the sentence starting at ``sent_start`` and a lower-case word follows it
        ("Sakura trailed a hand", not "Sakura's smile" unless ``possessive``, nor "As expected, Sakura")."""
        if possessive and self.possessive_at(e):
            e = self.text.find(" ", e)
        nxt = TAG_WORD.match(self.text, e + 1) if self.text[e:e + 1].isspace() else None
        return not self.text[sent_start:s].strip() and nxt is not None and nxt.group().islower() \
            and (possessive or not self.possessive_at(e))

    def beat_after(self, unit: QuoteUnit, paragraph_end: int) -> Tag | None:
        """A beat sentence after the quote naming someone (or opening with he/she/I)."""
        text = self.text
        # 4. a beat sentence after the quote that names someone first: '"..." Kakashi's eye narrowed.'
        last = unit.segments[0]
        close = last.end + 1
        chunk_end = unit.segments[1].start if len(unit.segments) > 1 else paragraph_end
        sent = text[close:min(chunk_end, close + 200)]
        m = SENT_END_AT.search(sent)
        sent_end = close + (m.end() if m else len(sent))
        named = [n for n in self.names_in(close, sent_end) if not self.in_quote(n[0])]
        if named:
            s, e, chars = named[0]
            return Tag("name", s, e, chars, verb=False, after=True, text=text[s:e])
        words = list(TAG_WORD.finditer(text[close:sent_end]))
        first = words[0].group().lower() if words else ""
        if first in ("he", "she", "i", "you") and first in self.pronouns:
            return self.pronoun_tag(close + words[0].start(), words[0].group(), verb=False, after=True)
        return self.noun_beat(close, words, after=True)

    def noun_beat(self, chunk_start: int, words: list[re.Match], after: bool) -> Tag | None:
        """A sentence opening with one person of a gendered noun ("The man stood", "A young woman smiled") as a
        noun beat; else None."""
        if not words or words[0].group().lower() not in ("the", "a", "an"):
            return None
        for k in (1, 2):
            if k >= len(words) or not words[k].group().isalpha() or words[k].group().lower() in _PLURAL_PERSONS:
                return None
            gender = _head_gender([words[k].group()])
            if gender:
                a, b = chunk_start + words[0].start(), chunk_start + words[k].end()
                return Tag("noun", a, b, (), gender, verb=False, after=after, text=self.text[a:b])
        return None

    def lead_in(self, unit: QuoteUnit) -> Tag:
        """A narration paragraph before the quote that leads into it ("..., replied thus," / "he continued.")."""
        if unit.para == 0 or text_starts_quote(self.text, self.work.paragraphs[unit.para].start) is False:
            return Tag()
        p = self.work.paragraphs[unit.para - 1]
        start = self.narration_after_quotes(p.start, p.end)
        if start is None:  # a line of dialogue ending "said Elizabeth." leads into nothing
            return Tag()
        last = self.text[start:p.end].rstrip()
        if not last:
            return Tag()
        runs_on = last.endswith(_RUNS_ON)
        sent_start, sent_end = self.leading_sentence(start, p.end, runs_on)
        chunk = self.text[sent_start:sent_end]
        words = list(TAG_WORD.finditer(chunk))
        verbs = speech_verb_indices(words)
        # "..., replied thus," / "he continued." / "the Secretary said in a strained voice" (no stop: it runs on)
        # no stop at all, in a paragraph of narration only: it runs on too (not '"Yes?" Pakkun asked' without one)
        unstopped = last[-1].isalpha() and start == p.start and bool(verbs)
        smiles = bool(_SMILES_AT.search(chunk))
        closes = (verbs and closes_sentence(words, verbs[-1])) or smiles or (not verbs and approaches(chunk))
        if not (runs_on or unstopped or closes) or ends_hearing(words):
            return Tag()
        if start > p.start and not runs_on and not (verbs and goes_on(words, verbs[-1])):
            return Tag()  # after a quotation only "Mrs. Hurst began again." leads on; '"Hi." Anne said.' is its tag
        if smiles:  # "A nurse smiled brightly at Tom as ...": the sentence's subject, named where it opens
            named = self.names_in(sent_start, sent_end)
            if named and not self.text[sent_start:named[0][0]].strip():
                s, e, chars = named[0]
                return Tag("name", s, e, chars, verb=False, after=False, text=self.text[s:e])
            return Tag()
        if verbs:
            # "... and he listened without attempting to interrupt her while she continued." -> she
            last_verb = verbs[-1]
            lo = self.clause_start(words, last_verb)
            tag = (self.nearest_subject(sent_start, words, lo, last_verb)
                   or self._subject(sent_start, words, last_verb, True)
                   or self.previous_clause_subject(sent_start, words, lo))
            if tag is not None:
                tag.verb, tag.after = True, False
                return tag
        named = self.names_in(sent_start, sent_end)
        if named:
            s, e, chars = named[0]
            # 'Kakashi's eyebrow crinkled in a frown,' running on into the quotation: its subject's beat
            opens = runs_on and not verbs and self.opens_as_subject(sent_start, s, e, possessive=True)
            return Tag("name", s, e, chars, verb=bool(verbs), after=False, text=self.text[s:e], opens=opens)
        if words and words[0].group().lower() in self.pronouns:
            return self.pronoun_tag(sent_start + words[0].start(), words[0].group(), verb=bool(verbs), after=False)
        return Tag()

    def leading_sentence(self, a: int, b: int, runs_on: bool) -> tuple[int, int]:
        """The sentence of narration [a, b) that may lead into the next paragraph's quotation: the last one, or an
        earlier one closed by a speech verb when the sentences after it hold no speech verb and no person as
        subject ('..., he continued. By this time, both Tsunade and Shikamaru's eyes were wide.')."""
        sent_start = last_sentence(self.text, a, b)
        if runs_on or speech_verb_indices(list(TAG_WORD.finditer(self.text, sent_start, b))):
            return sent_start, b
        end = sent_start
        for _ in range(LEAD_BACK_SENTENCES):
            if end <= a or self.has_person_subject(end, b):
                break
            start = last_sentence(self.text, a, end)
            words = list(TAG_WORD.finditer(self.text[start:end]))
            verbs = speech_verb_indices(words)
            if verbs:  # a verb of speaking only ("he continued.", "she whispered."), not "Kakashi thought."
                verb = words[verbs[-1]].group().lower()
                leads = (verb in VOICE_VERBS or verb in _RESUME_VERBS) and closes_sentence(words, verbs[-1])
                return (start, end) if leads else (sent_start, b)
            end = start
        return sent_start, b

    def has_person_subject(self, a: int, b: int) -> bool:
        """Narration [a, b) may have a person as subject: a personal subject pronoun or "you", or a name that is
        neither a possessive nor joined to one ("Tsunade and Shikamaru's eyes")."""
        if any(opens_clause(w.group()) or w.group().lower() == "you" for w in TAG_WORD.finditer(self.text, a, b)):
            return True
        return any(not (self.possessive_at(e) or _JOINT_POSSESSIVE.match(self.text, e))
                   for _, e, _ in self.names_in(a, b))

    def narration_after_quotes(self, a: int, b: int) -> int | None:
        """Where the narration of paragraph [a, b) that may lead into the next paragraph starts: ``a`` when it
        holds no quotation; after its last quotation when that quotation ended a sentence and the narration
        opens a new one ('"...exercise."--A short pause followed, and Mrs. Hurst began again.'); else None
        (the narration is that quotation's tag: '"...," said Elizabeth.')."""
        if not self.has_quote(a, b):
            return a
        i = bisect.bisect_right(self.seg_starts, b - 1) - 1
        inner = self.text[self.seg_starts[i]:self.seg_ends[i]].rstrip()
        after = self.text[self.seg_ends[i]:b]
        m = re.match(r"[\"'\u201d\u2019]?[\s\u2014\u2013-]*", after)
        rest = after[m.end():]
        if inner.endswith((".", "!", "?")) and rest[:1].isupper():
            return self.seg_ends[i] + m.end()
        # the quotation's own tag ends a sentence and more narration follows ('"...always " but here her voice
        # died away. ... Katharine raised her head and said:'): the later sentences may lead on
        later = SENT_END.search(rest)
        if later is not None and rest[later.end():later.end() + 1].isupper():
            return self.seg_ends[i] + m.end() + later.end()
        # the tag runs on into a speech verb of someone else and a colon ('"...," she said, with a tenderness
        # ..., so that Mrs. Hilbery could not help exclaiming:'): past the tag's own words it leads on
        if rest.rstrip().endswith(":") and any(v >= 7 for v in speech_verb_indices(list(TAG_WORD.finditer(rest)))):
            return self.seg_ends[i] + m.end()
        return None

    def calls(self, s: int, e: int, quote_start: int, para_start: int) -> bool:
        """The name at [s, e) inside a quotation is a form of address: it opens the quotation or follows a comma
        ("Yes, Sakura"), or it ends a phrase ("Sakura!", "Hi Sakura.") that it also opens or that a greeting opens;
        a name closing a clause of its own ("What about Sasuke?", "I saw Sasuke.") is talked about, not to."""
        before = self.text[max(para_start, s - 30):s]
        lead = before.rstrip()[-1:]
        if self.text[e:e + 1] not in NAME_CLOSERS:
            return False
        if s == quote_start or lead in (",", "\"") or (lead in QUOTE_OPENERS and before[-1:] == lead):
            return True
        if lead in (".", "!", "?", ";", ":", "\u2026", "\u2014", "-") or not lead:
            return True
        word = re.search(r"([A-Za-z]+)\W*$", before)
        return word is not None and word.group(1).lower() in CALL_WORDS

    def fill(self, unit: QuoteUnit) -> None:
        p = self.work.paragraphs[unit.para]
        unit.tag = self.tag_for(unit, p.end, p.start)
        for s, e, chars in self.names_in(p.start, p.end):
            if self.in_quote(s):
                unit.inner_chars.extend(chars[:1])
                unit.name_words += len(self.text[s:e].split())
                if self.calls(s, e, unit.start, p.start):
                    unit.vocatives.extend(chars[:1])
            else:
                unit.beat_chars.extend(chars[:1])
                if _SPOKEN_TO.search(self.text, max(p.start, s - SPOKEN_TO_REACH), s):
                    unit.told.extend(chars[:1])
                if s < unit.start:
                    unit.leading_chars.extend(chars[:1])
        unit.words = sum(len(self.text[s.start:s.end].split()) for s in unit.segments)
        last = unit.segments[-1]
        unit.asks = self.text[last.start:last.end].rstrip(_QUOTE_CLOSERS).endswith("?")


def is_participle(word: str) -> bool:
    """A lower-case -ing form ("approaching", "summoning"): a name right after it is its object."""
    return word.islower() and len(word) > 4 and word.endswith("ing")


def phrasal_start(words: list[re.Match], verb_i: int) -> int:
    """Index of the verb proper of a phrasal speech verb whose particle is ``words[verb_i]`` ("broke out"), else
    ``verb_i``."""
    v = verb_i
    while v > 0 and words[v].group().lower() in PHRASAL_SPEECH and \
            words[v - 1].group().lower() in PHRASAL_SPEECH[words[v].group().lower()]:
        v -= 1
    return v


def is_possessive(word: str) -> bool:
    """``word`` is a possessive determiner or a noun's possessive ("her", "Clara's")."""
    return word.lower() in POSSESSIVES or word.endswith(("'s", "\u2019s"))


def speech_verb_indices(words: list[re.Match], after_quote: bool = False) -> list[int]:
    """Positions of the speech verbs among ``words`` (of the particle for "put in", "broke in", "went on").

    ``after_quote``: the words follow a quotation, where a perception "tell" is none ('"Fine," he could tell she
    was lying'); before one its subject still leads in ('Kakashi could tell it was weaker. "Are you sure?"').
    """
    out = []
    for i, w in enumerate(words):
        low = w.group().lower()
        if low in GESTURE_NOUNS and i and is_possessive(words[i - 1].group()):
            continue  # "Clara's smile", "his nod": a noun
        if low in SPEECH_VERBS and not (after_quote and perceives(words, i)) and not unspoken(words, i):
            out.append(i)
        elif i and words[i - 1].group().lower() in PHRASAL_SPEECH.get(low, ()):
            out.append(i)
    return out


def unspoken(words: list[re.Match], i: int) -> bool:
    """The speech verb at ``i`` is denied: "she said nothing", "he made no answer", "she did not reply"."""
    nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
    prev = words[i - 1].group().lower() if i else ""
    return nxt == "nothing" or prev in _DENIALS or prev.endswith(("n't", "n\u2019t"))


# a sentence closed by its subject going up to someone: "Tom walked right up to Mary.", "She turned to him.";
# or whose subject smiles at someone named ("A nurse smiled brightly at Tom as she hung up the chart.")
_PERSON_OBJECT = r"(?:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*|him|her|them)\s*[.!]?\s*$"
_APPROACH = re.compile(r"\b(?:turned|turns)\s+to\s+" + _PERSON_OBJECT +
                       r"|\b(?:walked|walks|went|goes|came|comes|stepped|steps|strode|strides|ran|runs|hurried|hurries)"
                       r"(?:\s+(?:right|straight|quickly|slowly))?\s+(?:up|over)\s+to\s+" + _PERSON_OBJECT +
                       r"|\bapproach(?:ed|es)\s+" + _PERSON_OBJECT)
_SMILES_AT = re.compile(r"^[^,;]*?\b(?:smiled|grinned|beamed|winked|smiles|grins|beams|winks)\s+"
                        r"(?:[a-z]+ly\s+)?at\s+[A-Z]")


def approaches(sentence: str) -> bool:
    """The sentence ends with its subject going up to someone ("..., and walked right up to Tsunade."): what
    follows in the next paragraph is the subject speaking to them."""
    return bool(_APPROACH.search(sentence) or _SMILES_AT.search(sentence))


def closes_sentence(words: list[re.Match], vi: int) -> bool:
    """Little follows the speech verb at ``vi`` to the end of ``words``: at most two more words ("he continued
    thus.") or, after a verb of speaking only, adverbs and one short prepositional phrase ("she whispered
    intimately against his lips.")."""
    if vi >= len(words) - 4:
        return True
    if words[vi].group().lower() not in VOICE_VERBS:
        return False  # "He returned to his work.", "They went into the hall."
    rest = [w.group() for w in words[vi + 1:]]
    while rest and rest[0].islower() and rest[0].endswith("ly"):
        rest.pop(0)
    if rest and rest[-1] in ".!?":
        rest.pop()
    if not rest or rest[0].lower() not in _OBJECT_MARKERS:
        return not rest
    phrase = rest[1:]
    return 0 < len(phrase) <= PHRASE_WORDS and all(w.isalpha() and w.islower() for w in phrase)


def ends_hearing(words: list[re.Match]) -> bool:
    """The narration ends with a verb of hearing ("He leaned closer and heard,"): its subject is the listener."""
    alpha = [w.group().lower() for w in words if w.group()[:1].isalpha()]
    return bool(alpha) and alpha[-1] in HEARING_VERBS


def opens_clause(word: str) -> bool:
    """``word`` is a personal subject pronoun ("she was lying"; "it" may be an object: "tell it")."""
    return word.lower() in SUBJECT_PRONOUNS and word.lower() != "it"


def perceives(words: list[re.Match], i: int) -> bool:
    """``words[i]`` is "tell" of perception: after a modal ("he could tell from her voice", but not "I can tell
    you") or before the subject of a clause ("he could tell she was lying")."""
    if words[i].group().lower() not in TELL_VERBS:
        return False
    nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
    if opens_clause(nxt):
        return True
    modal = i > 0 and words[i - 1].group().lower().replace("\u2019", "'") in MODALS
    return modal and nxt not in OBJECT_PRONOUNS and nxt != "you"


def runs_into_quote(chunk: str) -> bool:
    """Narration that runs straight into the quotation after it: it ends with ',', ':' or a dash, or with a speech
    verb and perhaps an adverb ('but the Gryphon only answered "Come on!"', 'the Queen said severely "Who?"')."""
    chunk = chunk.rstrip()
    if chunk.endswith(_RUNS_ON):
        return True
    words = list(TAG_WORD.finditer(chunk[-60:]))
    if words and words[-1].group().endswith("ly") and len(words) > 1:
        words.pop()
    return bool(words) and bool(speech_verb_indices(words[-2:])) and speech_verb_indices(words[-2:])[-1] == \
        len(words[-2:]) - 1


def text_starts_quote(text: str, pos: int) -> bool:
    return text[pos:pos + 1] in "\"'\u201c\u2018\u2014\u2013"


def _other_speaker(a: Tag, b: Tag, gender: dict[int, str]) -> bool:
    """Do two speech tags surely name different people (Jane / Mr. Bingley, he / she)?"""
    def sex(t: Tag) -> str:
        if t.kind == "pronoun":
            return t.gender if t.gender in ("M", "F") else ""
        if t.kind == "name" and len(t.chars) == 1:
            return gender.get(t.chars[0], "") if gender.get(t.chars[0]) in ("M", "F") else ""
        return ""

    if a.kind == "name" and b.kind == "name":
        return not set(a.chars) & set(b.chars)
    if a.kind in ("name", "pronoun") and b.kind in ("name", "pronoun"):
        return bool(sex(a)) and bool(sex(b)) and sex(a) != sex(b)
    return False


def _switches(current: Tag, tag: Tag, gender: dict[int, str]) -> bool:
    """A later tag of the paragraph names someone else: another name or gender, or a name after a pronoun
    ('"Ah!" he said, and caught up the paper. "Now," said Dr. Kemp.': writers name the new speaker)."""
    return _other_speaker(current, tag, gender) or (current.kind == "pronoun" and tag.kind == "name")


def split_speakers(units: list[QuoteUnit], finder: TagFinder) -> list[QuoteUnit]:
    """Split a paragraph's quotations where a second speech tag names someone else:
    '"Yes," said Jane. "No," said Mr. Bingley.' is two quotations."""
    gender = {c.id: c.gender for c in finder.work.characters}
    out: list[QuoteUnit] = []
    for u in units:
        if len(u.segments) < 2:
            out.append(u)
            continue
        para = finder.work.paragraphs[u.para]
        para_end = para.end
        groups: list[list[Segment]] = [[]]
        current: Tag | None = None
        for k, seg in enumerate(u.segments):
            nxt = u.segments[k + 1].start - 1 if k + 1 < len(u.segments) else para_end
            tag = finder.after_tag(seg, nxt)
            lead = finder.winning_lead_in(u, para.start) if k == 0 and tag is not None else None
            if k == 0 and tag is None:
                # 'He exclaimed, "Schlegels again!" and ..., Dolly said, "Oh no"': the lead-in is the first speaker
                before, leads_in = finder.before_tag(u, para.start)
                current = before if before is not None and before.verb and leads_in else None
            if lead is not None:
                # 'Beaver would say, "...", and Tony would say, "..."': the clause after leads into the next one
                groups[-1].append(seg)
                current = lead
                continue
            if k and current is not None and tag is None:
                # '"...!" he concluded; and May echoed, bewildered: "Goodness..."': a lead-in for someone else
                tag = finder.lead_in_between(u.segments[k - 1], seg)
                if tag is not None and _switches(current, tag, gender):
                    groups.append([seg])
                    current = tag
                    continue
                tag = None
            if tag is not None and current is not None and groups[-1] and _switches(current, tag, gender):
                groups.append([])
                current = None
            groups[-1].append(seg)
            if tag is not None and current is None:
                current = tag
        out.extend(QuoteUnit(0, u.para, g) for g in groups)
    for i, u in enumerate(out):
        u.index = i
    return out


def build_units(work: Work, segments: list[Segment], names: NameIndex) -> list[QuoteUnit]:
    finder = TagFinder(work, names, segments)
    units = split_speakers(group_units(segments), finder)
    for u in units:
        finder.fill(u)
    return units
