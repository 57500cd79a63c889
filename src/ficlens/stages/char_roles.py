"""Characters known by a description: "the Colonel" for Colonel Brandon, "the vicar" for an unnamed vicar.

Runs after the named characters are built, on ``work.characters`` and the
nominal ``work.mentions``:

1. **Titles**: "the Colonel", "the admiral", "the Professor" name the one
   character of the text who bears that rank or title ("Colonel Brandon"),
   when one bearer clearly dominates; the description becomes its alias and
   its mentions point to it.
2. **Roles**: a definite description headed by a role noun ("the vicar", "the
   senior detective", "the station-master") that recurs (3+ times) and that
   no character goes by becomes a character of its own, named by the
   description. Generic heads ("the man", "the girl", "the lady"), kinship
   words ("the mother") and animals are left alone: they refer to many people.
   A phrase some character already uses as a name ("the Hatter" for "Hatter")
   joins that character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict

from ficlens.document import Character, Mention, Work
from ficlens.stages.char_bare_roles import add_bare_role_characters
from ficlens.stages.char_build import count_presence, described_character
from ficlens.stages.char_lexicon import PERSON_NOUNS, TITLE_ABBREVIATIONS

# titles that a description "the <title>" may stand for (ranks, offices, nobility); social titles are not
DESC_TITLES: dict[str, str] = {t: t for t in """
colonel captain admiral general major lieutenant sergeant corporal commander inspector detective constable
doctor professor judge reverend archdeacon bishop marquis duke duchess earl count countess baron baroness
prince princess king queen emperor empress sheriff governor president chancellor""".split()}
DESC_TITLES.update(TITLE_ABBREVIATIONS)
DESC_TITLES["marchioness"] = "marchioness"

GENERIC_HEADS = frozenset("""
man men woman women boy boys girl girls lady ladies gentleman gentlemen person people child children kid kids
baby infant fellow chap guy gent lad lass lassie laddie youth youngster teen teenager toddler adult elder
creature figure individual soul stranger friend companion partner lover enemy foe rival visitor guest host
newcomer other others one somebody someone anybody anyone everybody everyone nobody folk folks family crew
tribe member relative relation parent grandparent ancestor descendant citizen native foreigner inhabitant
neighbour neighbor acquaintance admirer ally comrade colleague mate playmate pair couple sir madam ma'am
lordship ladyship majesty highness excellency honour honor reverence darling sweetheart beloved babe dear
wretch fool idiot rascal scoundrel brute savage beast monster devil angel ghost spirit fairy giant dwarf
hero heroine villain victim culprit suspect witness survivor sinner patient prisoner captive orphan heir
heiress spouse twin newborn teenager noble nobleman noblewoman gentry peasant villager townsman countryman
beggar tramp vagabond slave convict owner""".split())
KINSHIP = frozenset("""
husband wife father mother dad daddy papa pa mama mamma ma mom mum mummy son daughter brother sister uncle aunt
auntie nephew niece cousin grandfather grandmother grandpa grandma granny grandson granddaughter widow widower
bride groom bridegroom fiance fiancé fiancee fiancée boyfriend girlfriend husband-to-be sire""".split())
# occupations and offices: who holds one in a story is one particular person ("the vicar", "the waiter")
ROLE_NOUNS = frozenset("""
vicar curate rector chaplain clergyman minister priest parson preacher bishop archdeacon deacon sexton verger
beadle organist abbot abbess friar monk nun missionary waiter waitress barman barmaid landlord landlady innkeeper
publican host hostess proprietor proprietress manager director foreman overseer steward stewardess butler footman
valet page footboy pageboy housekeeper cook maid housemaid parlourmaid parlormaid chambermaid nursemaid kitchenmaid
lady's-maid servant manservant maidservant nurse governess tutor teacher schoolmaster schoolmistress headmaster
headmistress master mistress matron coachman driver chauffeur cabman cabby boatman ferryman postman postmaster
conductor guard porter stationmaster station-master ticket-collector gatekeeper doorkeeper caretaker watchman
keeper gamekeeper gardener groom stableman ostler hostler shepherd farmer miller blacksmith smith carpenter
tailor hatter milliner dressmaker seamstress laundress washerwoman grocer baker butcher shopkeeper shopman
shopwoman pedlar peddler hawker vendor merchant banker broker clerk cashier secretary typist editor reporter
journalist photographer artist painter sculptor poet musician singer dancer actor actress solicitor lawyer
attorney barrister notary judge magistrate mayor governor sheriff marshal constable policeman inspector
detective officer sergeant captain colonel major general admiral lieutenant commander sentry sentinel soldier
jailer gaoler warder warden executioner doctor physician surgeon apothecary chemist druggist dentist oculist
optician undertaker auctioneer bailiff interpreter guide superintendent commissioner consul ambassador
premier president chairman official usher attendant messenger courier sailor skipper pilot""".split())
MIN_ROLE_USES = 3
NUMBERS = frozenset("two three four five six seven eight nine ten both".split())
_PHRASE = re.compile(r"[a-z][a-z'’-]*")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


POSTMODIFIED_HEADS = frozenset("man woman gentleman lady boy girl fellow person youth stranger figure child chap lad "
                               "old-gentleman".split())
_POSTMODIFIERS = frozenset({"in", "with"})


def postmodified_head(words: list[str]) -> str:
    """The head of "the [adjectives] <person> in/with <...>" ("the man with the black beard"), up to 8 words;
    '' for any other phrase."""
    if len(words) > 8:
        return ""
    for i in range(2, len(words) - 1):
        if words[i] in _POSTMODIFIERS:
            return words[i - 1] if words[i - 1] in POSTMODIFIED_HEADS and len(words) - i >= 2 else ""
    return ""


def role_head(head: str) -> bool:
    """An occupation or office, which designates one particular person in a story ("vicar", "station-master")."""
    return head in ROLE_NOUNS or ("-" in head and head.split("-")[-1] in ROLE_NOUNS - {"master", "mistress"})


_FEMALE_ROLES = frozenset("landlady nun abbess matron governess nurse nursemaid maid housemaid parlourmaid parlormaid "
                          "chambermaid kitchenmaid barmaid laundress washerwoman seamstress dressmaker milliner "
                          "headmistress schoolmistress".split())
_MALE_ROLES = frozenset("landlord monk friar abbot butler valet footman groom".split())
# offices held by men in most fiction until recently: a prior used only when no pronoun says otherwise
_MOSTLY_MALE = frozenset("priest parson vicar curate rector chaplain bishop archdeacon".split())


def role_gender(head: str) -> str:
    """M/F that a role word itself implies ("landlady", "waitress", "policeman"), else ''."""
    base = head.split("-")[-1]
    if base in _FEMALE_ROLES or base.endswith(("ess", "woman", "maid")):
        return "F"
    if base in _MALE_ROLES or (base.endswith("man") and not base.endswith("woman")):
        return "M"
    return ""


def title_holders(characters: list[Character]) -> dict[str, Counter]:
    """title ("colonel") -> Counter(character id -> uses of its names carrying that title)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for c in characters:
        for alias, n in c.aliases.items():
            words = alias.split()
            if not words or not words[0][:1].isupper():
                continue
            t = DESC_TITLES.get(words[0].rstrip(".").lower())
            if t:
                out[t][c.id] += n
    return out


