"""Interactions and relationships: who is with, talks to and acts on whom, and how they are bound.

1. :func:`ficlens.stages.rel_network.build_interactions` fills ``work.interactions``.
2. Cues from :mod:`ficlens.stages.rel_lexicon` (``I love you``, a kiss,
   ``he's mine``, jealousy, a secret affair; friend, sensei, brother, rival...)
   are credited to the characters they are said by, to, or about: the speaker
   and addressees of the quotation holding the cue, else the characters
   mentioned in the sentence (and its neighbours in the paragraph).
3. Ship names the author wrote around the story (``KakaSaku`` in a title or
   note) add a prior to the pair they name.
4. Each strong pair becomes a :class:`Relationship`: romantic (AO3 ``A/B``)
   when the romance score passes :data:`ROMANCE_THRESHOLD`, else platonic
   (``A & B``) with the best platonic subtype; a romance whose cues are
   mostly in the past (an ex, an old crush) or whose pair never shares a
   scene is ``mentioned_only``. Evidence holds the sentences behind it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from ficlens.document import Evidence, Interaction, Relationship, Work
from ficlens.stages.rel_lexicon import PAST, PLATONIC, RELATIONAL, ROMANCE
from ficlens.stages.rel_network import build_interactions
from ficlens.stages.rel_text import Hit, TextIndex

ROMANCE_THRESHOLD = 2.5
SHIP_PRIOR = 3.0
MAX_EVIDENCE = 6
MIN_PLATONIC_WEIGHT = 3.0
PLATONIC_SHARE = 0.25
MAX_CUE_CHARACTERS = 4
SOLO_DISCOUNT = 0.75
SCENE_RADIUS = 3
MIN_ROMANCE_SENTENCES = 2
SECONDARY_SHARE = 0.3
TOP_SHARE = 0.15
FAMILY_INHIBIT = 0.5
KIN_SHARE = 0.02
MIN_STRONG = 2.0
# cues that show a couple (a kiss, "I love you", "he's mine", her husband...), as opposed to talk of
# marriage, compliments, blushes and pet names, which alone do not make one
STRONG_ROMANCE = {"i love you", "kiss", "lover", "mine", "sexual", "intimacy", "crush", "attraction", "jealous"}
MAX_ROMANTIC = 6


@dataclass
class PairCues:
    romance: float = 0.0
    past: float = 0.0
    platonic: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    evidence: list[tuple[float, Evidence]] = field(default_factory=list)
    ship_prior: float = 0.0
    sentences: set[int] = field(default_factory=set)
    kin: float = 0.0  # times the pair is named as family ("her sister Jane")
    strong: float = 0.0  # romance from cues that show a couple, not talk of marriage or looks


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class RelationshipStage:
    name = "relationships"
    requires: tuple[str, ...] = ("tokens", "characters", "quotes")

    def __call__(self, work: Work) -> Work:
        index = TextIndex.build(work)
        work.interactions = build_interactions(work, index)
        cues = collect_cues(work, index)
        for pair, prior, ev in ship_priors(work):
            pc = cues.setdefault(pair, PairCues())
            pc.ship_prior = max(pc.ship_prior, prior)
            pc.evidence.append((prior, ev))
        work.relationships = classify(work, work.interactions, cues)
        work.stats["interactions"] = len(work.interactions)
        work.stats["relationships"] = len(work.relationships)
        return work


def _quote_at(work: Work, offset: int, starts: list[int]):
    from bisect import bisect_right

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
        if third is not None:  # "I'm in love with him": the speaker and the one "him" stands for
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
    from bisect import bisect_left

    k = bisect_left(lookup.starts, hit.end)
    if k < len(lookup.mentions) and 0 <= lookup.mentions[k].start - hit.end <= 2:
        return lookup.mentions[k].character
    return None


def _subject_object(work: Work, hit: Hit, lookup: MentionLookup | None) -> tuple[int, int] | None:
    """(subject, object) around a cue in narration: a mention shortly before it in the clause, one right after."""
    obj = _object_after(hit, lookup)
    if obj is None or lookup is None:
        return None
    from bisect import bisect_left

    j = bisect_left(lookup.starts, hit.start) - 1
    if j < 0:
        return None
    subj = lookup.mentions[j]
    gap = work.text[subj.end:hit.start]
    if len(gap) > 30 or re.search(r"[.,;:!?\"]", gap) or subj.character == obj:
        return None
    return _pair(subj.character, obj)  # type: ignore[arg-type]


_THIRD_OBJECT = re.compile(r"\b(him|her|them)\b", re.I)
_FIRST_SECOND = re.compile(r"\b(i|i'm|i've|i'd|me|my|mine|myself|you|you're|your|yours|we|us|our)\b", re.I)


def relational_pairs(work: Work, index: TextIndex, hit: Hit, lookup: MentionLookup) -> list[tuple[tuple[int, int], float]]:
    """Who a relation noun binds: "her husband Tom", "Tom, her husband", "Harriet's lover" (+ the one other person near).

    Plural "lovers" binds the two characters of its sentence. Without a
    possessor right before the noun ("a lover", "the husband") the cue says
    nothing about a pair.
    """
    from bisect import bisect_left

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
        from bisect import bisect_left

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


def collect_cues(work: Work, index: TextIndex) -> dict[tuple[int, int], PairCues]:
    """Romance, past-romance and platonic cue scores per character pair."""
    cues: dict[tuple[int, int], PairCues] = {}
    if any(a.start > b.start for a, b in zip(work.quotations, work.quotations[1:])):
        work.quotations.sort(key=lambda q: q.start)
    q_starts = [q.start for q in work.quotations]
    weights = {_pair(i.a, i.b): i.weight for i in work.interactions}
    lookup = MentionLookup(work)
    past_sents = {h.sentence for h in index.find(PAST)}
    for hit in index.find(ROMANCE):
        found = (relational_pairs(work, index, hit, lookup) if hit.key in RELATIONAL
                 else cue_pairs(work, index, hit, q_starts, weights, lookup))
        for pair, share in found:
            pc = cues.setdefault(pair, PairCues())
            pc.romance += hit.weight * share
            if hit.key in STRONG_ROMANCE:
                pc.strong += hit.weight * share
            pc.sentences.add(hit.sentence)
            if hit.sentence in past_sents:
                pc.past += hit.weight * share
            pc.evidence.append((hit.weight * share, index.evidence(hit.sentence, f"romance cue: {hit.key}")))
    mentions = sorted((m for m in work.mentions if m.character is not None), key=lambda m: m.start)
    m_starts = [m.start for m in mentions]
    for pair, strength in kin_pairs(work, index, mentions, m_starts):
        cues.setdefault(pair, PairCues()).kin += strength
    for subtype, patterns in PLATONIC.items():
        for hit in index.find(patterns):
            for pair, share in cue_pairs(work, index, hit, q_starts, weights, lookup):
                pc = cues.setdefault(pair, PairCues())
                pc.platonic[subtype] += hit.weight * share
                if len(pc.evidence) < 40:
                    pc.evidence.append((0.5 * hit.weight * share, index.evidence(hit.sentence, f"{subtype} cue")))
    return cues


def kin_pairs(work: Work, index: TextIndex, mentions: list, starts: list[int]) -> list[tuple[tuple[int, int], float]]:
    """Pairs named as kin: "her sister Jane", "Mary's brother Tom", "Jane, her younger sister".

    The possessor is the mention right before the family word ("her", "Mary's"),
    the relative the name right after it, or the name just before ", her ...".
    """
    from bisect import bisect_left

    out: list[tuple[int, int]] = []
    text = work.text
    for hit in index.find(PLATONIC["family"]):
        j = bisect_left(starts, hit.start + 1) - 1
        if j >= 0 and mentions[j].start < hit.start and hit.end <= mentions[j].end and mentions[j].character is not None:
            # the family word is part of a mention resolved to someone ("her father" -> Mr. Woodhouse)
            others = index.chars_near(hit.sentence, 0) - {mentions[j].character}
            if len(others) == 1:
                out.append((_pair(mentions[j].character, next(iter(others))), 1.0))
            continue
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


def classify(work: Work, interactions: list[Interaction], cues: dict[tuple[int, int], PairCues]) -> list[Relationship]:
    """Relationships for the pairs with romance cues or a strong interaction."""
    by_pair = {_pair(i.a, i.b): i for i in interactions}
    max_weight = max((i.weight for i in interactions), default=0.0)
    out: list[Relationship] = []
    top_romance = max((pc.romance + pc.ship_prior for pc in cues.values()), default=0.0)
    for pair in set(by_pair) | set(cues):
        a, b = pair
        if work.character(a) is None or work.character(b) is None:
            continue
        inter = by_pair.get(pair)
        weight = inter.weight if inter else 0.0
        pc = cues.get(pair, PairCues())
        romance = pc.romance + pc.ship_prior
        on_page = inter is not None and (inter.co_occurrence >= 2 or inter.speech > 0 or inter.action > 0)
        evidence = [ev for _, ev in sorted(pc.evidence, key=lambda x: -x[0])][:MAX_EVIDENCE]
        family = pc.platonic.get("family", 0.0)
        # kin talked about as kin ("her sister", "his father") are not a couple, unless the author says so
        co = inter.co_occurrence if inter else 0.0
        named_kin = pc.kin >= max(1.0, KIN_SHARE * co)  # named as kin often enough for how often they meet
        kin = pc.ship_prior == 0 and named_kin and family >= FAMILY_INHIBIT * pc.romance
        if (romance >= ROMANCE_THRESHOLD and not kin and romance >= TOP_SHARE * top_romance
                and (pc.strong >= MIN_STRONG or pc.ship_prior > 0)
                and (pc.ship_prior > 0 or len(pc.sentences) >= MIN_ROMANCE_SENTENCES)):
            past_share = pc.past / pc.romance if pc.romance else 0.0
            mentioned = past_share >= 0.5 or not on_page
            relative = min(1.0, romance / (0.5 * top_romance)) if top_romance else 1.0
            conf = (1 - math.exp(-romance / 4.0)) * (0.6 + 0.4 * relative)
            if mentioned:
                conf *= 0.7
            out.append(Relationship(a, b, "romantic", "past" if mentioned else "romance", round(conf, 3),
                                    relationship_tag(work, pair, True), mentioned, evidence))
            continue
        if weight < MIN_PLATONIC_WEIGHT or weight < PLATONIC_SHARE * max_weight:
            continue
        platonic = dict(pc.platonic)
        if not named_kin:  # family words around a pair that is not named as kin are about someone else
            platonic["family"] = 0.5 * platonic.get("family", 0.0)
        subtype, score = max(platonic.items(), key=lambda kv: kv[1], default=("acquaintance", 0.0))
        if named_kin:
            subtype, score = "family", max(score, platonic.get("family", 0.0), 1.0 + pc.kin)
        if score < 1.0:
            subtype = "acquaintance"
        # a bond named often ("my best friend", "brother") between a pair that is often together
        conf = min(0.95, 0.15 + 0.3 * weight / max_weight + 0.12 * min(score, 4.0))
        out.append(Relationship(a, b, "platonic", subtype, round(conf, 3),
                                relationship_tag(work, pair, False), False, evidence))
    out = _explain_away(out, cues)
    out.sort(key=lambda r: (r.kind != "romantic", -r.confidence, r.a, r.b))
    return out


def _explain_away(rels: list[Relationship], cues: dict[tuple[int, int], PairCues]) -> list[Relationship]:
    """A character's weaker on-page romance must have a fair share of the evidence of their main one.

    Romance cues near three people leak onto the wrong pair; a real love
    triangle leaves comparable evidence for both pairs.
    """
    def score(r: Relationship) -> float:
        pc = cues.get((r.a, r.b), PairCues())
        return pc.romance + pc.ship_prior

    best: dict[int, float] = {}
    for r in rels:
        if r.kind == "romantic" and not r.mentioned_only:
            for c in (r.a, r.b):
                best[c] = max(best.get(c, 0.0), score(r))
    kept = []
    ranked = sorted((r for r in rels if r.kind == "romantic" and not r.mentioned_only), key=score, reverse=True)
    for r in ranked[MAX_ROMANTIC:]:
        r.confidence = round(min(r.confidence, 0.4), 3)
        r.subtype = "doubtful"
    for r in rels:
        if r.kind == "romantic" and not r.mentioned_only:
            top = max(best.get(r.a, 0.0), best.get(r.b, 0.0))
            if score(r) < SECONDARY_SHARE * top:
                r.confidence = round(min(r.confidence, 0.4), 3)
                r.subtype = "doubtful"
        kept.append(r)
    return kept


def relationship_tag(work: Work, pair: tuple[int, int], romantic: bool) -> str:
    """AO3 tag for a pair: canonical names in canonical order, ``/`` or `` & ``."""
    names = [work.character(c).name for c in pair]  # type: ignore[union-attr]
    try:
        from ficlens.fandoms import relationship_tag as fandom_tag

        return fandom_tag(names, romantic)
    except (ImportError, AttributeError):
        pass
    except Exception:  # noqa: BLE001 - a fandom pack problem must not stop the pipeline
        pass
    return ("/" if romantic else " & ").join(sorted(names, key=str.casefold))


# -- ship names written by the author ----------------------------------------------------------

_SHIP_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{1,})+\b|\b[A-Z][a-z]{5,13}\b")
_SLASH = re.compile(r"([A-Z][\w' .-]{1,40}?)\s*(/|&| x )\s*([A-Z][\w' .-]{1,40})")


def _paratext(work: Work) -> list[str]:
    parts = [work.meta.title, work.meta.summary, *work.meta.additional_tags]
    parts += [n.text for n in work.notes]
    for ch in work.chapters:
        parts.append(ch.title)
        parts += [n.text for n in ch.notes]
    # a short trailing or leading line often is a glued title or note ("Title (ShipName)")
    for p in work.paragraphs[:1] + work.paragraphs[-1:]:
        seg = work.text[p.start:p.end]
        if len(seg.split()) <= 8:
            parts.append(seg)
    return [p for p in parts if p]


def ship_priors(work: Work) -> list[tuple[tuple[int, int], float, Evidence]]:
    """Pairs named by ship names or ``A/B`` tags in the work's paratext."""
    try:
        from ficlens.fandoms import parse_ship
    except ImportError:
        parse_ship = None  # type: ignore[assignment]
    lookup = _name_lookup(work)
    found: dict[tuple[int, int], Evidence] = {}
    for text in _paratext(work):
        candidates: list[list[str]] = []
        for m in _SLASH.finditer(text):
            candidates.append([m.group(1).strip(), m.group(3).strip()])
        for m in _SHIP_WORD.finditer(text):
            word = m.group(0)
            if word.casefold() in lookup:
                continue
            names = []
            if parse_ship is not None:
                try:
                    names = list(parse_ship(word) or [])
                except Exception:  # noqa: BLE001
                    names = []
            if len({lookup.get(n.casefold()) for n in names} - {None}) < 2:
                names = portmanteau(word, work)
            if len(names) >= 2:
                candidates.append(names)
        for names in candidates:
            ids = [lookup.get(n.casefold()) for n in names]
            ids = [i for i in ids if i is not None]
            if len(set(ids)) == 2:
                pair = _pair(*set(ids))
                found.setdefault(pair, Evidence(0, 0, text[:200], "ship named by the author"))
    return [(pair, SHIP_PRIOR, ev) for pair, ev in found.items()]


