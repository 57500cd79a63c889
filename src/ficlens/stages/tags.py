"""AO3-style tags predicted from the text, each with a confidence, evidence spans and reasons.

Tag types: fandom, character, relationship, category, rating, warning,
additional (freeform) and genre (FanFiction.net). Ratings and warnings come
from :mod:`ficlens.stages.tag_content`; additional tags and genres from the
documented vocabulary (:mod:`ficlens.stages.tag_vocab`); relationships and
categories from ``work.relationships`` and the characters' genders. When the
work carries the author's own tags, ``work.stats["tag_differences"]`` says
what the text shows that the author did not tag, and the reverse
(:mod:`ficlens.stages.tag_diff`).
"""

from __future__ import annotations

import math
import sys
from collections import Counter

from ficlens.document import Evidence, Tag, Work
from ficlens.stages.rel_text import TextIndex, compile_cues, story_words
from ficlens.stages.tag_content import ContentSignals, content_signals
from ficlens.stages.tag_diff import tag_differences
from ficlens.stages.tag_vocab import TagDef, VocabularyError, current_vocabulary, load_vocabulary

TAG_THRESHOLD = 0.5
ROMANCE_TAG_CONFIDENCE = 0.5
PLATONIC_TAG_CONFIDENCE = 0.6
MAX_GENRES = 2
NO_WARNINGS = "No Archive Warnings Apply"
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}

NONCON = compile_cues({
    "strong": (r"rap(e|ed|ing|ist)|non-?con(sensual)?|sexual(ly)? assault(ed)?|molest(ed|ing)?", 1.0),
    "weak": (r"against (his|her|their|my) will|forced (himself|herself) (on|upon)|without (his|her|their|my) consent|didn't consent|did not consent", 1.0),
})
MINOR = compile_cues({"minor": (r"(1[0-7]|[4-9]|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]old|underage|minor|middle school|ninth grade|tenth grade|pre-?teen", 1.0)})


class TagStage:
    name = "tags"
    requires: tuple[str, ...] = ("tokens", "characters", "quotes", "relationships")

    def __init__(self, vocabulary: list[TagDef] | None = None) -> None:
        self.vocabulary = vocabulary

    def __call__(self, work: Work) -> Work:
        vocab = self.vocabulary if self.vocabulary is not None else _vocabulary(work)
        index = TextIndex.build(work)
        content = content_signals(work, index)
        tags: list[Tag] = []
        tags += fandom_tags(work)
        tags += character_tags(work, index)
        rel_tags = relationship_tags(work)
        tags += rel_tags
        tags += category_tags(work, rel_tags)
        warnings = warning_tags(work, index, content)
        tags.append(rating_tag(work, content, warnings))
        tags += warnings
        tags += vocabulary_tags(work, index, content, vocab)
        work.tags = tags
        work.stats["content_signals"] = {
            "words": content.words, "explicit": content.explicit, "mild_sexual": content.mild_sexual,
            "violent_sentences": content.violence, "gore": content.gore,
            "strong_language": content.strong_language, "mild_language": content.mild_language,
            "deaths": [{"character": d.character, "score": d.score, "main": d.main} for d in content.deaths],
        }
        diff = tag_differences(work)
        if diff:
            work.stats["tag_differences"] = diff
        return work


def _vocabulary(work: Work) -> list[TagDef]:
    """The user's vocabulary; when its file is bad, say so once (one line naming it) and use the built-in one."""
    try:
        return current_vocabulary()
    except VocabularyError as err:
        if str(err) not in _WARNED:
            _WARNED.add(str(err))
            print(f"ficlens: {err}; using the built-in tag vocabulary", file=sys.stderr)
        work.stats["tag_vocabulary_error"] = str(err)
        return load_vocabulary("")


_WARNED: set[str] = set()


# -- fandom, characters, relationships, category ------------------------------------------------

def fandom_tags(work: Work) -> list[Tag]:
    fandoms = list(work.fandoms)
    if not fandoms:
        try:
            from ficlens.fandoms import detect_fandoms

            fandoms = [(str(f), float(c)) for f, c in detect_fandoms(work.text, [c.name for c in work.characters])]
        except Exception:  # noqa: BLE001 - no fandom pack: no fandom tag
            fandoms = []
    return [Tag("fandom", name, round(float(conf), 3), [], ["fandom detected from the characters and terms of the text"])
            for name, conf in fandoms if conf >= TAG_THRESHOLD]


