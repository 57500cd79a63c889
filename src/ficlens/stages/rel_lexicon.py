"""Cue lexicons for relationship classification: (regex, weight) per cue.

Weights say how strongly one occurrence, said between or about a pair, shows
that kind of bond. Patterns are matched case-insensitively on word boundaries
(see :func:`ficlens.stages.rel_text.compile_cues`).
"""

from __future__ import annotations

from ficlens.stages.rel_text import compile_cues

ROMANCE = compile_cues({
    "i love you": (r"i love you|love you too|i'm in love with (you|him|her)|in love with (you|him|her)|fell (in love|for (you|him|her))|falling (in love|for (you|him|her))", 3.0),
    "kiss": (r"kiss(es|ed|ing)?|smooch(ed)?|lips (met|pressed|brushed|touched)|pressed (his|her) lips|first kiss|made out|making out", 2.0),
    "lover": (r"lovers?|boyfriend|girlfriend|husband|wife|fianc[eé]e?|spouse|partner in life|soulmate", 2.0),  # relational
    "endearment": (r"sweetheart|darling|beloved", 1.0),
    "mine": (r"(he|she)'s mine|(he|she) is mine|you're mine|you are mine|be mine|my (man|woman|love)|(he|she)'s taken|(he|she) is taken|already (be )?taken", 2.5),
    "attraction": (r"mesmeri[sz]ed|entranced|captivated|spellbound|couldn't (take|tear) (his|her) eyes (off|away)|gaze lingered|stared at (his|her) lips|(liked|loved) watching (him|her)", 1.0),
    "looks": (r"beautiful|handsome|gorgeous|pretty|cute", 0.4),
    "date": (r"(a|our|first|second|their) date|dating|went out with|go out with (me|him|her)|courting", 1.5),
    "marry": (r"marry|married|wedding|proposal|proposed|engaged|engagement ring", 1.5),
    "affair": (r"affair|relationship|seeing each other|together for|secret (lover|romance)|sneaking around", 1.0),
    "intimacy": (r"embrace[sd]?|cuddl(e|ed|ing)|snuggl(e|ed|ing)|caress(ed|es|ing)?|nuzzl(e|ed|ing)|stroked (his|her) (hair|cheek|face)|(held|holding|took|taking|grabbed|squeezed|accepted|clasped) (onto )?(his|her|their) hands?|holding hands|hand in hand|intertwined|laced (their|his|her) fingers", 1.0),
    "sexual": (r"made love|make love|making love|slept together|sleep with|bed(ded)? (him|her)|aroused|arousal|naked|desire[sd]?|moan(ed|ing|s)?|want(ed)? (him|her) so badly", 1.5),
    "blush": (r"blush(ed|es|ing)?|flush(ed)?|heart (raced|skipped|fluttered|pounded)|butterflies", 0.5),
    "jealous": (r"jealous(y)?|envious|possessive(ly)?", 1.0),
    "crush": (r"crush on|had a thing for|feelings for|attracted to|smitten", 1.5),
    "pet name": (r"babe|honey|love(?=[,.!?])|my love", 0.75),  # not "dear": everyone's word in period dialogue
})

# Cues that are nouns of a relation ("her husband", "Harriet's lover"): they bind their possessor
# to the person they name, not to whoever else is in the sentence.
RELATIONAL = {"lover"}

# Relationship markers that place the romance in the past or off the page.
PAST = compile_cues({
    "ex": (r"ex(-| )?(boyfriend|girlfriend|husband|wife|lover)?|former (lover|boyfriend|girlfriend|husband|wife)|late (husband|wife)|used to (date|love|be with)|broke up|dumped|old flame|past crush|childhood crush|first love|once loved", 1.0),
})

PLATONIC = {
    "friendship": compile_cues({"friend": (r"(best |old |close |good )?friends?(hip)?|buddy|buddies|pal|comrades?|bff", 1.0)}),
    "mentor": compile_cues({"mentor": (r"mentor|sensei|teacher|student|pupil|apprentice|master|trainee|protegee?|taught|teaching|lessons?", 1.0)}),
    "team": compile_cues({"team": (r"team(mate)?s?|squad|partners?|allies|ally|comrades in arms|unit|crew", 1.0)}),
    "family": compile_cues({"family": (r"brother|sister|siblings?|mother|father|mom|dad|mum|son|daughter|cousin|uncle|aunt|nephew|niece|grand(mother|father|son|daughter|ma|pa)|parents?|family|twins?|otouto|nii-?(san|chan)|nee-?(san|chan)|kaa-?san|tou-?san", 1.0)}),
    "rivalry": compile_cues({"rival": (r"rivals?|rivalry|nemesis|enem(y|ies)|arch-?enemy|competition|compete(d)?", 1.0)}),
}
