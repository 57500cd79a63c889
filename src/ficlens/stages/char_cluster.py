"""Group the name keys of one work into characters ("Kakashi" = "Hatake Kakashi" = "Kakashi-sensei").

Rules, applied from the most to the least specific name:
1. a fandom pack, when it knows two names, decides (same canonical = same person);
2. full names (two or more words) are characters; initials do not matter;
3. "Mr. Bennet" joins the one full name with that family name and a compatible
   gender, unless the two forms keep appearing side by side in one sentence
   (then they are two people: "Mr. Emerson" and "George Emerson");
4. a bare word joins the one character having it as a given or family name,
   then English hypocorisms ("Lizzy" -> Elizabeth), then short forms ("Ruka" ->
   "Iruka"); otherwise it is a character of its own. When several characters
   share the word, one named DOMINANT (3) times more than the others takes it.
   A bare family name shared by a family is the man written "Mr. X" itself;
   "Miss X" is the eldest daughter, not a sister written "Miss Julia X"; "Mr. E."
   is the one "Mr. E..." of the text.

A given name two full names share ("John") is decided again use by use from its
context (``char_shared``).

"Mrs. John Dashwood" keeps her husband's given name apart (``Entity.husband``),
so a bare "John" never goes to her.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ficlens.stages.char_lexicon import HONORIFICS, NICKNAMES, TITLE_ABBREVIATIONS, TITLES
from ficlens.stages.char_names import NameStats, clean_surface, dominant_gender


@dataclass
class Entity:
    keys: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # lower-cased name words (given and family)
    first: set[str] = field(default_factory=set)
    last: set[str] = field(default_factory=set)
    husband: set[str] = field(default_factory=set)  # "john" of "Mrs. John Dashwood"
    title_gender: Counter = field(default_factory=Counter)
    count: int = 0
    ranked: int = 0  # occurrences with a military or police rank ("Captain Wentworth")
    masc: float = 0.0  # pronoun evidence of its names (NameStats.masc/fem)
    fem: float = 0.0
    canonical: str = ""
    pack: object = None  # PackCharacter when a fandom pack knows it

    def gender_hint(self) -> str:
        if not self.title_gender:
            return ""
        (g, n), = self.title_gender.most_common(1)
        return g if n >= 0.8 * sum(self.title_gender.values()) else ""

    def pronoun_gender(self) -> str:
        """M/F when the pronouns following its names clearly agree (more evidence than one name), else ''."""
        return dominant_gender(self.masc, self.fem, at_least=3, times=4)


def _core_words(st: NameStats) -> list[str]:
    return [w for w in st.core if not (len(w) == 2 and w.endswith("."))]


def _add(ent: Entity, st: NameStats, guess=None) -> None:
    ent.keys.append(st.key)
    words = [w.lower() for w in _core_words(st)]
    if guess is not None and _husbands_name(st, guess):
        ent.words.update(words[1:])  # "Mrs. John Dashwood": John is her husband, no name of hers
        ent.husband.add(words[0])
        ent.last.add(words[-1])
    else:
        ent.words.update(words)
        if len(words) >= 2:
            ent.first.add(words[0])
            ent.last.add(words[-1])
    g = TITLES.get(st.title, "")
    if g:
        ent.title_gender[g] += len(st.occurrences)
    ent.count += len(st.occurrences)
    ent.masc += st.masc
    if st.title in RANKS:
        ent.ranked += len(st.occurrences)
    ent.fem += st.fem


def _husbands_name(st: NameStats, guess) -> bool:
    """'Mrs. John Dashwood', 'Mrs Charles Musgrove': a married title before a man's given and family name."""
    words = _core_words(st)
    return st.title in MARRIED and len(words) >= 2 and guess(words[0]) == "M"


MARRIED = {"mrs", "madame", "mme", "signora", "frau", "señora", "senora", "lady"}  # "Lady Bertram" is no "Miss"
UNMARRIED = {"miss", "mlle", "mademoiselle", "signorina", "fraulein"}


