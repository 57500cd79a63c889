"""Candidate speakers for each quotation and the features that rank them.

A candidate is a character; one row per (quotation, candidate). Features are
decision-free (tags, mentions, vocatives, the tags of neighbouring quotations,
turn parity) so they can be computed for a whole novel at once; the
second pass adds the first pass's probabilities of the neighbouring
quotations (stacking), which is how the model sees the conversation.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

import numpy as np

from ficlens.dialogue.context import (SENT_END, SENT_END_AT, TAG_WORD, NameIndex, QuoteUnit, Tag, in_segments,
                                     is_participle, last_sentence, perceives)
from ficlens.dialogue.idiolect import (BELIEVED_IDIOLECT_FEATURES, IDIOLECT_FEATURES, believed_idiolect,
                                       idiolect_features, quote_vectors)
from ficlens.dialogue.unit_rows import best_two
from ficlens.dialogue.narration import narration_second_person
from ficlens.dialogue.lexicon import (ELDER_KIN, FEMALE_NOUNS, KIN_NOUNS, MALE_NOUNS, PERSON_WORDS, POSSESSIVES,
                                     SUBJECT_PRONOUNS, TITLE_WORDS, TITLES_OF_ADDRESS)
from ficlens.document import Work
from ficlens.stages.char_lexicon import ANIMAL_HEADS

_FIRST_PERSON = re.compile(r"\b(?:I|me)\b")
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]ourself)\b")
MAX_CANDIDATES = 14
GENDER_PARAS = 10  # paragraphs over which the share of he and she in the narration is counted
WINDOW_PARAS = 25  # paragraphs before a quotation whose characters are candidates (and counted)

ROW_FEATURES = [
    "tag_name", "tag_name_verb", "tag_name_shared", "tag_pron_gender", "tag_pron_rank", "tag_pron_top",
    "tag_pron_i_narr", "tag_noun_gender", "tag_noun_rank", "tag_after", "no_tag",
    "lead_first", "lead_any", "beat_first", "beat_count", "inner", "vocative_this",
    "vocative_prev", "inner_prev", "vocative_next", "inner_next",
    "tag_m1", "tag_m2", "tag_m3", "tag_p1", "tag_p2", "tag_p3",
    "turn_prev_even", "turn_prev_odd", "turn_next_even", "turn_next_odd",
    "last_mention_paras", "last_mention_log_chars", "next_mention_paras", "mentions_window",
    "prev_para_narr", "prev_para_last", "prev_para_first", "prev_para_last_object", "prev_para_last_subject",
    "para_object_only",
    "global_share", "global_rank", "is_narrator", "gender_m", "gender_f",
    "gap_prev", "gap_next", "quote_words", "n_candidates", "cand_recency_rank", "spoke_nearby",
    "conv_tags_even", "conv_tags_odd", "conv_len", "conv_pos", "conv_named_even", "conv_named_odd",
    "pron_subject", "pron_last_tagged", "pron_same_gender_n", "tag_kin_match", "tag_pron_verb", "pron_subject_rank",
    "gender_pron_paras", "gender_pron_share",
]
BASE_FEATURES = ROW_FEATURES + IDIOLECT_FEATURES
NEIGHBOUR_FEATURES = ["p_m1", "p_m2", "p_p1", "p_p2", "p_self_first", "p_max_other_m1", "p_rank_first"]
STACK_FEATURES = NEIGHBOUR_FEATURES + BELIEVED_IDIOLECT_FEATURES


# what a possessive subject of a beat may own for the beat to be its owner's ("His eyes narrowed", "Her voice
# shook"): the body, the voice and the mind, never a person ("His wife said" is the wife)
_OWN_WORDS = frozenset("""voice voices tone words reply answer question eyes eye gaze glance look looks face expression
features countenance complexion colour color cheeks cheek lips lip mouth smile grin frown brow brows eyebrow eyebrows
forehead jaw chin throat neck head heart hand hands fingers finger fist fists arm arms shoulder shoulders breath
breathing body knees legs feet hair nose ears stomach chest teeth tongue laugh laughter sigh whisper manner mind
thoughts temper pulse heartbeat lashes gestures tears""".split())


OWNER_WORDS = 6  # words read from a beat's start for its possessive owner: "His sharp, black eyes" and a comma


def beat_words(text: str, a: int, b: int) -> list[re.Match]:
    """The first ``OWNER_WORDS`` words of text[a:b] (what ``possessive_owner`` reads)."""
    return list(TAG_WORD.finditer(text, a, max(a, b)))[:OWNER_WORDS]


def possessive_owner(words: list[str]) -> str:
    """The gender of "His"/"Her" (or "The man's") opening ``words`` when what follows (after at most two
    adjectives, commas between them aside) is part of the body, the voice or the mind ("His eyes narrowed", "Her
    ghostly whisper", "His sharp, black eyes", "The man's voice was ragged"); else ""."""
    words = words[:1] + [w for w in words[1:] if w != ","]
    if len(words) < 2:
        return ""
    head = words[0].lower()
    if head in ("his", "her"):
        gender, rest = POSSESSIVES[head], words[1:4]
    elif head == "the" and words[1].lower().endswith(("'s", "\u2019s")):
        gender, rest = _noun_gender(words[1].lower()[:-2]), words[2:5]
    else:
        return ""
    for w in rest:
        low = w.lower()
        if low in PERSON_WORDS or low in KIN_NOUNS or low in POSSESSIVES or not w.isalpha():
            return ""
        if low in _OWN_WORDS:
            return gender
    return ""


def _noun_gender(noun: str) -> str:
    return "M" if noun in MALE_NOUNS else "F" if noun in FEMALE_NOUNS else ""


def read_pronoun_beats(text: str, paragraphs: list, units: list[QuoteUnit]) -> int:
    """Beats whose subject is a pronoun, read as a tag of kind pronoun (as "He frowned." is); returns how many.

    * a possessive of the body or the voice names its owner: "His heart clenched. "That was a year ago.""
      and '"Don't." His eyes narrowed.' are "he" beats, '"..." Her ghostly whisper' a "she" beat;
    * a beat naming someone after a subject pronoun is that pronoun's: 'He started to dash off, but
      Shikamaru grabbed him.' and 'She glanced at Mr. Darcy.' are about "he" and "she", not the name.

    Speech tags (a name or pronoun before or after a speech verb) are left alone.
    """
    n = 0
    for u in units:
        t = u.tag
        tag = None
        run_on = _run_on_pronoun(text, u) if t.kind != "name" else None
        if run_on is not None and (t.kind != "pronoun" or t.gender != SUBJECT_PRONOUNS[run_on.group()]):
            # '"For..." she trailed off. "Just enough." A content moan vibrated': the first segment's own tag
            tag = _pronoun_tag([run_on], SUBJECT_PRONOUNS[run_on.group()], False, True)
        elif t.kind == "noun" and not t.gender:
            found = beat_words(text, t.start, min(len(text), t.start + 60))
            if g := possessive_owner([w.group() for w in found]):
                # '"..." His eyes smiled' / 'Her ghostly whisper': the verb reader took them for descriptions
                tag = _pronoun_tag(found, g, t.verb, t.after)
        elif t.kind == "none":
            for a, b, after in _beat_sentences(text, paragraphs[u.para], u):
                found = beat_words(text, a, b)
                if g := possessive_owner([w.group() for w in found]):
                    tag = _pronoun_tag(found, g, False, after)
                    break
                if (main := _subject_after_clause(text, a, b)) is not None:
                    # 'Although it hurt, he hunched his shoulders. "Yeah."': the main clause's he/she
                    tag = _pronoun_tag([main], SUBJECT_PRONOUNS[main.group().lower()], False, after)
                    break
        elif t.kind == "name" and not t.verb and t.start >= 0:
            a = _sentence_start(text, paragraphs[u.para].start, t.start, u)
            found = beat_words(text, a, t.start)
            if found and found[0].group().lower() in ("he", "she"):
                tag = _pronoun_tag(found[:1], SUBJECT_PRONOUNS[found[0].group().lower()], False, t.after)
            elif g := possessive_owner([w.group() for w in found]):
                # 'His eyes looked down on the dog and chuckled.': the owner, not the object named
                tag = _pronoun_tag(found, g, False, t.after)
        if tag is not None:
            u.tag = tag
            n += 1
    return n


_RUN_ON_PRONOUN = re.compile(r"[\"'\u201d\u2019]?[ \t]*,?[ \t]*(he|she)\b")
_SUBORDINATE_OPENERS = frozenset("when as while whilst if after before since though although once because".split())
_MAIN_PRONOUN = re.compile(r",\s*(he|she)\b", re.I)


def _run_on_pronoun(text: str, u: QuoteUnit) -> re.Match | None:
    """A lower-case he/she running straight on from the unit's first segment ('"For..." she trailed off'):
    whatever its verb, the sentence goes on from the quotation, so it is that quotation's tag."""
    first = u.segments[0]
    if not first.closed:
        return None
    m = _RUN_ON_PRONOUN.match(text, first.end)
    if m is None:
        return None
    words = list(TAG_WORD.finditer(text[m.start(1):m.start(1) + 40]))[:4]
    if any(perceives(words, k) for k in range(1, len(words))):
        return None  # '"Fine," he could tell she was lying': the perceiver is no speaker
    return TAG_WORD.match(text, m.start(1))


def _subject_after_clause(text: str, a: int, b: int) -> re.Match | None:
    """The he/she subject of the main clause of text[a:b] when it opens with a subordinate clause ("Although
    it hurt to do so, he hunched his shoulders"), else None."""
    opener = TAG_WORD.match(text, a)
    if opener is None or opener.group().lower() not in _SUBORDINATE_OPENERS:
        return None
    m = _MAIN_PRONOUN.search(text, opener.end(), b)
    return TAG_WORD.match(text, m.start(1)) if m else None


def _pronoun_tag(words: list[re.Match], gender: str, verb: bool, after: bool) -> Tag:
    """A pronoun tag for "he"/"His ...", a noun tag for "The man's ..." (as "the man said" would be)."""
    if words[0].group().lower() == "the":
        a, b = words[0].start(), words[1].end()
        return Tag("noun", a, b, (), gender, verb, after, " ".join(w.group() for w in words[:2]))
    return Tag("pronoun", words[0].start(), words[0].end(), (), gender, verb, after, words[0].group())


def _beat_sentences(text: str, para, u: QuoteUnit) -> list[tuple[int, int, bool]]:
    """The last sentence before the unit's first segment and the first one after it: (start, end, after)."""
    first = u.segments[0]
    out = []
    lead_end = max(para.start, first.start - 1)
    if text[para.start:lead_end].strip():
        out.append((last_sentence(text, para.start, lead_end), first.start - 1, False))
    close = first.end + 1
    stop = u.segments[1].start - 1 if len(u.segments) > 1 else para.end
    m = SENT_END_AT.search(text, close, max(close, stop))
    out.append((close, m.end() if m else stop, True))
    return out


def _sentence_start(text: str, para_start: int, pos: int, u: QuoteUnit) -> int:
    """Start of the narration sentence holding ``pos``: after the last full stop or quoted segment before it."""
    a = para_start
    for m in SENT_END.finditer(text, para_start, pos):
        a = m.end()
    for seg in u.segments:
        if seg.end < pos:
            a = max(a, seg.end + 1)
    return a


@dataclass
class Table:
    """Rows of candidates: ``unit[i]`` quote index, ``cand[i]`` character id, ``X[i]`` features;
    ``vectors`` the quotations' TF-IDF rows (see :mod:`ficlens.dialogue.idiolect`)."""

    unit: np.ndarray
    cand: np.ndarray
    X: np.ndarray
    vectors: object = None


class FeatureBuilder:
    def __init__(self, work: Work, units: list[QuoteUnit], names: NameIndex, seg_bounds: list[tuple[int, int]],
                 narrator: int | None = None) -> None:
        self.work = work
        self.units = units
        self.names = names
        self.narrator = narrator
        self.gender = {c.id: c.gender for c in work.characters}
        starts = [a for a, _ in seg_bounds]
        ends = [b for _, b in seg_bounds]
        self.seg_starts, self.seg_ends = starts, ends
        self.para_of = work.paragraph_finder()
        # narration mentions per character (names outside quotes)
        self.narr: dict[int, list[int]] = {}
        self.narr_para: dict[int, list[int]] = {}
        totals: dict[int, int] = {}
        self.objects: set[int] = set()  # narration names that are objects of a verb or preposition ("at Naruto")
        self.object_like: set[int] = set()  # those and the possessives ("to Mrs. Walker's")
        self.owners: dict[int, str] = {}  # narration names owning a person ("Tom's friend") -> its gender (M/F/U)
        for s, e, chars in zip(names.starts, names.ends, names.chars):
            inside = in_segments(starts, ends, s)
            for c in chars[:1]:
                totals[c] = totals.get(c, 0) + 1
                if not inside:
                    self.narr.setdefault(c, []).append(s)
                    if object_of(work.text, s):
                        self.objects.add(s)
                    if s in self.objects or _possessive(work.text, e):
                        self.object_like.add(s)
                    if owned := owned_person(work.text, e):
                        self.owners[s] = owned
        if narrator is not None:
            # the narrator is mentioned by every "I" / "me" of the narration (a second-person story's hero by "you")
            person = _SECOND_PERSON if narration_second_person(work.text, seg_bounds) else _FIRST_PERSON
            own = [m.start() for m in person.finditer(work.text)]
            kept = []
            for s in own:
                if not in_segments(starts, ends, s):
                    kept.append(s)
            self.narr[narrator] = sorted(set(self.narr.get(narrator, [])) | set(kept))
            totals[narrator] = totals.get(narrator, 0) + len(kept)
        for c, offs in self.narr.items():
            self.narr_para[c] = [self.para_of(o) for o in offs]
        self.gender_pron = _narration_pronouns(work.text, starts, ends)
        # narration mentions that may be a subject (no possessive or object), for what a "she" goes back to
        self.narr_subj = {c: [o for o in offs if o not in self.object_like] for c, offs in self.narr.items()}
        # per he/she gender: narration mentions minus the owners of a person that pronoun may be ("Tom's friend")
        clause_objects = {o for offs in self.narr.values() for o in offs
                          if participle_object(work.text, o, linked=True)}
        self.narr_actor = {g: {c: [o for o in offs if self.owners.get(o) not in (g, "U") and o not in clause_objects]
                               for c, offs in self.narr.items()} for g in ("M", "F")}
        total = sum(totals.values()) or 1
        self.share = {c: n / total for c, n in totals.items()}
        ranked = sorted(totals, key=lambda c: -totals[c])
        self.rank = {c: r for r, c in enumerate(ranked)}
        self.quote_paras = {u.para for u in units}
        self.surname = {c.id: family_name(c) for c in work.characters}
        self.titled = {c.id: c.name.split()[0].lower() in TITLES_OF_ADDRESS for c in work.characters if c.name.split()}
        # all narration mentions in text order, for "subject of the sentence before the tag"
        merged = sorted((o, c) for c, offs in self.narr.items() for o in offs)
        self.narr_pos = [o for o, _ in merged]
        self.narr_char = [c for _, c in merged]
        # per paragraph, the characters its pronouns and descriptions were resolved to (on stage, maybe unnamed)
        self.coref_chars: dict[int, set[int]] = {}
        for m in work.mentions:
            if m.kind != "name" and m.character is not None:
                self.coref_chars.setdefault(self.para_of(m.start), set()).add(m.character)
        # per quotation: the relative a kinship tag points to ("cried his wife"), for candidates and features
        self.kin = [self.kin_of(u.tag.text, u.tag.start) if u.tag.kind == "noun" else None for u in units]
        # per quotation: the relative a he/she tag goes back to ("Her mother followed her. "...," she cried")
        self.kin_subject = [self._kin_antecedent(u.tag.gender, u.tag.start,
                                                 work.paragraphs[max(0, u.para - 2)].start)
                            if u.tag.kind == "pronoun" and u.tag.gender in ("M", "F") else None for u in units]

    # --- candidates -------------------------------------------------------
    def candidates(self, i: int) -> list[int]:
        u = self.units[i]
        score: dict[int, float] = {}

        def add(c: int, s: float) -> None:
            score[c] = max(score.get(c, 0.0), s)

        for c in u.tag.chars:
            add(c, 100)
        for c in u.beat_chars:
            add(c, 90)
        if self.kin_subject[i] is not None:
            add(self.kin_subject[i], 95)
        kin = self.kin[i]
        if kin:  # "cried his wife": the relatives sharing the possessor's family name, named nearby or not
            for c in self.surname:
                if self.kin_match(kin, c) > 0:
                    add(c, 95)
        lo_para = max(0, u.para - WINDOW_PARAS)
        lo = self.work.paragraphs[lo_para].start
        hi_para = min(len(self.work.paragraphs) - 1, u.para + 2)
        hi = self.work.paragraphs[hi_para].end
        for k in self.names.between(lo, hi):
            s = self.names.starts[k]
            for c in self.names.chars[k][:2]:
                add(c, 50 - abs(self.para_of(s) - u.para))
        for j in range(max(0, i - 10), min(len(self.units), i + 11)):
            v = self.units[j]
            for c in v.tag.chars + tuple(v.vocatives):
                add(c, 40 - abs(i - j))
        for p in range(lo_para, hi_para + 1):
            for c in self.coref_chars.get(p, ()):
                add(c, 20)
        if self.narrator is not None:
            # "said I" names the narrator as surely as a name would: never crowded out by the names nearby
            add(self.narrator, 100 if u.tag.kind == "pronoun" and u.tag.gender == "I" else 30)
        return sorted(score, key=lambda c: -score[c])[:MAX_CANDIDATES]

    # --- features ---------------------------------------------------------
    def _last_narr_before(self, c: int, pos: int) -> int | None:
        return _last_before(self.narr.get(c), pos)

    def _next_narr_after(self, c: int, pos: int) -> int | None:
        offs = self.narr.get(c)
        if not offs:
            return None
        k = bisect.bisect_right(offs, pos)
        return offs[k] if k < len(offs) else None

    def _pronoun_subject(self, gender: str, pos: int, min_pos: int) -> int | None:
        """The first character of ``gender`` named in the sentence holding the last such mention before ``pos``.

        Approximates "the subject of the previous sentence" that a "he"/"she" tag refers to: a name that is a
        subject wins over possessives and objects ("to Mrs. Walker's party, and then Mrs. Miller rose"), and a
        name that is the object of a pronoun of its own gender ("She must tell Jane") is someone else, so the
        search goes back to the sentences before.
        """
        text = self.work.text
        pronoun = _SUBJECT_OF_GENDER.get(gender)
        k = bisect.bisect_left(self.narr_pos, pos) - 1
        while k >= 0 and self.narr_pos[k] >= min_pos:
            if self.gender.get(self.narr_char[k]) != gender:
                k -= 1
                continue
            sent_start = max(text.rfind(". ", min_pos, self.narr_pos[k]), text.rfind("\n", min_pos, self.narr_pos[k]),
                             min_pos)
            first = bisect.bisect_left(self.narr_pos, sent_start)
            here = [j for j in range(first, k + 1) if self.gender.get(self.narr_char[j]) == gender
                    and self.owners.get(self.narr_pos[j]) not in (gender, "U")]
            subjects = [j for j in here if self.narr_pos[j] not in self.object_like]
            if subjects:
                return self.narr_char[subjects[0]]
            untold = [j for j in here if pronoun is None or not pronoun.search(text, sent_start, self.narr_pos[j])]
            if untold:
                return self.narr_char[untold[0]]
            k = first - 1
        return None

    def _kin_antecedent(self, gender: str, pos: int, min_pos: int) -> int | None:
        """The relative a "she said" goes back to when the last subject of its gender before ``pos`` is a
        kinship phrase ("Her mother followed her. "My dear," she cried" -> Mrs. Bennet), else None."""
        text = self.work.text
        last_name = _last_before(self.narr_pos, pos)
        k = bisect.bisect_left(self.narr_pos, pos) - 1
        while k >= 0 and self.gender.get(self.narr_char[k]) != gender:
            k -= 1
        lo = max(min_pos, self.narr_pos[k] if k >= 0 else min_pos)
        found = None
        for m in _KIN_PHRASE.finditer(text, lo, pos):
            before = text[max(0, m.start() - 3):m.start()].rstrip()
            if KIN_NOUNS[m.group(2).lower()] != gender or text[m.end():m.end() + 1] == "-" or \
                    not (before == "" or before.endswith((".", "!", "?", "\n", '"', "\u201d", "\u2019"))):
                continue  # a subject opening its sentence only ("Her father was walking about the room.")
            if not in_segments(self.seg_starts, self.seg_ends, m.start()):
                found = m
        if found is None or last_name is None:
            return None
        kin = self.kin_of(found.group(0), found.start())
        matches = sorted(((self.kin_match(kin, c), c) for c in self.surname), reverse=True)
        if not matches or matches[0][0] == 0 or (len(matches) > 1 and matches[1][0] == matches[0][0]):
            return None
        return matches[0][1]

    def kin_of(self, text: str, pos: int) -> tuple[str, int, str] | None:
        """For "his wife" / "her father": (gender of the relative, the possessor, the possessor's family name)."""
        words = text.lower().split()
        if len(words) < 2 or words[1] not in KIN_NOUNS or words[0] not in ("his", "her", "my"):
            return None
        if words[0] == "my":
            owner = self.narrator
        else:
            owner = None
            want = "M" if words[0] == "his" else "F"
            k = bisect.bisect_left(self.narr_pos, pos) - 1
            for j in range(k, max(-1, k - 40), -1):
                if self.gender.get(self.narr_char[j]) == want:
                    owner = self.narr_char[j]
                    break
        family = self.surname.get(owner, "") if owner is not None else ""
        return (KIN_NOUNS[words[1]], owner, family, words[1] in ELDER_KIN) if family else None

    def kin_match(self, kin: tuple | None, c: int) -> float:
        """1 for a relative of the right gender, family name and title ("his wife" -> Mrs. Bennet), 0.5 without
        the title agreeing (a daughter for "his wife"), else 0."""
        if not kin or c == kin[1] or self.gender.get(c) != kin[0] or self.surname.get(c) != kin[2]:
            return 0.0
        return 1.0 if self.titled.get(c, False) == kin[3] else 0.5

    def _last_tagged_of_gender(self, i: int, gender: str) -> int | None:
        """The most recent speaker named in a speech tag, among the 8 quotes before ``i``, of ``gender``."""
        for j in range(i - 1, max(-1, i - 9), -1):
            t = self.units[j].tag
            if t.kind == "name" and t.verb and t.chars and self.gender.get(t.chars[0]) == gender:
                return t.chars[0]
        return None

    def gender_salience(self, u: QuoteUnit) -> tuple[dict[str, float], dict[str, float]]:
        """Per gender: paragraphs since the narration last said he/him/his (she/her), and that gender's share of
        the narration's he/she pronouns over the last GENDER_PARAS paragraphs. In a story told close to one
        character ("He hunched his shoulders") the viewpoint character is seldom named but always there."""
        lo = self.work.paragraphs[max(0, u.para - GENDER_PARAS)].start
        paras, counts = {}, {}
        for g, offs in self.gender_pron.items():
            k = int(np.searchsorted(offs, u.start))
            paras[g] = float(min(u.para - self.para_of(int(offs[k - 1])), 100)) if k > 0 else 100.0
            counts[g] = k - int(np.searchsorted(offs, lo))
        total = sum(counts.values())
        return paras, {g: n / total for g, n in counts.items()} if total else {}

    def _conv_neighbour(self, i: int, step: int) -> int | None:
        """The quote ``step`` away in the same conversation (no more than 3 narration paragraphs between)."""
        j = i
        for _ in range(abs(step)):
            k = j + (1 if step > 0 else -1)
            if k < 0 or k >= len(self.units):
                return None
            a, b = sorted((self.units[j].para, self.units[k].para))
            if b - a > 4:
                return None
            j = k
        return j

    def rows(self, i: int, cands: list[int]) -> list[list[float]]:
        u = self.units[i]
        t = u.tag
        tpos = t.start if t.start >= 0 else u.start
        # pronoun / noun tag resolution: candidates of that gender ranked by last narration mention
        gender_rank: dict[int, int] = {}
        subject_rank: dict[int, int] = {}  # the same, counting only mentions that may be subjects
        if t.kind in ("pronoun", "noun") and t.gender in ("M", "F"):
            same = [c for c in cands if self.gender.get(c) == t.gender]
            gender_rank = _ranked_by_last(same, lambda c: _last_before(self.narr_actor[t.gender].get(c), tpos))
            subject_rank = _ranked_by_last(same, lambda c: _last_before(self.narr_subj.get(c), tpos))
        kin = self.kin[i]
        nb = {d: self._conv_neighbour(i, d) for d in (-3, -2, -1, 1, 2, 3)}
        pron_subject = pron_tagged = None
        same_gender_n = 0
        if t.kind in ("pronoun", "noun") and t.gender in ("M", "F"):
            window = self.work.paragraphs[max(0, u.para - 2)].start
            pron_subject = self._pronoun_subject(t.gender, tpos, window)
            if self.kin_subject[i] is not None:
                pron_subject = self.kin_subject[i]
            pron_tagged = self._last_tagged_of_gender(i, t.gender)
            same_gender_n = sum(1 for c in cands if self.gender.get(c) == t.gender)
        # the conversation around i: named speech tags at even / odd distance (turn-taking parity)
        tags_even: dict[int, int] = {}
        tags_odd: dict[int, int] = {}
        named_even: dict[int, int] = {}
        named_odd: dict[int, int] = {}
        conv_before = conv_after = 0
        for direction in (-1, 1):
            j = i
            for d in range(1, 13):
                k = self._conv_neighbour(j, direction)
                if k is None:
                    break
                j = k
                if direction < 0:
                    conv_before = d
                else:
                    conv_after = d
                v = self.units[k]
                if v.tag.kind == "name" and v.tag.chars:
                    bucket = tags_even if d % 2 == 0 else tags_odd
                    bucket[v.tag.chars[0]] = bucket.get(v.tag.chars[0], 0) + 1
                for c in set(v.vocatives):
                    # a character addressed at distance d speaks at distance d +- 1
                    bucket = named_odd if d % 2 == 0 else named_even
                    bucket[c] = bucket.get(c, 0) + 1
        tagged_prev = tagged_next = None
        for d in range(1, 9):
            j = self._conv_neighbour(i, -d)
            if j is None:
                break
            if self.units[j].tag.kind == "name" and self.units[j].tag.verb:
                tagged_prev = (d, self.units[j].tag.chars[:1])
                break
        for d in range(1, 9):
            j = self._conv_neighbour(i, d)
            if j is None:
                break
            if self.units[j].tag.kind == "name" and self.units[j].tag.verb:
                tagged_next = (d, self.units[j].tag.chars[:1])
                break
        prev_narr, prev_objects = self.narration_names(u.para - 1)
        prev_subjects = [c for c, o in zip(prev_narr, prev_objects) if not o]
        only_object = self.only_objects(u.para)
        gap_prev = (u.para - self.units[i - 1].para) if i > 0 else 50
        gap_next = (self.units[i + 1].para - u.para) if i + 1 < len(self.units) else 50
        recency = sorted(cands, key=lambda c: -(self._last_narr_before(c, u.start) or -1))
        rec_rank = {c: r for r, c in enumerate(recency)}
        lo = self.work.paragraphs[max(0, u.para - WINDOW_PARAS)].start
        spoke = set()
        for j in range(max(0, i - 8), i):
            spoke.update(self.units[j].tag.chars[:1])
        pron_paras, pron_share = self.gender_salience(u)
        out = []
        for c in cands:
            g = self.gender.get(c, "U")
            last = self._last_narr_before(c, u.start)
            nxt = self._next_narr_after(c, u.start)
            last_para = self.para_of(last) if last is not None else -1000
            nxt_para = self.para_of(nxt) if nxt is not None else 10**6
            offs = self.narr.get(c, [])
            in_window = bisect.bisect_left(offs, u.start) - bisect.bisect_left(offs, lo)
            name_tag = t.kind == "name" and c in t.chars

            def tag_at(d: int) -> float:
                j = nb[d]
                return 1.0 if j is not None and self.units[j].tag.kind == "name" and c in self.units[j].tag.chars[:1] else 0.0

            def named_at(d: int, voc: bool) -> float:
                j = nb[d]
                if j is None:
                    return 0.0
                v = self.units[j]
                return 1.0 if c in (v.vocatives if voc else v.inner_chars) else 0.0

            first_person = t.kind == "pronoun" and t.gender == "I"
            if first_person:  # "said I": the narrator, through the ordinary pronoun-agreement features
                pron_agree = 1.0 if c == self.narrator else -1.0
                pron_rank = 0.0 if c == self.narrator else 9.0
            else:
                pron_agree = (1.0 if t.kind == "pronoun" and g == t.gender
                              else (-1.0 if t.kind == "pronoun" and t.gender in ("M", "F") and g in ("M", "F") else 0.0))
                pron_rank = float(gender_rank.get(c, 9)) if t.kind == "pronoun" else 9.0
            row = [
                1.0 if name_tag else 0.0,
                1.0 if name_tag and t.verb else 0.0,
                1.0 if name_tag and len(t.chars) > 1 else 0.0,
                pron_agree,
                pron_rank,
                1.0 if pron_rank == 0.0 else 0.0,
                1.0 if t.kind == "pronoun" and t.gender == "I" and c == self.narrator else 0.0,
                1.0 if t.kind == "noun" and t.gender and g == t.gender else 0.0,
                float(gender_rank.get(c, 9)) if t.kind == "noun" else 9.0,
                1.0 if t.after else 0.0,
                1.0 if t.kind == "none" else 0.0,
                1.0 if u.leading_chars[:1] == [c] else 0.0,
                1.0 if c in u.leading_chars else 0.0,
                1.0 if u.beat_chars[:1] == [c] else 0.0,
                float(u.beat_chars.count(c)),
                1.0 if c in u.inner_chars else 0.0,
                1.0 if c in u.vocatives else 0.0,
                named_at(-1, True), named_at(-1, False), named_at(1, True), named_at(1, False),
                tag_at(-1), tag_at(-2), tag_at(-3), tag_at(1), tag_at(2), tag_at(3),
                1.0 if tagged_prev and c in tagged_prev[1] and tagged_prev[0] % 2 == 0 else 0.0,
                1.0 if tagged_prev and c in tagged_prev[1] and tagged_prev[0] % 2 == 1 else 0.0,
                1.0 if tagged_next and c in tagged_next[1] and tagged_next[0] % 2 == 0 else 0.0,
                1.0 if tagged_next and c in tagged_next[1] and tagged_next[0] % 2 == 1 else 0.0,
                float(min(u.para - last_para, 100)),
                math.log1p(u.start - last) if last is not None else 15.0,
                float(min(nxt_para - u.para, 100)),
                float(in_window),
                float(prev_narr.count(c)),
                1.0 if prev_narr[-1:] == [c] else 0.0,
                1.0 if prev_narr[:1] == [c] else 0.0,
                1.0 if prev_narr[-1:] == [c] and prev_objects[-1] else 0.0,
                1.0 if prev_subjects[-1:] == [c] else 0.0,
                1.0 if c in only_object else 0.0,
                self.share.get(c, 0.0),
                float(min(self.rank.get(c, 99), 99)),
                1.0 if c == self.narrator else 0.0,
                1.0 if g == "M" else 0.0,
                1.0 if g == "F" else 0.0,
                float(min(gap_prev, 50)), float(min(gap_next, 50)),
                math.log1p(u.words), float(len(cands)), float(rec_rank.get(c, 20)),
                1.0 if c in spoke else 0.0,
                float(tags_even.get(c, 0)), float(tags_odd.get(c, 0)), float(conv_before + conv_after),
                float(conv_before), float(named_even.get(c, 0)), float(named_odd.get(c, 0)),
                1.0 if pron_subject == c else 0.0, 1.0 if pron_tagged == c else 0.0, float(same_gender_n),
                self.kin_match(kin, c),
                pron_agree if t.kind == "pronoun" and t.verb else 0.0,
                float(subject_rank.get(c, 9)) if t.kind == "pronoun" else 9.0,
                pron_paras.get(g, 100.0), pron_share.get(g, 0.0),
            ]
            out.append(row)
        return out

    def narration_names(self, para: int) -> tuple[list[int], list[bool]]:
        """The characters named in paragraph ``para`` when it is all narration, in order, and per name whether it
        is the object of a verb or preposition ("scowled at Naruto"); nothing for a paragraph with a quotation."""
        if para < 0 or para in self.quote_paras:
            return [], []
        p = self.work.paragraphs[para]
        found = self.names.between(p.start, p.end)
        return [self.names.chars[k][0] for k in found], [self.names.starts[k] in self.objects for k in found]

    def only_objects(self, para: int) -> set[int]:
        """The characters the narration of paragraph ``para`` names only as objects ("Clara turned to Tom.")."""
        p = self.work.paragraphs[para]
        seen: dict[int, bool] = {}
        for k in self.names.between(p.start, p.end):
            s = self.names.starts[k]
            if not in_segments(self.seg_starts, self.seg_ends, s):
                c = self.names.chars[k][0]
                seen[c] = seen.get(c, True) and s in self.objects
        return {c for c, only in seen.items() if only}

    def table(self) -> Table:
        unit, cand, X = [], [], []
        for i in range(len(self.units)):
            cands = self.candidates(i)
            for c, row in zip(cands, self.rows(i, cands)):
                unit.append(i)
                cand.append(c)
                X.append(row)
        unit_a, cand_a = np.asarray(unit, dtype=np.int32), np.asarray(cand, dtype=np.int32)
        rows = np.asarray(X, dtype=np.float32).reshape(-1, len(ROW_FEATURES))
        vectors = quote_vectors(self.work.text, self.units)
        return Table(unit_a, cand_a, np.hstack([rows, idiolect_features(vectors, self.units, unit_a, cand_a)]), vectors)


_OBJECT_BEFORE = re.compile(r"\b(?:to|at|with|near|from|for|of|upon|on|towards?|by|than|into|after|before|behind|beside|"
                            r"about|like|among|between|under|over|against|told|tell|asked|saw|see|kissed|let|made|"
                            r"heard|watched|followed|left|joined)\s+$", re.I)


_KIN_PHRASE = re.compile(r"\b(his|her)\s+(" + "|".join(KIN_NOUNS) + r")\b", re.I)
_SUBJECT_OF_GENDER = {"M": re.compile(r"\bhe\b", re.I), "F": re.compile(r"\bshe\b", re.I)}


_MALE_PRONOUNS = frozenset(("he", "him", "his", "himself"))
_GENDER_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")


def _narration_pronouns(text: str, seg_starts: list[int], seg_ends: list[int]) -> dict[str, np.ndarray]:
    """Sorted offsets of the he/him/his ("M") and she/her ("F") of the narration (outside the quotations)."""
    found = [(m.start(), m.group().lower() in _MALE_PRONOUNS) for m in _GENDER_PRONOUN.finditer(text)]
    pos = np.array([p for p, _ in found], dtype=np.int64)
    male = np.array([m for _, m in found], dtype=bool)
    if len(seg_starts):
        i = np.searchsorted(np.asarray(seg_starts), pos, side="right") - 1
        inside = (i >= 0) & (pos < np.asarray(seg_ends)[np.maximum(i, 0)])
    else:
        inside = np.zeros(len(pos), dtype=bool)
    return {"M": pos[male & ~inside], "F": pos[~male & ~inside]}


def _possessive(text: str, end: int) -> bool:
    """The name ending at ``end`` is a possessive ("Mrs. Walker's party"): like an object (:func:`object_of`), no
    subject a pronoun goes back to."""
    return bool(re.match(r"(?:['\u2019]s|\s s)\b", text[end:end + 3]))


def object_of(text: str, start: int) -> bool:
    """The name at ``start`` is the object of a preposition, a common verb or a participle ("scowled at Naruto",
    "must tell Katharine", "summoning Rex")."""
    return bool(_OBJECT_BEFORE.search(text, max(0, start - 12), start)) or participle_object(text, start)


_CLAUSE_LINKS = frozenset("and while whilst after before by when".split())


def participle_object(text: str, start: int, linked: bool = False) -> bool:
    """The name at ``start`` is the object of a participle ("summoning Rex"); with ``linked``, of a participle
    after "and", "while", "before"... or a comma ("..., and summoning Rex"), a clause whose subject is the
    sentence's, so the object is no one a following "he" goes back to."""
    before = text[max(0, start - 40):start]
    words = before.split()
    if not (before[-1:].isspace() and words and is_participle(words[-1])):
        return False
    return not linked or (len(words) > 1 and (words[-2].lower() in _CLAUSE_LINKS or words[-2].endswith(",")))


def owned_person(text: str, end: int) -> str:
    """The gender (M, F or U) of the person owned by the possessive name ending at ``end``, its head read after at
    most two modifiers ("Tom's ever loyal friend": U, "Mrs. Bennet's daughter": F); "" when it owns no person.
    A he/she of the owned person's gender goes back to that person, not to the owner."""
    m = re.match(r"['\u2019]s\s+", text[end:end + 3])
    if m is None:
        return ""
    for k, w in enumerate(TAG_WORD.finditer(text, end + m.end(), min(len(text), end + 60))):
        low = w.group().lower()
        if k > 2 or not low.isalpha():
            return ""
        if low in PERSON_WORDS and low not in ANIMAL_HEADS:  # "Tom's dog barked. "Down!" he said": Tom
            return _noun_gender(low) or "U"
    return ""


def _last_before(offs: list[int] | None, pos: int) -> int | None:
    """The last offset of the sorted ``offs`` before ``pos``."""
    if not offs:
        return None
    k = bisect.bisect_left(offs, pos) - 1
    return offs[k] if k >= 0 else None


def _ranked_by_last(chars: list[int], last_of) -> dict[int, int]:
    """Rank of each character by its last mention (``last_of(c)``, None for never), most recent first."""
    recent = sorted((-(last if (last := last_of(c)) is not None else -10**9), c) for c in chars)
    return {c: r for r, (_, c) in enumerate(recent)}


def family_name(c) -> str:
    """The family name of a character: the last word of a titled or multi-word name ("Mr. Bennet" -> "bennet")."""
    forms = [c.name] + sorted(c.aliases, key=lambda a: -c.aliases[a])
    for form in forms:
        words = [w for w in form.replace(".", ". ").split() if w]
        if len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower() not in TITLE_WORDS:
            return words[-1].lower()
    return ""


def stack_features(table: Table, probs: np.ndarray, units: list[QuoteUnit], n_units: int) -> np.ndarray:
    """Second-pass features: first-pass probabilities of the same candidate at neighbouring quotes, and how
    much the quotation sounds like the lines the first pass gave each candidate."""
    out = np.zeros((len(table.unit), len(NEIGHBOUR_FEATURES)), dtype=np.float32)
    if len(table.unit) == 0:
        return np.hstack([out, believed_idiolect(table.vectors, table.unit, table.cand, probs, n_units)])
    unit = table.unit.astype(np.int64)
    cand = table.cand.astype(np.int64)
    p = np.asarray(probs, dtype=np.float64)
    # (unit, candidate) -> belief, looked up through sorted keys (no unit x character matrix for long works)
    width = int(cand.max()) + 1
    keys = unit * width + cand
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    def belief_of(u: np.ndarray) -> np.ndarray:
        q = u * width + cand
        i = np.minimum(np.searchsorted(sorted_keys, q), len(q) - 1)
        return np.where(sorted_keys[i] == q, p[order[i]], 0.0)

    best, second, _, top_row = best_two(p, unit, n_units)
    top = np.where(top_row >= 0, cand[top_row], -1)
    para = np.array([u.para for u in units], dtype=np.int64)

    def near(d: int) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the unit ``d`` quotations away and whether it is close enough to count."""
        j = np.clip(unit + d, 0, n_units - 1)
        return j, (unit + d >= 0) & (unit + d < n_units) & (np.abs(para[j] - para[unit]) <= 4 * abs(d))

    for k, d in enumerate((-1, -2, 1, 2)):
        j, ok = near(d)
        out[:, k] = np.where(ok, belief_of(j), 0.0)
    out[:, 4] = cand == top[unit]
    # the best belief of the previous quotation in anyone but this candidate
    j, ok = near(-1)
    own = belief_of(j)
    out[:, 5] = np.where(ok, np.where(own >= best[j], second[j], best[j]), 0.0)
    out[:, 6] = p / np.where(best[unit] > 0, best[unit], 1.0)
    return np.hstack([out, believed_idiolect(table.vectors, table.unit, table.cand, probs, n_units)])
