"""Mention spans as LitBank draws them: where a description ends (learned), genitive descriptions, and
independent possessives that are no mention.

The description finder (:func:`ficlens.stages.coref.find_nominals`) spans a
description by fixed rules (an of-, with- or in-phrase and a who-clause belong
to it, other prepositions do not). LitBank's annotators draw the line case by
case: "the man from the sea" and "the brown old seaman" but "a porter in the
employ of a firm", "the boy I have lost", "Russian princesses sitting in the
garden". Every exact-span miss costs a key and a response mention, and a lone
one a whole entity in CEAF-e. Here each description gets the ends reachable
from its head by up to ``MAX_STEPS`` postmodifiers (a prepositional phrase, also
after a comma, a relative clause with or without its pronoun, a participle phrase,
an adjective phrase "nearly sixty", "older than himself", also after a comma ", slight and
narrow-chested", a second relative clause ", and who ...", a word such as "alive",
"himself"; :func:`candidate_ends`), and a small gradient-boosted
classifier scores each end from parser-free features (the connecting word, the
steps and tokens added, commas and finite verbs crossed, what follows the end,
the head and determiner, what precedes the description: a copula's predicate is drawn long); the
best-scoring end wins (a description of four words or more that recurs word for word keeps the finder's end: "the gentleman in the white waistcoat" is one person throughout). Trained by
:mod:`ficlens.models.coref_train` on the finder's descriptions whose start
begins a gold PER mention (leave documents out, as the pair model).

Rules (:func:`predicted_mentions`, applied to predicted mentions only, at run time and where training
prepares documents as run time does): a genitive description headed by a person noun is a mention of its own
("the squire's only son", "Winnie's mother"; the possessor stays a mention too); "mine", "yours", "hers",
"ours", "theirs" stand for a thing, not a person, and are no mentions; a capitalised plural after "the" or a
number is a group ("the Ambersons", "three Brahmins"; :func:`add_groups`); a quantity word with "of" before a
description or "us", "you", "them" is a partitive description ("some of the boys", "none of us",
"twelve of the crew"; :func:`add_partitives`, after the ends are chosen); a description takes whole hyphenated
words and a pronoun inside one is no mention (:func:`whole_words`); a description starts where its noun phrase
does, adjectives, participles and "one or two" included (:func:`whole_starts`); a name's reported mention takes
the adjectives and the determiner or possessive before it, "old [Cotter]", "the late [Mr. Darcy]", "her [Ayah]"
(:func:`name_starts`: only ``Slot.span_start`` moves, so the name, its alias, stays bare).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

import numpy as np

from ficlens.document import Work
from ficlens.stages.char_lexicon import PERSON_NOUNS
from ficlens.stages.coref import (_CLAUSE_END, DEITY_NAMES, INDEFINITE_PEOPLE, Slot, _np_end, _person_head,
                                  _postmodified_end, _relative_clause_end, in_quotation, nominal_slot)
from ficlens.stages.coref_finder import covered_tokens
from ficlens.stages.noun_senses import thing_noun

MAX_STEPS = 4
SENTENCE_LEFT = 60  # the 'sentence_left' feature counts this far
INDEPENDENT_POSSESSIVES = {"mine", "yours", "hers", "ours", "theirs", "thine"}
GENITIVE = ("'s", "’s")

PREPOSITIONS = ("of", "with", "in", "at", "from", "on", "to", "for", "by", "about", "among", "under", "near",
                "behind", "beside", "upon", "without", "like", "into", "over", "outside", "inside", "round")
RELATIVE = ("who", "whom", "whose", "that", "which", "where", "whereof")
SUBJECT_PRONOUNS = ("i", "he", "she", "we", "they", "you", "one")
OBJECT_PRONOUNS = ("me", "him", "her", "us", "them", "you", "myself", "himself", "herself", "themselves",
                   "yourself", "ourselves")
TRAILING = ("alive", "himself", "herself", "themselves", "myself", "downstairs", "upstairs", "abroad", "opposite",
            "there", "here", "else", "present", "enough", "apiece", "alone")
# connector kinds (a feature): what the step after the previous end starts with
CONNECTORS = {w: k for k, w in enumerate(PREPOSITIONS[:8], 1)}
(C_OTHER_PREP, C_WHO, C_THAT, C_WHICH, C_COMMA_WHO, C_PARTICIPLE, C_PRONOUN, C_TRAILING, C_COORD, C_COMMA_ON,
 C_COMMA_PARTICIPLE, C_NONE, C_COMMA_PREP, C_ADJECTIVE, C_COMMA_ADJECTIVE, C_AND_WHO) = range(9, 25)
CLAUSES = {C_WHO, C_THAT, C_WHICH, C_COMMA_WHO, C_PARTICIPLE, C_PRONOUN, C_COMMA_ON, C_COMMA_PARTICIPLE, C_AND_WHO}
DETERMINER_KIND = {"the": 1, "this": 1, "that": 1, "a": 2, "an": 2, "another": 2, "some": 3, "any": 3, "no": 3,
                   "every": 3, "each": 3, "all": 3, "his": 4, "her": 4, "their": 4, "my": 4, "your": 4, "our": 4,
                   "its": 4, "thy": 4, "these": 5, "those": 5}
FEATURES = ["step", "connector", "last_connector", "added", "total", "commas", "finite", "next_kind", "next_finite",
            "next_comma", "is_rule_end", "head_lexicon", "determiner", "plural", "capital_in_extension",
            "quote_in_extension", "head_to_start", "sentence_left", "names_in_extension", "next_cconj", "before"]
COPULAS = {"be", "become", "seem", "remain", "appear"}
(B_OTHER, B_COPULA, B_PREPOSITION, B_VERB, B_CLAUSE_START) = range(5)


def _word(work: Work, k: int) -> str:
    """Token ``k`` lowercased ('' past the end)."""
    return work.text[work.tokens.start[k]:work.tokens.end[k]].lower() if k < len(work.tokens) else ""


def _clause_end(work: Work, k: int, sent: int) -> int:
    """Last token of a clause starting at token ``k``: up to the next punctuation or the main clause's verb."""
    return _relative_clause_end(work.tokens, work.text, k, sent)


