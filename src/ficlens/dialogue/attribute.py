"""Speaker and addressee attribution: features -> two-pass model -> Quotation objects."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ficlens.dialogue.context import NameIndex, QuoteUnit, build_name_index, build_units
from ficlens.dialogue.descriptive import add_descriptive_speakers
from ficlens.dialogue.entrants import add_entrants, named_strangers, with_mentions, with_owners
from ficlens.dialogue.detect import Segment, find_segments
from ficlens.dialogue.features import FeatureBuilder, Table, read_pronoun_beats, stack_features
from ficlens.dialogue.narration import narration_person
from ficlens.document import Character, Evidence, Quotation, Span, Work
from ficlens.stages.char_kin import kin_relation
from ficlens.stages.char_looks import is_trait_epithet
from ficlens.stages.char_narrator import NARRATOR_EVIDENCE

NARRATOR_NAME = "Narrator"
READER_NAME = "Y/N"  # the reader of a second-person ("reader-insert") story, by the name fan fiction gives them
READER_FORMS = ("Y/N", "y/n", "(Y/N)", "[Y/N]")
SURE_DESCRIPTION = 0.9  # least coreference confidence of a description read as its character's name (a pin's)
STACK_ROUNDS = 2  # extra second-pass rounds over the neighbours' beliefs


@dataclass
class Prepared:
    segments: list[Segment]
    units: list[QuoteUnit]
    names: NameIndex
    table: Table
    narrator: int | None
    genders: dict[int, str] = field(default_factory=dict)
    first_seen: dict[int, int] = field(default_factory=dict)  # character -> offset where it is first named


def add_reader(work: Work) -> int:
    """The character a second-person story is about (the speaker of '"...," you ask'): "Y/N", with the forms of
    that name the text uses as aliases (added before the name index, so "Sit down, Y/N." calls them), or an
    existing character already called so."""
    forms = {f: work.text.count(f) for f in READER_FORMS if f in work.text}
    for c in work.characters:
        if c.name in READER_FORMS or set(c.aliases) & set(forms):
            return c.id
    cid = max((c.id for c in work.characters), default=-1) + 1
    work.characters.append(Character(id=cid, name=READER_NAME,
                                     aliases={f: n for f, n in forms.items() if not f.startswith(("(", "["))},
                                     gender="U", evidence=[Evidence(0, 0, "", "second-person narration")]))
    return cid


def find_narrator(work: Work) -> int | None:
    """The character the characters stage found narrating in the first person (named or not), else None."""
    for c in work.characters:
        if c.name == NARRATOR_NAME or c.name in ("I", "Me") or any(e.reason == NARRATOR_EVIDENCE for e in c.evidence):
            return c.id
    return None


def nameless_narrator(work: Work, narrator: int | None) -> bool:
    """There is a first-person narrator and no name is known for them (the character is the bare "Narrator")."""
    c = work.character(narrator) if narrator is not None else None
    return c is not None and c.name == NARRATOR_NAME


def add_narrator(work: Work) -> int:
    """Append a first-person narrator character (the speaker of "I said")."""
    cid = max((c.id for c in work.characters), default=-1) + 1
    work.characters.append(Character(id=cid, name=NARRATOR_NAME, aliases={"I": 1}, gender="U",
                                     evidence=[Evidence(0, 0, "", "first-person narration")]))
    return cid


def index_names(work: Work) -> NameIndex:
    """The name mentions of ``work``'s characters, plus the descriptions coreference ties to a character as
    surely as a pinned epithet ("the pug" of a pack's dog), so that tags and beats read them as names."""
    sure = [(m.start, m.end, m.character) for m in work.mentions
            if m.kind == "nominal" and m.character is not None and m.confidence >= SURE_DESCRIPTION]
    # an epithet by hair, rank, clan or age was given to one character on stage (stages/char_looks.py): where
    # the alias index reads the same words as someone else's ("the konoichi"), that character is the one
    epithets = [(m.start, m.end, m.character) for m in work.mentions
                if m.kind == "nominal" and m.character is not None and is_trait_epithet(work.text[m.start:m.end])]
    return with_owners(with_mentions(build_name_index(work.text, work.characters), sure), epithets)


def _names(work: Work, segments: list[Segment], claims: list[tuple[int, int, int]] = ()) -> NameIndex:
    """The name index, with the descriptions ``claims`` reads as a character's name ("the doctor" of Doctor
    Losberne) and the unnamed people the narration names right after (entrants.named_strangers)."""
    names = index_names(work)
    if claims:
        names = with_mentions(with_owners(names, claims), claims)
    return with_mentions(names, named_strangers(work, segments, names))


def prepare(work: Work, narrator: int | None = None, detect_narrator: bool = True) -> Prepared:
    segments = find_segments(work)
    bounds = [(s.start, s.end) for s in segments]
    person = narration_person(work.text, bounds) if narrator is None and detect_narrator else "third"
    if person == "second":
        narrator = add_reader(work)  # a name ("Y/N") before the names are indexed
    names = _names(work, segments)
    units = build_units(work, segments, names)
    described = add_descriptive_speakers(work, units)
    if described:
        names = _names(work, segments, described.claims)
        units = build_units(work, segments, names)
    names, units = add_entrants(work, segments, names, units)
    read_pronoun_beats(work.text, work.paragraphs, units)
    if person == "first":
        narrator = find_narrator(work)
        if narrator is None:
            narrator = add_narrator(work)
    builder = FeatureBuilder(work, units, names, bounds, narrator)
    return Prepared(segments, units, names, builder.table(), narrator, {c.id: c.gender for c in work.characters},
                    first_named(work))


def first_named(work: Work) -> dict[int, int]:
    """Character -> offset where the text first names it (its first mention of any kind for a character that has
    no name mention): a pronoun or description that coreference gave it earlier does not bring it in, except a
    kinship description that names the relation ("cried his wife" of Mr. Bennet's wife, chapters before the text
    says "Mrs. Bennet")."""
    out = {c.id: c.first_offset for c in work.characters}
    named: dict[int, int] = {}
    kin: dict[int, int] = {}
    for m in work.mentions:
        if m.character is None:
            continue
        if m.kind == "name":
            named[m.character] = min(m.start, named.get(m.character, m.start))
        elif m.kind == "nominal" and kin_relation(work.text[m.start:m.end]) is not None:
            kin[m.character] = min(m.start, kin.get(m.character, m.start))
    return out | {c: min(pos, kin.get(c, pos)) for c, pos in named.items()}


def _normalise(table: Table, scores: np.ndarray, n_units: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per unit: best candidate, its share of the unit's probability mass, and per-row normalised probs."""
    best = np.full(n_units, -1, dtype=np.int64)
    conf = np.zeros(n_units)
    norm = np.zeros(len(scores))
    if len(scores) == 0:
        return best, conf, norm
    bounds = np.flatnonzero(np.diff(table.unit)) + 1
    for rows in np.split(np.arange(len(scores)), bounds):
        s = scores[rows]
        tot = s.sum() or 1.0
        norm[rows] = s / tot
        k = int(np.argmax(s))
        best[table.unit[rows[0]]] = table.cand[rows[k]]
        conf[table.unit[rows[0]]] = s[k] / tot
    return best, conf, norm


def score(prep: Prepared, model) -> tuple[np.ndarray, np.ndarray]:
    """Speaker id and confidence per unit (two passes: per quote, then with neighbours' pass-1 beliefs)."""
    t = prep.table
    n = len(prep.units)
    if len(t.unit) == 0:
        return np.full(n, -1), np.zeros(n)
    from ficlens.fast_trees import fast_proba
    from ficlens.parallel import predict_threads

    threads = predict_threads(len(t.X))  # one in batch workers: batch runs parallelise across works instead
    p1 = fast_proba(model.pass1, t.X, threads)
    p2 = p1
    for _ in range(1 + STACK_ROUNDS):
        # pass 2 over the neighbours' beliefs (pass 1's, then its own): a named tag reaches further away
        _, _, beliefs = _normalise(t, p2, n)
        p2 = fast_proba(model.pass2, np.hstack([t.X, stack_features(t, beliefs, prep.units, n)]), threads)
    scores = agreeing_tags(t, no_self_calls(t, p2, prep.units), prep.units, prep.genders)
    scores = not_the_narrator(t, scores, prep.units, prep.narrator)
    best, conf, norm = _normalise(t, not_yet_met(t, scores, prep.units, prep.first_seen), n)
    join_continued_speeches(t, prep.units, norm, best, conf)
    trust_named_tags(prep.units, best, conf)
    trust_subject_beats(prep.units, best, conf)
    doubt_strangers(t, prep.units, prep.first_seen, conf)
    doubt_narrator(prep.units, prep.narrator, best, conf)
    doubt_the_called(prep.units, best, conf)
    confirm_alternation(prep.units, best, conf)
    return best, conf


ALTERNATION_CONFIDENCE = 0.9  # an untagged line inside a clean A B A B A exchange: as sure as a tag
ALTERNATION_NEIGHBOURS = 0.5  # ... when each of its four neighbours is more likely right than not
ALTERNATION_PARAS = 2  # paragraphs at most between two lines of the exchange


def confirm_alternation(units: list[QuoteUnit], best: np.ndarray, conf: np.ndarray) -> None:
    """An untagged line whose two lines before and two after alternate with it between the same two speakers
    (A B [A] B A, each neighbour at ``ALTERNATION_NEIGHBOURS`` or more, no more than ``ALTERNATION_PARAS`` apart)
    is raised to ``ALTERNATION_CONFIDENCE``: the exchange's turn-taking says who speaks more surely than the model's
    share of the candidates (the speaker is unchanged; the quoted "I" and "you" follow it, :mod:`coref_quotes`)."""
    base = conf.copy()
    for i in range(2, len(units) - 2):
        a, b = best[i], best[i - 1]
        if units[i].tag.kind != "none" or a < 0 or b < 0 or a == b:
            continue
        if best[i + 1] != b or best[i - 2] != a or best[i + 2] != a:
            continue
        if any(units[k + 1].para - units[k].para > ALTERNATION_PARAS for k in range(i - 2, i + 2)):
            continue
        if min(base[k] for k in (i - 2, i - 1, i + 1, i + 2)) >= ALTERNATION_NEIGHBOURS:
            conf[i] = max(float(conf[i]), ALTERNATION_CONFIDENCE)


def trust_subject_beats(units: list[QuoteUnit], best: np.ndarray, conf: np.ndarray) -> None:
    """A beat sentence right before a quotation that opens with one character's name as its subject ('Sakura
    trailed a hand through his hair. "Well done."') gives the quotation to that character."""
    for i, u in enumerate(units):
        t = u.tag
        if t.kind == "name" and t.opens and not t.verb and not t.after and len(t.chars) == 1 and best[i] != t.chars[0]:
            best[i] = t.chars[0]
            conf[i] = max(0.6, float(conf[i]))


def not_yet_met(table: Table, scores: np.ndarray, units: list[QuoteUnit], first_seen: dict[int, int]) -> np.ndarray:
    """Scores with the characters first mentioned after it ruled out of a quotation with no tag: a reader cannot
    give an untagged line to someone the story has not yet brought in (a tag or beat may name them)."""
    out = scores.copy()
    for i, u in enumerate(units):
        if u.tag.kind == "none":
            rows = _unit_rows(table, i)
            _rule_out(out, rows, np.array([first_seen.get(int(c), -1) > u.end for c in table.cand[rows]], dtype=bool))
    return out


DOUBT_CONFIDENCE = 0.4  # a guess kept but doubted: below the 0.9 the quoted "I"/"you" follow (coref_quotes)


def doubt_strangers(table: Table, units: list[QuoteUnit], first_seen: dict[int, int], conf: np.ndarray) -> None:
    """A quotation whose candidates are all named only later in the text (an opening scene between people the story
    has not named yet, read as two characters who come later) keeps its best guess at a low confidence: too low
    for the quoted "I" and "you" to follow it (:mod:`ficlens.stages.coref_quotes`). A tag naming the speaker
    names them there."""
    for i, u in enumerate(units):
        if u.tag.kind == "name":
            continue
        rows = _unit_rows(table, i)
        cands = table.cand[rows]
        if len(cands) and all(first_seen.get(int(c), -1) > u.end for c in cands):
            conf[i] = min(float(conf[i]), DOUBT_CONFIDENCE)


def doubt_narrator(units: list[QuoteUnit], narrator: int | None, best: np.ndarray, conf: np.ndarray) -> None:
    """A quotation tagged in the third person that still went to the narrator, no one else being on stage (the
    convict of Great Expectations' opening, "he went on in these fearful terms"), keeps it at a low confidence."""
    if narrator is None:
        return
    for i, u in enumerate(units):
        if best[i] == narrator and _third_person(u.tag):
            conf[i] = min(float(conf[i]), DOUBT_CONFIDENCE)


def doubt_the_called(units: list[QuoteUnit], best: np.ndarray, conf: np.ndarray) -> None:
    """A quotation given to the character it calls by name ("Oh, Emil! Didn't I tell you?" to Emil) keeps it at a
    low confidence: one rarely calls oneself, though the vocatives found are not all sure enough to rule it out."""
    for i, u in enumerate(units):
        if u.tag.kind != "name" and best[i] in u.vocatives:
            conf[i] = min(float(conf[i]), DOUBT_CONFIDENCE)


def _third_person(tag) -> bool:
    """A tag whose subject is he/she or a description ("the man replied")."""
    return tag.kind == "noun" or (tag.kind == "pronoun" and tag.gender in ("M", "F"))


def not_the_narrator(table: Table, scores: np.ndarray, units: list[QuoteUnit], narrator: int | None) -> np.ndarray:
    """Scores with a first-person narrator ruled out of a quotation tagged in the third person ("he said", "the
    man replied", "he went on in these fearful terms:"): the narrator says "I" of themself."""
    out = scores.copy()
    if narrator is None:
        return out
    for i, u in enumerate(units):
        if _third_person(u.tag):
            rows = _unit_rows(table, i)
            _rule_out(out, rows, table.cand[rows] == narrator)
    return out


def _unit_rows(table: Table, i: int) -> slice:
    """The rows of unit ``i``'s candidates (the table is sorted by unit)."""
    return slice(int(np.searchsorted(table.unit, i, "left")), int(np.searchsorted(table.unit, i, "right")))


def _rule_out(out: np.ndarray, rows: slice, ruled: np.ndarray) -> None:
    """Zero the scores of the ``ruled`` candidates among ``rows``, unless no other candidate keeps a score."""
    if out[rows][~ruled].max(initial=0.0) > 0:
        out[rows][ruled] = 0.0


def no_self_calls(table: Table, scores: np.ndarray, units: list[QuoteUnit]) -> np.ndarray:
    """Scores with the called character ruled out of a quotation that only calls a name ("Kakashi.")."""
    out = scores.copy()
    for i, u in enumerate(units):
        called = u.only_calls()
        if called:
            out[(table.unit == i) & np.isin(table.cand, called)] = 0.0
    return out


def agreeing_tags(table: Table, scores: np.ndarray, units: list[QuoteUnit], genders: dict[int, str]) -> np.ndarray:
    """Scores with the other gender ruled out of a quotation whose tag is a speech tag with he/she or a gendered
    noun ("she said", "the man replied") or a noun beat ("The man stood"), while a candidate not of the other
    gender keeps a score. Pronoun beats are left to the model: "He knew she rolled her eyes." is hers."""
    out = scores.copy()
    other = {g: [c for c, cg in genders.items() if cg in ("M", "F") and cg != g] for g in ("M", "F")}
    for i, u in enumerate(units):
        t = u.tag
        if t.kind not in ("pronoun", "noun") or t.gender not in ("M", "F") or not (t.verb or t.kind == "noun"):
            continue
        rows = _unit_rows(table, i)
        _rule_out(out, rows, np.isin(table.cand[rows], other[t.gender]))
    return out


CONTINUATION_GAP = 6  # characters from an open speech's paragraph end to its next part: line breaks and a mark


def continued_speeches(units: list[QuoteUnit]) -> list[list[int]]:
    """Runs of two or more quotations that are one speech over several paragraphs: each paragraph's quotation
    left open (no closing mark) and the next paragraph's opens the next part."""
    runs: list[list[int]] = []
    for i in range(1, len(units)):
        prev, u = units[i - 1], units[i]
        if prev.para == u.para - 1 and not prev.segments[-1].closed and \
                u.segments[0].start - prev.segments[-1].end <= CONTINUATION_GAP:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i - 1, i])
    return runs


