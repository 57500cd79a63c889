"""Who a relationship cue is about: the pairs of characters a cue is credited to.

Used by :mod:`ficlens.stages.relationships`. A cue in a quotation goes to the
speaker and the addressee, the person a pronoun stands for, or the people the
quotation names; a relation noun ("her husband Tom") to its possessor and the
person it names; a cue with an object ("Nora kissed Owen") to subject and
object; any other cue to the characters around it. ``kin_pairs`` finds pairs
named as family ("her sister Jane").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import combinations

from ficlens.document import Work
from ficlens.stages.rel_lexicon import PLATONIC
from ficlens.stages.rel_text import Hit, TextIndex

MAX_CUE_CHARACTERS = 4
SOLO_DISCOUNT = 0.75
SCENE_RADIUS = 3


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _quote_at(work: Work, offset: int, starts: list[int]):
    i = bisect_right(starts, offset) - 1
    if i >= 0:
        q = work.quotations[i]
        if q.start <= offset < q.end:
            return q
    return None


def cue_pairs(work: Work, index: TextIndex, hit: Hit, q_starts: list[int],
              weights: dict[tuple[int, int], float],
              lookup: MentionLookup | None = None) -> list[tuple[tuple[int, int], float]]:
    """The character pairs a cue speaks about, each with its share of the cue (empty when unclear).

    A cue in a quotation belongs to the speaker and the addressee (``I love
    you``) or the person spoken of (``He's mine``); a cue in narration to the
    characters of its sentence, else of the sentences around it in the
    paragraph. When only one character is in sight, the cue goes, at a
    discount, to the partner that character interacts with most in the
    surrounding scene. Shares follow the pairs' interaction weights, so a
    cue near three people mostly goes to the pair that is together.
    """
    q = _quote_at(work, hit.start, q_starts) if work.quotations else None
    pairs: list[tuple[int, int]] = []
    discount = 1.0
    if q is not None and q.speaker is not None:
        window = work.text[max(q.start, hit.start - 40):min(q.end, hit.end + 40)]
        spoken_of = (lookup.between(q.start, q.end) if lookup else set()) - {q.speaker}
        obj = _object_after(hit, lookup)
        if obj is not None and obj != q.speaker:  # "marry Robin", "kissed him": who does it to whom
            before = work.text[max(q.start, hit.start - 40):hit.start]
            addressees = [c for c, conf in q.addressees if c is not None and conf >= 0.3]
            if _SECOND.search(before) and addressees and addressees[0] != obj:
                return [(_pair(addressees[0], obj), 1.0)]  # "You must marry Robin"
            if _FIRST.search(before):
                return [(_pair(q.speaker, obj), 1.0)]  # "I kissed him"
            return []
        third = _THIRD_OBJECT.search(work.text, hit.start, hit.end)
        if third is not None:  # "I'm in love with him", "he's mine": the speaker and the one "him" stands for
            ref = lookup.between(third.start(), third.end()) if lookup else set()
            ref.discard(q.speaker)
            return [(_pair(q.speaker, next(iter(ref))), 1.0)] if len(ref) == 1 else []
        if _FIRST_SECOND.search(window):  # "I love you", "he's mine", "marry me": the speaker's own bond
            others = {c for c, conf in q.addressees if c is not None and c != q.speaker and conf >= 0.3}
            targets = others or (spoken_of if 0 < len(spoken_of) <= 2 else index.chars_near(hit.sentence, 1) - {q.speaker})
            if len(targets) > MAX_CUE_CHARACTERS:
                return []
            pairs = [_pair(q.speaker, t) for t in targets]
            chars = {q.speaker}
        else:  # gossip ("Mr Elliot was her lover"): a bond between the people the quotation names
            if not 2 <= len(spoken_of) <= MAX_CUE_CHARACTERS:
                return []
            pairs = [_pair(a, b) for a, b in combinations(sorted(spoken_of), 2)]
            chars = spoken_of
    else:
        direct = _subject_object(work, hit, lookup)
        if direct is not None:  # "Nora kissed Owen", "she married him"
            return [(direct, 1.0)]
        chars = index.chars_near(hit.sentence, 0)
        if len(chars) < 2:
            chars = index.chars_near(hit.sentence, 1)
        if len(chars) < 2:
            para = index.para_chars.get(hit.paragraph, set())
            chars = para if len(para) <= 3 and len(para) > len(chars) else chars
        if len(chars) > MAX_CUE_CHARACTERS:
            return []
        pairs = [_pair(a, b) for a, b in combinations(sorted(chars), 2)]
    if not pairs and len(chars) == 1:
        (solo,) = chars
        partner = _scene_partner(index, hit.paragraph, solo, weights)
        if partner is None:
            return []
        pairs, discount = [_pair(solo, partner)], SOLO_DISCOUNT
    if not pairs:
        return []
    raw = [1.0 + weights.get(p, 0.0) for p in pairs]
    total = sum(raw)
    return [(p, discount * r / total) for p, r in zip(pairs, raw)]


_FIRST = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|we|we're|we'll)\b", re.I)
_SECOND = re.compile(r"\b(you|you're|you'll|you've|your)\b", re.I)


def _object_after(hit: Hit, lookup: MentionLookup | None) -> int | None:
    """The character mentioned right after a cue ("marry Robin", "kissed him"), if any."""
    if lookup is None:
        return None
    k = bisect_left(lookup.starts, hit.end)
    if k < len(lookup.mentions) and 0 <= lookup.mentions[k].start - hit.end <= 2:
        return lookup.mentions[k].character
    return None


def _subject_object(work: Work, hit: Hit, lookup: MentionLookup | None) -> tuple[int, int] | None:
    """(subject, object) around a cue in narration: a mention shortly before it in the clause, one right after."""
    obj = _object_after(hit, lookup)
    if obj is None or lookup is None:
        return None
    j = bisect_left(lookup.starts, hit.start) - 1
    if j < 0:
        return None
    subj = lookup.mentions[j]
    gap = work.text[subj.end:hit.start]
    if len(gap) > 30 or re.search(r"[.,;:!?\"]", gap) or subj.character == obj:
        return None
    return _pair(subj.character, obj)  # type: ignore[arg-type]


# the third person a cue in a quotation is about: an object ("in love with him") or the subject of a claim
# ("he's mine", "she is taken")
_THIRD_OBJECT = re.compile(r"\b(him|her|them)\b|\b(he|she)\b(?=(['’]s| is) (mine|taken))", re.I)
_FIRST_SECOND = re.compile(r"\b(i|i'm|i've|i'd|me|my|mine|myself|you|you're|your|yours|we|us|our)\b", re.I)


def relational_pairs(work: Work, index: TextIndex, hit: Hit, lookup: MentionLookup) -> list[tuple[tuple[int, int], float]]:
    """Who a relation noun binds: "her husband Tom", "Tom, her husband", "Harriet's lover" (+ the one other person near).

    Plural "lovers" binds the two characters of its sentence. Without a
    possessor right before the noun ("a lover", "the husband") the cue says
    nothing about a pair.
    """
    text = work.text
    ms, starts = lookup.mentions, lookup.starts
    word = text[hit.start:hit.end].lower()
    if word.endswith("s") and word.startswith("lover"):
        chars = index.chars_near(hit.sentence, 0)
        return [(_pair(*sorted(chars)), 1.0)] if len(chars) == 2 else []
    j = bisect_left(starts, hit.start)
    owner = ms[j - 1] if j > 0 and 0 <= hit.start - ms[j - 1].end <= 16 else None
    if owner is None or not _OWNER_GAP.match(text[owner.end:hit.start]):
        return []
    k = bisect_left(starts, hit.end)
    referent = None
    if k < len(ms) and 0 <= ms[k].start - hit.end <= 2 and ms[k].kind == "name":
        referent = ms[k].character  # "her husband Tom", "her husband, Tom"
    elif j >= 2 and ms[j - 2].kind == "name" and 0 <= owner.start - ms[j - 2].end <= 3 \
            and "," in text[ms[j - 2].end:owner.start]:
        referent = ms[j - 2].character  # "Tom, her husband"
    if referent is not None and referent != owner.character:
        return [(_pair(owner.character, referent), 1.0)]  # type: ignore[arg-type]
    others = index.chars_near(hit.sentence, 0) - {owner.character}
    if len(others) == 1:
        return [(_pair(owner.character, next(iter(others))), 0.5)]  # type: ignore[arg-type]
    return []


_OWNER_GAP = re.compile(r"(?:'s)?\s*(?:\w+[\s-]+)?$")  # "her husband", "Harriet's lover", "his ex-girlfriend", "her late husband"


class MentionLookup:
    """Characters mentioned in a stretch of text (mentions sorted once)."""

    def __init__(self, work: Work) -> None:
        self.mentions = sorted((m for m in work.mentions if m.character is not None and m.confidence >= 0.3),
                               key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def between(self, start: int, end: int) -> set[int]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return {m.character for m in self.mentions[lo:hi]}  # type: ignore[misc]


def _scene_partner(index: TextIndex, pi: int, solo: int, weights: dict[tuple[int, int], float]) -> int | None:
    """The character, in the paragraphs around ``pi``, who interacts most with ``solo``."""
    near: set[int] = set()
    for pj in range(pi - SCENE_RADIUS, pi + SCENE_RADIUS + 1):
        near |= index.para_chars.get(pj, set())
    near.discard(solo)
    scored = [(weights.get(_pair(solo, c), 0.0), c) for c in near]
    scored = [x for x in scored if x[0] > 0]
    return max(scored)[1] if scored else None


def kin_pairs(work: Work, index: TextIndex, mentions: list, starts: list[int]) -> list[tuple[tuple[int, int], float]]:
    """Pairs named as kin: "her sister Jane", "Mary's brother Tom", "Jane, her younger sister".

    The possessor is the mention right before the family word ("her", "Mary's"),
    the relative the name right after it, or the name just before ", her ...".
    """
    out: list[tuple[int, int]] = []
    text = work.text
    for hit in index.find(PLATONIC["family"]):
        j = bisect_left(starts, hit.start)
        owner = mentions[j - 1] if j - 1 >= 0 else None
        if owner is None or not (0 <= hit.start - owner.end <= 3) or _ADJ_GAP.search(text[owner.end:hit.start]):
            continue
        k = bisect_left(starts, hit.end)
        kin = None
        if k < len(mentions) and 0 <= mentions[k].start - hit.end <= 2 and mentions[k].kind == "name":
            kin = mentions[k].character  # "her sister Jane"
        elif j - 2 >= 0 and mentions[j - 2].kind == "name" and 0 <= owner.start - mentions[j - 2].end <= 3 \
                and "," in text[mentions[j - 2].end:owner.start]:
            kin = mentions[j - 2].character  # "Jane, her sister"
        if owner.character is None:
            continue
        if kin is not None and kin != owner.character:
            out.append((_pair(kin, owner.character), 1.0))
        elif kin is None:  # "her father" said with one other person in the sentence: weaker
            others = index.chars_near(hit.sentence, 0) - {owner.character}
            if len(others) == 1:
                out.append((_pair(owner.character, next(iter(others))), 0.5))
    return out


_ADJ_GAP = re.compile(r"[.!?;:\"]")
