"""Speakers known only by a description: "said the landlady", "the senior detective replied".

Many speakers of a story never get a name: the solicitor, the mariner, the
landlady. When a speech tag's subject is such a definite description and no
character of the work goes by it, the speaker becomes a character of its own
(named by the description) so that its quotations, and later mentions of it,
have somewhere to go. Generic heads ("the man", "the girl", "the other") are
left alone: they usually refer back to a character already on stage.
"""

from __future__ import annotations

import re

from ficlens.dialogue.context import QuoteUnit
from ficlens.dialogue.lexicon import FEMALE_NOUNS, MALE_NOUNS
from ficlens.document import Character, Evidence, Work
from ficlens.stages.char_lexicon import PERSON_NOUNS

# heads that refer back to someone already known rather than naming a new person
GENERIC_HEADS = frozenset("""man men woman women boy boys girl girls lady ladies gentleman gentlemen person people
child kid fellow other others one former latter speaker voice figure creature youth lad lass chap guy
individual somebody someone anybody anyone everybody everyone nobody friend companion pair couple""".split())
_ROLE_SUFFIX = re.compile(r"[a-z]{3,}(?:er|or|ist|man|woman|ess|ant|ent|ian|eer|ier|maid|wife|boy|girl|keeper|smith|herd)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP = frozenset("and or but who which that with in at to as on from for of by said says".split())
MAX_MODIFIERS = 2


def description_of(tag_text: str) -> tuple[str, str] | None:
    """("the senior detective", gender) for a definite description naming a role, else None."""
    words = _WORD.findall(tag_text)
    if len(words) < 2 or words[0].lower() != "the":
        return None
    phrase = ["the"]
    for w in words[1:2 + MAX_MODIFIERS]:
        lw = w.lower()
        if lw in _STOP or lw.endswith("ly"):
            break
        phrase.append(lw)
    head = phrase[-1]
    if len(phrase) < 2 or head in GENERIC_HEADS:
        return None
    if head not in PERSON_NOUNS and head not in MALE_NOUNS and head not in FEMALE_NOUNS and not _ROLE_SUFFIX.match(head):
        return None
    gender = "M" if head in MALE_NOUNS else "F" if head in FEMALE_NOUNS else PERSON_NOUNS.get(head, "") or "U"
    return " ".join(phrase), gender


def add_descriptive_speakers(work: Work, units: list[QuoteUnit]) -> list[int]:
    """Characters for the described speakers of noun speech tags; their ids (none when nothing new)."""
    known = {a.lower() for c in work.characters for a in list(c.aliases) + [c.name]}
    found: dict[str, tuple[str, int, int]] = {}
    for u in units:
        t = u.tag
        if t.kind != "noun" or not t.verb:
            continue
        desc = description_of(t.text)
        if desc is None or desc[0] in known or desc[0][4:] in known:
            continue
        phrase, gender = desc
        if phrase in found:
            g, first, n = found[phrase]
            found[phrase] = (g, first, n + 1)
        else:
            found[phrase] = (gender, t.start, 1)
    new: list[int] = []
    next_id = max((c.id for c in work.characters), default=-1) + 1
    for phrase, (gender, first, n) in sorted(found.items(), key=lambda kv: kv[1][1]):
        name = "The " + " ".join(w.capitalize() for w in phrase.split()[1:])
        work.characters.append(Character(
            id=next_id, name=name, aliases={phrase: n}, gender=gender if gender in ("M", "F") else "U",
            gender_confidence=0.6 if gender in ("M", "F") else 0.0, first_offset=first,
            evidence=[Evidence(first, first + len(phrase), phrase, "speaks, known only by this description")]))
        new.append(next_id)
        next_id += 1
    return new