def join_continued_speeches(table: Table, units: list[QuoteUnit], norm: np.ndarray, best: np.ndarray,
                            conf: np.ndarray) -> None:
    """A speech running over several paragraphs has one speaker: the candidate with the most belief summed over
    its paragraphs (each paragraph's candidates normalised), each paragraph as sure as that candidate's mean
    share."""
    for run in continued_speeches(units):
        total: dict[int, float] = {}
        for i in run:
            rows = _unit_rows(table, i)
            for c, p in zip(table.cand[rows].tolist(), norm[rows].tolist()):
                total[c] = total.get(c, 0.0) + p
        if not total:
            continue
        speaker = max(total, key=total.get)
        share = total[speaker] / len(run)
        for i in run:
            best[i] = speaker
            conf[i] = share


def trust_named_tags(units: list[QuoteUnit], best: np.ndarray, conf: np.ndarray) -> None:
    """A speech tag naming one character ("said Mrs. Weston") decides the speaker, whatever the model thinks, and
    makes it at least 0.9 sure, where the model agreed as well (the quoted "I" and "you" follow from 0.9)."""
    for i, u in enumerate(units):
        t = u.tag
        if t.kind == "name" and t.verb and len(t.chars) == 1:
            best[i] = t.chars[0]
            conf[i] = max(0.9, float(conf[i]))