def _title_clash(ent: Entity, title: str, names: dict[str, NameStats]) -> bool:
    """'Mrs. Miller' and 'Miss Miller' are two women."""
    other = UNMARRIED if title in MARRIED else MARRIED if title in UNMARRIED else set()
    titles = {names[k].title for k in ent.keys if names[k].title}
    if title in KNIGHTED or title in PLAIN_MALE:
        other = PLAIN_MALE if title in KNIGHTED else KNIGHTED | RANKS
        return bool(titles & other) and title not in titles
    if title in RANKS:
        # "Admiral Croft" is not "Mrs. Croft", "Admiral Crawford" is not the "Mr. Crawford" of the text
        return title not in titles and (bool(titles & (PLAIN_MALE | RANKS)) or
                                        (bool(titles) and titles <= MARRIED | UNMARRIED | {"lady"}))
    if title in PROFESSIONS:
        return title not in titles and bool(titles) and titles <= MARRIED | UNMARRIED | {"lady"}
    if not other:
        return False
    if any(names[k].title in other for k in ent.keys):
        return True
    # "Mrs. Forster" is not "Colonel Forster": a woman's title against a man's rank
    return bool(ent.keys) and all(names[k].title in RANKS | PROFESSIONS for k in ent.keys if names[k].title) and \
        any(names[k].title in RANKS | PROFESSIONS for k in ent.keys)


KNIGHTED = {"sir", "lord"}
PLAIN_MALE = {"mr", "mister"}
RANKS = {"colonel", "col", "captain", "capt", "general", "major", "lieutenant", "lt", "sergeant", "sgt", "admiral",
         "commander", "corporal", "inspector", "constable"}
PROFESSIONS = {"dr", "doctor", "professor", "prof", "rev", "reverend"}  # "Mrs. Spencer" is not "Dr. Spencer"
PASSAGE = 6  # sentences: the span within which two names "side by side" are two people
# titles that let a pet form join: "Tommy" = "Lieutenant Thomas Beresford", but not "Sir Thomas"
FAMILIAR_OK = {"", "miss", "master", "little", "young", "old"} | RANKS


def _middle_clash(ent: Entity, st: NameStats, names: dict[str, NameStats]) -> bool:
    """Two full names with the same first and last words and different middle ones ("Adam J. Patch", "Adam
    Ulysses Patch": J is not U) are two people, a father and his son."""
    def middle(core: tuple[str, ...]) -> str:
        return core[1][0].lower() if len(core) >= 3 else ""

    mine = middle(st.core)
    return bool(mine) and any(middle(names[k].core) not in ("", mine) and names[k].core[0] == st.core[0]
                              for k in ent.keys)


def _middle_only(ent: Entity, word: str, names: dict[str, NameStats]) -> bool:
    """``word`` is only ever a middle name of the entity's full names ("Amory" of "Beatrice Amory Blaine"): a
    bare word (untitled) is a given name or a family name, so it is someone else's."""
    if word in ent.first or word in ent.last or word in ent.husband:
        return False
    cores = [[w.lower() for w in _core_words(names[k])] for k in ent.keys]
    return not any(c == [word] for c in cores) and any(word in c[1:-1] for c in cores if len(c) >= 3)


def _compatible(ent: Entity, gender: str, guess) -> bool:
    if not gender:
        return True
    g = ent.gender_hint()
    if g:
        return g == gender
    if ent.pack is not None and getattr(ent.pack, "gender", "") in ("M", "F"):
        return ent.pack.gender == gender
    g = ent.pronoun_gender()
    if g:
        return g == gender
    for w in ent.first:
        gg = guess(w)
        if gg and gg != gender:
            return False
    return True


def _gender(ent: Entity, guess) -> str:
    """M/F of an entity: its titles, its pack entry, the pronouns after its names, then its first names."""
    g = ent.gender_hint()
    if g:
        return g
    if ent.pack is not None and getattr(ent.pack, "gender", "") in ("M", "F"):
        return ent.pack.gender
    g = ent.pronoun_gender()
    if g:
        return g
    firsts = {guess(w) for w in ent.first} - {""}
    if len(firsts) == 1 and all(guess(w) for w in ent.first):
        return firsts.pop()
    return ""


