"""AO3-style tags predicted from the text, each with a confidence, evidence spans and reasons.

Tag types: fandom, character, relationship, category, rating, warning,
additional (freeform) and genre (FanFiction.net). Ratings and warnings come
from the content signals of :mod:`ficlens.stages.tag_content`
(:mod:`ficlens.stages.tag_rating`); additional tags and genres from the
documented vocabulary (:mod:`ficlens.stages.tag_vocab`,
:mod:`ficlens.stages.tag_freeform`); relationships and
categories from ``work.relationships`` and the characters' genders. When the
work carries the author's own tags, ``work.stats["tag_differences"]`` says
what the text shows that the author did not tag, and the reverse
(:mod:`ficlens.stages.tag_diff`).
"""

from __future__ import annotations

import math
import sys
from collections import Counter

from ficlens.document import Tag, Work
from ficlens.stages.rel_text import TextIndex
from ficlens.stages.tag_content import content_signals
from ficlens.stages.tag_diff import tag_differences
from ficlens.stages.tag_freeform import PLATONIC_TAG_CONFIDENCE, ROMANCE_TAG_CONFIDENCE, TAG_THRESHOLD, vocabulary_tags
from ficlens.stages.tag_rating import NO_WARNINGS, rating_tag, warning_tags  # noqa: F401 - NO_WARNINGS re-exported
from ficlens.stages.tag_vocab import TagDef, VocabularyError, current_vocabulary, load_vocabulary

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}


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
        original = bool(packs) and not c.fandom_id
        if original and not _plausible_outsider(c, names, packs):
            continue
        conf = min(0.99, 0.5 + 0.1 * math.log2(1 + names + 2 * c.quotes))
        ev = list(c.evidence[:2])
        if not ev:
            first = next((m for m in work.mentions if m.character == c.id and m.kind == "name"), None)
            if first is not None:
                ev = [index.evidence(index.sentence_of(first.start), "first named")]
        reasons = [f"{names} name mention(s), {c.mentions} mention(s) in all, {c.quotes} quotation(s)"]
        if original:  # AO3 files a character its fandom does not know under the original-character tags
            reasons.insert(0, f"{c.name}: not a character of {', '.join(p.fandom for p in packs)}")
        name = original_character_tag(character_gender(work, c.id)) if original else c.name
        out.append(Tag("character", name, round(conf, 3), ev, reasons))
    out.sort(key=lambda t: -t.confidence)
    return _one_per_name(out)


ORIGINAL_CHARACTERS = {"M": "Original Male Character(s)", "F": "Original Female Character(s)"}


def original_character_tag(gender: str) -> str:
    """AO3's canonical tag for an original character of this gender (M, F, else unknown)."""
    return ORIGINAL_CHARACTERS.get(gender, "Original Character(s)")


def _one_per_name(tags: list[Tag]) -> list[Tag]:
    """Tags sharing a name (two original characters) merged into the first, most confident one."""
    seen: dict[str, Tag] = {}
    for t in tags:
        if t.name in seen:
            seen[t.name].reasons.extend(t.reasons)
            seen[t.name].evidence.extend(t.evidence[:1])
        else:
            seen[t.name] = t
    return list(seen.values())


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
