"""Additional tags and genres decided from the vocabulary (:mod:`ficlens.stages.tag_vocab`).

A tag is predicted when its cues reach the entry's score, density and
sentence minimums and its built-in signals (romance, deaths, suffering...)
and required tags hold; exclusions apply last. At most two genres, General
when none.
"""

from __future__ import annotations

import math
from collections import Counter

from ficlens.document import Evidence, Tag, Work
from ficlens.stages.rel_text import TextIndex, story_words
from ficlens.stages.tag_content import ContentSignals
from ficlens.stages.tag_vocab import TagDef

TAG_THRESHOLD = 0.5
ROMANCE_TAG_CONFIDENCE = 0.5
PLATONIC_TAG_CONFIDENCE = 0.8
MAX_GENRES = 2

def _signals(work: Work, content: ContentSignals) -> tuple[dict[str, float], dict[str, float]]:
    """Built-in signals the vocabulary refers to, and a confidence for each."""
    rom = [r for r in work.relationships if r.kind == "romantic" and not r.mentioned_only and r.confidence >= ROMANCE_TAG_CONFIDENCE]
    fr = [r for r in work.relationships if r.kind == "platonic" and r.subtype == "friendship" and r.confidence >= PLATONIC_TAG_CONFIDENCE]
    deaths = [x for x in content.deaths if x.score >= 0.5]
    main_deaths = [x for x in deaths if x.main and x.score >= 0.6]
    lines = [work.text[p.start:p.end].split("\n") for p in work.paragraphs]
    verse = sum(1 for ls in lines if len(ls) >= 3 and all(len(x.split()) <= 10 for x in ls)) / max(len(lines), 1)
    values = {
        "romance": float(len(rom)), "romance_score": 10 * max((r.confidence for r in rom), default=0.0),
        "friendship": float(len(fr)), "character_death": float(len(deaths)), "main_character_death": float(len(main_deaths)),
        "explicit": content.explicit, "violence": content.violence, "verse": 1.0 if verse >= 0.5 else 0.0,
    }
    confs = {
        "romance": max((r.confidence for r in rom), default=0.0), "friendship": max((r.confidence for r in fr), default=0.0),
        "character_death": max((x.score for x in deaths), default=0.0), "main_character_death": max((x.score for x in main_deaths), default=0.0),
        "explicit": min(0.95, 0.5 + 0.05 * content.explicit), "verse": verse,
    }
    return values, confs


def vocabulary_tags(work: Work, index: TextIndex, content: ContentSignals, vocab: list[TagDef]) -> list[Tag]:
    words = story_words(work)
    values, confs = _signals(work, content)
    raw: dict[tuple[str, str], tuple[float, dict[str, float], list]] = {}
    for td in vocab:
        hits = index.find(td.cues) if td.cues else []
        per_cue: Counter[str] = Counter()
        for h in hits:
            per_cue[h.key] += h.weight
        raw[td.key] = (sum(per_cue.values()), dict(per_cue), hits)
    suffering = _cue_score(raw, "Injury") + _cue_score(raw, "Crying") + content.violence + 2 * _cue_score(raw, "Nightmares", "nightmare")
    values["suffering"] = 1000.0 * suffering / max(words, 1)  # per 1000 words
    confs["suffering"] = 0.6
    chosen: dict[tuple[str, str], Tag] = {}
    evidence = _signal_evidence(work, content)
    for td in [t for t in vocab if not t.requires] + [t for t in vocab if t.requires]:
        tag = _decide(td, raw[td.key], values, confs, words, index, chosen, evidence)
        if tag is not None:
            chosen[td.key] = tag
    for key, tag in list(chosen.items()):  # exclusions, after everything is decided
        td = next(t for t in vocab if t.key == key)
        if any((key[0], x) in chosen or ("additional", x) in chosen or ("warning", x) in chosen for x in td.excludes):
            del chosen[key]
    tags = [t for t in chosen.values() if t.type == "additional"]
    genres = sorted((t for t in chosen.values() if t.type == "genre"), key=lambda t: -t.confidence)[:MAX_GENRES]
    if not genres:
        genres = [Tag("genre", "General", 0.5, [], ["no genre stands out"])]
    return sorted(tags, key=lambda t: -t.confidence) + genres


def _signal_evidence(work: Work, content: ContentSignals) -> dict[str, list[Evidence]]:
    rom = [r for r in work.relationships if r.kind == "romantic" and not r.mentioned_only]
    fr = [r for r in work.relationships if r.kind == "platonic" and r.subtype == "friendship"]
    deaths = [x for x in content.deaths if x.score >= 0.5]
    return {
        "romance": rom[0].evidence[:3] if rom else [], "friendship": fr[0].evidence[:3] if fr else [],
        "character_death": deaths[0].evidence[:3] if deaths else [],
        "main_character_death": next((x.evidence[:3] for x in deaths if x.main), []),
        "explicit": content.evidence.get("explicit", []),
    }


def _cue_score(raw: dict, name: str, cue: str | None = None) -> float:
    total, per_cue, _ = raw.get(("additional", name), (0.0, {}, []))
    return per_cue.get(cue, 0.0) if cue else total


def _decide(td: TagDef, raw: tuple[float, dict[str, float], list], values: dict[str, float], confs: dict[str, float],
            words: int, index: TextIndex, chosen: dict[tuple[str, str], Tag],
            signal_evidence: dict[str, list[Evidence]]) -> Tag | None:
    score, per_cue, hits = raw
    reasons: list[str] = []
    for sig, minimum in td.signals.items():
        if values.get(sig, 0.0) < minimum:
            return None
        reasons.append(f"{sig} = {values.get(sig, 0.0):g}")
    for cue, minimum in td.min_cue.items():
        if per_cue.get(cue, 0.0) < minimum:
            return None
    required = [chosen.get(("additional", r)) or chosen.get(("genre", r)) for r in td.requires]
    if any(t is None for t in required):
        return None
    sentences = {h.sentence for h in hits}
    density = 1000.0 * score / max(words, 1)
    if td.cues:
        if score < td.min_score or density < td.per_1000 or len(sentences) < td.min_sentences:
            return None
        score += sum(values.get(k, 0.0) * w for k, w in td.boost.items())
        conf = 0.5 + 0.45 * (1 - math.exp(-(score - td.min_score + 0.5) / max(td.min_score, 1.0)))
        reasons.insert(0, f"{score:g} cue points in {len(sentences)} sentence(s), {density:.1f} per 1000 words")
    elif td.signals:
        conf = min((confs.get(s, 0.6) for s in td.signals), default=0.6)
    elif required:
        conf = min(t.confidence for t in required)  # type: ignore[union-attr]
        reasons.append("follows " + ", ".join(td.requires))
    else:
        return None
    if conf < TAG_THRESHOLD:
        return None
    by_sentence: Counter[int] = Counter()
    for h in hits:
        by_sentence[h.sentence] += h.weight
    evidence = [index.evidence(si, f"{td.name} cue") for si, _ in by_sentence.most_common(4)]
    if not evidence and required:
        evidence = list(required[0].evidence[:2])  # type: ignore[union-attr]
    if not evidence:
        evidence = [e for sig in td.signals for e in signal_evidence.get(sig, [])][:4]
    return Tag(td.type, td.name, round(conf, 3), evidence, reasons)
