"""Characters called by a bare role word: "said nanny", "Nanny sniffed", "ask Cook", "Granny was asleep".

A kinship or household word used without a determiner, over and over, in
the narration is the name the story gives one person ("nanny", never "the
nanny" or "his nanny"). Such a word becomes a character named by it
("Nanny"), unless some character already goes by it. Uses inside quotations
are left out of the count (a vocative "Mother, please" says nothing about
the narration), and so is a word followed by a name ("Nurse Ratched",
"Uncle Reggie": the name finder's business).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ficlens.dialogue.detect import quote_style
from ficlens.document import Mention, Work
from ficlens.stages.char_build import count_presence, described_character
from ficlens.stages.char_names import quote_spans

# words a story may use as one person's name when bare (household and family roles)
_FEMALE = "nanny nurse granny grandma grandmama gran nana mama mamma mummy mommy auntie nursie matron governess"
_MALE = "grandpa grandpapa papa daddy"
BARE_ROLE_WORDS = frozenset(f"{_FEMALE} {_MALE} cook".split())
ROLE_GENDER = {**{w: "F" for w in _FEMALE.split()}, **{w: "M" for w in _MALE.split()}}
MIN_BARE_USES = 4
MIN_BARE_SHARE = 0.75
_DETERMINERS = frozenset("the a an his her my your our their its this that whose every each no some any one "
                         "poor old dear good own s 's ’s".split())  # "Daisy s mamma": a possessive whose apostrophe was lost
_WORD = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(BARE_ROLE_WORDS, key=len, reverse=True)) + r")(?![\w-])",
                   re.I)
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")
_BARE_BEFORE = frozenset({"VERB", "AUX", "ADP", "PUNCT", "CCONJ", "SCONJ", "ADV", "PART"})


def _narration_uses(work: Work) -> dict[str, list[tuple[int, int, bool]]]:
    """word -> [(start, end, bare)] of its uses as a noun outside quotations; bare: after a verb, preposition,
    conjunction, adverb or punctuation, or opening a sentence (not after 'the', 'his', 'worthy', 'Daisy's')."""
    text, toks = work.text, work.tokens
    out: dict[str, list[tuple[int, int, bool]]] = {}
    if toks is None:
        return out
    style = quote_style(work)
    for p in work.paragraphs:
        quotes = quote_spans(text, p.start, p.end, style)
        for m in _WORD.finditer(text, p.start, p.end):
            if any(a <= m.start() < b for a, b in quotes) or _NEXT_NAME.match(text, m.end()):
                continue
            i = bisect_right(toks.start, m.start()) - 1
            if i < 0 or toks.start[i] != m.start() or toks.pos[i] not in ("NOUN", "PROPN"):
                continue  # "to nurse a sick man", "to cook them": a verb
            opens = i == 0 or toks.sent[i - 1] != toks.sent[i]
            before = text[toks.start[i - 1]:toks.end[i - 1]].lower() if i > 0 else ""
            bare = opens or (toks.pos[i - 1] in _BARE_BEFORE and before not in _DETERMINERS)
            out.setdefault(m.group(1).lower(), []).append((m.start(), m.end(), bare))
    return out


def add_bare_role_characters(work: Work) -> None:
    """A role word the narration uses bare (see module doc) becomes a character with its mentions."""
    taken = {a.lower() for c in work.characters for a in list(c.aliases) + [c.name]}
    uses = _narration_uses(work)
    text = work.text
    mentions = sorted(work.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    next_id = max((c.id for c in work.characters), default=-1) + 1
    for word, found in sorted(uses.items()):
        bare = [(a, b) for a, b, is_bare in found if is_bare]
        if word in taken or len(bare) < MIN_BARE_USES or len(bare) < MIN_BARE_SHARE * len(found):
            continue
        ch = described_character(work, next_id, word.capitalize(), ROLE_GENDER.get(word, ""), *bare[0],
                                 "a role word used as a name, without 'the' or 'his'")
        next_id += 1
        for a, b in bare:
            surface = text[a:b]
            ch.aliases[surface] = ch.aliases.get(surface, 0) + 1
            ch.mentions += 1
            k = bisect_right(starts, a) - 1
            if k >= 0 and mentions[k].start == a and mentions[k].end == b:
                mentions[k].character, mentions[k].chain = ch.id, None
            else:
                work.mentions.append(Mention(a, b, ch.id, "name"))
            count_presence(work, ch, a)
        work.characters.append(ch)