def _dominant(holders: Counter) -> int | None:
    ranked = holders.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 3 * ranked[1][1]:
        return None
    return ranked[0][0]


def _add_alias(ch: Character, surface: str) -> None:
    ch.aliases[surface] = ch.aliases.get(surface, 0) + 1


def add_described_characters(work: Work) -> None:
    """Title descriptions to their bearer, recurring role descriptions as characters (see module doc)."""
    text = work.text
    chars = work.characters
    if not chars and not work.mentions:
        return
    by_id = {c.id: c for c in chars}
    holders = title_holders(chars)
    owner_of_title = {t: _dominant(h) for t, h in holders.items()}
    name_alias = {}  # "hatter" -> character using "Hatter" as a name
    for c in chars:
        for alias, n in c.aliases.items():
            if alias[:1].isupper():
                name_alias.setdefault(_norm(alias), (n, c.id))
                if name_alias[_norm(alias)][0] < n:
                    name_alias[_norm(alias)] = (n, c.id)
    mentions = sorted(work.mentions, key=lambda m: (m.start, m.end))
    at = {(m.start, m.end): m for m in mentions}
    toks = work.tokens
    # 1. "the Colonel" -> the one Colonel of the text
    titled: list[tuple[int, int, int]] = []
    pat = re.compile(r"(?<![\w-])[Tt]he\s+(" + "|".join(sorted(DESC_TITLES, key=len, reverse=True)) + r")\b(?![.\w-])",
                     re.I)
    for m in pat.finditer(text):
        title = DESC_TITLES[m.group(1).lower()]
        cid = owner_of_title.get(title)
        if cid is None:
            continue
        after = text[m.end():m.end() + 40]
        if re.match(r"\s+(?:[A-Z]|of\b|and\b|or\b)", after):
            continue  # "the Colonel Brandon", "the Duke of Gloucester", "the king and queen": someone else
        if re.match(r"['’]?s\b", after):
            pass  # "the Colonel's": a mention all the same
        titled.append((m.start(), m.end(), cid))
    claimed: set[tuple[int, int]] = set()
    starts = [m.start for m in mentions]
    for start, end, cid in titled:
        k = bisect_right(starts, end) - 1
        inner = [mentions[i] for i in range(max(0, k - 2), k + 1) if mentions[i].kind == "name" and mentions[i].end > start]
        if inner:
            # "the Colonel" where "Colonel" is already a name mention: the description says the same
            m = at.get((start, end))
            if m is not None and inner[0].character is not None:
                m.character, m.chain = inner[0].character, None
            continue
        ch = by_id[cid]
        surface = " ".join(text[start:end].split())
        _add_alias(ch, surface)
        ch.mentions += 1
        m = at.get((start, end))
        if m is None:
            m = Mention(start, end, cid, "nominal")
            work.mentions.append(m)
            at[(start, end)] = m
        else:
            m.character, m.chain = cid, None
        claimed.add((start, end))
    # 2. recurring role descriptions; not in a work of a known fandom, whose descriptions are epithets of its cast
    if any(conf >= 0.5 for _name, conf in work.fandoms):
        return _finish(work)
    uses: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind != "nominal" or (m.start, m.end) in claimed:
            continue
        phrase = _norm(text[m.start:m.end])
        words = phrase.split()
        if not words or words[0] != "the" or not all(_PHRASE.fullmatch(w) for w in words[1:]):
            continue
        if postmodified_head(words):
            uses[phrase].append(m)  # "the gentleman in the white waistcoat": one recurring person
            continue
        if len(words) < 2 or len(words) > 4 or any(w in NUMBERS for w in words[1:]):
            continue
        if toks is not None:
            j = bisect_right(toks.start, m.end - 1) - 1
            if 0 <= j < len(toks) and toks.tag[j] in ("NNS", "NNPS"):
                continue
        if not role_head(words[-1]):
            continue
        uses[phrase].append(m)
    name_end = {m.end: m.character for m in mentions if m.kind == "name" and m.character is not None}
    name_start = {m.start: m.character for m in mentions if m.kind == "name" and m.character is not None}
    by_head: dict[str, dict[str, list[Mention]]] = defaultdict(dict)
    for phrase, ms in uses.items():
        by_head[postmodified_head(phrase.split()) or phrase.split()[-1]][phrase] = ms
    next_id = max((c.id for c in chars), default=-1) + 1
    for head, phrases in sorted(by_head.items()):
        title = DESC_TITLES.get(head)
        if title and holders.get(title):
            continue  # "the captain" while several captains are named: not one person
        groups = _subset_groups(phrases) if head in POSTMODIFIED_HEADS else _role_groups(phrases)
        for group in groups:
            ms = [m for p in group for m in phrases[p]]
            if len(ms) < MIN_ROLE_USES:
                continue
            bare = " ".join(group[0].split()[1:])
            known = name_alias.get(bare)
            linked = _appositive_owner(text, ms, name_end, name_start)
            if known is not None:
                ch = by_id[known[1]]
            elif linked is not None:
                ch = by_id[linked]  # "Mr. Eager, the chaplain, ...": the description is his
            else:
                gender = PERSON_NOUNS.get(head, "") or role_gender(head) or _pronoun_gender(work, ms) or (
                    "M" if head in _MOSTLY_MALE else "")
                first = min(m.start for m in ms)
                ch = described_character(work, next_id, "The " + " ".join(w.capitalize() for w in bare.split()),
                                         gender, first, first + len(group[0]), "a recurring description, never named")
                chars.append(ch)
                by_id[ch.id] = ch
                next_id += 1
            for m in ms:
                old = by_id.get(m.character) if m.character is not None else None
                surface = text[m.start:m.end]
                if old is not None and old is not ch and surface in old.aliases:
                    old.aliases[surface] -= 1
                    if old.aliases[surface] <= 0:
                        del old.aliases[surface]
                if old is not None and old is not ch:
                    old.mentions = max(0, old.mentions - 1)
                m.character, m.chain = ch.id, None
                _add_alias(ch, " ".join(surface.split()))
                ch.mentions += 1
                count_presence(work, ch, m.start)
    # a role description the resolver linked to a named character, too rare to be a person of its own, is
    # no name of that character ("the station-master" is not Matthew): its mentions stay, the alias goes
    for phrase, ms in uses.items():
        for m in ms:
            c = by_id.get(m.character) if m.character is not None else None
            surface = text[m.start:m.end]
            if c is not None and not c.name.lower().endswith(phrase.split()[-1]) and surface in c.aliases:
                del c.aliases[surface]
    _finish(work)


