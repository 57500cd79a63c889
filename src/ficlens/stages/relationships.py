"""Interactions and relationships: who is with, talks to and acts on whom, and how they are bound.

1. :func:`ficlens.stages.rel_network.build_interactions` fills ``work.interactions``.
2. Cues from :mod:`ficlens.stages.rel_lexicon` (``I love you``, a kiss,
   ``he's mine``, jealousy, a secret affair; friend, sensei, brother, rival...)
   are credited to the characters they are said by, to, or about
   (:mod:`ficlens.stages.rel_attribution`).
3. Ship names the author wrote around the story (``KakaSaku`` in a title or
   note) add a prior to the pair they name (:mod:`ficlens.stages.rel_ships`).
4. Each strong pair becomes a :class:`Relationship`: romantic (AO3 ``A/B``)
   when the romance score passes :data:`ROMANCE_THRESHOLD`, else platonic
   (``A & B``) with the best platonic subtype; a romance whose cues are
   mostly in the past (an ex, an old crush) or whose pair never shares a
   scene is ``mentioned_only``. Evidence holds the sentences behind it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ficlens.document import Evidence, Interaction, Relationship, Work
from ficlens.stages.rel_attribution import MentionLookup, cue_pairs, kin_pairs, relational_pairs
from ficlens.stages.rel_lexicon import PAST, PLATONIC, RELATIONAL, ROMANCE
from ficlens.stages.rel_network import build_interactions
from ficlens.stages.rel_ships import portmanteau, ship_priors  # noqa: F401 - portmanteau is part of the API
from ficlens.stages.rel_text import TextIndex

ROMANCE_THRESHOLD = 2.5
MAX_EVIDENCE = 6
MIN_PLATONIC_WEIGHT = 3.0
PLATONIC_SHARE = 0.25
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
    kin: float = 0.0  # times the pair is named as family ("her sister Jane"; "her father" with one other: 0.5)
    kin_named: float = 0.0  # only the explicit ones ("her sister Jane", "Jane, her sister")
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
        pc = cues.setdefault(pair, PairCues())
        pc.kin += strength
        if strength >= 1.0:
            pc.kin_named += strength
    for subtype, patterns in PLATONIC.items():
        for hit in index.find(patterns):
            for pair, share in cue_pairs(work, index, hit, q_starts, weights, lookup):
                pc = cues.setdefault(pair, PairCues())
                pc.platonic[subtype] += hit.weight * share
                if len(pc.evidence) < 40:
                    pc.evidence.append((0.5 * hit.weight * share, index.evidence(hit.sentence, f"{subtype} cue")))
    return cues

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
        named_kin = pc.kin_named >= max(1.0, KIN_SHARE * co)  # named as kin often enough for how often they meet
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
        if not named_kin:  # family words around a pair that is not named as kin are mostly about someone else
            platonic["family"] = 0.25 * platonic.get("family", 0.0)
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