def cluster_names(names: dict[str, NameStats], sentence_of, guess, pack=None, paragraph_of=None) -> list[Entity]:
    """Entities (groups of name keys). ``sentence_of``/``paragraph_of(offset)`` give ids; ``guess(word)`` M/F/''."""
    order = sorted(names.values(), key=lambda s: (-len(_core_words(s)), -len(s.occurrences), s.key))
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    sentences = {k: Counter(sentence_of(o[0]) for o in st.occurrences) for k, st in names.items()}

    def side_by_side(key: str, ent: Entity) -> int:
        """Sentences where this name and another name of the entity (not containing it) both occur."""
        mine = sentences[key]
        word = set(w.lower() for w in _core_words(names[key]))
        others = [k for k in ent.keys if k != key and not word & {w.lower() for w in names[k].core}
                  and not (len(names[k].core) == 1 and names[k].core[0].lower() in TITLES)  # not "Colonel"
                  and not (len(names[k].core) == 1 and not names[k].title and
                           sum(names[k].core[0].lower() in e.first for e in entities) > 1)]  # a shared "Charles"
        return sum(min(mine[s], 1) for k in others for s in sentences[k] if s in mine)

    # a paragraph, cut into runs of PASSAGE sentences when long (a text without blank lines is one paragraph)
    paragraphs = {k: {(paragraph_of(o[0]), sentence_of(o[0]) // PASSAGE) for o in st.occurrences}
                  for k, st in names.items()} if paragraph_of else {}
    bare_first = {k.lower(): k for k, st in names.items() if not st.title and len(st.core) == 1}
    # "Miss Marianne": a younger sister, called by her given name; "Miss Dashwood" is then the eldest
    miss_given: dict[str, list[str]] = {}
    for k, st in names.items():
        if st.title in UNMARRIED and len(st.core) == 1:
            miss_given.setdefault(st.core[0].lower(), []).append(k)

    def sisters(key: str, ent: Entity) -> bool:
        """'Miss Dashwood and Miss Marianne' in two sentences: the entity's 'Miss <given>' is another sister."""
        mine = sentences[key]
        return sum(s in mine for f in ent.first for k in miss_given.get(f, ()) if k != key for s in sentences[k]) >= 2

    def other_person(key: str, ent: Entity) -> bool:
        """'Mrs. Bennet' and 'Elizabeth' (of 'Elizabeth Bennet') in one paragraph: two people."""
        if not paragraphs:
            return False
        mine = paragraphs[key]
        shared_title = sum(len(names[k].occurrences) for k in ent.keys if names[k].title == names[key].title)
        if shared_title >= max(2, 0.05 * len(names[key].occurrences)):
            return False  # 'Mr. Bill Sikes' and 'Mr. Sikes': the title is shared (not by one 'Mr. Charles Wilcox')
        shared = 0
        for f in ent.first:
            k = bare_first.get(f)
            if sum(f in e.first for e in entities) > 1:
                continue  # 'John' of two full names: not known to be this one
            if k is not None and k != key:
                shared += len(mine & paragraphs[k])
        return shared >= max(1, 0.1 * len(names[key].occurrences))

    def given_uses(ent: Entity, title: str) -> int:
        """Uses of the bare given names only this man has ("Edward" of "Edward Ferrars"), not yet placed.

        Only for a man's title: "Miss Elliot" beside a "Miss Anne Elliot" is her eldest sister however
        often "Anne" is named.
        """
        if TITLES.get(title) != "M":
            return 0
        return sum(len(names[bare_first[f]].occurrences) for f in ent.first
                   if f in bare_first and sum(f in e.first for e in entities) == 1)

    def place(st: NameStats, ent: Entity | None) -> None:
        if ent is None:
            ent = Entity()
            entities.append(ent)
        _add(ent, st, guess)
        by_key[st.key] = ent

    # 1. fandom pack
    if pack is not None:
        canon: dict[str, Entity] = {}
        for st in order:
            pc = None
            for surface in sorted({clean_surface(o[2]) for o in st.occurrences}) + [" ".join(st.core)]:
                pc = _lookup(pack, surface)
                if pc is not None:
                    break
            if pc is None:
                continue
            ent = canon.get(pc.canonical)
            if ent is None:
                ent = canon[pc.canonical] = Entity(canonical=pc.canonical, pack=pc)
                entities.append(ent)
                for w in (getattr(pc, "given", ""), getattr(pc, "family", "")):
                    if w:
                        ent.words.add(w.lower())
            place(st, ent)
    rest = [st for st in order if st.key not in by_key]
    # 2. full names
    for st in rest:
        words = [w.lower() for w in _core_words(st)]
        if len(words) < 2:
            continue
        g = TITLES.get(st.title, "") or st.pronoun_gender() or guess(words[0])
        match = [e for e in entities if ((set(words) <= e.words and (not e.first or words[0] in e.first))
                                         or e.words and e.words <= set(words) and len(e.words) >= 2)
                 and _compatible(e, g, guess) and not _title_clash(e, st.title, names)
                 and not _middle_clash(e, st, names)]
        if not match and len(words) >= 2:
            # "Eliza Bennet" and "Elizabeth Bennet"
            match = [e for e in entities if words[-1] in e.last and any(_nick(words[0], f) for f in e.first)
                     and _compatible(e, g, guess) and st.title in FAMILIAR_OK
                     and all(names[k].title in FAMILIAR_OK for k in e.keys)]
        place(st, match[0] if len(match) == 1 else None)
    # 3. titled single names, then 4. bare words (most frequent first)
    singles = [st for st in rest if st.key not in by_key]
    singles.sort(key=lambda s: (not s.title, -len(s.occurrences), s.key))
    for st in singles:
        word = _core_words(st)[0].lower() if _core_words(st) else st.core[0].lower()
        g = TITLES.get(st.title, "") or st.pronoun_gender()
        cands = [e for e in entities if (word in e.words or (st.title in MARRIED and word in e.husband))
                 and _compatible(e, g, guess)
                 and not _title_clash(e, st.title, names)
                 and not (not st.title and _middle_only(e, word, names))]
        if st.title in RANKS and not g:
            # "Captain Harville" is not the "Fanny Harville" of the text: a rank is no woman's given name
            cands = [e for e in cands if not (e.first and all(guess(f) == "F" for f in e.first)
                                              and not e.gender_hint() and not _ranked(e, names))]
        if st.title in UNMARRIED:
            cands = [e for e in cands if word in e.first or not sisters(st.key, e)]
            if len(cands) > 1:
                cands = _eldest_daughter(cands, word, names, miss_given)
        if st.title and len(cands) > 1:
            same_title = [e for e in cands if any(names[k].title == st.title for k in e.keys)]
            cands = same_title or cands
        if st.title and len(cands) > 1:
            cands = _dominant(cands)
        if st.title and len(cands) > 1:
            role = e_last if TITLES.get(st.title) or st.title in ("dr", "doctor", "captain", "colonel") else e_first
            cands = [e for e in cands if word in role(e)] or cands
        if st.title and len(cands) == 1 and (_disambiguated(cands[0], st, word, names, guess, given_uses(cands[0], st.title)) or
                                             ((st.title in MARRIED or st.title in ("mr", "mister", "monsieur"))
                                              and word in cands[0].last and
                                              other_person(st.key, cands[0]))):
            cands = []
        if not st.title and word in TITLES and not cands:
            # a bare title ("Colonel") for the one character who bears it
            full = TITLE_ABBREVIATIONS.get(word, word)  # "Doctor" for "Dr. Bull"
            cands = [e for e in entities if any(TITLE_ABBREVIATIONS.get(names[k].title, names[k].title) == full
                                                for k in e.keys)]
        if not st.title and len(cands) > 1:
            as_first = [e for e in cands if word in e.first]
            if as_first:
                weight = {id(e): sum(len(names[k].occurrences) for k in e.keys
                                     if _core_words(names[k])[:1] and _core_words(names[k])[0].lower() == word
                                     and len(_core_words(names[k])) > 1) for e in as_first}
                ranked = sorted(as_first, key=lambda e: -weight[id(e)])
                titled = {id(e): _titled_uses(e, word, names) for e in cands if e not in as_first}
                surname = [e for e in cands if titled.get(id(e), 0) >= DOMINANT * max(1, weight[id(ranked[0])])]
                if len(surname) == 1:
                    # "Fitzwilliam": the "Colonel Fitzwilliam" named 30 times, not Mr. Fitzwilliam Darcy, so written once
                    cands = surname
                elif len(ranked) == 1 or weight[id(ranked[0])] >= DOMINANT * max(1, weight[id(ranked[1])]):
                    cands = ranked[:1]
        if not st.title and len(cands) > 1 and not any(word in e.first for e in cands):
            # a bare family name is, by convention, the man of the family ("Weston" = Mr. Weston)
            family = [e for e in cands if word in e.last | _titled_cores(e, names)]
            male = [e for e in family if (_gender(e, guess) or _ranked(e, names)) == "M"]
            # the one called "Mr. X" itself ("Master Frank" of the son is no "Mr. Oakley"), else by any man's title
            titled = [e for e in male if _called_mister(e, word, names)] or \
                [e for e in male if e.gender_hint() == "M"]
            if len(titled) == 1 and len(male) > 1 and \
                    3 * titled[0].count >= max(e.count for e in male if e is not titled[0]):
                male = titled  # unless that "Mr. X" is rare next to another man of the family
            male = _dominant(male)
            if len(male) == 1:
                cands = male
        if not st.title and len(cands) > 1:
            cands = _named_in_time(cands, st, names)
        if not st.title and len(cands) > 1:
            cands = _dominant(cands)
        if not cands:
            full = set(NICKNAMES.get(word, ()))
            cands = [e for e in entities if (e.first & full or (e.words & full and len(e.words) == 1))
                     and all(names[k].title in FAMILIAR_OK for k in e.keys)]
            cands = _dominant(cands)
        if not cands and not st.title:
            # the full form of a nickname that is a character of its own ("Anne" when "Nancy" is one)
            cands = [e for e in entities if len(e.words) == 1 and word in NICKNAMES.get(next(iter(e.words)), ())
                     and all(names[k].title in FAMILIAR_OK for k in e.keys)]
            if not cands:
                # ... or the given name of a full name ("Francis" when "Frank Oakley" is one)
                cands = [e for e in entities if any(word in NICKNAMES.get(f, ()) for f in e.first)
                         and _compatible(e, guess(word), guess)]
                cands = cands if len(cands) == 1 else []
        if not cands and not st.title:
            cands = _diminutive_of(word, entities, guess)
        if not cands and len(word) >= 3:
            cands = [e for e in entities if any(len(w) > len(word) and (w.endswith(word) or w.startswith(word))
                                                 and len(w) - len(word) <= 2 for w in e.words)]
            cands = [e for e in cands if e.count > len(st.occurrences)]
        if not cands and len(word) >= 3 and not st.title:
            # a clipped given name ("Gil" for Gilbert) of exactly one character
            cands = [e for e in entities if any(f.startswith(word) and 2 < len(f) - len(word) <= 5 for f in e.first)
                     and e.count > 2 * len(st.occurrences)]
            cands = cands if len(cands) == 1 else []
        if st.title in MARRIED - {"mrs"} and len(cands) == 1 and cands[0].first and \
                not any(names[k].title == st.title for k in cands[0].keys) and \
                any(names[k].title in KNIGHTED and word in {w.lower() for w in names[k].core}
                    for e in entities if e is not cands[0] for k in e.keys):
            # "Lady Bertram" beside a "Sir Thomas Bertram" is his wife, not the "Maria Bertram" never called so
            cands = []
        if not cands and st.title and len(word) <= 2 and word.rstrip(".").isalpha() and len(word.rstrip(".")) == 1:
            # "Mr. E." for the one "Mr. Elton": a discreet initial of a titled family name
            cands = [e for e in entities if any(names[k].title == st.title and len(_core_words(names[k])) == 1
                                                and _core_words(names[k])[0][0].lower() == word[0] for k in e.keys)]
            cands = cands if len(cands) == 1 else []
        if len(cands) == 1 and side_by_side(st.key, cands[0]) >= max(2, 0.1 * len(st.occurrences)):
            cands = []
        place(st, cands[0] if len(cands) == 1 else None)
    for ent in entities:
        if not ent.canonical:
            ent.canonical = _canonical(ent, names)
    return [e for e in entities if e.keys]


DOMINANT = 3  # a character named this many times more than the next candidate takes an ambiguous name


def _named_in_time(cands: list[Entity], st: NameStats, names: dict[str, NameStats]) -> list[Entity]:
    """The candidates for a bare name that were named before most of its uses: "Lydia", used throughout, is the
    "Miss Lydia Bennet" of the first chapters, not the "Lydia Wickham" she signs herself near the end."""
    uses = sorted(o[0] for o in st.occurrences)
    if not uses:
        return cands
    middle = uses[len(uses) // 2]
    early = [e for e in cands if min(o[0] for k in e.keys for o in names[k].occurrences) < middle]
    return early or cands


def _dominant(cands: list[Entity]) -> list[Entity]:
    """The one candidate mentioned DOMINANT times more than any other, else all of them."""
    if len(cands) < 2:
        return cands
    best = max(cands, key=lambda e: e.count)
    return [best] if best.count >= DOMINANT * sorted((e.count for e in cands), reverse=True)[1] else cands


def _ranked(e: Entity, names: dict[str, NameStats]) -> str:
    """'M' for a character known by a rank ("Captain Harville"), a weak prior used only for family names."""
    return "M" if any(names[k].title in RANKS for k in e.keys) else ""


_DIMINUTIVE = ("sy", "ie", "ey", "y")


def _diminutive_of(word: str, entities: list[Entity], guess) -> list[Entity]:
    """'Skaggsy' for Skaggs, 'Tommy' for Tom, 'Josie' for Josephine: a pet form made with -y/-ie/-sy.

    The stem must be a name word of exactly one character (or begin one of its given names); a
    word the name list knows as a given name of the other gender is not a pet form of it.
    """
    stems = set()
    for suf in _DIMINUTIVE:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            stems.add(stem)
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # "Tommy" -> "tom"
    if not stems:
        return []
    exact = [e for e in entities if e.words & stems]
    if len(exact) == 1:
        return exact
    if exact:
        return []
    g = guess(word)
    pre = [e for e in entities if any(f.startswith(st) and len(f) - len(st) <= 5 for f in e.first for st in stems)
           and (not g or _compatible(e, g, guess))]
    return pre if len(pre) == 1 else []


def _eldest_daughter(cands: list[Entity], word: str, names: dict[str, NameStats],
                     miss_given: dict[str, list[str]]) -> list[Entity]:
    """'Miss Bertram' is the eldest daughter: not the sister written "Miss Julia Bertram", nor "Miss Julia".

    A younger sister is told apart by her given name after the title; the sisters never so written
    are kept (all of them when every one is), provided the text calls them "Miss" too: a girl never
    called so ("Diana") is no eldest daughter beside an aunt written "Miss Josephine Barry".
    """
    def miss(e: Entity) -> bool:
        return any(names[k].title in UNMARRIED for k in e.keys) or any(f in miss_given for f in e.first)

    for younger in (lambda e: any(names[k].title in UNMARRIED and len(_core_words(names[k])) >= 2
                                  and _core_words(names[k])[-1].lower() == word for k in e.keys),
                    lambda e: any(f in miss_given for f in e.first)):
        rest = [e for e in cands if not younger(e)]
        if rest and len(rest) < len(cands) and all(miss(e) for e in rest):
            cands = rest
    return cands


def _called_mister(e: Entity, word: str, names: dict[str, NameStats]) -> bool:
    """The entity is written "Mr. <word>" (or "Sir"/a rank + <word>) with nothing between title and name."""
    return any(TITLES.get(names[k].title) == "M" and [w.lower() for w in _core_words(names[k])] == [word]
               for k in e.keys)


def _titled_uses(e: Entity, word: str, names: dict[str, NameStats]) -> int:
    """How often the entity is written "<title> <word>" ("Colonel Fitzwilliam") with nothing between."""
    return sum(len(names[k].occurrences) for k in e.keys
               if names[k].title and [w.lower() for w in _core_words(names[k])] == [word])


def _titled_cores(e: Entity, names: dict[str, NameStats], given_after: frozenset[str] = frozenset()) -> set[str]:
    """Last words of the entity's titled names ("bennet" of "Mr. Bennet"), except a lone word after one of the
    titles ``given_after`` ("Sir William": a given name)."""
    return {core[-1].lower() for k in e.keys if names[k].title and (core := _core_words(names[k]))
            and not (len(core) == 1 and names[k].title in given_after)}


def _disambiguated(ent: Entity, st: NameStats, word: str, names: dict[str, NameStats], guess,
                   given: int = 0) -> bool:
    """The text writes 'Mr. John Knightley' for this character: then plain 'Mr. Knightley' is someone else.

    Not so for a married woman's own given name ('Mrs. Rachel Lynde' is 'Mrs. Lynde'); 'Mrs. John
    Knightley' (her husband's) still is. ``given``: uses of his bare given name, which count as his
    (a man named "Edward" 246 times is still the "Mr. Ferrars" named 30).
    """
    full = sum(len(names[k].occurrences) for k in ent.keys if names[k].title == st.title
               and len(_core_words(names[k])) >= 2 and _core_words(names[k])[-1].lower() == word
               and not (st.title in MARRIED and guess(_core_words(names[k])[0]) == "F"))
    return full >= 3 and len(st.occurrences) > ent.count + given


def _nick(a: str, b: str) -> bool:
    return a != b and (b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ()))


def e_last(e: Entity) -> set[str]:
    return e.last


def e_first(e: Entity) -> set[str]:
    return e.first


def _lookup(pack, surface: str):
    try:
        return pack.lookup(surface)
    except Exception:  # a pack must never break the stage
        return None


def _canonical(ent: Entity, names: dict[str, NameStats]) -> str:
    """The fullest name a reader would use: longest untitled full name, else the titled or commonest form."""
    def display(key: str) -> str:
        surfaces = Counter(clean_surface(o[2]) for o in names[key].occurrences)
        best = surfaces.most_common(1)[0][0]
        for h in HONORIFICS:
            if best.lower().endswith("-" + h):
                best = best[: -len(h) - 1]
        return best

    # a bare title ("Doctor" of "Dr. Bull") is no display name when the character has another
    keys = [k for k in ent.keys if names[k].title or len(names[k].core) > 1 or
            names[k].core[0].lower() not in TITLES] or ent.keys
    full = [k for k in keys if len(_core_words(names[k])) >= 2]
    if full:
        return display(max(full, key=lambda k: (not names[k].title, len(names[k].occurrences), -len(k))))
    titled = [k for k in keys if names[k].title and TITLES.get(names[k].title)]
    bare = [k for k in keys if not names[k].title]
    if titled and (not bare or sum(len(names[k].occurrences) for k in titled) * 3 >= sum(len(names[k].occurrences) for k in bare)):
        return display(max(titled, key=lambda k: len(names[k].occurrences)))
    return display(max(keys, key=lambda k: len(names[k].occurrences)))