def _participle_end(work: Work, k: int, sent: int) -> int:
    """Last token of a participle phrase starting at token ``k`` ('dressed in a velvet suit'): up to the next
    punctuation or before a finite verb, unless a relative pronoun is that verb's subject ('wearing a coat that
    shone')."""
    toks, text = work.tokens, work.text
    n, j = len(toks), k
    while j < n and toks.sent[j] == sent and text[toks.start[j]:toks.end[j]] not in _CLAUSE_END and \
            (j == k or toks.tag[j] not in ("VBD", "VBZ", "VBP", "MD") or toks.tag[j - 1] in ("WDT", "WP")):
        j += 1
    return j - 1


def _participle_at(work: Work, k: int) -> bool:
    """Whether a participle phrase starts at token ``k`` ('sitting ...', 'just named', 'ever seen')."""
    toks = work.tokens
    return toks.tag[k] in ("VBN", "VBG") or (toks.pos[k] == "ADV" and k + 1 < len(toks) and
                                            toks.sent[k + 1] == toks.sent[k] and toks.tag[k + 1] == "VBN")


def _adjective_at(work: Work, k: int) -> bool:
    """Whether an adjective phrase after a noun starts at token ``k`` ('nearly sixty', 'older than ...',
    'not six inches high')."""
    toks = work.tokens
    n = len(toks)
    j = k
    while j < n and j < k + 2 and toks.pos[j] in ("ADV", "PART") and toks.tag[j] != "WRB":
        j += 1
    return j < n and toks.sent[j] == toks.sent[k] and (toks.tag[j] in ("JJR", "CD") or
                                                         (toks.pos[j] == "ADJ" and j > k))


def _adjective_end(work: Work, k: int, sent: int) -> int:
    """Last token of the adjective phrase starting at token ``k``, with its 'than'/'as' complement."""
    toks, text = work.tokens, work.text
    n, j, last = len(toks), k, -1
    while j < n and toks.sent[j] == sent and toks.pos[j] in ("ADV", "PART", "ADJ", "NUM", "NOUN") and \
            _word(work, j) not in ("than", "as"):
        if toks.pos[j] in ("ADJ", "NUM", "NOUN"):
            last = j
        j += 1
    if last >= 0 and last + 1 < n and toks.sent[last + 1] == sent and _word(work, last + 1) in ("than", "as"):
        w = _word(work, last + 2) if last + 2 < n else ""
        more = last + 2 if w in SUBJECT_PRONOUNS or w in ("himself", "herself", "myself", "me", "him", "her", "us",
                                                           "them", "themselves") \
            else _np_end(toks, text, last + 2, sent)
        if more > last + 1:
            last = more
    return last


def _comma_adjectives_end(work: Work, k: int, sent: int) -> int:
    """Last token of an adjective phrase between the comma ``k`` and the next punctuation or the sentence's end
    (', slight and narrow-chested', ', stout but attractive', ', red-brown and naked'), -1 if anything but
    adjectives, adverbs, participles, hyphens and 'and' / 'but' / 'or' stands there or no adjective does."""
    toks, text = work.tokens, work.text
    n, j, last = len(toks), k + 1, -1
    while j < n and toks.sent[j] == sent and text[toks.start[j]:toks.end[j]] not in _CLAUSE_END:
        w = _word(work, j)
        hyphen = w == "-" or (j + 1 < n and _word(work, j + 1) == "-" and toks.end[j] == toks.start[j + 1])
        if toks.pos[j] == "ADJ" or (toks.tag[j] == "VBN" and last >= 0) or (j > k + 1 and _word(work, j - 1) == "-"):
            last = j
        elif toks.pos[j] != "ADV" and w not in ("and", "but", "or") and not hyphen:
            return -1
        j += 1
    return last if last > k and toks.pos[last] != "ADV" else -1