def character_tags(work: Work, index: TextIndex) -> list[Tag]:
    """Characters on the page or clearly named: several mentions, or speech."""
    out: list[Tag] = []
    name_mentions = Counter(m.character for m in work.mentions if m.kind == "name" and m.character is not None)
    packs = _packs(work)
    for c in work.characters:
        names = name_mentions.get(c.id, sum(c.aliases.values()) if c.aliases else c.mentions)
        if names < 2 and c.quotes < 1:
            continue
        if c.mentions < 2:
            continue
        if packs and not c.fandom_id and not _plausible_outsider(c, names, packs):
            continue
        conf = min(0.99, 0.5 + 0.1 * math.log2(1 + names + 2 * c.quotes))
        ev = list(c.evidence[:2])
        if not ev:
            first = next((m for m in work.mentions if m.character == c.id and m.kind == "name"), None)
            if first is not None:
                ev = [index.evidence(index.sentence_of(first.start), "first named")]
        reasons = [f"{names} name mention(s), {c.mentions} mention(s) in all, {c.quotes} quotation(s)"]
        out.append(Tag("character", c.name, round(conf, 3), ev, reasons))
    out.sort(key=lambda t: -t.confidence)
    return out


def _packs(work: Work) -> list:
    """Fandom packs of the fandoms detected in the work (empty without the fandom API)."""
    try:
        from ficlens.fandoms import get_pack
    except ImportError:
        return []
    packs = []
    for name, conf in work.fandoms:
        if conf < TAG_THRESHOLD:
            continue
        try:
            pack = get_pack(name)
        except Exception:  # noqa: BLE001
            pack = None
        if pack is not None:
            packs.append(pack)
    return packs


def _plausible_outsider(c, names: int, packs: list) -> bool:
    """A character the fandom pack does not know (an original character) needs more support,
    and must not be one of the pack's place, title or term words ("Konoha", "Hokage")."""
    low = c.name.casefold()
    for pack in packs:
        terms = {x.casefold() for x in getattr(pack, "ambiguous", [])}
        terms |= {getattr(cue, "phrase", "").casefold() for cue in getattr(pack, "cues", [])}
        if low in terms or any(w in terms for w in low.split()):
            return False
    return c.quotes >= 2 or names >= 4


def relationship_tags(work: Work) -> list[Tag]:
    out: list[Tag] = []
    seen: set[str] = set()
    for r in work.relationships:
        if not r.tag or r.tag in seen or r.mentioned_only:
            continue
        if r.kind == "romantic" and r.confidence >= ROMANCE_TAG_CONFIDENCE:
            reasons = [f"romantic relationship ({r.subtype}), confidence {r.confidence}"]
        elif r.kind == "platonic" and r.subtype not in ("acquaintance", "") and r.confidence >= PLATONIC_TAG_CONFIDENCE:
            reasons = [f"platonic relationship ({r.subtype}), confidence {r.confidence}"]
        else:
            continue
        seen.add(r.tag)
        out.append(Tag("relationship", r.tag, r.confidence, list(r.evidence), reasons))
    return out


def character_gender(work: Work, cid: int) -> str:
    """The character's gender, else a vote of the pronouns resolved to them."""
    c = work.character(cid)
    if c is None:
        return "U"
    if c.gender in ("M", "F", "N") and (c.gender_confidence >= 0.3 or c.gender_confidence == 0.0):
        return c.gender
    votes = Counter()
    for m in work.mentions:
        if m.character == cid and m.kind == "pronoun":
            w = work.text[m.start:m.end].lower()
            votes["M" if w in MALE else "F" if w in FEMALE else "N" if w in ("they", "them", "their") else "?"] += 1
    votes.pop("?", None)
    if votes:
        g, n = votes.most_common(1)[0]
        if n >= 2 * (sum(votes.values()) - n):
            return g
    return c.gender or "U"


def category_tags(work: Work, rel_tags: list[Tag]) -> list[Tag]:
    romantic = [r for r in work.relationships if r.kind == "romantic" and not r.mentioned_only
                and r.confidence >= ROMANCE_TAG_CONFIDENCE and r.tag in {t.name for t in rel_tags}]
    if not romantic:
        conf = 0.8 if not any(r.kind == "romantic" for r in work.relationships) else 0.6
        return [Tag("category", "Gen", conf, [], ["no romantic or sexual relationship found"])]
    found: dict[str, Tag] = {}
    partners: Counter[int] = Counter()
    for r in romantic:
        ga, gb = character_gender(work, r.a), character_gender(work, r.b)
        partners[r.a] += 1
        partners[r.b] += 1
        pair = "".join(sorted((ga, gb)))
        name = {"MM": "M/M", "FF": "F/F", "FM": "F/M"}.get(pair)
        if name is None:
            name = "Other" if "N" in pair else None
        if name is None:
            continue  # a gender is unknown: say nothing rather than guess
        tag = found.setdefault(name, Tag("category", name, 0.0, [], []))
        tag.confidence = round(max(tag.confidence, r.confidence), 3)
        tag.reasons.append(f"{r.tag}: genders {ga}/{gb}")
        tag.evidence += r.evidence[:1]
    if any(n >= 2 for n in partners.values()):
        found["Multi"] = Tag("category", "Multi", 0.6, [], ["a character has several romantic partners"])
    return list(found.values()) or [Tag("category", "Gen", 0.5, [], ["romance found, genders unknown"])]