def _finish(work: Work) -> None:
    add_bare_role_characters(work)
    _reorder(work)
    work.mentions.sort(key=lambda m: (m.start, m.end))
    work.stats["characters"] = len(work.characters)
    work.stats["mentions"] = len(work.mentions)


def _reorder(work: Work) -> None:
    """Keep ``work.characters`` most mentioned first with ids equal to list indices.

    Role characters are appended and mentions move between characters above; a stable sort on
    mentions (ties keep their order) puts them in place, and every mention is renumbered.
    """
    chars = work.characters
    order = sorted(range(len(chars)), key=lambda i: -chars[i].mentions)
    if order == list(range(len(chars))) and all(c.id == i for i, c in enumerate(chars)):
        return
    new_id = {chars[i].id: k for k, i in enumerate(order)}
    work.characters = [chars[i] for i in order]
    for k, c in enumerate(work.characters):
        c.id = k
    for m in work.mentions:
        if m.character is not None:
            m.character = new_id.get(m.character, m.character)


def _appositive_owner(text: str, ms: list[Mention], name_end: dict[int, int], name_start: dict[int, int]) -> int | None:
    """The named character a description is set beside ("Mr. Eager, the chaplain," / "the chaplain, Mr. Eager,")
    at least twice, and no other character is."""
    links: Counter = Counter()
    for m in ms:
        before = text[max(0, m.start - 2):m.start]
        after_desc = text[m.end:m.end + 1]
        if before == ", " and (m.start - 2) in name_end and after_desc in (",", ".", ";", ")", "!", "?"):
            links[name_end[m.start - 2]] += 1
        elif text[m.end:m.end + 2] == ", " and (m.end + 2) in name_start:
            k = m.end + 2
            links[name_start[k]] += 1
    if len(links) != 1:
        return None
    (cid, n), = links.items()
    return cid if n >= 2 else None