def _list_end(work: Work, k: int, sent: int, most: int = 6) -> int:
    """Last token of a list of noun phrases continuing at the comma ``k`` (', easy fortune, and pleasant manners'),
    -1 unless the list closes with 'and' or 'or' within ``most`` items."""
    toks, text = work.tokens, work.text
    n = len(toks)
    for _ in range(most):
        if k + 1 >= n or toks.sent[k + 1] != sent or _word(work, k) not in (",", "and", "or"):
            return -1
        closing = _word(work, k) != "," or _word(work, k + 1) in ("and", "or")
        start = k + 2 if _word(work, k) == "," and _word(work, k + 1) in ("and", "or") else k + 1
        last = _np_end(toks, text, start, sent)
        if last < start or toks.pos[last] not in ("NOUN", "NUM", "ADJ"):
            return -1
        if closing:
            return last
        k = last + 1
    return -1


def _bare_subject_verb(work: Work, k: int, sent: int) -> bool:
    """Whether a subject pronoun ('I', 'nobody', 'no one') and its verb, an adverb between them allowed, start at
    token ``k``: a relative clause without its relative pronoun ('the boy I have lost', 'a girl no one ever saw')."""
    toks = work.tokens
    w = _word(work, k)
    v = k + 1 if w in SUBJECT_PRONOUNS or w in INDEFINITE_PEOPLE else \
        k + 2 if w == "no" and _word(work, k + 1) == "one" else -1
    if v < 0 or v >= len(toks) or toks.sent[v] != sent:
        return False
    if toks.pos[v] == "ADV" and v + 1 < len(toks) and toks.sent[v + 1] == sent:
        v += 1
    return toks.pos[v] in ("VERB", "AUX")


def _step(work: Work, end: int, previous: int = -1) -> tuple[int, int]:
    """The postmodifier after token ``end`` (the last step's connector ``previous``): (connector kind, its last
    token), or (C_NONE, -1)."""
    toks, text = work.tokens, work.text
    n, k = len(toks), end + 1
    if k >= n or toks.sent[k] != toks.sent[end]:
        return C_NONE, -1
    sent, w = toks.sent[k], _word(work, k)
    nxt = _word(work, k + 1) if k + 1 < n and toks.sent[k + 1] == sent else ""
    if w in ("and", "or") and previous in CONNECTORS.values() and toks.pos[end] in ("NOUN", "NUM"):
        last = _np_end(toks, text, k + 1, sent)  # 'a woman of wisdom and experience', 'fellows of four and five'
        return (C_COORD, last) if last > k else (C_NONE, -1)
    if w == "," and previous in CONNECTORS.values() and toks.pos[end] == "NOUN":
        last = _list_end(work, k, sent)  # 'a man of good character, easy fortune, and pleasant manners'
        return (C_COORD, last) if last > k else (C_NONE, -1)
    if w == "," and nxt and previous in CLAUSES and nxt not in ("and", "but", "or", "as", "said"):
        last = _clause_end(work, k + 1, sent)  # the clause goes on after its comma
        return (C_COMMA_ON, last) if last > k + 1 else (C_NONE, -1)
    if w == "," and nxt in ("and", "or") and previous in CLAUSES and (_word(work, k + 2) in RELATIVE[:3] or (
            _word(work, k + 2) in PREPOSITIONS and _word(work, k + 3) in ("whom", "which"))):
        last = _clause_end(work, k + 2, sent)  # a second relative clause: ', and who had refused ...'
        return (C_AND_WHO, last) if last > k + 2 else (C_NONE, -1)
    if w == "," and nxt and _participle_at(work, k + 1):
        last = _participle_end(work, k + 1, sent)  # 'great ladies, clothed in silk'
        return (C_COMMA_PARTICIPLE, last) if last > k else (C_NONE, -1)
    if _word(work, k + 1 if w == "," else k) in PREPOSITIONS and \
            _word(work, k + 2 if w == "," else k + 1) in ("whom", "which", "whose"):
        last = _clause_end(work, k + 1 if w == "," else k, sent)  # 'this lady, about whom there were stories'
        return (C_COMMA_WHO if w == "," else C_WHO, last) if last > k + 1 else (C_NONE, -1)
    if w in PREPOSITIONS or (toks.pos[k] == "ADP" and w.isalpha()):
        last = _np_end(toks, text, k + 1, sent)
        if last < 0 and nxt in OBJECT_PRONOUNS:
            last = k + 1  # 'a very useful man to me', 'an elderly man like him'
        return (CONNECTORS.get(w, C_OTHER_PREP), last) if last > k else (C_NONE, -1)
    if w == "," and nxt in PREPOSITIONS[:3]:
        last = _np_end(toks, text, k + 2, sent)  # 'a rather small woman, of delicate mould'
        return (C_COMMA_PREP, last) if last > k + 1 else (C_NONE, -1)
    if w == "," and toks.pos[k + 1 if nxt else k] in ("ADJ", "ADV"):
        last = _comma_adjectives_end(work, k, sent)  # 'a tall boy, slight and narrow-chested'
        if last > k:
            return C_COMMA_ADJECTIVE, last
    if _adjective_at(work, k):
        last = _adjective_end(work, k, sent)  # 'a man nearly sixty', 'a person older than himself'
        return (C_ADJECTIVE, last) if last >= k else (C_NONE, -1)
    if w == "," and k + 1 < n and toks.sent[k + 1] == sent and _word(work, k + 1) in ("who", "whom", "whose",
                                                                                     "which"):
        last = _clause_end(work, k + 1, sent)
        return (C_COMMA_WHO, last) if last > k + 1 else (C_NONE, -1)
    if w in RELATIVE:
        last = _clause_end(work, k, sent)
        kind = C_WHO if w in ("who", "whom", "whose") else C_THAT if w == "that" else C_WHICH
        return (kind, last) if last > k else (C_NONE, -1)
    if _participle_at(work, k):
        last = _participle_end(work, k, sent)
        return (C_PARTICIPLE, last) if last >= k else (C_NONE, -1)
    if _bare_subject_verb(work, k, sent):
        last = _clause_end(work, k, sent)  # a relative clause without its pronoun: 'the boy I have lost'
        return (C_PRONOUN, last) if last > k else (C_NONE, -1)
    if w in TRAILING:
        return C_TRAILING, k
    return C_NONE, -1


