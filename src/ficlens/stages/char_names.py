"""Proper-name mentions of characters: find capitalised name candidates, then keep the person-like ones.

A candidate is a run of capitalised words, optionally led by a title ("Mr.",
"Lady", "Captain") and followed by a Japanese honorific ("-sensei", "-sama").
Each distinct name collects evidence over all its occurrences: titles and
honorifics, vocatives inside quotations, being the subject of a verb or of a
speech verb, against place-like use ("in Konoha", "the Hokage tower"). Words
that the text also uses in lower case are common words, not names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from ficlens.dialogue.detect import marked_spans, quote_style
from ficlens.document import Work
from ficlens.stages.char_lexicon import HONORIFICS, NOT_NAMES, PERSON_NOUNS, PLACE_NAMES, PRONOUNS, TITLES
from ficlens.stages.noun_senses import senses
from ficlens.stages.verb_forms import present_stem

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_WORD = (rf"(?:[{_UP}]['’])?[{_UP}](?:[{_LO}]+(?:['’](?!(?:s|ll|d|re|ve|m|t)\b)[{_LO}]+)?"
         rf"|[{_LO}]*[{_UP}][{_LO}]+)")
_CONNECT = r"(?:de|van|von|der|den|la|le|du|di|da|del|della|bin|ibn|al|St\.)"
# words of a name are apart by spaces or by one line break (hard-wrapped text: "Mrs.\nLynde"); the search
# runs inside one paragraph, so a name never joins the first word of the next paragraph
_SP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"
_HON = "|".join(sorted((re.escape(h) for h in HONORIFICS), key=len, reverse=True))
# a name may follow a double hyphen ("advice--Mrs. Lynde"), a dash in plain-text books, not a single hyphen;
# an opening straight single quote ("'Mrs. Elton says'"), not an apostrophe ("O'Hara"); and the underscores
# of plain-text italics ("_Julia_ does not")
NAME_RE = re.compile(
    rf"(?:(?<![\w'’-])|(?<=--)|(?<=[\s(\[—\"“]')|(?<=[^\w]_))(?P<name>{_WORD}\.?(?:{_SP}(?:[{_UP}]\.(?:{_SP})?)*(?:{_CONNECT}{_SP}){{0,2}}{_WORD}\.?){{0,4}})"
    rf"(?P<hon>-(?i:{_HON}))?(?![^\W_]|-)"
)
# a stuttered name: "S-Sakura", "S..s..sasuke", "K-kakashi-sensei", "I-I-Iruka" (letters repeat the word's start)
STUTTER_RE = re.compile(
    rf"(?<![\w'’-])(?P<stut>(?P<a>[{_UP}{_LO}]{{1,2}})(?:-|\.{{2,3}}|…)(?:(?P=a)(?:-|\.{{2,3}}|…)|(?i:(?P=a))(?:-|\.{{2,3}}|…)){{0,3}})"
    rf"(?P<word>[{_UP}{_LO}][{_LO}]{{2,}})(?P<hon>-(?i:{_HON}))?(?![\w-])")
MAX_NAME_WORDS = 5  # longest name looked for inside a run of capitals ("SIR WALTER ELLIOT, BART.")
# a run of words in capitals (two letters or more each, "MR." and "O'HARA" included) and its words
_CAPS_RUN = re.compile(rf"(?<![\w'’-])[{_UP}][{_UP}'’.-]*[{_UP}.](?:[ \t]+[{_UP}][{_UP}'’.-]*[{_UP}.])*(?![\w'’-])")
_CAPS_WORD = re.compile(rf"[{_UP}][{_UP}'’.-]*[{_UP}]\.?")
# a title in capitals right before a name ("MRS. Rachel Lynde", "MR. Temple": a chapter's first word in capitals)
_CAPS_TITLE = re.compile(r"(?<![\w'’])([A-Z]{2,5})\.?[ \t]+$")
# a regnal number after a name ("Charles II", "Napoleon III"; not a lone "I", "V" or "X")
_REGNAL = re.compile(r"[ \t]+(II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)\b(?![\w'’-])")
_LOWER_WORD = re.compile(rf"(?<![\w'’-])[{_LO}][{_LO}'’]*")
_QUOTE_RE = re.compile(r"[\"“”]")

OBJECT_PRONOUNS = {"me", "us", "him", "them"}
SPEECH_VERBS = set("""
say said says ask asked asks reply replied replies answer answered whisper whispered shout shouted yell yelled
cry cried mutter muttered murmur murmured exclaim exclaimed add added continue continued call called snap snapped
sigh sighed laugh laughed growl growled hiss hissed scream screamed begin began repeat repeated return returned
observe observed remark remarked demand demanded insist insisted interrupt interrupted retort retorted counter
countered grumble grumbled mumble mumbled groan groaned breathe breathed chuckle chuckled smile smiled nod nodded
grin grinned sneer sneered scoff scoffed huff huffed tell told explain explained inquire inquired enquire enquired
""".split())
PLACE_PREPS = {"in", "into", "from", "inside", "near", "through", "across", "within", "toward", "towards",
               "around", "outside", "beyond", "throughout", "reach", "reached", "leave", "left", "visit", "visited"}
LOOK_VERBS = {"look", "stare", "glance", "glare", "smile", "laugh", "grin", "point", "nod", "wink", "shout", "yell",
              "frown", "scowl", "gaze", "peer", "aim", "throw", "snap", "bark", "sneer", "beam", "blink"}
MOTION_VERBS = {"go", "return", "come", "head", "back", "travel", "get", "run", "walk", "hurry", "rush", "bring",
                "take", "move", "send", "lead", "way", "journey", "sail", "ride", "drive", "fly", "arrive"}
VEHICLE_WORDS = set("""
sail sailed sailing dock docked moor moored anchor anchored harbour harbor port berth berthed crew hull deck mast
launch launched sink sank sunk capsize capsized steam steamed land landed fly flew taxi slide slid drift drifted
""".split())
PLACE_HEADS = set("""
street road lane avenue square place park hall house court manor castle palace abbey church chapel cathedral
tower village town city country county river lake sea ocean island mountain mountains hill hills valley forest
wood woods station hotel inn school academy college university hospital office shop store bridge gate gates
garden gardens kingdom empire republic land lands district clan village's compound estate farm ranch hills
gables mall crescent terrace tavern islands
""".split())

# place heads no one bears as a family name: "Russell Square" and "Victoria Station" are places although a
# given name opens them (not "Hall", "Lane", "Street", "Park", "Court": surnames too)
NO_SURNAME_HEADS = frozenset("""square avenue mall crescent terrace gardens station cathedral abbey chapel college
hospital hotel inn tavern castle palace river bridge gables island islands ocean kingdom empire republic county""".split())
# place heads that, alone and untitled, are never anyone's name: "Fifth Avenue" read from "Avenue", "the Empire"
# (not "River", "Castle", "Abbey", "Chapel", "Ocean", "Bridge": given names or family names too)
LONE_PLACE_WORDS = NO_SURNAME_HEADS - {"river", "castle", "abbey", "chapel", "ocean", "bridge"} | {"isle"}
NEW_PLACE = 2.0  # place evidence of a word after a capitalised "New" ("New York", "New Orleans")

# parts of a body: "Cranly's arm", like a person noun after a possessor, shows that the possessor is a person
BODY_PARTS = set("""
arm arms hand hands face eyes eye head hair lips lip mouth cheek cheeks shoulder shoulders brow forehead chin nose
neck finger fingers voice heart breast chest knee knees foot feet leg legs back ear ears skin beard tongue fist
""".split())
APPOSITION = 3.0  # "Taylor, the gardener", "Morgenroth the clothier": the name of a person
PERSON_POSSESSOR = 1.5  # "Isabella's husband", "Cranly's arm"
NO_APPOSITION_AFTER = PLACE_PREPS | {"the", "a", "an"}  # "in Beck Hall -- a slim dark boy", "the Fuwalda, the mate"
NAMING = 3.0  # "a trader named Jennings", "a gentleman whose name was Allworthy"
NAMING_WORDS = {"named", "name", "surnamed", "nicknamed", "christened"}


def person_noun(word: str, lemma: str = "") -> bool:
    """A lower-case noun for a person: the person-noun list, else WordNet's first sense ("clothier")."""
    if not word[:1].islower():
        return False
    return word.lower() in PERSON_NOUNS or lemma.lower() in PERSON_NOUNS or senses(word, lemma)[:1] == "p"


