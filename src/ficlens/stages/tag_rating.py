"""Rating and archive warnings from the content signals of :mod:`ficlens.stages.tag_content`.

Each comes with a confidence, the reasons (which content moved it) and the
evidence sentences. See docs/tags.md for the thresholds.
"""

from __future__ import annotations

from ficlens.document import Evidence, Tag, Work
from ficlens.stages.rel_text import TextIndex, compile_cues
from ficlens.stages.tag_content import ContentSignals

NO_WARNINGS = "No Archive Warnings Apply"

NONCON = compile_cues({
    "strong": (r"rap(e|ed|ing|ist)|non-?con(sensual)?|sexual(ly)? assault(ed)?|molest(ed|ing)?", 1.0),
    "weak": (r"against (his|her|their|my) will|forced (himself|herself) (on|upon)|without (his|her|their|my) consent|didn't consent|did not consent", 1.0),
})
MINOR = compile_cues({"minor": (r"(1[0-7]|[4-9]|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]old|underage|minor|middle school|ninth grade|tenth grade|pre-?teen", 1.0)})


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