def head_end(work: Work, head: int) -> int:
    """The head's last token ('sister-in-law' spans four)."""
    toks, text = work.tokens, work.text
    if text[toks.end[head]:toks.end[head] + 7].lower() == "-in-law" and head + 4 < len(toks):
        return head + 4
    return head


def candidate_ends(work: Work, head: int, rule_end: int) -> list[tuple[int, int, int]]:
    """(end token, steps, connector of the last step) for the ends a description headed by token ``head`` may
    take; the finder's own end ``rule_end`` is always among them."""
    end = head_end(work, head)
    out = [(end, 0, C_NONE)]
    kind = C_NONE
    for step in range(1, MAX_STEPS + 1):
        kind, last = _step(work, end, kind)
        if last < 0:
            break
        end = last
        out.append((end, step, kind))
    if all(e != rule_end for e, _, _ in out) and rule_end >= head:
        out.append((rule_end, -1, C_NONE))
    return out


def slot_head(work: Work, sl: Slot) -> int:
    """The head token of a description slot: its last noun before the first postmodifier."""
    from ficlens.stages.coref_heads import mention_head

    return mention_head(work, sl.start, sl.end)


def before_kind(work: Work, first: int) -> int:
    """What precedes a description starting at token ``first``: a copula ('he was [a tall boy of fifteen, slight
    and narrow-chested]': a predicate, drawn long), a preposition, another verb, the start of a clause, other."""
    toks = work.tokens
    k = first - 1
    if k < 0 or toks.sent[k] != toks.sent[first] or work.text[toks.start[k]:toks.end[k]] in _CLAUSE_END:
        return B_CLAUSE_START
    if toks.pos[k] in ("VERB", "AUX"):
        return B_COPULA if toks.lemma[k].lower() in COPULAS else B_VERB
    return B_PREPOSITION if toks.pos[k] == "ADP" else B_OTHER


def features(work: Work, sl: Slot, head: int, rule_end: int, cands: list[tuple[int, int, int]],
             name_starts: set[int]) -> np.ndarray:
    """One row per candidate end (see ``FEATURES``)."""
    toks, text = work.tokens, work.text
    n = len(toks)
    first = slot_tok = sl.tok
    sent = toks.sent[head]
    sent_end = head  # up to SENTENCE_LEFT tokens on
    while sent_end + 1 < n and sent_end < head + SENTENCE_LEFT and toks.sent[sent_end + 1] == sent:
        sent_end += 1
    X = np.zeros((len(cands), len(FEATURES)), np.float32)
    prev = head_end(work, head)
    det = DETERMINER_KIND.get(_word(work, first), 0)
    before = before_kind(work, first)
    for r, (end, step, kind) in enumerate(cands):
        a, b = head_end(work, head) + 1, end
        words = [_word(work, k) for k in range(a, b + 1)]
        nk = end + 1
        nw = _word(work, nk) if nk < n and toks.sent[nk] == sent else ""
        X[r] = [step, kind, cands[r - 1][2] if r else C_NONE, end - (cands[r - 1][0] if r else prev),
                end - slot_tok + 1, words.count(","), sum(toks.tag[k] in ("VBD", "VBZ", "VBP", "MD")
                                                            for k in range(a, b + 1)),
                _step(work, end, kind)[0] if nw else 0, bool(nw) and toks.tag[nk] in ("VBD", "VBZ", "VBP", "MD"),
                nw in _CLAUSE_END, end == rule_end, sl.head in PERSON_NOUNS, det, sl.plural,
                any(text[toks.start[k]:toks.start[k] + 1].isupper() for k in range(a, b + 1)),
                any(w in ('"', "“", "”", "'") for w in words), head - first, sent_end - end,
                sum(k in name_starts for k in range(a, b + 1)), nw in ("and", "or", "but"), before]
    return X