def portmanteau(word: str, work: Work, min_part: int = 3) -> list[str]:
    """Read ``word`` as two name beginnings of two characters of the work ("Kakasaku", "SasuNaru").

    Each part must begin one name word of exactly one character; returns the
    two canonical names, or ``[]``.
    """
    low = word.casefold()
    parts: dict[int, set[str]] = {}
    for c in work.characters:
        words = {w.casefold() for k in [c.name, *c.aliases] for w in re.split(r"[\s\-()]+", k) if len(w) >= min_part}
        parts[c.id] = words
    found: list[list[str]] = []
    for i in range(min_part, len(low) - min_part + 1):
        left, right = low[:i], low[i:]
        lc = [cid for cid, ws in parts.items() if any(w.startswith(left) for w in ws)]
        rc = [cid for cid, ws in parts.items() if any(w.startswith(right) for w in ws)]
        if len(lc) == 1 and len(rc) == 1 and lc[0] != rc[0]:
            found.append([work.character(lc[0]).name, work.character(rc[0]).name])  # type: ignore[union-attr]
    return found[0] if len(found) == 1 else []


def _name_lookup(work: Work) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for c in work.characters:
        keys = [c.name, *c.aliases]
        keys += c.name.split()
        for k in keys:
            lookup.setdefault(k.casefold(), c.id)
    return lookup