def name_the_narrator(work: Work, prep: Prepared, speakers: np.ndarray) -> int | None:
    """The character the others address in reply to the narrator ("Watson" for "said I"), if one dominates.

    The narrator's quotations are then given to that character (returned), so the
    narrator is a named character rather than a bare "I".
    """
    nar = prep.narrator
    if nar is None:
        return None
    votes: dict[int, int] = {}
    n_nar = 0
    for i, u in enumerate(prep.units):
        if speakers[i] != nar:
            continue
        n_nar += 1
        for j in (i - 1, i + 1):
            if 0 <= j < len(prep.units) and speakers[j] not in (nar, -1) and abs(prep.units[j].para - u.para) <= 2:
                for c in set(prep.units[j].vocatives):
                    if c != speakers[j] and c != nar:
                        votes[c] = votes.get(c, 0) + 1
    # the narrator's name seldom speaks in its own right (its lines are the narrator's): a character who is
    # given more quotations than votes is someone else the narrator talks to
    spoken = Counter(speakers[speakers >= 0].tolist())
    votes = {c: v for c, v in votes.items() if spoken[c] < v}
    if not votes or n_nar < 3:
        return None
    ranked = sorted(votes.values(), reverse=True)
    best = max(votes, key=votes.get)
    second = ranked[1] if len(ranked) > 1 else 0
    if votes[best] >= 5 and votes[best] >= 2 * second:
        return _name_narrator(work, speakers, nar, best, "addressed as the first-person narrator")
    return None