def choose_ends(work: Work, slots: list[Slot], clf) -> None:
    """Give every description of ``slots`` the end the classifier ``clf`` scores best (in place)."""
    if clf is None:
        return
    from ficlens.stages.coref_heads import token_span
    from ficlens.stages.coref_rank import predict_chunked

    toks, text = work.tokens, work.text
    name_starts = {sl.tok for sl in slots if sl.kind == "name"}
    surface = Counter(text[sl.start:sl.end].lower() for sl in slots if sl.kind == "nominal")
    rows, groups = [], []
    for sl in slots:
        if sl.kind != "nominal" or not sl.head or " " in sl.head or text[sl.start:sl.end] in DEITY_NAMES or \
                (surface[text[sl.start:sl.end].lower()] > 1 and " " in text[sl.start:sl.end].split(None, 2)[-1]):
            continue  # a postmodified description that recurs word for word keeps its words ('the man in grey')
        head = slot_head(work, sl)
        rule_end = token_span(work, sl.start, sl.end)[1]
        cands = candidate_ends(work, head, rule_end)
        if len(cands) < 2:
            continue
        rows.append(features(work, sl, head, rule_end, cands, name_starts))
        groups.append((sl, cands))
    if not rows:
        return
    p = predict_chunked(clf, np.concatenate(rows))
    k = 0
    for sl, cands in groups:
        best = int(np.argmax(p[k:k + len(cands)]))
        sl.end = toks.end[cands[best][0]]
        k += len(cands)