def dominant_gender(masc: float, fem: float, at_least: float, times: float) -> str:
    """M/F when one side's pronoun evidence reaches ``at_least`` and ``times`` the other's, else ''."""
    if masc >= at_least and masc >= times * fem:
        return "M"
    if fem >= at_least and fem >= times * masc:
        return "F"
    return ""


@dataclass
class NameStats:
    """Evidence gathered over all occurrences of one name key."""

    key: str
    core: tuple[str, ...]
    title: str = ""
    occurrences: list[tuple[int, int, str, int]] = field(default_factory=list)  # start, end, surface, flags
    person: float = 0.0
    place: float = 0.0
    propn: int = 0
    common: bool = False  # the text also uses the word(s) in lower case
    rejected: bool = False  # a common word that is only capitalised where a sentence starts
    plural: int = 0  # occurrences tagged as plural ("the Bertrams", "Italians"): a group
    sent_initial: int = 0
    verb_subject: int = 0
    stutter: int = 0  # occurrences that are stuttered ("S-Sakura")
    article: int = 0  # occurrences after "the" ("the Gull")
    speech: int = 0  # vocatives and subjects of speech verbs
    vehicle: int = 0  # occurrences with a vessel/place verb or noun nearby ("slid into the harbour")
    verb_like: int = 0  # occurrences followed by an object pronoun ("Tell me", "Reckon him"): a verb
    masc: float = 0.0  # he/his/himself following the name in its clause (weighted)
    fem: float = 0.0  # she/her/herself following the name in its clause (weighted)

    def pronoun_gender(self) -> str:
        """M/F when the pronouns that follow this name clearly agree, else ''."""
        return dominant_gender(self.masc, self.fem, at_least=1.5, times=3)


_GENDER_PRONOUNS = {"he": ("M", 1.0), "himself": ("M", 2.0), "his": ("M", 0.7), "him": ("M", 0.0),
                    "she": ("F", 1.0), "herself": ("F", 2.0), "her": ("F", 0.7)}
# titles a person's name takes after "the" ("the Widow Douglas", "the Reverend Edward Casaubon")
ARTICLE_TITLES = frozenset({"widow", "reverend", "rev"})
PART_PLACE = 2.0  # place evidence a lone word of an accepted full name may carry beyond its person evidence
MODIFIER = 1  # occurrence used as a modifier of a noun ("Leaf shinobi"): not a mention
# what may follow a present-tense beat's verb ("grins at", "shrugs.", "hugs him", "nods and"), and what before a
# name makes it a modifier ("the/his Konoha gates")
_AFTER_PRESENT_BEAT = frozenset("ADP DET ADV PRON PROPN CCONJ SCONJ PART".split())
_CLOSING_PUNCTUATION = frozenset(". ! ? ; : — --".split())
_THING_SENSES = frozenset("palgtc")  # noun_senses kinds that make a plural a head noun: person ... location
_HEAD_BEFORE_NAME = frozenset("DT PRP$ POS JJ CD".split())