def _name_narrator(work: Work, speakers: np.ndarray, narrator: int, named: int, reason: str) -> int:
    """Give the narrator's quotations to ``named`` and note why on that character; ``named``."""
    speakers[speakers == narrator] = named
    c = work.character(named)
    if c is not None:
        c.evidence.append(Evidence(0, 0, "", reason))
    return named


def name_the_called_narrator(work: Work, prep: Prepared, speakers: np.ndarray) -> int | None:
    """The character who, in a first-person story, is only ever named inside quotations, is called by that name
    there and never speaks in its own right ("Huckleberry", "Jane", "Edward"): the narrator the others talk to,
    when one such character is called more often than any other. The narrator's quotations become its; returned,
    or None."""
    nar = prep.narrator
    if nar is None or not prep.units:
        return None
    starts = [u.start for u in prep.units]

    def quoted(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < prep.units[k].end

    spoken = Counter(speakers[speakers >= 0].tolist())
    calls = Counter(c for u in prep.units for c in set(u.vocatives) if c != nar and not spoken[c])
    named_at: dict[int, list[int]] = {c: [] for c in calls}  # one pass over the mentions, not one per character
    for m in work.mentions:
        if m.kind == "name" and m.character in named_at:
            named_at[m.character].append(m.start)
    fits = sorted(((n, c) for c, n in calls.items() if named_at[c] and all(quoted(p) for p in named_at[c])),
                  reverse=True)
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
        return None
    return _name_narrator(work, speakers, nar, fits[0][1],
                          "called by name by the others, never named in the narration")


ADDRESSEE_PARAS = 3  # paragraphs to the nearest line of someone else, who is the one spoken to
ADDRESSEE_FAR_PARAS = 8  # ... failing that, a less sure guess this far away


def _addressees(units: list[QuoteUnit], speakers: np.ndarray, i: int) -> list[tuple[int, float]]:
    """Who quotation ``i`` speaks to: someone it calls by name ("Jane, ..."), someone the narration says it is
    spoken to ("said to Jane", "asked Tom"), else the nearest other speaker of the exchange (past the speaker's
    own lines): surest where the lines before and after agree, the one after for a question (who answers it),
    else the one before."""
    sp = int(speakers[i])
    voc = [c for c in units[i].vocatives if c != sp]
    if voc:
        return [(voc[0], 0.9)]
    told = [c for c in units[i].told if c != sp]
    if told:
        return [(told[0], 0.85)]
    before, after = (_other_speaker(units, speakers, i, step, ADDRESSEE_PARAS) for step in (-1, 1))
    if before is not None and before == after:
        return [(before, 0.8)]
    if after is not None and units[i].asks:
        return [(after, 0.7)]
    if before is not None or after is not None:
        return [(before, 0.7)] if before is not None else [(after, 0.6)]
    before, after = (_other_speaker(units, speakers, i, step, ADDRESSEE_FAR_PARAS) for step in (-1, 1))
    if before is not None or after is not None:
        return [(before, 0.5)] if before is not None else [(after, 0.4)]
    return []


def _other_speaker(units: list[QuoteUnit], speakers: np.ndarray, i: int, step: int, paras: int) -> int | None:
    """The speaker of the nearest quotation ``step`` -wards of ``i``, within ``paras`` paragraphs, who is not
    the speaker of ``i``."""
    j = i + step
    while 0 <= j < len(units) and abs(units[j].para - units[i].para) <= paras:
        if speakers[j] >= 0 and speakers[j] != speakers[i]:
            return int(speakers[j])
        j += step
    return None


def quotations(work: Work, prep: Prepared, speakers: np.ndarray, conf: np.ndarray) -> list[Quotation]:
    out: list[Quotation] = []
    text = work.text
    for i, u in enumerate(prep.units):
        sp = int(speakers[i]) if speakers[i] >= 0 else None
        t = u.tag
        evidence: list[Evidence] = []
        if t.start >= 0:
            evidence.append(Evidence(t.start, t.end, text[t.start:t.end], "speech tag" if t.verb else "action beat"))
        if sp is not None and t.kind == "name" and sp in t.chars:
            qtype, method = "Explicit", "named tag" if t.verb else "named beat"
        elif sp is not None and t.kind in ("pronoun", "noun") and (t.gender in ("", "U") or t.gender == _gender(work, sp)
                                                                  or (t.gender == "I" and sp == prep.narrator)):
            qtype, method = "Anaphoric", f"{t.kind} tag"
        else:
            qtype, method = "Implicit", "conversation model"
            evidence = [e for e in evidence if e.reason != "action beat"]
        q = Quotation(id=i, start=u.start - 1 if u.start > 0 else u.start, end=min(len(text), u.end + 1),
                      spans=[Span(s.start, s.end) for s in u.segments], speaker=sp,
                      speaker_confidence=round(float(conf[i]), 4) if sp is not None else 0.0,
                      quote_type=qtype, method=method, evidence=evidence)
        q.addressees = [(c, round(p, 3)) for c, p in _addressees(prep.units, speakers, i)]
        out.append(q)
    return out


def _gender(work: Work, cid: int) -> str:
    c = work.character(cid)
    return c.gender if c else "U"


def update_characters(work: Work) -> None:
    """Character.quotes and words_spoken from the work's quotations."""
    for c in work.characters:
        c.quotes = 0
        c.words_spoken = 0
    for q in work.quotations:
        c = work.character(q.speaker)
        if c is not None:
            c.quotes += 1
            c.words_spoken += len(q.text(work).split())
