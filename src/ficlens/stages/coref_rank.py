"""Learned coreference: a mention-antecedent ranker over a bounded window (trained on LitBank).

Every pronoun and description ("anaphor") is paired with the previous
``WINDOW`` mentions and with the speech tag of its quotation ('"I ...," said
Anne'). A gradient-boosted classifier scores each pair from features that need
no parser: distances, mention kinds, gender/number/person agreement, head and
string match, subject position, quotation structure (same quotation, the
quotation's speech tag, the previous quotation's tag) and the size of named
antecedents' characters. Decoding is best-first: an anaphor links to its best
candidate when the probability clears the model's threshold, otherwise it
starts a new entity; with a mention ranker (:mod:`ficlens.stages.coref_linker`) the ranker decides the
links instead. Names keep the characters stage's clustering (they are
never re-linked), so every linked component holds at most one character.
When the model carries an entity-level second stage
(:mod:`ficlens.stages.coref_entity`), the first decoding only provides the
entities whose groups it re-scores, and its scores decide the links.
Weights: ``ficlens/models/coref/{full,fold0..4}.joblib`` (scripts/train_coref.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ficlens.document import Work
from ficlens.fast_trees import fast_proba, warm
from ficlens.parallel import predict_threads
from ficlens.stages.char_lexicon import PERSON_NOUNS, PRONOUNS
from ficlens.stages.coref_heads import add_learned_nominals
from ficlens.stages.coref_spans import predicted_mentions
from ficlens.stages.coref import (PSEUDO, Resolver, Slot, chain_unresolved, dialogue_first_person,
                                  speech_verb_beside)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "coref"
WINDOW = 15  # previous mentions considered as antecedents at run time (about 0.5 s less per novel than 20)
TRAIN_WINDOW = 20  # ... and in training (scripts/train_coref.py)
FAR_WINDOW = 30  # some anaphors also see a few kinds of candidates this far back (_far_pairs)
DROPPED = -3  # entity of a mention the description filter removes (CorefModel.entities)
PREDICT_CHUNK = 65536  # pairs scored at once
MAX_TOKENS = 800  # ... no further back than this many tokens
PRON_WORDS = sorted(PRONOUNS)
PRON_CODE = {w: i + 1 for i, w in enumerate(PRON_WORDS)}
GENDER_CODE = {"M": 1, "F": 2, "N": 3}
POSSESSIVE = {"his", "her", "their", "my", "your", "our", "its", "thy", "hers", "theirs", "mine", "yours", "ours",
              "thine"}
REFLEXIVE = {w for w in PRONOUNS if w.endswith(("self", "selves"))}
SPEECH = None  # filled lazily from char_names.SPEECH_VERBS

FEATURES = [
    "m_kind", "m_person", "m_gender", "m_plural", "m_inq", "m_subject", "m_poss", "m_refl", "m_det", "m_word",
    "c_kind", "c_person", "c_gender", "c_plural", "c_inq", "c_subject", "c_poss", "c_word", "c_det",
    "gender_agree", "number_agree", "person_same", "tok_dist", "sent_dist", "para_dist", "ment_dist", "forward",
    "same_quote", "qdiff", "c_tags_mq", "c_tags_prevq", "c_tags_prev2q", "head_match", "surface_match",
    "c_ent_names", "c_is_named", "c_is_narrator", "between_same_gender", "between_names_same_gender",
    "same_sent", "c_sent_first", "m_sent_first", "c_tags_any", "m_quote_tagged", "c_name_recent",
    "m_para_has_quote", "c_para_has_quote", "c_same_para_name_count",
    "rule_same", "rule_m_char", "rule_c_char", "rule_m_conf", "rule_c_is_m_char",
    "c_vocative", "m_head_in_c",
]
CATEGORICAL = [FEATURES.index("m_word"), FEATURES.index("c_word")]


@dataclass
class Prepared:
    """Mentions of one work as arrays, the candidate pairs and their features."""

    slots: list[Slot]
    fixed: np.ndarray  # entity id for names/narrator mentions, -1 for anaphors to decide, -2 for skipped
    anaphor: np.ndarray  # pair -> index of the anaphor
    cand: np.ndarray  # pair -> index of the candidate antecedent
    X: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURES)), dtype=np.float32))
    mention: dict[str, np.ndarray] = field(default_factory=dict)  # per mention: kind, gender, plural, tok, subject
    names: dict[int, int] = field(default_factory=dict)  # character -> number of its name mentions
    narrator: int | None = None


def _speech_verbs() -> set[str]:
    global SPEECH
    if SPEECH is None:
        from ficlens.stages.char_names import SPEECH_VERBS

        SPEECH = set(SPEECH_VERBS)
    return SPEECH


def _quote_tags(work: Work, quotes: list[tuple[int, int]], slots: list[Slot], qidx: np.ndarray) -> dict[int, int]:
    """Quotation index -> index of the mention that is its speech tag ('said Anne', 'he replied', 'Anne said,')."""
    toks, text = work.tokens, work.text
    verbs = _speech_verbs()
    outside = [i for i, s in enumerate(slots) if qidx[i] < 0 and s.kind in ("name", "pronoun", "nominal")]
    ostarts = [slots[i].start for i in outside]

    def speech_near(sl: Slot) -> bool:
        return speech_verb_beside(toks, sl, verbs)

    tags: dict[int, int] = {}
    for q, (a, b) in enumerate(quotes):
        k = bisect_right(ostarts, b)
        found = None
        for i in outside[k:k + 3]:
            sl = slots[i]
            if sl.start - b > 40 or text.find("\n", b, sl.start) >= 0 or any(c in text[b:sl.start] for c in '"“”'):
                break
            if speech_near(sl):
                found = i
                break
        if found is None:
            k = bisect_right(ostarts, a) - 1
            for i in outside[max(0, k - 2):k + 1][::-1]:
                sl = slots[i]
                if a - sl.end > 40 or text.find("\n", sl.end, a) >= 0 or any(c in text[sl.end:a] for c in '"“”'):
                    continue
                if speech_near(sl) and text[sl.end:a].rstrip().endswith((",", ":")):
                    found = i
                    break
        if found is not None:
            tags[q] = found
    return tags


def rule_guess(work: Work, slots: list[Slot], genders: dict[int, str], narrator: int | None,
               quotes: list[tuple[int, int]], kinds: dict[int, str] | None = None) -> None:
    """Run the salience rules and keep their answer in ``Slot.rule`` (entity, or -1 - chain); reset the rest."""
    Resolver().resolve(work, slots, dict(genders), narrator, kinds)
    dialogue_first_person(work, quotes, slots)
    chain_unresolved(work, slots)
    for s in slots:
        if s.kind == "name":
            s.rule = s.entity
            continue
        s.rule = s.entity if s.entity is not None else (-1 - s.chain if s.chain is not None else None)
        s.rule_conf = s.confidence
        s.entity, s.chain, s.confidence = None, None, 1.0


def prepare(work: Work, slots: list[Slot], genders: dict[int, str], narrator: int | None,
            quotes: list[tuple[int, int]], window: int = WINDOW, far: int = FAR_WINDOW) -> Prepared:
    """Sort the mentions, fix names and the narrator's 'I', build candidate pairs and their features."""
    toks, text = work.tokens, work.text
    slots.sort(key=lambda s: (s.start, s.kind != "name", -s.end))
    n = len(slots)
    kind = np.zeros(n, np.int8)
    person = np.zeros(n, np.int8)
    gender = np.zeros(n, np.int8)
    plural = np.zeros(n, np.int8)
    inq = np.zeros(n, np.int8)
    subject = np.zeros(n, np.int8)
    poss = np.zeros(n, np.int8)
    refl = np.zeros(n, np.int8)
    det = np.zeros(n, np.int8)
    word = np.zeros(n, np.int16)
    tok = np.zeros(n, np.int64)
    sent = np.zeros(n, np.int64)
    para = np.zeros(n, np.int64)
    qidx = np.full(n, -1, np.int64)
    sent_first = np.zeros(n, np.int8)
    fixed = np.full(n, -1, np.int64)
    heads: list[str] = []
    surfaces: list[str] = []
    qstarts = [q[0] for q in quotes]
    prev_name_end = -1
    ent_names: dict[int, int] = {}
    for s in slots:
        if s.kind == "name" and s.entity is not None:
            ent_names[s.entity] = ent_names.get(s.entity, 0) + 1
    ntok = len(toks)
    for i, s in enumerate(slots):
        t = min(s.tok, ntok - 1)
        tok[i], sent[i], para[i] = t, toks.sent[t], toks.para[t]
        sent_first[i] = t == 0 or toks.sent[t - 1] != toks.sent[t]
        k = bisect_right(qstarts, s.start) - 1
        if k >= 0 and quotes[k][0] <= s.start < quotes[k][1]:
            qidx[i], inq[i] = k, 1
        surf = text[s.start:s.end].lower()
        surfaces.append(surf)
        heads.append(s.head or surf.split()[-1] if surf else "")
        subject[i] = s.subject
        if s.kind == "name" or s.pinned is not None:  # a pinned description is an anchor as a name is
            kind[i] = 0
            person[i] = 3
            ent = s.entity if s.kind == "name" else s.pinned
            fixed[i] = ent if ent is not None else -2
            gender[i] = GENDER_CODE.get(genders.get(ent, "U"), 0) if ent is not None else 0
            prev_name_end = max(prev_name_end, s.end)
            continue
        if s.start < prev_name_end:
            fixed[i] = -2  # inside a name: not a mention of its own
        if s.kind == "pronoun":
            kind[i] = 1
            info = PRONOUNS.get(surf, ("", 3, "sg"))
            person[i] = info[1]
            gender[i] = GENDER_CODE.get(info[0], 0)
            plural[i] = info[2] == "pl"
            poss[i] = surf in POSSESSIVE
            refl[i] = surf in REFLEXIVE
            word[i] = PRON_CODE.get(surf, 0)
            if person[i] == 1 and not inq[i] and narrator is not None and not plural[i] and fixed[i] == -1:
                fixed[i] = narrator
        else:
            kind[i] = 2
            person[i] = 3
            gender[i] = GENDER_CODE.get(PERSON_NOUNS.get(s.head, ""), 0)
            plural[i] = s.plural
            first = surf.split()[0] if surf else ""
            det[i] = 1 if first in ("the", "this", "that") else 2 if first in ("a", "an", "another", "some") else \
                3 if first in POSSESSIVE else 4
            word[i] = 0
    # effective gender of a named mention's character
    para_q = set(int(toks.para[min(ntok - 1, bisect_right(toks.start, a))]) for a, _ in quotes) if quotes else set()
    tags = _quote_tags(work, quotes, slots, qidx)
    tag_of = np.full(n, -1, np.int64)
    for q, i in tags.items():
        tag_of[i] = q
    # cumulative counts for "competitors between"
    gm = np.stack([(gender == g) & (kind != 2) for g in (0, 1, 2, 3)]).astype(np.int64)
    gn = np.stack([(gender == g) & (kind == 0) for g in (0, 1, 2, 3)]).astype(np.int64)
    cum_g = np.concatenate([np.zeros((4, 1), np.int64), np.cumsum(gm, axis=1)], axis=1)
    cum_n = np.concatenate([np.zeros((4, 1), np.int64), np.cumsum(gn, axis=1)], axis=1)
    # pairs
    ana = np.flatnonzero(fixed == -1)
    mention = {"kind": kind, "gender": gender, "plural": plural, "tok": tok, "subject": subject, "inq": inq,
               "person": person}
    if not len(ana):
        return Prepared(slots, fixed, np.zeros(0, np.int64), np.zeros(0, np.int64), mention=mention,
                        names=ent_names, narrator=narrator)
    a, c = _window_pairs(ana, window)
    if far > window:
        a2, c2 = _far_pairs(ana, far, window, kind, person, plural, inq)
        a, c = np.concatenate([a, a2]), np.concatenate([c, c2])
        order = np.lexsort((c, a))
        a, c = a[order], c[order]
    ok = (tok[a] - tok[c] <= MAX_TOKENS) & (fixed[c] != -2)
    a, c = a[ok], c[ok]
    fwd = [(i, tags[int(qidx[i])]) for i in ana if qidx[i] >= 0 and int(qidx[i]) in tags and tags[int(qidx[i])] > i]
    if fwd:
        a = np.concatenate([a, np.array([x for x, _ in fwd], np.int64)])
        c = np.concatenate([c, np.array([y for _, y in fwd], np.int64)])
        order = np.argsort(a, kind="stable")
        a, c = a[order], c[order]
    keep = ~((gender[a] > 0) & (gender[c] > 0) & (gender[a] != gender[c]))  # 'she' is not 'Tom' nor 'he'
    pron = (kind[a] == 1) & (kind[c] == 1)
    # 'they' is not 'he' nor 'the man', 'he' not 'the men'
    keep &= ~((kind[a] > 0) & (kind[c] > 0) & (plural[a] != plural[c]) & (person[a] == 3) & (person[c] == 3))
    keep &= ~(pron & (person[a] != person[c]) & (inq[a] == 0) & (inq[c] == 0))  # nor, in narration, 'I' 'he'
    a, c = a[keep], c[keep]
    ent_names_arr = np.array([ent_names.get(int(fixed[j]), 0) if kind[j] == 0 else 0 for j in range(n)], np.int64)
    # last name mention index per position (for "a name of the candidate's character nearby")
    para_names = {}
    for j in range(n):
        if kind[j] == 0 and fixed[j] >= 0:
            para_names[(int(para[j]), int(fixed[j]))] = para_names.get((int(para[j]), int(fixed[j])), 0) + 1
    rule = np.array([s.rule if s.rule is not None else -(10**9) for s in slots], np.int64)
    rconf = np.array([s.rule_conf if s.rule is not None else 0.0 for s in slots], np.float32)
    X = np.zeros((len(a), len(FEATURES)), np.float32)
    f = {name: k for k, name in enumerate(FEATURES)}
    X[:, f["m_kind"]] = kind[a]
    X[:, f["m_person"]] = person[a]
    X[:, f["m_gender"]] = gender[a]
    X[:, f["m_plural"]] = plural[a]
    X[:, f["m_inq"]] = inq[a]
    X[:, f["m_subject"]] = subject[a]
    X[:, f["m_poss"]] = poss[a]
    X[:, f["m_refl"]] = refl[a]
    X[:, f["m_det"]] = det[a]
    X[:, f["m_word"]] = word[a]
    X[:, f["c_kind"]] = kind[c]
    X[:, f["c_person"]] = person[c]
    X[:, f["c_gender"]] = gender[c]
    X[:, f["c_plural"]] = plural[c]
    X[:, f["c_inq"]] = inq[c]
    X[:, f["c_subject"]] = subject[c]
    X[:, f["c_poss"]] = poss[c]
    X[:, f["c_word"]] = word[c]
    X[:, f["c_det"]] = det[c]
    gm_, gc_ = gender[a], gender[c]
    X[:, f["gender_agree"]] = np.where((gm_ > 0) & (gc_ > 0), np.where(gm_ == gc_, 1, -1), 0)
    X[:, f["number_agree"]] = (plural[a] == plural[c]).astype(np.float32)
    X[:, f["person_same"]] = (person[a] == person[c]).astype(np.float32)
    X[:, f["tok_dist"]] = np.sign(tok[a] - tok[c]) * np.log1p(np.abs(tok[a] - tok[c]))
    X[:, f["sent_dist"]] = np.clip(sent[a] - sent[c], -5, 30)
    X[:, f["para_dist"]] = np.clip(para[a] - para[c], -5, 30)
    X[:, f["ment_dist"]] = a - c
    X[:, f["forward"]] = c > a
    qa, qc = qidx[a], qidx[c]
    X[:, f["same_quote"]] = (qa >= 0) & (qa == qc)
    X[:, f["qdiff"]] = np.where((qa >= 0) & (qc >= 0), np.clip(qa - qc, -3, 10), -9)
    tq = tag_of[c]
    X[:, f["c_tags_mq"]] = (qa >= 0) & (tq == qa)
    X[:, f["c_tags_prevq"]] = (qa >= 0) & (tq == qa - 1)
    X[:, f["c_tags_prev2q"]] = (qa >= 0) & (tq == qa - 2)
    X[:, f["c_tags_any"]] = tq >= 0
    m_tagged = np.array([1 if qidx[i] >= 0 and int(qidx[i]) in tags else 0 for i in range(n)], np.int8)
    X[:, f["m_quote_tagged"]] = m_tagged[a]
    codes: dict[str, int] = {}
    head_id = np.array([codes.setdefault(h, len(codes)) for h in heads], np.int64)
    surf_id = np.array([codes.setdefault(t, len(codes)) for t in surfaces], np.int64)
    X[:, f["head_match"]] = (kind[a] == 2) & (kind[c] == 2) & (head_id[a] == head_id[c])
    X[:, f["surface_match"]] = surf_id[a] == surf_id[c]
    X[:, f["c_ent_names"]] = np.log1p(ent_names_arr[c])
    X[:, f["c_is_named"]] = (kind[c] == 0) & (fixed[c] >= 0)
    X[:, f["c_is_narrator"]] = (narrator is not None) & (fixed[c] == (narrator if narrator is not None else -9)) & \
        (kind[c] != 0)
    lo, hi = np.minimum(a, c) + 1, np.maximum(a, c)
    gi = np.maximum(gender[a], 0)
    X[:, f["between_same_gender"]] = np.clip(cum_g[gi, hi] - cum_g[gi, lo], 0, 30)
    X[:, f["between_names_same_gender"]] = np.clip(cum_n[gi, hi] - cum_n[gi, lo], 0, 30)
    X[:, f["same_sent"]] = sent[a] == sent[c]
    X[:, f["c_sent_first"]] = sent_first[c]
    X[:, f["m_sent_first"]] = sent_first[a]
    X[:, f["c_name_recent"]] = (kind[c] == 0) & (tok[a] - tok[c] < 60)
    in_quote_para = np.array([int(p) in para_q for p in para], np.int8)
    X[:, f["m_para_has_quote"]] = in_quote_para[a]
    X[:, f["c_para_has_quote"]] = in_quote_para[c]
    named = np.flatnonzero(kind[c] == 0)
    same_para = np.zeros(len(a), np.float32)
    same_para[named] = [para_names.get((int(para[a[k]]), int(fixed[c[k]])), 0) for k in named]
    X[:, f["c_same_para_name_count"]] = same_para
    # a name said to someone inside a quotation ('"Anne, come here"', '"..., Anne."'): the addressee
    vocative = np.zeros(n, np.int8)
    for j in range(n):
        if kind[j] == 0 and inq[j]:
            s_, e_ = slots[j].start, slots[j].end
            before = text[max(0, s_ - 3):s_].rstrip()
            after = text[e_:e_ + 3].lstrip()
            vocative[j] = (after[:1] in (",", "!", "?") or before.endswith((",", "\"", "“"))) and \
                not after[:1].isalpha()
    X[:, f["c_vocative"]] = vocative[c]
    head_in = np.zeros(len(a), np.float32)
    nom = np.flatnonzero(kind[a] == 2)
    head_in[nom] = [1.0 if heads[a[k]] and heads[a[k]] in surfaces[c[k]].split() else 0.0 for k in nom]
    X[:, f["m_head_in_c"]] = head_in
    known = rule > -(10**9)
    X[:, f["rule_same"]] = known[a] & (rule[a] == rule[c])
    X[:, f["rule_m_char"]] = known[a] & (rule[a] >= 0) & (rule[a] < PSEUDO)
    X[:, f["rule_c_char"]] = known[c] & (rule[c] >= 0) & (rule[c] < PSEUDO)
    X[:, f["rule_m_conf"]] = rconf[a]
    X[:, f["rule_c_is_m_char"]] = known[a] & (fixed[c] >= 0) & (rule[a] == fixed[c])
    return Prepared(slots, fixed, a, c, X, mention, ent_names, narrator)