def quote_spans(text: str, start: int, end: int, style: str = "double") -> list[tuple[int, int]]:
    """Rough quoted stretches of one paragraph (used for vocatives and person of pronouns); ``style`` is the
    work's :func:`~ficlens.dialogue.detect.quote_style` (British single marks or dash dialogue otherwise)."""
    if style != "double":
        return marked_spans(text, start, end, style)
    spans, open_at = [], None
    for m in _QUOTE_RE.finditer(text, start, end):
        ch = m.group()
        if open_at is None and ch != "”":
            open_at = m.start()
        elif open_at is not None and ch != "“":
            spans.append((open_at, m.end()))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def stutters(text: str, start: int = 0, end: int | None = None):
    """(start, end, name, honorific) of stuttered names ("S..s..sasuke" -> "Sasuke") in text[start:end]."""
    end = len(text) if end is None else end
    for m in STUTTER_RE.finditer(text, start, end):
        word, stut = m.group("word"), m.group("a")
        if not word.lower().startswith(stut.lower()) or not stut[0].isupper():
            continue
        hon = (m.group("hon") or "")[1:].lower()
        yield m.start(), m.end(), word[0].upper() + word[1:], hon


def clean_surface(surface: str) -> str:
    """A name surface without a stutter ("S-Sakura-chan" -> "Sakura-chan") and on one line."""
    m = STUTTER_RE.fullmatch(surface.rstrip(".…"))
    if m is None or not m.group("word").lower().startswith(m.group("a").lower()):
        return " ".join(surface.split())  # a name broken over two lines is written on one
    word = m.group("word")
    return word[0].upper() + word[1:] + (m.group("hon") or "")


def near_miss(a: str, b: str) -> bool:
    """Edit distance exactly 1 (insert, delete, substitute or swap two neighbours), case-insensitive."""
    a, b = a.lower(), b.lower()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def pack_titles(stats: dict[str, NameStats], pack) -> dict[str, NameStats]:
    """Name keys that are a title the fandom pack calls ambiguous ("Hokage"): no character by themselves."""
    if pack is None:
        return {}
    titles = {a.casefold() for a in getattr(pack, "ambiguous", [])}
    return {k: st for k, st in stats.items() if not st.title and " ".join(st.core).casefold() in titles}


def _thing_word(word: str) -> bool:
    """A word WordNet knows only as no person and no animal ("diamond", "armistice"; not "pigeon", "knave", nor an
    unknown word such as "Hokage")."""
    found = senses(word)
    return bool(found) and "p" not in found and "a" not in found


# endings of sentence adverbs ("Unluckily Aziz", "Wearily Tom"), long enough to spare given names ("Emily")
_ADVERB_ENDINGS = ("ily", "ully", "ntly", "ously", "ally", "ively", "edly", "tly", "sly", "ely")


def _is_stop(word: str) -> bool:
    w = word.rstrip(".").lower()
    return w in NOT_NAMES or w in PRONOUNS or (len(w) >= 7 and w.endswith(_ADVERB_ENDINGS))


# common adjectives that are also family names: a name after a title or a given name ("Mr. Last", "Tony Last")
SURNAME_WORDS = frozenset("last young little long short good great new high low dark light black white small".split())


def _surname_word(word: str) -> bool:
    return word.rstrip(".") in {w.capitalize() for w in SURNAME_WORDS}


def parse_name(m: re.Match) -> tuple[str, list[str], int, int, str] | None:
    """(title, core words, start, end, honorific) of a NAME_RE match, or None.

    Leading and trailing non-name words are dropped ("When Sakura" -> "Sakura"),
    a leading title is split off, and the run stops at an inner non-name word.
    """
    base = m.start("name")
    words = [(w.group(), base + w.start()) for w in re.finditer(r"\S+", m.group("name"))]
    title = ""
    while words:
        w = words[0][0].rstrip(".").lower()
        if not title and w in TITLES and len(words) > 1 and (not _is_stop(words[1][0]) or _surname_word(words[1][0])):
            title = w
            title_start = words[0][1]
            words = words[1:]
        elif _is_stop(words[0][0]) and not (title and _surname_word(words[0][0])):
            if title:
                return None
            words = words[1:]
        else:
            break
    cut = next((i for i, (w, _) in enumerate(words) if _is_stop(w) and not (
        (i > 0 or title) and _surname_word(w))), len(words))
    if cut == len(words) > 1 and words[-1][0].rstrip(".").lower() in TITLES and \
            m.string.startswith(" of ", m.end("name")):
        cut -= 1  # "Eliza Countess of Gaverick", "Mary Queen of Scots": the name, then a title of a place
    for i, (w, _) in enumerate(words[:cut]):
        if w.endswith(".") and len(w) > 2 and w[:-1].lower() not in TITLES and i + 1 < cut:
            cut = i + 1  # "Mr. Darcy. Darcy bowed": a full stop ends the name
            break
    touches_end = cut == len(words)
    words = words[:cut]
    if not words:
        return None
    last, last_start = words[-1]
    if last.endswith(".") and len(last.rstrip(".")) > 1:
        last = last.rstrip(".")
    end = last_start + len(last)
    core = [w.rstrip(".") if len(w.rstrip(".")) > 1 else w for w, _ in words]
    core[-1] = last if len(last.rstrip(".")) > 1 else core[-1]
    hon = ""
    if m.group("hon") and touches_end and end == m.end("name"):
        hon = m.group("hon")[1:].lower()
        end = m.end()
    start = title_start if title else words[0][1]
    return title, core, start, end, hon


_TITLE_WORD = re.compile(r"[A-Za-z]+\.?")
_INITIAL_AFTER = re.compile(rf"{_SP}([{_UP}])\.(?![\w-]|['’](?!s\b))")


def _titled_initial(text: str, start: int, end: int) -> tuple[str, list[str], int, int, str] | None:
    """("mr", ["E."], ...) for a title before a lone initial ("Mr. E.", "my dear Mrs. B."), else None."""
    word = _TITLE_WORD.match(text, start, end)
    if word is None or word.group().rstrip(".").lower() not in TITLES:
        return None
    ini = _INITIAL_AFTER.match(text, word.end(), end)
    if ini is None:
        return None
    return word.group().rstrip(".").lower(), [ini.group(1) + "."], start, ini.end(), ""


_TITLE_AFTER = re.compile(rf"{_SP}([{_UP}][{_LO}]*\.?)(?={_SP}[{_UP}])")


