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
from ficlens.stages.rel_lexicon import PAST, PLATONIC, ROMANCE
from ficlens.stages.rel_network import build_interactions
from ficlens.stages.rel_text import Hit, TextIndex

ROMANCE_THRESHOLD = 2.5
SHIP_PRIOR = 3.0
MAX_EVIDENCE = 6
MIN_PLATONIC_WEIGHT = 3.0
PLATONIC_SHARE = 0.25
MAX_CUE_CHARACTERS = 4


@dataclass
class PairCues:
    romance: float = 0.0
    past: float = 0.0
    platonic: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    evidence: list[tuple[float, Evidence]] = field(default_factory=list)
    ship_prior: float = 0.0


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


def cue_pairs(work: Work, index: TextIndex, hit: Hit, q_starts: list[int]) -> list[tuple[int, int]]:
    """The character pairs a cue speaks about (empty when it is unclear)."""
    q = _quote_at(work, hit.start, q_starts) if work.quotations else None
    if q is not None and q.speaker is not None:
        others = {c for c, conf in q.addressees if c is not None and c != q.speaker and conf >= 0.3}
        near = index.chars_near(hit.sentence, 1) - {q.speaker}
        # "I love you": the addressee; "He's mine": the third person spoken of.
        targets = others or near
        if 0 < len(targets) <= MAX_CUE_CHARACTERS:
            return [_pair(q.speaker, t) for t in targets]
        return []
    chars = index.chars_near(hit.sentence, 0)
    if len(chars) < 2:
        chars = index.chars_near(hit.sentence, 1)
    if len(chars) < 2:
        para = index.para_chars.get(hit.paragraph, set())
        chars = para if len(para) <= 3 else chars
    if len(chars) < 2 or len(chars) > MAX_CUE_CHARACTERS:
        return []
    return [_pair(a, b) for a, b in combinations(sorted(chars), 2)]


def collect_cues(work: Work, index: TextIndex) -> dict[tuple[int, int], PairCues]:
    """Romance, past-romance and platonic cue scores per character pair."""
    cues: dict[tuple[int, int], PairCues] = {}
    q_starts = [q.start for q in work.quotations]
    if any(a.start > b.start for a, b in zip(work.quotations, work.quotations[1:])):
        work.quotations.sort(key=lambda q: q.start)
        q_starts = [q.start for q in work.quotations]
    past_sents = {h.sentence for h in index.find(PAST)}
    for hit in index.find(ROMANCE):
        pairs = cue_pairs(work, index, hit, q_starts)
        if not pairs:
            continue
        share = hit.weight / len(pairs)
        for pair in pairs:
            pc = cues.setdefault(pair, PairCues())
            pc.romance += share
            if hit.sentence in past_sents:
                pc.past += share
            pc.evidence.append((share, index.evidence(hit.sentence, f"romance cue: {hit.key}")))
    for subtype, patterns in PLATONIC.items():
        for hit in index.find(patterns):
            pairs = cue_pairs(work, index, hit, q_starts)
            for pair in pairs:
                pc = cues.setdefault(pair, PairCues())
                pc.platonic[subtype] += hit.weight / len(pairs)
                if len(pc.evidence) < 40:
                    pc.evidence.append((0.5 * hit.weight / len(pairs), index.evidence(hit.sentence, f"{subtype} cue")))
    return cues


def classify(work: Work, interactions: list[Interaction], cues: dict[tuple[int, int], PairCues]) -> list[Relationship]:
    """Relationships for the pairs with romance cues or a strong interaction."""
    by_pair = {_pair(i.a, i.b): i for i in interactions}
    max_weight = max((i.weight for i in interactions), default=0.0)
    out: list[Relationship] = []
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
        if romance >= ROMANCE_THRESHOLD:
            past_share = pc.past / pc.romance if pc.romance else 0.0
            mentioned = past_share >= 0.5 or not on_page
            conf = 1 - math.exp(-romance / 4.0)
            if mentioned:
                conf *= 0.7
            out.append(Relationship(a, b, "romantic", "past" if mentioned else "romance", round(conf, 3),
                                    relationship_tag(work, pair, True), mentioned, evidence))
            continue
        if weight < MIN_PLATONIC_WEIGHT or weight < PLATONIC_SHARE * max_weight:
            continue
        subtype, score = max(pc.platonic.items(), key=lambda kv: kv[1], default=("acquaintance", 0.0))
        if score < 1.0:
            subtype = "acquaintance"
        conf = min(0.95, 0.2 + 0.4 * weight / max_weight + 0.1 * min(score, 3.0))
        out.append(Relationship(a, b, "platonic", subtype, round(conf, 3),
                                relationship_tag(work, pair, False), False, evidence))
    out.sort(key=lambda r: (r.kind != "romantic", -r.confidence, r.a, r.b))
    return out


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
        if parse_ship is not None:
            for m in _SHIP_WORD.finditer(text):
                if m.group(0).casefold() in lookup:
                    continue
                try:
                    names = parse_ship(m.group(0))
                except Exception:  # noqa: BLE001
                    names = []
                if names and len(names) >= 2:
                    candidates.append(list(names))
        for names in candidates:
            ids = [lookup.get(n.casefold()) for n in names]
            ids = [i for i in ids if i is not None]
            if len(set(ids)) == 2:
                pair = _pair(*set(ids))
                found.setdefault(pair, Evidence(0, 0, text[:200], "ship named by the author"))
    return [(pair, SHIP_PRIOR, ev) for pair, ev in found.items()]


def _name_lookup(work: Work) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for c in work.characters:
        keys = [c.name, *c.aliases]
        keys += c.name.split()
        for k in keys:
            lookup.setdefault(k.casefold(), c.id)
    return lookup
