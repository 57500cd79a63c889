"""Speakers known only by a description: "said the landlady", "the senior detective replied".

Many speakers of a story never get a name: the solicitor, the mariner, the
landlady. When a speech tag's subject is such a definite description and no
character of the work goes by it, the speaker becomes a character of its own
(named by the description) so that its quotations, and later mentions of it,
have somewhere to go. Generic heads ("the man", "the girl", "the other") are
left alone: they usually refer back to a character already on stage, unless a
lasting state marks one person out ("the injured man").
"""

from __future__ import annotations

import re

from ficlens.dialogue.context import QuoteUnit
from ficlens.dialogue.lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_WORDS
from ficlens.document import Work
from ficlens.stages.char_build import described_character
from ficlens.stages.char_lexicon import PERSON_NOUNS

# heads that refer back to someone already known rather than naming a new person
GENERIC_HEADS = frozenset("""man men woman women boy boys girl girls lady ladies gentleman gentlemen person people
child kid fellow other others one former latter speaker voice figure creature youth lad lass chap guy
individual somebody someone anybody anyone everybody everyone nobody friend companion pair couple""".split())
# indefinite heads that introduce nobody in particular ("said a voice", "one of them")
NOT_SOMEONE_NEW = frozenset("""one other others voice voices somebody someone anybody anyone everybody everyone nobody
figure few number pair couple men women people children boys girls ladies gentlemen""".split())
# states that mark out one person for good ("the injured man", "the masked woman"), unlike a passing mood
# ("the frightened girl" is whoever is on stage)
MARKED_STATES = frozenset("""injured wounded masked hooded cloaked veiled bearded armed bandaged blindfolded crippled
one-eyed one-armed""".split())
_ROLE_SUFFIX = re.compile(r"[a-z]{3,}(?:er|or|ist|man|woman|ess|ian|eer|ier|maid|wife|boy|girl|keeper|smith|herd)$")
# "-ant"/"-ent" (and "-ate", "-ior") heads are roles only when listed: "a content moan", "the silent one", "a
# pleasant", "the separate" are nobody
_ANT_ENT_ROLES = frozenset("""resident regent correspondent superintendent informant claimant defendant applicant
accountant consultant occupant participant opponent adolescent dependent client emigrant immigrant migrant tyrant
commandant confidant confidante sycophant subordinate superior inferior associate candidate delegate magistrate
graduate advocate curate prelate potentate inmate classmate teammate roommate shipmate playmate""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
STOP_WORDS = frozenset("and or but who which that with in at to as on from for of by said says".split())
MAX_MODIFIERS = 2


def _ant_ent_role(head: str) -> bool:
    """ "the servant", "the subordinate": a listed role or an "-ant"/"-ent" head that is a known person noun."""
    return head in _ANT_ENT_ROLES or (head.endswith(("ant", "ent", "ante")) and head in PERSON_NOUNS)


def description_of(tag_text: str) -> tuple[str, str] | None:
    """("the senior detective", gender) for a description naming a role, else None.

    Definite descriptions need a role head ("the landlady"), as generic heads ("the man")
    usually point back to someone on stage; an epithet in capitals ("the Invisible Man")
    or an indefinite description ("a little girl", "an official") always brings someone new.
    """
    words = _WORD.findall(tag_text)
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an"):
        return None
    phrase = [words[0].lower()]
    capitals = True
    for w in words[1:2 + MAX_MODIFIERS]:
        lw = w.lower()
        if lw in STOP_WORDS or lw.endswith("ly"):
            break
        phrase.append(lw if not w[:1].isupper() else w)
        capitals = capitals and w[:1].isupper()
    head = phrase[-1].lower()
    if len(phrase) < 2:
        return None
    role = head in PERSON_WORDS or bool(_ROLE_SUFFIX.match(head)) or _ant_ent_role(head)
    if not role and "-" in head:
        # "the station-master", "the game-keeper": a compound's last part names the role
        last = head.rsplit("-", 1)[1]
        role = last not in GENERIC_HEADS and (last in PERSON_WORDS or bool(_ROLE_SUFFIX.match(last)) or
                                              _ant_ent_role(last))
    if phrase[0] == "the":
        ok = role and (head not in GENERIC_HEADS or capitals or any(m in MARKED_STATES for m in phrase[1:-1]))
    else:
        ok = role and head not in NOT_SOMEONE_NEW
    if not ok:
        return None
    head = head.rsplit("-", 1)[-1]
    gender = "M" if head in MALE_NOUNS else "F" if head in FEMALE_NOUNS else PERSON_NOUNS.get(head, "") or "U"
    return " ".join(phrase), gender


def title_case(phrase: str) -> str:
    """ "a brunette nurse" -> "A Brunette Nurse" (the name of a character known by a description)."""
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split())


def add_descriptive_speakers(work: Work, units: list[QuoteUnit]) -> list[int]:
    """Characters for the described speakers of noun speech tags; their ids (none when nothing new).

    "A little girl" is someone new, but "the little girl" later on may be anyone on stage: an
    indefinite description names its own quotations only.
    """
    known = {a.lower() for c in work.characters for a in list(c.aliases) + [c.name]}
    found: dict[str, tuple[str, str, int, int]] = {}  # lower-case phrase -> (phrase, gender, first offset, count)
    for u in units:
        t = u.tag
        if t.kind != "noun" or not t.verb:
            continue
        desc = description_of(t.text)
        if desc is None:
            continue
        phrase, gender = desc
        key = phrase.lower()
        rest = key.split(" ", 1)[1]
        if key in known or rest in known or "the " + rest in known:
            continue
        p, g, first, n = found.get(key, (phrase, gender, t.start, 0))
        found[key] = (p, g, first, n + 1)
    new: list[int] = []
    next_id = max((c.id for c in work.characters), default=-1) + 1
    for key, (phrase, gender, first, n) in sorted(found.items(), key=lambda kv: kv[1][2]):
        ch = described_character(work, next_id, title_case(phrase), gender, first, first + len(phrase),
                                 "speaks, known only by this description")
        ch.aliases = {phrase: n}
        work.characters.append(ch)
        new.append(next_id)
        next_id += 1
    return new