def _name_matches(text: str, start: int, end: int):
    """(match, parse_name result or None) of NAME_RE in text[start:end]; a run cut at a full stop ("Croft. Mrs.
    Croft smiled") is searched again after the stop, so the second name is not lost. "Don't" is no name."""
    pos = start
    while pos < end:
        m = NAME_RE.search(text, pos, end)
        if m is None:
            return
        parsed = parse_name(m) if not text.startswith(("'t", "’t"), m.end()) else None
        if parsed is None:
            parsed = _titled_initial(text, m.start("name"), end)
        yield m, parsed
        nxt = m.end()
        if parsed is not None and not parsed[4] and parsed[3] < m.end("name"):
            title = _TITLE_AFTER.match(text, parsed[3], m.end("name"))
            stop = text.find(".", parsed[3], m.end("name"))
            if title is not None and title.group(1).rstrip(".").lower() in TITLES:
                nxt = title.start(1)  # "behind Anne Mrs. Lynde got up": a title starts the next name
            elif stop >= 0:
                nxt = stop + 1  # the rest of the run after the full stop that ended the name
        pos = max(nxt, m.start() + 1)


class NameFinder:
    """Finds person names in a tokenised work."""

    def __init__(self, min_person: float = 2.0, given_name=None) -> None:
        self.min_person = min_person
        self.given_name = given_name  # word -> "M" | "F" | "" (a first-name list), optional

    def candidates(self, work: Work) -> dict[str, NameStats]:
        text = work.text
        toks = work.tokens
        starts = toks.start if toks is not None else []
        sent_first: set[int] = set()
        if toks is not None:
            prev = -1
            for i, s in enumerate(toks.sent):
                if s != prev:
                    sent_first.add(i)
                    prev = s
        lower_counts = Counter(m.group().lower() for m in _LOWER_WORD.finditer(text))
        stats: dict[str, NameStats] = {}
        style = quote_style(work)
        for para in work.paragraphs:
            quotes = quote_spans(text, para.start, para.end, style)
            for m, parsed in _name_matches(text, para.start, para.end):
                if parsed is None:
                    parsed = self._lone_surname(m, text, toks, starts, sent_first)
                    if parsed is None:
                        continue
                title, core, start, end, hon = parsed
                # "MRS. Rachel Lynde lived ...": a chapter opening with its first word in capitals
                capital = _CAPS_TITLE.search(text, max(0, start - 8), start) if not title else None
                if capital and capital.group(1).lower() in TITLES:
                    title, start = capital.group(1).lower(), capital.start(1)
                opens = self._opens_sentence(text, toks, starts, sent_first, start)
                while len(core) >= 2 and not title and core[-1].lower() not in NO_SURNAME_HEADS and \
                        lower_counts.get(core[0].lower(), 0) >= (
                        1 if self.given_name is None or not self.given_name(core[0]) else 3) and (
                        opens or not (self.given_name is not None and self.given_name(core[0]))):
                    # "Poor Elinor", "Has Colonel Brandon": a capitalised common word opening the sentence
                    start = text.index(core[1], start + len(core[0]))
                    core = core[1:]
                    if core[0].rstrip(".").lower() in TITLES and len(core) >= 2:
                        title, core = core[0].rstrip(".").lower(), core[1:]
                        break
                regnal = _REGNAL.match(text, end)
                if regnal and not hon:  # "Charles II", "George III": a numbered name is another person
                    core, end = [*core, regnal.group(1)], regnal.end(1)
                tkey = title if title else ""
                key = ((tkey.capitalize() + ". ") if tkey else "") + " ".join(core)
                st = stats.get(key)
                if st is None:
                    st = stats[key] = NameStats(key, tuple(core), title)
                surface = text[start:end]
                flags = self._evidence(st, text, toks, starts, sent_first, quotes, start, end, title, hon)
                st.occurrences.append((start, end, surface, flags))
            for start, end, word, hon in stutters(text, para.start, para.end):
                # a stuttered name: a mention of the name, kept with its stutter as the surface
                if _is_stop(word):
                    continue  # "W-what", "I-I'm"
                st = stats.get(word)
                if st is None:
                    st = stats[word] = NameStats(word, (word,))
                low = word.lower()
                if text[start:end].lower().count(low) and lower_counts.get(low):
                    lower_counts[low] -= 1  # "s..sasuke" is not a lower-case use of the word
                flags = self._evidence(st, text, toks, starts, sent_first, quotes, start, end, "", hon)
                st.person += 1  # people stammer names, not things
                st.stutter += 1
                st.occurrences.append((start, end, text[start:end], flags))
        for st in stats.values():
            st.occurrences.sort()
        self._common_words(stats, lower_counts)
        return stats

    def _evidence(self, st: NameStats, text: str, toks, starts, sent_first, quotes, start: int, end: int,
                  title: str, hon: str) -> int:
        flags = 0
        the_before = text[max(0, start - 4):start].lower() == "the "
        if title and the_before and title not in ARTICLE_TITLES:
            st.place += 1.5  # "the Admiral Benbow (inn)": a titled name after "the" is a thing's name
        elif title and title not in ("old", "young", "little", "big"):
            st.person += 3
        if hon:
            st.person += 3
        if not title and text[max(0, start - 4):start].lower() == "the ":
            st.article += 1
        if text[max(0, start - 4):start] == "New ":
            st.place += NEW_PLACE  # "New York", "New Orleans": the name read without its "New" is a place
        in_quote = any(a < start < b for a, b in quotes)
        before = text[max(0, start - 3):start]
        after = text[end:end + 3]
        if in_quote and re.search(r"[,“\"]\s*$|^\s*$", before) and re.match(r"\s*[,.!?…;:-]", after):
            st.person += 2
            st.speech += 1
        if toks is None:
            return flags
        i = bisect_right(starts, start) - 1
        j = bisect_right(starts, end - 1) - 1
        if i < 0:
            return flags
        if i in sent_first or (i > 0 and toks.pos[i - 1] == "PUNCT" and (
                (i - 1) in sent_first or text[starts[i - 1]:toks.end[i - 1]] in ('"', "“", "‘", "'", "—", "--"))):
            st.sent_initial += 1
        if toks.pos[i] == "PROPN":
            st.propn += 1
        if toks.tag[j] == "NNPS" or (toks.tag[j] == "NNS" and text[end - 1:end] == "s"):
            st.plural += 1
        nxt = j + 1
        possessor = False
        if nxt < len(starts):
            ntag, npos = toks.tag[nxt], toks.pos[nxt]
            nword = text[starts[nxt]:toks.end[nxt]].lower()
            if nword in ("'s", "’s"):
                # a possessor before its noun ("Klein's hotel"), not a shop or house alone ("at Ford's.")
                possessor = nxt + 1 < len(starts) and toks.pos[nxt + 1] in ("NOUN", "ADJ", "PROPN", "NUM")
                st.person += 0.3 + (PERSON_POSSESSOR if self._person_possessed(text, toks, starts, nxt + 1) else 0.0)
                if nxt + 1 < len(starts) and text[starts[nxt + 1]:toks.end[nxt + 1]].lower() in PLACE_HEADS:
                    st.place += 0.5
            elif nword in OBJECT_PRONOUNS:
                st.verb_like += 1
            elif (verb := self._verb_of_subject(toks, nxt)) is not None:
                speech = toks.lemma[verb].lower() in SPEECH_VERBS
                st.verb_subject += 1
                st.person += 2 if speech else (0.3 if toks.pos[verb] == "AUX" else 1)
                st.speech += speech
            elif not in_quote and (stem := self._present_beat(toks, starts, text, i, nxt, the_before)):
                # "Naruto grins at Sakura", "Sakura shrugs.": a present-tense verb the tagger read as a plural
                speech = stem in SPEECH_VERBS
                st.verb_subject += 1
                st.person += 2 if speech else 1
                st.speech += speech
            elif npos == "NOUN" and nword[:1].islower():
                flags |= MODIFIER
                st.place += 1.5 if nword in PLACE_HEADS else 0.7
            elif nword in PLACE_HEADS or (nword[:1].isupper() and nword in PLACE_HEADS):
                st.place += 1
        after_prep = i > 0 and text[starts[i - 1]:toks.end[i - 1]].lower() in NO_APPOSITION_AFTER
        if not possessor and not after_prep and toks.pos[j] == "PROPN" and nxt < len(starts) and \
                self._apposition(text, toks, starts, nxt):
            st.person += APPOSITION
        if self._naming(text, toks, starts, i):
            st.person += NAMING
        for k in range(j + 1, min(len(starts), j + 8)):
            if toks.sent[k] != toks.sent[j]:
                break
            if text[starts[k]:toks.end[k]].lower() in VEHICLE_WORDS:
                st.vehicle += 1
                break
        self._pronoun_evidence(st, text, toks, starts, j)
        if i > 0:
            pword = text[starts[i - 1]:toks.end[i - 1]].lower()
            if toks.lemma[i - 1].lower() in SPEECH_VERBS and toks.pos[i - 1] == "VERB":
                st.person += 1.5
                st.speech += 1
            elif pword == "the" and i > 1 and toks.lemma[i - 2].lower() in SPEECH_VERBS and toks.pos[i - 2] == "VERB":
                st.person += 1.5
            elif possessor:
                pass  # "at Klein's hotel", "of Tippoo's household": the preposition governs the possessed noun
            elif pword in PLACE_PREPS:
                st.place += 1
            elif pword == "of":
                st.place += 0.5
            elif pword == "at" and not (i > 1 and toks.pos[i - 2] == "VERB" and toks.lemma[i - 2].lower() in LOOK_VERBS):
                st.place += 0.7
            elif pword == "to" and i > 1 and toks.lemma[i - 2].lower() in MOTION_VERBS:
                st.place += 1
            elif pword == "the":
                st.place += 0.4
        return flags

    @staticmethod
    def _person_possessed(text: str, toks, starts, k: int) -> bool:
        """The noun possessed from token ``k`` on (past two adjectives) is a person or a body part ("Isabella's
        husband", "Cranly's arm")."""
        for m in range(k, min(len(starts), k + 3)):
            if toks.pos[m] == "NOUN":
                word = text[starts[m]:toks.end[m]]
                return person_noun(word, toks.lemma[m]) or word.lower() in BODY_PARTS
            if toks.pos[m] != "ADJ":
                return False
        return False

    @staticmethod
    def _apposition(text: str, toks, starts, k: int) -> bool:
        """A person noun in apposition after the name, from token ``k``: ", the gardener,", "the clothier and",
        "-- a meek little man whom", ", the doctor's man," (the head is the last noun of the phrase, singular;
        an article without a comma must be "the"). A verb after the phrase makes it the subject of a new clause
        ("in June, a passenger landed"), not an apposition."""
        n = len(starts)
        article = ("the",)
        if text[starts[k]:toks.end[k]] in (",", "--", "—"):
            k, article = k + 1, ("the", "a", "an")
        if k >= n or text[starts[k]:toks.end[k]].lower() not in article:
            return False
        head = m = -1
        for m in range(k + 1, min(n, k + 6)):
            if toks.pos[m] == "NOUN":
                head = m
            elif toks.pos[m] not in ("ADJ", "ADV", "PART") and toks.tag[m] not in ("HYPH", "POS"):
                break
        if head < 0 or toks.tag[head] != "NN" or toks.pos[m] in ("VERB", "AUX"):
            return False
        return person_noun(text[starts[head]:toks.end[head]], toks.lemma[head])

    @staticmethod
    def _naming(text: str, toks, starts, i: int) -> bool:
        """The name at token ``i`` is given as a person's name: "a trader named Jennings", "a gentleman whose
        name was Allworthy", "of the name of Ichabod Crane", "my Christian name Philip"."""
        k = i - 1
        if k >= 1 and text[starts[k]:toks.end[k]].lower() in ("was", "is", "being", "of"):
            k -= 1
        if k < 0 or text[starts[k]:toks.end[k]].lower() not in NAMING_WORDS:
            return False
        for m in range(k - 1, max(-1, k - 5), -1):
            word = text[starts[m]:toks.end[m]]
            if toks.tag[m] in ("PRP$", "WP$") or (toks.pos[m] == "NOUN" and person_noun(word, toks.lemma[m])):
                return True
            if toks.sent[m] != toks.sent[i]:
                break
        return False

    def _lone_surname(self, m: re.Match, text: str, toks, starts, sent_first) -> tuple | None:
        """A capitalised common adjective alone mid-sentence ("Curtis and Good had been silent") or after a
        capitalised function word opening the sentence ("As Good and I were walking", "If Good was there"): a
        candidate that only the words of an accepted name can make a mention ("Captain Good"; see
        ``_part_of_name``)."""
        word, start = m.group("name"), m.start("name")
        lead, _, rest = word.partition(" ")
        if rest and _is_stop(lead) and " " not in rest:  # "As Good and I were walking", "If Good was there"
            word, start = rest, m.end("name") - len(rest)
        elif self._opens_sentence(text, toks, starts, sent_first, start):
            return None
        if m.group("hon") or not _surname_word(word) or word.endswith("."):
            return None
        return "", [word], start, m.end("name"), ""

    @staticmethod
    def _verb_of_subject(toks, k: int) -> int | None:
        """The token of the verb whose subject the name before token ``k`` is, or None: a finite verb right
        after it, perhaps past one adverb ("Bessie sometimes narrated"); after an auxiliary, the active verb it
        carries ("Cantwell had answered", "Montcalm was leading"), else the auxiliary itself ("X was one",
        and a passive: "Gascony was bounded")."""
        if toks.pos[k] == "ADV" and k + 1 < len(toks.pos) and toks.pos[k + 1] in ("VERB", "AUX"):
            k += 1
        if toks.pos[k] not in ("VERB", "AUX") or toks.tag[k] not in ("VBD", "VBZ", "VBP", "MD"):
            return None
        passive = False
        for m in range(k, min(len(toks.pos), k + 4)):
            if toks.pos[m] == "AUX":
                passive = passive or toks.lemma[m].lower() == "be"
            elif toks.pos[m] == "VERB" and m > k:
                return k if passive and toks.tag[m] == "VBN" else m
            elif toks.pos[m] not in ("ADV", "PART") or m == k:
                break
        return k

    @staticmethod
    def _present_beat(toks, starts, text: str, i: int, k: int, the_before: bool) -> str:
        """The verb lemma when token ``k``, tagged a plural noun right after the name ending at token ``k - 1``,
        is rather a present-tense verb with the name as its subject ("Naruto grins at", "Sakura shrugs."),
        else ''. It must be a word the lemmatizer knows as a verb whose noun is no thing, place, person or
        group ("the Konoha gates", "pots", "glasses"); no determiner but "the" before the name ("his Konoha
        friends"; "The Severer growls."); and after it what follows a verb, not a noun phrase's comma or a verb
        of its own ("Konoha walls were high")."""
        if toks.tag[k] != "NNS" or (i > 0 and toks.tag[i - 1] in _HEAD_BEFORE_NAME and not the_before):
            return ""
        if k + 1 < len(starts) and toks.pos[k + 1] not in _AFTER_PRESENT_BEAT and \
                text[starts[k + 1]:toks.end[k + 1]] not in _CLOSING_PUNCTUATION:
            return ""
        stem = present_stem(text[starts[k]:toks.end[k]])
        return stem if stem and senses(stem)[:1] not in _THING_SENSES else ""

    @staticmethod
    def _opens_sentence(text: str, toks, starts, sent_first, start: int) -> bool:
        """The word at ``start`` begins a sentence (perhaps after an opening quote or dash)."""
        if toks is None:
            return True
        i = bisect_right(starts, start) - 1
        if i < 0 or i in sent_first:
            return True
        return toks.pos[i - 1] == "PUNCT" and ((i - 1) in sent_first or
                                               text[starts[i - 1]:toks.end[i - 1]] in ('"', "“", "‘", "'", "—", "--"))

    @staticmethod
    def _pronoun_evidence(st: NameStats, text: str, toks, starts, j: int) -> None:
        """The first he/she (his/her, himself/herself) after the name in its clause votes for its gender."""
        for k in range(j + 1, min(len(starts), j + 12)):
            if toks.sent[k] != toks.sent[j] or toks.pos[k] == "PROPN" or toks.tag[k] in ("WP", "WP$"):
                return
            w = text[starts[k]:toks.end[k]]
            if w in ('"', "“", "”", ";", ":", "‘", "’"):
                return
            weight = _GENDER_PRONOUNS.get(w.lower())
            if weight is None:
                continue
            if w.lower() == "him" or (w.lower() == "her" and toks.tag[k] != "PRP$"):
                return  # an object pronoun is someone else ("Anne told him")
            if weight[0] == "M":
                st.masc += weight[1]
            else:
                st.fem += weight[1]
            return

    @staticmethod
    def _common_words(stats: dict[str, NameStats], lower_counts: Counter) -> None:
        for st in stats.values():
            lowered = [lower_counts.get(w.lower(), 0) for w in st.core]
            mid = len(st.occurrences) - st.sent_initial
            if all(lc > 0 for lc in lowered) and not st.title:
                # the text uses these words in lower case: a common word unless mostly capitalised mid-sentence
                st.common = True
                if max(lowered) >= max(1, mid) or mid <= 0:
                    st.rejected = True  # a common word, capitalised where sentences start
                    st.person = min(st.person, 0.5 * st.person)
                    st.place += 2

    def accept(self, st: NameStats) -> bool:
        n = len(st.occurrences)
        if n == 0 or (st.rejected and not st.title):
            return False
        if st.plural * 2 > n and not (st.speech >= 3 and st.article * 4 < n):
            return False  # "the Bennets", "Elphbergs": a family or people; not "said Babs" (tagged NNPS)
        if st.stutter == n and not (self.given_name is not None and self.given_name(st.core[0])):
            return False  # only ever stammered ("S-sorry"): a word, unless a name list or pack knows it
        if st.article >= max(2, 0.75 * n) and not st.speech and st.vehicle and not st.title:
            return False  # "the Gull hasn't come back", "the Gull slid into the harbour": a vessel or place
        if st.article >= 0.75 * n and not st.speech and not st.title and st.masc + st.fem < 1.5 and \
                _thing_word(st.core[-1]):
            return False  # "the Moonstone", "the Armistice", "the Weald": an object's, event's or place's name
        if self._place_name(st) or self._known_place(st):
            return False  # "the Colonial Office appointed him", "Beck Hall", "upon Mars": a place
        prior = 0.0
        if self.given_name is not None and not st.common and self.given_name(st.core[0]) and \
                (st.sent_initial < n or st.person > 0) and (st.place < 1 or st.person >= st.place):
            # a known first name ("Anne", "Anne Elliot") used as a name
            prior = min(3.0, 1.5 + 0.5 * (n - st.sent_initial)) + (0.5 if len(st.core) > 1 else 0.0)
        if st.sent_initial == n and not st.title and st.person + prior < 2 and not self._subject_pair(st):
            return False
        if st.verb_like * 2 >= n and not st.title:
            return False  # "Tell me that.": a verb at the head of a sentence, not a name
        score = st.person + 0.3 * st.propn + prior
        # one occurrence needs more evidence, unless a known first name is the subject of a verb ("Helen had set")
        # (at a sentence start, one that is no common word: "Ice shot through his veins." is a noun with a capital)
        need = self.min_person + (1.0 if n == 1 and not (prior and st.verb_subject and self._bare_name(st)) else 0.0)
        return score >= need and score >= 1.3 * st.place

    def _place_name(self, st: NameStats) -> bool:
        """Two words or more ending in a place head ("Colonial Office", "Thornfield Hall"), with no title and no
        known first name before it ("Elizabeth Hall" is a woman) unless the head is no surname ("Russell Square",
        "Prince Edward Island"); one place head, "the" before it half the time or more ("the Island");
        or a saint's name that is a place ("St. Petersburgh")."""
        last = st.core[-1].lower()
        if st.title.lower().rstrip(".") in ("st", "saint") and " ".join(st.core).lower() in PLACE_NAMES:
            return True
        if len(st.core) == 1 and last in PLACE_HEADS and not st.title and st.article * 2 >= len(st.occurrences) \
                and not st.speech:
            return True  # "the Island", "the Hall": a place head with a capital, after "the"
        if len(st.core) >= 2 and last in NO_SURNAME_HEADS:
            return True  # "Prince Edward Island", "Queen Anne Square": a title before it is part of the place's name
        return len(st.core) >= 2 and not st.title and last in PLACE_HEADS and not (
            self.given_name is not None and self.given_name(st.core[0]))

    @staticmethod
    def _known_place(st: NameStats) -> bool:
        """One untitled word that names a country, continent, state or large city (``PLACE_NAMES``: "Mars",
        "America") or is a place head no one is named ("Avenue" of "Fifth Avenue"), unless it speaks or is spoken
        to twice ("said Texas")."""
        word = st.core[0].lower()
        return len(st.core) == 1 and not st.title and (word in PLACE_NAMES or word in LONE_PLACE_WORDS) and \
            st.speech < 2

    @staticmethod
    def _bare_name(st: NameStats) -> bool:
        """Not a common noun with a capital at a sentence start: seen inside a sentence, or a word WordNet knows
        first as a person or not at all ("Helen", not "Ice" or "Grace")."""
        first = senses(st.core[0])[:1]
        return st.sent_initial < len(st.occurrences) or first in ("", "p")

    @staticmethod
    def _subject_pair(st: NameStats) -> bool:
        """Two or more capitalised words acting as a subject more than once ("Rody Kickham was ..."): the second
        word's capital is no sentence start, so opening sentences does not make them common words."""
        return len(st.core) >= 2 and st.verb_subject >= 2

    @staticmethod
    def known_by_pack(st: NameStats, pack) -> bool:
        """A fandom pack knows this name as a character and the text uses it as a name: mid-sentence, or at a
        sentence start as a verb's subject when it is no common word ("Naruto bursts in", not "Pain shot up")."""
        only_opens = st.sent_initial >= len(st.occurrences) and not st.stutter
        if pack is None or (only_opens and not (st.verb_subject and NameFinder._bare_name(st))) or \
                st.place > 2 * max(st.person, 1.0):
            return False
        try:
            return any(pack.lookup(clean_surface(o[2])) is not None for o in st.occurrences[:3])
        except Exception:
            return False

    def find(self, work: Work, candidates: dict[str, NameStats] | None = None, pack=None) -> dict[str, NameStats]:
        """Accepted names: key -> stats (occurrence list are the name mentions)."""
        cands = self.candidates(work) if candidates is None else candidates
        found = {k: st for k, st in cands.items() if self.accept(st) or self.known_by_pack(st, pack)}
        # full forms and short forms of accepted names ("Hatake Kakashi", vocative "Ruka" for "Iruka")
        words = {w.lower() for st in found.values() if not st.title for w in st.core}
        parts = self._name_parts(found)
        for k, st in cands.items():
            if k in found:
                continue
            if self._part_of_name(st, parts):
                found[k] = st
                continue
            if st.common or st.place > max(st.person, 0.5) or self._known_place(st):
                continue
            core = [w.lower() for w in st.core]
            if len(core) >= 2 and (core[0] in words or core[-1] in words) and st.person > 0:
                found[k] = st
            elif len(core) == 1 and len(core[0]) >= 3 and st.person >= 2 and any(
                    len(w) - len(core[0]) in (1, 2) and (w.endswith(core[0]) or w.startswith(core[0])) for w in words):
                found[k] = st
        self._misspellings(cands, found, pack)
        self._shouted(work.text, found)
        for k in pack_titles(found, pack):
            del found[k]  # a bare title ("the Hokage", "Hokage-sama"): its holder, if any, is found later
        return found

    @staticmethod
    def _name_parts(found: dict[str, NameStats]) -> dict[str, set]:
        """Word (3+ letters, lower case) of the accepted full or titled names -> who carries it: the other words
        of each name, or for a titled surname alone its title's gender ("Anne" -> {("elliot",)} for "Anne
        Elliot"; "Bennet" -> {"M", "F", ("elizabeth",)} for Mr., Mrs. and Elizabeth Bennet)."""
        owners: dict[str, set] = {}
        for st in found.values():
            if len(st.core) < 2 and not st.title:
                continue
            for w in st.core:
                if len(w) >= 3:
                    rest = tuple(sorted(x.lower() for x in st.core if x != w))
                    owners.setdefault(w.lower(), set()).add(rest or TITLES.get(st.title, ""))
        return owners

    @staticmethod
    def _part_of_name(st: NameStats, parts: dict[str, set]) -> bool:
        """A lone given name or surname of one accepted full name ("Anne" of "Anne Elliot") is a mention of it,
        unless several names carry it (a family name: the clustering cannot tell whose), the text mostly uses it
        as a place or thing (after "the", or its place evidence outweighs the person's by PART_PLACE), or as a
        plural ("the Elliots"). A word the text also writes in lower case must be a surname-like adjective,
        only taken where it is capitalised mid-sentence ("Good" of "Captain Good")."""
        n = len(st.occurrences)
        word = st.core[0].lower() if len(st.core) == 1 else ""
        if st.title or word in TITLES or word in HONORIFICS or len(parts.get(word, ())) != 1 or (
                st.common and not _surname_word(word)):
            return False
        if word.endswith("s") and word[:-1] in parts:
            return False  # "Eltons" of "Mr. Elton": the family
        return st.plural * 2 <= n and st.article * 2 < n and st.place <= st.person + PART_PLACE

    @staticmethod
    def _shouted(text: str, found: dict[str, NameStats]) -> None:
        """Accepted names written in capitals are mentions too: a shout ("NARUTO!", "TOM!"), a heading or a
        letter's address ("MR. VILLARS TO LADY HOWARD").

        A run of capitalised words counts when it is an accepted name's surface in full, or holds one of two
        words or more ("MR. VILLARS" inside the heading); a one-word name inside a longer run ("I WILL NOT" for
        Will) does not count. The longest name starting at a word wins ("SIR HENRY CURTIS", not "SIR HENRY").
        """
        surfaces: dict[str, str] = {}
        for key, st in found.items():
            for _, _, surface, flags in st.occurrences:
                if not flags & MODIFIER:
                    surfaces.setdefault(" ".join(surface.split()).upper(), key)
        multi = {s for s in surfaces if " " in s}
        added: dict[str, list[tuple[int, int, str, int]]] = {}
        for run in _CAPS_RUN.finditer(text):
            words = list(_CAPS_WORD.finditer(run.group()))
            spans = [(0, len(words))] if len(words) == 1 else \
                [(a, b) for a in range(len(words)) for b in range(min(len(words), a + MAX_NAME_WORDS), a + 1, -1)]
            taken = -1
            for a, b in spans:
                if a < taken:
                    continue
                start, end = run.start() + words[a].start(), run.start() + words[b - 1].end()
                surface = " ".join(text[start:end].split())
                if surface not in surfaces and surface.endswith("."):
                    surface, end = surface[:-1], end - 1  # "LADY HOWARD." closing a sentence
                if surface in surfaces and (len(words) == 1 or surface in multi):
                    added.setdefault(surfaces[surface], []).append((start, end, text[start:end], 0))
                    taken = b
        for key, occ in added.items():
            st = found[key]
            found[key] = replace(st, occurrences=sorted(st.occurrences + occ))

    def _misspellings(self, cands: dict[str, NameStats], found: dict[str, NameStats], pack) -> None:
        """Rare capitalised words one edit away from one known name ("Sakrua", "Uchihaa") are that name.

        Targets are the text's frequent accepted names and the fandom pack's names (5+ letters); the
        rare word must not be a known first name, a pack name itself, nor used in lower case.
        """
        freq = Counter()
        for st in found.values():
            if not st.title:
                for w in st.core:
                    freq[w] += len(st.occurrences)
        targets = {w: n for w, n in freq.items() if len(w) >= 5 and n >= 3}
        pack_words: set[str] = set()
        if pack is not None:
            for ch in getattr(pack, "characters", []):
                for w in (getattr(ch, "given", ""), getattr(ch, "family", "")):
                    if w and len(w) >= 5 and " " not in w:
                        pack_words.add(w)
        by_len: dict[int, list[str]] = {}
        for w in sorted(set(targets) | pack_words):
            by_len.setdefault(len(w), []).append(w)
        for k, st in sorted(cands.items()):
            if st.title or len(st.core) != 1 or st.common or st.rejected or st.plural:
                continue
            word = st.core[0]
            n = len(st.occurrences)
            if len(word) < 5 or n > 2 or word in targets or (pack is not None and pack.lookup(word) is not None):
                continue
            if self.given_name is not None and self.given_name(word):
                continue
            near = [w for d in (-1, 0, 1) for w in by_len.get(len(word) + d, ()) if near_miss(word, w)]
            if len(near) != 1:
                continue
            target = near[0]
            if word.lower() in (target.lower() + "s", target.lower() + "e") or target.lower() == word.lower() + "s":
                continue  # "the Smalls", "the Sholtos": a family, not a typo
            if target in targets and targets[target] < 3 * n:
                continue
            if target not in targets and (pack is None or pack.lookup(target) is None):
                continue  # a pack word shared by several characters ("Uchiha"): ambiguous
            dest = found.get(target) or cands.get(target)
            if dest is None:
                dest = NameStats(target, (target,))
            found[target] = replace(dest, occurrences=sorted(dest.occurrences + st.occurrences),
                                    person=dest.person + max(st.person, 0.0), propn=dest.propn + st.propn,
                                    masc=dest.masc + st.masc, fem=dest.fem + st.fem)
            found.pop(k, None)