_GENDERED = {"he": "M", "his": "M", "himself": "M", "she": "F", "herself": "F"}


def _pronoun_gender(work: Work, ms: list[Mention]) -> str:
    """M/F from the first he/she (his, her-as-possessive, -self) after each mention in its sentence."""
    toks, text = work.tokens, work.text
    if toks is None:
        return ""
    votes: Counter = Counter()
    n_tok = len(toks)
    for m in ms:
        j = bisect_right(toks.start, m.end - 1)
        voted = False
        for k in range(j, min(n_tok, j + 12)):
            if toks.sent[k] != toks.sent[j - 1] or toks.pos[k] == "PROPN":
                break
            w = text[toks.start[k]:toks.end[k]].lower()
            if w in ('"', "“", "”", ";", ":"):
                break
            g = _GENDERED.get(w) or ("F" if w == "her" and toks.tag[k] == "PRP$" else "")
            if g:
                votes[g] += 1
                voted = True
                break
            if w in ("him", "her"):
                break
        i = bisect_right(toks.start, m.start) - 1
        if not voted and 0 <= i and (i == 0 or toks.sent[i - 1] != toks.sent[i]):
            # "The driver stopped. He turned round.": the subject opening the next sentence
            k = j
            while k < n_tok and toks.sent[k] == toks.sent[i]:
                k += 1
            if k < n_tok and text[toks.start[k]:toks.end[k]] in ("He", "She"):
                votes["M" if text[toks.start[k]] == "H" else "F"] += 0.5
    if not votes:
        return ""
    g, n = votes.most_common(1)[0]
    return g if n >= 3 * (sum(votes.values()) - n) else ""


def _role_groups(phrases: dict[str, list[Mention]]) -> list[list[str]]:
    """Phrases of one head that are one person: all of them, unless two differently modified forms both recur
    ("the senior detective", "the junior detective"); then each recurring form is one person."""
    recurring = [p for p, ms in phrases.items() if len(p.split()) > 2 and len(ms) >= 2]
    if len(recurring) < 2:
        ordered = sorted(phrases, key=lambda p: (-len(phrases[p]), len(p), p))
        return [ordered]
    return [[p] for p in sorted(recurring, key=lambda p: (-len(phrases[p]), p))]


def _subset_groups(phrases: dict[str, list[Mention]]) -> list[list[str]]:
    """Postmodified descriptions of one head: a phrase whose words all occur in a more frequent one is the same
    person ("the man with the beard" / "the man with the black beard"); the most frequent form comes first."""
    groups: list[list[str]] = []
    for p in sorted(phrases, key=lambda p: (-len(phrases[p]), p)):
        words = set(p.split())
        home = next((g for g in groups if words <= set(g[0].split()) or set(g[0].split()) <= words), None)
        if home is None:
            groups.append([p])
        else:
            home.append(p)
    return groups
