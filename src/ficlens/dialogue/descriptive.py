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
from dataclasses import dataclass, field

from ficlens.dialogue.context import QuoteUnit
from ficlens.dialogue.lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_WORDS
from ficlens.document import Character, Work
from ficlens.stages.char_build import described_character
from ficlens.stages.char_lexicon import PERSON_NOUNS, TITLE_ABBREVIATIONS

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
# titles of rank or calling that a definite description repeats ("Doctor Losberne" is "the doctor")
ROLE_TITLES = frozenset("""doctor professor captain colonel general major lieutenant sergeant corporal admiral
commander inspector detective constable officer judge reverend vicar curate archdeacon bishop parson squire nurse
chief rabbi pastor friar abbot abbess cardinal king queen prince princess duke duchess count countess baron
baroness earl marquis emperor empress""".split())
TITLE_DOMINANCE = 4  # a title's bearer is called by it this many times as often as all others together


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


def title_bearers(work: Work) -> dict[str, int]:
    """Role title -> the one character called by it ("doctor" -> Doctor Losberne), when the others are called
    by it so much less often that "the doctor" of a speech tag is surely that character."""
    uses: dict[str, dict[int, int]] = {}
    for c in work.characters:
        for form, n in list(c.aliases.items()) + [(c.name, 1)]:
            first, _, rest = form.partition(" ")
            title = first.lower().rstrip(".")
            title = TITLE_ABBREVIATIONS.get(title, title)
            if rest[:1].isupper() and title in ROLE_TITLES:
                by = uses.setdefault(title, {})
                by[c.id] = by.get(c.id, 0) + (n or 1)
    out: dict[str, int] = {}
    for title, by in uses.items():
        best = max(by, key=by.get)
        if by[best] >= TITLE_DOMINANCE * (sum(by.values()) - by[best]):
            out[title] = best
    return out


@dataclass
class Described:
    """What :func:`add_descriptive_speakers` found: the characters it added, and the spans of descriptions it
    reads as a titled character's name ((start, end, character): "the doctor" once Doctor Losberne is met)."""

    added: list[int] = field(default_factory=list)
    claims: list[tuple[int, int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.claims)


def title_claims(work: Work, phrase: str, bearer: Character) -> list[tuple[int, int, int]]:
    """Every "the doctor" (``phrase``) of the text from the first mention of its title's ``bearer`` on."""
    words = phrase.split()
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    since = max(0, bearer.first_offset)
    return [(m.start(), m.end(), bearer.id) for m in pattern.finditer(work.text, since)]


def add_descriptive_speakers(work: Work, units: list[QuoteUnit]) -> Described:
    """Characters for the described speakers of noun speech tags, and the descriptions that are a titled
    character's (nothing when nothing new).

    "said the doctor" of a story with one Doctor Losberne is his line once he is met; before that, "the
    doctor" is someone else, known only by the description. "A little girl" is someone new, but "the little
    girl" later on may be anyone on stage: an indefinite description names its own quotations only.
    """
    known = {a.lower() for c in work.characters for a in list(c.aliases) + [c.name]}
    uses: dict[str, tuple[str, str, list[int]]] = {}  # lower-case phrase -> (phrase, gender, tag offsets)
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
        uses.setdefault(key, (phrase, gender, []))[2].append(t.start)
    out = Described()
    bearers = title_bearers(work) if uses else {}
    by_id = {c.id: c for c in work.characters}
    for key, (phrase, gender, offsets) in list(uses.items()):
        head = key.split(" ", 1)[1]
        if key.startswith("the ") and head in bearers:
            bearer = by_id[bearers[head]]
            out.claims += title_claims(work, phrase, bearer)
            uses[key] = (phrase, gender, [o for o in offsets if o < bearer.first_offset])
    next_id = max((c.id for c in work.characters), default=-1) + 1
    for key, (phrase, gender, offsets) in sorted(uses.items(), key=lambda kv: kv[1][2][:1]):
        if not offsets:
            continue
        first = offsets[0]
        ch = described_character(work, next_id, title_case(phrase), gender, first, first + len(phrase),
                                 "speaks, known only by this description")
        ch.aliases = {phrase: len(offsets)}
        work.characters.append(ch)
        out.added.append(next_id)
        next_id += 1
    return out