# -- rating and warnings ------------------------------------------------------------------------

def warning_tags(work: Work, index: TextIndex, content: ContentSignals) -> list[Tag]:
    out: list[Tag] = []
    d = content.per_1000
    graphic = content.gore >= 3 and content.violence >= 10 and d(content.violence) >= 2.5
    if graphic or content.gore >= 8:
        conf = min(0.95, 0.5 + 0.04 * content.gore + 0.01 * content.violence)
        out.append(Tag("warning", "Graphic Depictions Of Violence", round(conf, 3),
                       content.evidence["gore"] + content.evidence["violence"][:2],
                       [f"{content.gore:g} graphic violence cue(s), {content.violence:g} violent sentence(s) "
                        f"({d(content.violence):.1f} per 1000 words)"]))
    mcd = [x for x in content.deaths if x.main and x.score >= 0.6]
    if mcd:
        x = mcd[0]
        out.append(Tag("warning", "Major Character Death", x.score, x.evidence,
                       [f"main character {work.character(x.character).name} dies"] + x.reasons))  # type: ignore[union-attr]
    noncon = index.find(NONCON)
    strong = sum(1 for h in noncon if h.key == "strong")
    weak = len(noncon) - strong
    if strong >= 2 or (strong >= 1 and weak >= 1) or (weak >= 2 and content.explicit >= 2):
        out.append(Tag("warning", "Rape/Non-Con", min(0.9, 0.4 + 0.1 * len(noncon)),
                       [index.evidence(h.sentence, "non-consent") for h in noncon[:3]], [f"{strong} explicit and {weak} other non-consent cue(s)"]))
    minors = index.find(MINOR)
    if minors and content.explicit >= 3 and content.per_1000(content.explicit) >= 0.3:
        out.append(Tag("warning", "Underage Sex", 0.5, [index.evidence(h.sentence, "age") for h in minors[:2]],
                       ["explicit content and a character said to be under 18"]))
    if not out:
        out.append(Tag("warning", NO_WARNINGS, 0.7, [], ["no graphic violence, major character death, non-consent or underage sex found"]))
    return out


def rating_tag(work: Work, content: ContentSignals, warnings: list[Tag]) -> Tag:
    d = content.per_1000
    names = {t.name for t in warnings}
    reasons: list[str] = []
    ev: list[Evidence] = []
    if content.explicit >= 5 and d(content.explicit) >= 0.5:
        reasons.append(f"explicit sexual content ({content.explicit:g} cues)")
        return Tag("rating", "Explicit", min(0.95, 0.6 + 0.02 * content.explicit), content.evidence["explicit"], reasons)
    mature = []
    if content.explicit >= 2 and d(content.explicit) >= 0.15:
        mature.append(f"sexual content ({content.explicit:g} explicit cues)")
        ev += content.evidence["explicit"]
    if "Graphic Depictions Of Violence" in names:
        mature.append("graphic violence")
        ev += content.evidence["gore"][:2]
    if "Major Character Death" in names and content.violence >= 5:
        mature.append("a main character dies, with violence")
    if "Rape/Non-Con" in names or "Underage Sex" in names:
        mature.append("non-consent or underage content")
    if content.strong_language >= 5 and d(content.strong_language) >= 1.0:
        mature.append(f"frequent strong language ({content.strong_language:g})")
        ev += content.evidence["language"][:2]
    if mature:
        return Tag("rating", "Mature", min(0.9, 0.55 + 0.1 * len(mature)), ev, mature)
    teen = []
    if content.violence >= 3:
        teen.append(f"violence ({content.violence:g} violent sentences)")
        ev += content.evidence["violence"][:2]
    if content.strong_language >= 1 or content.mild_language >= 3:
        teen.append(f"language ({content.strong_language:g} strong, {content.mild_language:g} mild)")
        ev += content.evidence["language"][:2]
    if (content.explicit >= 1 and d(content.explicit) >= 0.05) or (content.mild_sexual >= 3 and d(content.mild_sexual) >= 0.2):
        teen.append("kissing or sexual references")
        ev += content.evidence["sexual"][:2]
    if any(x.score >= 0.5 for x in content.deaths):
        teen.append("a character dies")
    if teen:
        return Tag("rating", "Teen And Up Audiences", min(0.85, 0.5 + 0.1 * len(teen)), ev, teen)
    return Tag("rating", "General Audiences", 0.6, [],
               [f"little violence ({content.violence:g}), language ({content.mild_language + content.strong_language:g}) or sexual content"])


# -- vocabulary: additional tags and genres -----------------------------------------------------

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
