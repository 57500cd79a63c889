"""Content signals behind the rating and the archive warnings.

Counts sexual content, violence, gore and strong language in the story text
(negated mentions skipped), and finds character deaths: a death cue said of
a character (``she died``, ``his lifeless body``), weighed with what follows
it (a funeral, mourners, grief) and with the character falling silent.
Backstory deaths (``had died years ago``) and hypotheticals (``if you die``)
do not count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ficlens.document import Evidence, Work
from ficlens.stages.rel_text import Hit, TextIndex, compile_cues, story_words

SEXUAL_EXPLICIT = compile_cues({
    "genitals": (r"cocks?|penis|clit(oris)?|vagina|pussy|balls deep|erection|hard-on", 1.0),
    "sex acts": (r"orgasm(s|ed)?|came (hard|inside)|cum(ming|s)?|thrust(s|ed|ing)? (into|inside) (him|her|me|you)|thrust(s|ed|ing)? (deeper|harder)|blow ?job|fingered|fucked (him|her|me|you)|fucking (him|her|me|you)|rode (him|her)|lube|condom|foreplay", 1.0),
    "nudity": (r"naked|nude|nipples?|breasts|bare chest|undress(ed|ing)?|stripped", 0.5),
})
SEXUAL_MILD = compile_cues({
    "kissing": (r"kiss(es|ed|ing)?|made out|making out", 1.0),
    "sensual": (r"moan(ed|ing|s)?|aroused|arousal|desire|lust(ful)?|sex(ual|y)?|seduc\w+|slept together|make love|made love|innuendo|in bed together", 1.0),
})
VIOLENCE = compile_cues({
    "violence": (r"blood(y|ied)?|bleed(ing|s)?|bled|wound(s|ed)?|injur(y|ies|ed)|stab(bed|bing)?|slash(ed|ing)?|kill(s|ed|ing|er)?|murder(s|ed|er)?|fight(s|ing)?|fought|battle(s)?|attack(s|ed|ing)?|punch(ed|es|ing)?|kick(ed|ing)?|struck|beat(en|ing)|tortur(e|ed|ing)|shot|shoot(ing)?|gunfire|explosion|broken (bone|bones|rib|ribs|arm|leg|nose)|fractur(e|ed)|corpses?|dead bod(y|ies)|ambush(ed)?|strangl\w+|choked|slit|impal\w+", 1.0),
})
GORE = compile_cues({
    "gore": (r"gore|gory|entrails|intestines|guts|innards|severed|decapitat\w+|dismember\w+|mangled|brain matter|spurt(ed|ing)?|gush(ed|ing)|(pool|sea|halo|puddle|river|spray|splatter) of blood|blood (splatter|spatter|spray)|splatter(ed)?|spatter(ed)?|stained red|cough(ed|ing)? (up )?blood|blood (seeped|poured|dripped|pooled|soaked)|soaked (in|with) blood|gaping|exposed bone|torn flesh|ripped (open|apart)|viscera|eviscerat\w+|disembowel\w+|tore (through|into) (his|her) (flesh|skin|body)", 1.0),
})
LANGUAGE = compile_cues({
    "strong": (r"fuck(s|ed|ing|er|ers)?|motherfuck\w*|cunts?", 1.0),
    "mild": (r"shit(ty|s)?|damn(it|ed)?|dammit|hell|bastards?|bitch(es|y)?|ass(hole)?s?|crap|piss(ed)?|bloody hell|goddamn\w*", 1.0),
})
DEATH = compile_cues({
    "gone": (r"(was|were|is) (gone|no more)( forever)?|gone forever", 1.0),  # only right after a mention
    "died": (r"died|dies|dying|dead|(his|her|their|the) death|death of|killed|passed away|passed on|stopped breathing|breathed (his|her|their) last|last breath|lifeless|corpse|life (was )?(fading|slipping)|slipped away|never woke|didn't wake|bled out|heart stopped|no pulse|murdered|fell (lifeless|dead)|killed in action|perished|lost (his|her) life", 1.0),
})
AFTERMATH = compile_cues({
    "aftermath": (r"funeral|memorial|eulogy|condolences|mourn(ed|ing|ers|s)?|griev(e|ed|ing)|grief|buried|burial|coffin|casket|grave(stone|side)?|tombstone|cenotaph|flowers of the dead|in memory of|rest in peace|last wish(es)?|wept|widow(ed|er)?", 1.0),
})
DEATH_WINDOW_BEFORE = 1500
DEATH_WINDOW_AFTER = 5000
BACKSTORY = re.compile(r"\b(had (seen|watched|lost|died|been killed)|years ago|long ago|ago|in the past|back then|when (he|she|they) (was|were) (young|a child|little)|as a child|since (his|her|their))\b", re.I)


@dataclass
class DeathFinding:
    character: int
    score: float
    main: bool
    evidence: list[Evidence] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class ContentSignals:
    words: int
    explicit: float = 0.0
    mild_sexual: float = 0.0
    violence: float = 0.0  # distinct sentences with violence
    gore: float = 0.0
    strong_language: float = 0.0
    mild_language: float = 0.0
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    deaths: list[DeathFinding] = field(default_factory=list)

    def per_1000(self, value: float) -> float:
        return 1000.0 * value / max(self.words, 1)


def _sum(hits: list[Hit], keys: tuple[str, ...] | None = None) -> float:
    return sum(h.weight for h in hits if keys is None or h.key in keys)


def _evidence(index: TextIndex, hits: list[Hit], reason: str, limit: int = 4) -> list[Evidence]:
    seen: set[int] = set()
    out: list[Evidence] = []
    for h in hits:
        if h.sentence in seen:
            continue
        seen.add(h.sentence)
        out.append(index.evidence(h.sentence, f"{reason}: {index.work.text[h.start:h.end]}"))
        if len(out) >= limit:
            break
    return out


def content_signals(work: Work, index: TextIndex) -> ContentSignals:
    sig = ContentSignals(words=story_words(work))
    explicit = index.find(SEXUAL_EXPLICIT)
    mild = index.find(SEXUAL_MILD)
    violence = index.find(VIOLENCE, skip_hypothetical=True)
    gore = index.find(GORE)
    language = index.find(LANGUAGE, skip_negated=False)
    sig.explicit = _sum(explicit)
    sig.mild_sexual = _sum(mild)
    sig.violence = float(len({h.sentence for h in violence}))
    sig.gore = _sum(gore)
    sig.strong_language = _sum(language, ("strong",))
    sig.mild_language = _sum(language, ("mild",))
    sig.evidence = {
        "explicit": _evidence(index, explicit, "sexual content"),
        "sexual": _evidence(index, mild, "romantic/sexual content"),
        "violence": _evidence(index, violence, "violence"),
        "gore": _evidence(index, gore, "graphic violence"),
        "language": _evidence(index, [h for h in language if h.key == "strong"] + [h for h in language if h.key == "mild"], "language"),
    }
    sig.deaths = find_deaths(work, index)
    return sig


def main_characters(work: Work) -> set[int]:
    """Characters carrying the story: the most mentioned, and any with a large share of mentions."""
    counts = sorted(((c.mentions + 2 * c.quotes, c.id) for c in work.characters), reverse=True)
    total = sum(n for n, _ in counts) or 1
    main = {cid for n, cid in counts[:2] if n >= 5}
    main |= {cid for n, cid in counts if n / total >= 0.15 and n >= 5}
    return main


def find_deaths(work: Work, index: TextIndex) -> list[DeathFinding]:
    """Characters who die on the page, with a score in [0, 1]."""
    hits = [h for h in index.find(DEATH, skip_hypothetical=True)
            if not BACKSTORY.search(index.sentence_text(h.sentence))]
    if not hits:
        return []
    after_hits = index.find(AFTERMATH)
    main = main_characters(work)
    text_len = max(len(work.text), 1)
    mentions = sorted((m for m in work.mentions if m.character is not None), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    by_char: dict[int, list[Hit]] = {}
    for h in hits:
        cid = _subject_of(h, mentions, starts, index)
        if cid is not None:
            by_char.setdefault(cid, []).append(h)
    out: list[DeathFinding] = []
    all_starts = [h.start for h in hits]
    after_starts = [h.start for h in after_hits]
    for cid, chits in by_char.items():
        char = work.character(cid)
        if char is None:
            continue
        best, best_hit, best_local = -1.0, chits[0], (0, 0)
        for h in chits:  # the strongest death scene: cues about the character, with more death and mourning around
            lo, hi = h.start - DEATH_WINDOW_BEFORE, h.start + DEATH_WINDOW_AFTER
            own = sum(1 for x in chits if lo <= x.start <= hi)
            deaths = bisect_right(all_starts, hi) - bisect_left(all_starts, lo)
            after = bisect_right(after_starts, hi) - bisect_left(after_starts, h.start)
            sc = 0.25 + 0.1 * min(own - 1, 2) + 0.05 * min(deaths - own, 2) + 0.12 * min(after, 3)
            if sc > best:
                best, best_hit, best_local = sc, h, (own, after)
        reasons = [f"{best_local[0]} death cue(s) about {char.name} in one scene",
                   f"{best_local[1]} aftermath cue(s) (funeral, grief, mourners) after it"]
        score = best
        if best_hit.start / text_len >= 0.75:  # the story ends on it
            score += 0.1
            reasons.append("near the end of the story")
        end = best_hit.start + DEATH_WINDOW_AFTER
        spoke_before = any(q.speaker == cid and q.start < best_hit.start for q in work.quotations)
        spoke_after = any(q.speaker == cid and q.start > end for q in work.quotations)
        if spoke_before and not spoke_after and (text_len - end) / text_len > 0.05:
            score += 0.1
            reasons.append(f"{char.name} does not speak again")
        if (text_len - end) / text_len > 0.1:  # enough story left to see whether they are still around
            share_before, share_after = _mention_share(mentions, cid, best_hit.start, end)
            if share_after >= 0.7 * share_before:
                score -= 0.4
                reasons.append(f"{char.name} stays as present afterwards")
            elif share_after >= 0.35 * share_before:
                score -= 0.2
                reasons.append(f"{char.name} is still much around afterwards")
            elif share_after <= 0.15 * share_before:
                score += 0.15
                reasons.append(f"{char.name} is hardly mentioned afterwards")
        window = [h for h in after_hits if best_hit.start <= h.start <= end]
        out.append(DeathFinding(cid, round(max(0.0, min(score, 1.0)), 3), cid in main,
                                [index.evidence(best_hit.sentence, f"death of {char.name}")]
                                + [index.evidence(h.sentence, "aftermath") for h in window[:2]], reasons))
    out.sort(key=lambda d: -d.score)
    return out


def _subject_of(hit: Hit, mentions: list, starts: list[int], index: TextIndex) -> int | None:
    """The character a death cue is said of: the closest mention before it in the sentence, else just after."""
    sent = index.sentences[hit.sentence]
    i = bisect_left(starts, hit.start) - 1
    if hit.key == "gone":  # "Sakura was gone", not "the playful note was gone"
        if i >= 0 and 0 <= hit.start - mentions[i].end <= 2 and mentions[i].start >= sent.start:
            return mentions[i].character
        return None
    if i >= 0 and mentions[i].start >= sent.start and hit.start - mentions[i].end <= 40:
        return mentions[i].character
    j = i + 1
    if j < len(mentions) and mentions[j].start < sent.end and mentions[j].start - hit.end <= 25:
        return mentions[j].character
    return None


def _mention_share(mentions: list, cid: int, offset: int, after: int) -> tuple[float, float]:
    """``cid``'s share of all character mentions before ``offset`` and after ``after``."""
    before = [m.character == cid for m in mentions if m.start < offset]
    later = [m.character == cid for m in mentions if m.start > after]
    share = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return share(before), share(later)