def _window_pairs(ana: np.ndarray, window: int, skip: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(anaphor, candidate) pairs with candidates ``skip + 1`` to ``window`` mentions back."""
    back = np.arange(window, skip, -1)
    a = np.repeat(ana, len(back))
    c = a - np.tile(back, len(ana))
    ok = c >= 0
    return a[ok], c[ok]


def _far_pairs(ana: np.ndarray, far: int, window: int, kind: np.ndarray, person: np.ndarray, plural: np.ndarray,
               inq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``window + 1`` to ``far`` mentions back, only where a distant antecedent is likely and cheap to
    score: names for singular third-person pronouns and for 'I' or 'you' in a quotation, and for the latter
    the same 'I' or 'you' in an earlier quotation (a long conversation); plural pronouns and descriptions for a
    plural 'they' (a group talked about for a while: +0.18 on LitBank); names and earlier descriptions for a
    description (+0.18; the recurring 'the man' of a scene)."""
    they = (kind == 1) & (person == 3) & (plural == 1)
    k, p = kind[ana], person[ana]
    ana = ana[(k == 2) | ((k == 1) & ((p == 3) | (inq[ana] == 1)))]
    a, c = _window_pairs(ana, far, window)
    ka, kc, pa = kind[a], kind[c], person[a]
    keep = ((kc == 0) & ~they[a]) | ((ka == 2) & (kc == 2)) | \
        ((ka == 1) & (pa < 3) & (kc == 1) & (person[c] == pa) & (inq[c] == 1)) | \
        (they[a] & (kc > 0) & (plural[c] == 1) & (person[c] == 3))
    return a[keep], c[keep]


def decode(prep: Prepared, proba: np.ndarray, threshold: float) -> np.ndarray:
    """Root entity per mention: names/narrator keep theirs; anaphors follow their best link or start a new one.

    Returns entity ids (>= 0 characters, ``PSEUDO + i`` unnamed entity rooted at mention i, -1 skipped).
    """
    n = len(prep.slots)
    link = np.full(n, -1, np.int64)
    if len(prep.anaphor):
        order = np.lexsort((-proba, prep.anaphor))  # by anaphor, best first
        a_sorted = prep.anaphor[order]
        first = np.ones(len(order), bool)
        first[1:] = a_sorted[1:] != a_sorted[:-1]
        for k in order[first]:
            if proba[k] >= threshold:
                link[prep.anaphor[k]] = prep.cand[k]
    out = _roots(prep, link)
    if len(prep.anaphor):
        out = _gender_agreement(prep, proba, threshold, link, out, order, a_sorted)
    # a description reaching a named character through a distant link to another description or pronoun
    # ('the chunin' ... 'the chunin' 20 mentions back) would become that character's alias on one guess: it
    # starts an entity instead; a distant link straight to the character's name ('Captain Hale' ... 'the
    # captain') stays
    kind = prep.mention.get("kind", np.zeros(n, np.int8))
    far = np.flatnonzero((link >= 0) & (np.arange(n) - link > WINDOW) & (kind == 2) & (out >= 0) & (out < PSEUDO))
    far = far[kind[link[far]] != 0]
    if len(far):
        link[far] = -1
        out = _roots(prep, link)
    return out


def character_genders(prep: Prepared) -> dict[int, int]:
    """Character -> gender code (1 M, 2 F) of the named characters whose gender is known, from their names."""
    kind, gender = prep.mention["kind"], prep.mention["gender"]
    named = np.flatnonzero((kind == 0) & (prep.fixed >= 0) & ((gender == 1) | (gender == 2)))
    return dict(zip(prep.fixed[named].tolist(), gender[named].tolist()))


def _gender_agreement(prep: Prepared, proba: np.ndarray, threshold: float, link: np.ndarray, out: np.ndarray,
                      order: np.ndarray, a_sorted: np.ndarray) -> np.ndarray:
    """A he/she whose best link leads (through genderless mentions: a quoted "I", "you") to a named character of
    the other gender takes its best candidate that does not, or starts an entity ("she wore a bustle" reaching
    Philip through the nurse's quoted "I")."""
    gender, kind = prep.mention.get("gender"), prep.mention.get("kind")
    if gender is None or kind is None:
        return out
    char_gender = character_genders(prep)
    # only where the path leaves the pronoun's gender: a "he" linked to another "he" follows that one's fate
    bad = [i for i in np.flatnonzero((kind == 1) & ((gender == 1) | (gender == 2)) & (link >= 0))
           if char_gender.get(int(out[i]), gender[i]) != gender[i] and gender[link[i]] != gender[i]]
    if not bad:
        return out
    lo = np.searchsorted(a_sorted, bad, "left")
    hi = np.searchsorted(a_sorted, bad, "right")
    for i, a, b in zip(bad, lo, hi):
        link[i] = -1
        for k in order[a:b]:
            if proba[k] < threshold:
                break
            if char_gender.get(int(out[prep.cand[k]]), gender[i]) == gender[i]:  # unnamed, ungendered or its own
                link[i] = prep.cand[k]
                break
    return _roots(prep, link)


def _roots(prep: Prepared, link: np.ndarray) -> np.ndarray:
    """Root entity per mention following the chosen ``link`` (-1: none) of each anaphor."""
    n = len(prep.slots)
    out = np.full(n, -1, np.int64)
    state = np.zeros(n, np.int8)  # 0 unvisited, 1 visiting, 2 done

    def root(i: int) -> int:
        path = []
        j = i
        while True:
            if state[j] == 2:
                ent = out[j]
                break
            if state[j] == 1 or link[j] < 0 or prep.fixed[j] != -1:
                if prep.fixed[j] >= 0:
                    ent = prep.fixed[j]
                elif prep.fixed[j] == -2:
                    ent = -1
                else:
                    ent = PSEUDO + j  # a new entity (or a cycle, broken here)
                path.append(j)
                break
            state[j] = 1
            path.append(j)
            j = link[j]
        if ent == -1 and path and prep.fixed[path[-1]] == -2 and len(path) > 1:
            ent = PSEUDO + path[-2]  # linked to a skipped mention: starts a new entity instead
        for p in path:
            out[p], state[p] = ent, 2
        return int(ent)

    for i in range(n):
        if state[i] != 2:
            root(i)
    for i in range(n):
        if prep.fixed[i] == -2:
            out[i] = -1
    return out


def merge_fragments(prep: Prepared, proba: np.ndarray, ents: np.ndarray, threshold: float) -> np.ndarray:
    """Join the pronouns of each unnamed entity (a run of pronouns and descriptions that never reached a name)
    to the character of the entity's best pair into one when that pair's probability clears ``threshold``.
    A fragment with a plural member, a first- or second-person one ('I' and 'you' of a quotation are whoever
    speaks and is spoken to: joined to a character they cost speaker attribution), or both 'he' and 'she'
    members, stays apart; one of a gender only joins a character whose name is not of the other. Its
    possessive and indefinite descriptions ('his wife', 'a tall man') join with the pronouns, its definite
    ones ('the chunin') stay an unnamed entity: such a description that joined a character this way became
    its alias (one seed's 'the chunin', Kakashi's)."""
    a, c = prep.anaphor, prep.cand
    if threshold > 1 or not len(a):
        return ents
    kind, gender, plural = prep.mention["kind"], prep.mention["gender"], prep.mention["plural"]
    person = prep.mention.get("person", np.full(len(kind), 3))
    char_gender = character_genders(prep)
    frag_gender: dict[int, int] = {}
    apart: set[int] = set()
    for i in np.flatnonzero(ents >= PSEUDO):
        e, g = int(ents[i]), int(gender[i])
        if plural[i] or person[i] != 3 or (g in (1, 2) and frag_gender.setdefault(e, g) != g):
            apart.add(e)
    ea, ec = ents[a], ents[c]
    ok = np.flatnonzero((ea >= PSEUDO) & (ec >= 0) & (ec < PSEUDO) & (proba >= threshold))
    ok = np.array([k for k in ok.tolist() if int(ea[k]) not in apart and
                   frag_gender.get(int(ea[k]), 0) * char_gender.get(int(ec[k]), 0) in (0, 1, 4)], np.int64)
    if not len(ok):
        return ents
    ok = ok[np.lexsort((-proba[ok], ea[ok]))]  # by fragment, best first
    frag = ea[ok]
    first = np.ones(len(ok), bool)
    first[1:] = frag[1:] != frag[:-1]
    target = dict(zip(frag[first].tolist(), ec[ok[first]].tolist()))
    out = ents.copy()
    for i in np.flatnonzero(ents >= PSEUDO):
        if kind[i] == 1 or not prep.slots[i].the:
            out[i] = target.get(int(ents[i]), ents[i])
    return out


@dataclass
class CorefModel:
    """A fitted pair classifier and its decision threshold, optionally with the mention ranker that decides the
    links instead (:mod:`ficlens.stages.coref_linker`; the pair probabilities still drive the fragment merge
    and the filters) or the entity-level second stage (:mod:`ficlens.stages.coref_entity`) and its own
    threshold."""

    clf: object
    threshold: float = 0.5
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    entity_clf: object | None = None
    entity_threshold: float = 0.5
    heads: frozenset[str] = frozenset()  # learned person nouns (ficlens.stages.coref_heads)
    merge_threshold: float = 2.0  # unnamed entities joined to a character (merge_fragments); > 1: never
    mention_clf: object | None = None  # filter of lone descriptions (ficlens.stages.coref_mentions)
    mention_threshold: float = 0.0
    mention_heads: dict = field(default_factory=dict)  # its head counts (coref_mentions.HeadStats)
    plural_clf: object | None = None  # filter of plural pronouns with no name or description (coref_mentions)
    plural_threshold: float = 0.0
    span_clf: object | None = None  # where descriptions end (ficlens.stages.coref_spans)
    finder: object | None = None  # descriptions of unlisted nouns (ficlens.stages.coref_finder.NounFinder)
    ranker: object | None = None  # mention ranker deciding links (ficlens.stages.coref_linker.MentionRanker)

    def entities(self, prep: Prepared, work: Work, filter_mentions: bool = True) -> tuple[np.ndarray, np.ndarray,
                                                                                          float]:
        """Root entity per mention (as :func:`decode`; with ``filter_mentions``, lone descriptions the filter
        rejects are marked DROPPED), the link score per pair and the threshold it had to clear."""
        proba, threshold = self.link_scores(prep)
        if self.entity_clf is not None:
            return decode(prep, proba, threshold), proba, threshold
        ranker = getattr(self, "ranker", None)
        if ranker is None:
            return self.decode_pairs(prep, proba, work, filter_mentions), proba, threshold
        link = ranker.link_scores(prep, proba)
        return self.decode_pairs(prep, proba, work, filter_mentions, link), link, 0.5

    def decode_pairs(self, prep: Prepared, proba: np.ndarray, work: Work, filter_mentions: bool = True,
                     link: np.ndarray | None = None) -> np.ndarray:
        """Root entity per mention from pair probabilities ``proba``: the decoding at the link threshold (or, with
        ``link``, the mention ranker's link scores at 0.5), the fragment merge, repeated descriptions and (with
        ``filter_mentions``) the lone-description filter and the filter of plural pronouns with no name or
        description in their entity."""
        from ficlens.stages.coref_mentions import drop_lone, drop_plural, join_repeats

        ents = decode(prep, proba, self.threshold) if link is None else decode(prep, link, 0.5)
        ents = join_repeats(prep, merge_fragments(prep, proba, ents, self.merge_threshold), work.text)
        if not filter_mentions:
            return ents
        drop = drop_lone(prep, proba, ents, self.mention_clf, self.mention_threshold, self.mention_heads, work.text)
        plural = drop_plural(work, prep, proba, ents, self.plural_clf, self.plural_threshold, self.heads)
        ents[np.concatenate([drop, plural])] = DROPPED
        return ents

    def link_scores(self, prep: Prepared) -> tuple[np.ndarray, float]:
        """Per pair the score that decides links, and the threshold it must clear: the pair probability, or,
        with a second stage, the entity score carried by each (anaphor, entity) group's best pair."""
        proba = self.proba(prep.X)
        if self.entity_clf is None or not len(proba):
            return proba, self.threshold
        from ficlens.stages.coref_entity import entity_scores

        return entity_scores(self.entity_clf, prep, proba, decode(prep, proba, self.threshold)), \
            self.entity_threshold

    def proba(self, X: np.ndarray) -> np.ndarray:
        """Link probability per pair."""
        return predict_chunked(self.clf, X)


def predict_chunked(clf, X: np.ndarray) -> np.ndarray:
    """Positive-class probability per row, scored in chunks (the scorer copies its input to float64: a long novel's
    million pairs at once would cost hundreds of MB more), through LightGBM's tree walker
    (:func:`ficlens.fast_trees.fast_proba`, same numbers) on one thread, two for a long work."""
    if not len(X):
        return np.zeros(0)
    threads = predict_threads(len(X))
    return np.concatenate([fast_proba(clf, X[i:i + PREDICT_CHUNK], threads)
                           for i in range(0, len(X), PREDICT_CHUNK)])


@lru_cache(maxsize=8)
def load_model(name: str = "full") -> CorefModel | None:
    """A shipped coref model (``full`` or ``fold0``...), None when the weights are missing."""
    path = MODEL_DIR / f"{name}.joblib"
    if not path.is_file():
        return None
    import joblib

    model = joblib.load(path)
    if list(getattr(model, "features", [])) != FEATURES:
        return None  # weights from another feature set: fall back to the rules
    warm(model)
    return model


class RankResolver:
    """Resolve pronouns and descriptions with a :class:`CorefModel` (same slots interface as the rules)."""

    def __init__(self, model: CorefModel, learned_nominals: bool = True, filter_mentions: bool = True) -> None:
        self.model = model
        self.learned_nominals = learned_nominals  # add descriptions of the model's learned person nouns
        self.filter_mentions = filter_mentions  # drop lone descriptions the model's filter rejects

    def resolve(self, work: Work, slots: list[Slot], genders: dict[int, str], narrator: int | None,
                quotes: list[tuple[int, int]], kinds: dict[int, str] | None = None) -> None:
        if not slots:
            return
        if self.learned_nominals:
            add_learned_nominals(work, slots, quotes, getattr(self.model, "heads", frozenset()))
        if self.filter_mentions:  # predicted mentions: LitBank's spans (not under --gold-mentions)
            predicted_mentions(work, slots, quotes, getattr(self.model, "span_clf", None),
                               getattr(self.model, "finder", None))
        rule_guess(work, slots, genders, narrator, quotes, kinds)
        prep = prepare(work, slots, genders, narrator, quotes)
        ents, proba, threshold = self.model.entities(prep, work, self.filter_mentions)
        best = np.zeros(len(slots))
        if len(proba):
            np.maximum.at(best, prep.anaphor, proba)
        for i, sl in enumerate(prep.slots):
            if prep.fixed[i] != -1 or sl.kind == "name":
                if prep.fixed[i] >= 0 and sl.kind != "name":
                    sl.entity, sl.confidence = int(prep.fixed[i]), 0.9
                continue
            e = int(ents[i])
            if e < 0:
                continue
            sl.entity = e
            p = float(best[i])
            # a link's confidence is its probability; a new entity's is that of linking nowhere
            sl.confidence = round(p if p >= threshold else 1 - p, 3)
        if (ents == DROPPED).any():  # descriptions the mention filter takes for no person
            slots[:] = [sl for sl, e in zip(prep.slots, ents) if e != DROPPED]