def span_rows(work: Work, slots: list[Slot], key: set[tuple[int, int]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Training rows of :func:`choose_ends`: per description whose start begins a key span and one of whose
    candidate ends matches it, the candidates' features and which one is the key's."""
    from ficlens.stages.coref_heads import token_span

    starts = {a for a, _ in key}
    name_starts = {sl.tok for sl in slots if sl.kind == "name"}
    X, y = [], []
    for sl in slots:
        if sl.kind != "nominal" or not sl.head or " " in sl.head or sl.start not in starts:
            continue
        head = slot_head(work, sl)
        rule_end = token_span(work, sl.start, sl.end)[1]
        cands = candidate_ends(work, head, rule_end)
        label = np.array([(sl.start, work.tokens.end[e]) in key for e, _, _ in cands])
        if len(cands) >= 2 and label.any():
            X.append(features(work, sl, head, rule_end, cands, name_starts))
            y.append(label)
    return X, y


def add_genitives(work: Work, slots: list[Slot], quotes: list[tuple[int, int]]) -> None:
    """Append the genitive descriptions headed by a person noun whose possessor is a name or description
    ("the squire 's only son", "Winnie 's mother") and whose head no description holds yet."""
    toks, text = work.tokens, work.text
    n = len(toks)
    by_end = {sl.end: sl for sl in slots if sl.kind in ("name", "nominal")}
    held = [(sl.start, sl.end) for sl in slots if sl.kind == "nominal"]
    qstarts = [q[0] for q in quotes]
    added = []
    for k in [i for i, tag in enumerate(toks.tag) if tag == "POS"]:
        if not 0 < k < n - 1 or text[toks.start[k]:toks.end[k]] not in GENITIVE or toks.sent[k - 1] != toks.sent[k]:
            continue
        owner = by_end.get(toks.end[k - 1])
        if owner is None:
            continue
        j, head = k + 1, -1
        while j < n and j <= k + 4 and toks.sent[j] == toks.sent[k] and toks.pos[j] in ("NOUN", "ADJ"):
            if toks.pos[j] == "NOUN":
                head = j
            j += 1
        word = _person_head(toks, text, k + 1, head) if head > k else ""
        if not word or any(a <= toks.start[head] < b for a, b in held):
            continue
        sl = nominal_slot(work, k + 1, head, _postmodified_end(toks, text, head), word,
                          in_quotation(quotes, qstarts, owner.start))
        sl.tok, sl.start = owner.tok, owner.start
        added.append(sl)
    slots.extend(added)  # prepare() sorts the slots


def _joined(ch: str) -> bool:
    return ch.isalnum() or ch in "-'’"


def whole_words(work: Work, slots: list[Slot]) -> None:
    """Mentions end on word boundaries (in place): a description cut inside a hyphenated word takes the whole
    word ("parlour-[boarders]", "an auburn-[haired boy]", "a hand-[basket]"), and one grown so over a name's span
    ("Kakashi-[sensei]") is that name, no second mention; a pronoun inside one ("forget-me-nots", "she-owl") is no
    mention."""
    text, toks = work.text, work.tokens
    n = len(text)

    def inside(a: int, b: int) -> bool:
        return (a > 1 and text[a - 1] == "-" and _joined(text[a - 2])) or \
            (b + 1 < n and text[b] == "-" and _joined(text[b + 1]))

    slots[:] = [sl for sl in slots if not (sl.kind == "pronoun" and inside(sl.start, sl.end))]
    grown = set()
    for sl in slots:
        if sl.kind != "nominal" or not inside(sl.start, sl.end):
            continue
        grown.add(id(sl))
        a, b = sl.start, sl.end
        while a > 0 and _joined(text[a - 1]):
            a -= 1
        while b < n and _joined(text[b]):
            b += 1
        while b > sl.end and not text[b - 1].isalnum():
            b -= 1
        if a < sl.start and sl.tok == bisect_left(toks.start, sl.start):
            sl.tok = bisect_left(toks.start, a)
        sl.start, sl.end = a, b
    # a description grown over a name's span is that name ("sensei" in "Kakashi-sensei"), no second mention
    names = {(sl.start, sl.end) for sl in slots if sl.kind == "name"}
    slots[:] = [sl for sl in slots if id(sl) not in grown or (sl.start, sl.end) not in names]


GROUP_BEFORE = {"the", "two", "three", "four", "five", "six", "several", "many", "few", "some", "all", "both"}


def add_groups(work: Work, slots: list[Slot], quotes: list[tuple[int, int]]) -> None:
    """Append a group description for a capitalised plural after "the" or a number ("the Ambersons", "the
    Martians", "three Brahmins"): a plural proper noun, or one whose singular is a word of the text ("the
    Elphbergs" where "Elphberg" occurs), that no name or description covers and that WordNet does not list as a
    thing or place only ("the Prairies", "the Pyrenees")."""
    toks, text = work.tokens, work.text
    n = len(toks)
    covered = covered_tokens(work, slots)
    proper = [k for k, pos in enumerate(toks.pos) if pos == "PROPN"]
    words = {text[toks.start[k]:toks.end[k]] for k in proper}
    qstarts = [q[0] for q in quotes]
    for k in proper:
        w = text[toks.start[k]:toks.end[k]]
        if not k or covered[k] or covered[k - 1] or not w[:1].isupper() or w.isupper() or \
                _word(work, k - 1) not in GROUP_BEFORE or toks.sent[k - 1] != toks.sent[k] or \
                (k + 1 < n and toks.pos[k + 1] in ("PROPN", "NOUN")):
            continue
        if (toks.tag[k] == "NNPS" or (w.endswith("s") and w[:-1] in words)) and \
                not thing_noun(w, w[:-1]):
            sl = nominal_slot(work, k - 1, k, k, w.lower(), in_quotation(quotes, qstarts, toks.start[k]))
            sl.plural, sl.definite = True, False
            slots.append(sl)


def _modifier_word(work: Work, j: int) -> bool:
    """Whether token ``j`` may premodify a noun: an adjective, a number, a participle, or the end of a
    hyphenated word ('nut-brown', 'wild-eyed')."""
    toks = work.tokens
    return toks.pos[j] in ("ADJ", "NUM") or toks.tag[j] in ("VBN", "VBG") or \
        (j > 1 and _word(work, j - 1) == "-" and toks.end[j - 1] == toks.start[j] and toks.pos[j] != "PUNCT")


def _owners(work: Work, slots: list[Slot]) -> np.ndarray:
    """Per token, the index of the name, description or pronoun slot covering it (-1: none)."""
    toks = work.tokens
    owner = np.full(len(toks), -1)
    for r, sl in enumerate(slots):
        if sl.kind in ("name", "nominal", "pronoun"):
            owner[bisect_left(toks.start, sl.start):bisect_left(toks.start, sl.end)] = r
    return owner


NAME_DETERMINERS = {"the", "a", "an", "this", "these", "those"}  # not "that": "said that [Jo]"
# not a name's premodifier: forms of address ("my dear Watson" is outside LitBank's mention) and adjectives that
# work as adverbs or focus words before a name ("at last Darcy came", "Next Darcy", "only Jo knew", "The more Tom
# stared"), and "opposite", a preposition the tagger reads as one ("drew up opposite Miss Pinkerton's")
NOT_NAME_ADJECTIVES = {"dear", "dearest", "last", "least", "first", "next", "only", "such", "more", "most", "less",
                       "opposite"}


def _name_adjective(work: Work, j: int) -> bool:
    """Whether token ``j`` is an adjective that premodifies a name ("old", "poor", "the late"): lowercase, or
    capitalised only where a sentence or quotation opens ("Poor Jo")."""
    toks, text = work.tokens, work.text
    w = text[toks.start[j]:toks.end[j]]
    if toks.pos[j] != "ADJ" or not w.isalpha() or w.lower() in NOT_NAME_ADJECTIVES:
        return False
    return w.islower() or j == 0 or toks.sent[j - 1] != toks.sent[j] or toks.pos[j - 1] == "PUNCT"


def name_starts(work: Work, slots: list[Slot]) -> None:
    """A name's reported mention takes the adjectives and the determiner or possessive before it, as LitBank
    draws it ("old [Pontifex]", "the late [John Astor]", "her [Ayah]", "a [Miss Taylor]"); only the reported
    span (``Slot.span_start``) moves: the name itself, its alias, stays bare. A description of just those words
    and the name ("old Mother Greenbank" over "Mother Greenbank") becomes that one name mention."""
    toks = work.tokens
    owner = _owners(work, slots)
    over = {(sl.start, sl.end): r for r, sl in enumerate(slots) if sl.kind == "nominal"}
    dropped: set[int] = set()
    for sl in slots:
        k = bisect_left(toks.start, sl.start)
        if sl.kind != "name" or k >= len(toks) or toks.start[k] != sl.start:
            continue
        first = _name_prefix(work, slots, owner, k)
        if first == k:
            continue
        whole = over.get((toks.start[first], sl.end))
        if whole is None and any(owner[t] >= 0 and slots[owner[t]].kind != "pronoun" for t in range(first, k)):
            continue  # the prefix belongs to another mention
        sl.span_start = toks.start[first]
        if whole is not None:
            dropped.add(whole)
    if dropped:
        slots[:] = [sl for r, sl in enumerate(slots) if r not in dropped]


def _name_prefix(work: Work, slots: list[Slot], owner: np.ndarray, k: int) -> int:
    """First token of the adjectives and determiner or possessive before the name at token ``k`` (``k``: none);
    a token of another name or of a non-possessive pronoun stops it."""
    toks = work.tokens

    def free(j: int) -> bool:
        return j >= 0 and toks.sent[j] == toks.sent[k] and (owner[j] < 0 or slots[owner[j]].kind == "nominal" or (
            slots[owner[j]].kind == "pronoun" and toks.tag[j] == "PRP$"))

    def hyphen_before(j: int) -> bool:  # "good-[natured]", "Fifteen-year-[old]": the word goes on before a hyphen
        return j >= 2 and _word(work, j - 1) == "-" and toks.end[j - 2] == toks.start[j - 1] and \
            toks.end[j - 1] == toks.start[j] and work.text[toks.start[j - 2]].isalnum() and free(j - 2)

    j = k - 1
    while free(j) and _name_adjective(work, j):
        while hyphen_before(j):
            j -= 2
        j -= 1
    if j < k - 1 and j >= 0 and (toks.pos[j] == "AUX" or _word(work, j) in PREDICATIVE_LEADS):
        return k  # a predicative adjective, not the name's: "I am sure [Florence] joins", "so glad [Robert]'s is"
    if free(j) and (toks.tag[j] == "PRP$" or (toks.tag[j] == "DT" and _word(work, j) in NAME_DETERMINERS)):
        j -= 1  # a possessive stays a mention of its own inside ("[her] Ayah")
    return j + 1


DEGREE_ADVERBS = {"very", "rather", "quite", "too", "somewhat", "extremely", "exceedingly", "nearly", "almost"}
COMPARED = {"more", "less", "fewer"}
PREDICATIVE_LEADS = DEGREE_ADVERBS | {"so", "how"}  # "so glad Robert's is": the adjective is no name's


def _degree_adverb(work: Work, j: int) -> bool:
    """Whether token ``j`` is a lowercase adverb of degree ('more', 'less', 'most', 'very', 'rather')."""
    toks, w = work.tokens, _word(work, j)
    return j >= 0 and toks.pos[j] == "ADV" and w.isalpha() and w == work.text[toks.start[j]:toks.end[j]] and (
        toks.tag[j] in ("RBR", "RBS") or w in DEGREE_ADVERBS)


def whole_starts(work: Work, slots: list[Slot]) -> None:
    """Descriptions begin where their noun phrase does (in place): the start moves left over the adjectives,
    participles, numbers and hyphenated words the finder left out, then takes their determiner ("these
    self-constituted [judges]", "trained [warriors]", "the grey-headed [peasant]", "one or [two sons]")."""
    toks, text = work.tokens, work.text
    owner = _owners(work, slots)
    for r, sl in enumerate(slots):
        k = bisect_left(toks.start, sl.start)
        if sl.kind != "nominal" or sl.tok != k or " " in sl.head or _word(work, k) in DETERMINER_KIND:
            continue
        j, verb = k - 1, False
        while j > 0 and toks.sent[j] == toks.sent[k] and owner[j] < 0:
            w = _word(work, j)
            glued = toks.end[j] == toks.start[j + 1]
            if w == "-" and glued and toks.end[j - 1] == toks.start[j]:
                j -= 2  # a hyphenated word: 'self-constituted', 'grey-headed'
            elif (toks.pos[j] in ("ADJ", "NUM") or toks.tag[j] in ("VBN", "VBG")) and w.isalpha() and \
                    (w == text[toks.start[j]:toks.end[j]] or toks.sent[j - 1] != toks.sent[j]) or \
                    (toks.pos[j] == "ADV" and glued):  # lowercase unless it opens the sentence
                verb |= toks.pos[j] in ("VERB", "AUX") and toks.sent[j - 1] == toks.sent[j] and not (
                    toks.end[j - 1] == toks.start[j] and _word(work, j - 1) == "-")
                j -= 1
            elif w in ("or", ",", "and") and (_modifier_word(work, j - 1) or _degree_adverb(work, j - 1)) and \
                    (j + 1 < k or _modifier_word(work, j + 1) or bisect_left(toks.start, sl.end) > k + 1):
                j -= 1  # 'one or two', 'a good-humoured, pleasant', 'a tall, nut-brown', 'intimate and bosom'
            elif _degree_adverb(work, j) and (_modifier_word(work, j + 1) or _degree_adverb(work, j + 1) or
                                              _word(work, j + 1) in ("or", "and")):
                j -= 1  # 'more subtle celebrities', 'more or less fortunate boys'
            elif w == "than" and toks.pos[j + 1] == "NUM" and _word(work, j - 1) in COMPARED:
                j -= 2  # 'more than five thousand men'
            else:
                break
        first = j + 1
        while first < k and _word(work, first) in ("or", ",", "and"):
            first += 1
        if first == k:
            continue
        if j >= 0 and owner[j] < 0 and toks.sent[j] == toks.sent[k] and _word(work, j) in DETERMINER_KIND:
            first = j
        elif verb:
            continue  # a participle with no determiner before it is the clause's verb ('heard anybody')
        sl.tok, sl.start = first, toks.start[first]


PARTITIVE = {"one", "some", "many", "several", "few", "all", "most", "none", "each", "any", "both", "either",
             "neither", "two", "three", "four", "five"}
PARTITIVE_SINGULAR = {"one", "each", "either", "neither"}
PERSON_PRONOUNS = {"us", "you", "ye", "them"}


def add_partitives(work: Work, slots: list[Slot], quotes: list[tuple[int, int]]) -> None:
    """Append a partitive description over a quantity word or a number in words, 'of' and a description or 'us', 'you', 'them' after
    it ("one of the boys", "some of his tenants", "none of us"); the inner mention stays a mention too."""
    toks, text = work.tokens, work.text
    qstarts = [q[0] for q in quotes]
    starts = {sl.start for sl in slots if sl.kind in ("name", "nominal")}
    added = []
    for sl in slots:
        k = bisect_left(toks.start, sl.start)
        if k < 2 or _word(work, k - 1) != "of" or toks.sent[k - 2] != toks.sent[k] or \
                (sl.kind == "pronoun" and sl.head not in PERSON_PRONOUNS) or sl.kind == "name":
            continue
        q = _word(work, k - 2)
        if (q not in PARTITIVE and not (toks.tag[k - 2] == "CD" and q.isalpha())) or toks.start[k - 2] in starts:
            continue
        new = Slot(k - 2, toks.start[k - 2], sl.end, "nominal", in_quote=in_quotation(quotes, qstarts, sl.start),
                   definite=False, head=q + " of", plural=q not in PARTITIVE_SINGULAR)
        added.append(new)
    slots.extend(added)


def predicted_mentions(work: Work, slots: list[Slot], quotes: list[tuple[int, int]], span_clf=None,
                       finder=None) -> None:
    """The mention rules of this module, the descriptions of the learned noun ``finder``
    (:class:`ficlens.stages.coref_finder.NounFinder`) and the learned description ends (``span_clf``), in place."""
    slots[:] = [sl for sl in slots if not (sl.kind == "pronoun" and sl.head in INDEPENDENT_POSSESSIVES)]
    add_genitives(work, slots, quotes)
    add_groups(work, slots, quotes)
    if finder is not None:
        finder.add(work, slots, quotes)
    choose_ends(work, slots, span_clf)
    whole_words(work, slots)
    add_partitives(work, slots, quotes)  # on the descriptions' final ends
    whole_starts(work, slots)
    name_starts(work, slots)
