"""'I' and 'you' inside a quotation, linked through who speaks it (run by the quotes stage, after attribution).

The characters stage resolves a first- or second-person pronoun inside a quotation with its own speech-tag
rules and pair ranker. The quotes stage knows the speaker better (a learned model over the whole
conversation) and guesses the addressee. Where its confidence reaches a cut-off and the coreference answer
differs, "I" / "me" / "my" / "mine" / "myself" go to the quotation's speaker and a singular "you" / "your" /
"yourself" to its first addressee, when that is a character with mentions; each character's mention count and
chapter presence follow the move. The turns of an exchange speak too: a quoted "you" left unnamed is whoever says
"I" in the quotation just before or after (`link_listeners`), and a less sure addressee is taken when that
neighbouring "I" agrees with it (`confirm_addressees`); a quoted "I" coreference gave to a bystander (neither
speaker nor addressee) goes to a less sure speaker (`outvote_bystanders`).

A "he" / "she" inside a quotation is neither its speaker (who says "I") nor its addressee ("you"): where
coreference gave one to the speaker, it goes to the nearest earlier character of its gender who is neither
(`relink_speaker_pronouns`; "'He's mine,' Kakashi growled" is about the one asleep, not Kakashi).

A "you" in narration, outside every quotation, is most often no one in particular ("if you are anywhere where
it won't do to scratch, you will itch"): where coreference left it in an unnamed chain, it stands alone
(`generic_you`); one coreference gave to a character (a letter's addressee) stays.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ficlens.document import Mention, Quotation, Work
from ficlens.stages.char_build import count_presence
from ficlens.stages.char_lexicon import PRONOUNS
from ficlens.stages.coref import FIRST_SG, SECOND_SG

# cut-offs on the quotes stage's confidences for "I" and "you", chosen on the 79 LitBank documents
# (docs/eval-characters.md, Round 12)
# (0.9: in effect a speech tag naming the speaker, or a model as sure; 0.75: a vocative names the addressee,
# the neighbouring speakers' turns (0.6-0.7) are not enough)
MIN_SPEAKER = 0.9
MIN_ADDRESSEE = 0.75
# words after "you" that make it plural ("you two", "you all", "you boys")
PLURAL_AFTER_YOU = frozenset("""all both two three four five several people folks men women boys girls children
lads fellows gentlemen ladies guys chaps""".split())


def quoted_pieces(quotations: list[Quotation]) -> tuple[list[int], list[tuple[int, int, Quotation]]]:
    """The quoted spans (quote marks and speech tags excluded) in text order, with their starts for bisecting."""
    pieces = sorted(((s.start, s.end, q) for q in quotations for s in q.spans), key=lambda p: p[0])
    return [p[0] for p in pieces], pieces


def quotation_at(starts: list[int], pieces: list[tuple[int, int, Quotation]], m: Mention) -> Quotation | None:
    """The quotation whose quoted text holds mention ``m``."""
    k = bisect_right(starts, m.start) - 1
    if k >= 0 and m.end <= pieces[k][1]:
        return pieces[k][2]
    return None


def plural_you(text: str, m: Mention) -> bool:
    """'you all', 'you two', 'you boys': a group is addressed."""
    after = text[m.end:m.end + 30].split()
    return bool(after) and after[0].lower().strip(",.;:!?") in PLURAL_AFTER_YOU


def target_of(q: Quotation, person: str, min_speaker: float, min_addressee: float) -> int | None:
    """The character a quoted "I" (``person`` "I": the speaker) or singular "you" ("you": the first addressee)
    is, when the quotes stage is sure."""
    if person == "I":
        return q.speaker if q.speaker is not None and q.speaker_confidence >= min_speaker else None
    if q.addressees:
        cid, conf = q.addressees[0]
        return cid if conf >= min_addressee else None
    return None


def has_mentions(work: Work, cid: int) -> bool:
    """A character the characters stage found (the quotes stage adds some, e.g. a described speaker, with no
    mention: their pronouns stay where coreference put them)."""
    c = work.character(cid)
    return c is not None and c.mentions > 0


def release(work: Work, m: Mention) -> None:
    """Take ``m`` off its character's mention count and chapter presence (before it moves)."""
    old = work.character(m.character) if m.character is not None else None
    if old is not None:
        old.mentions -= 1
        count_presence(work, old, m.start, -1)


def move_mention(work: Work, m: Mention, cid: int) -> None:
    """Give ``m`` to character ``cid``, keeping both characters' mention counts and chapter presence."""
    release(work, m)
    new = work.character(cid)
    new.mentions += 1
    if new.first_offset < 0 or m.start < new.first_offset:
        new.first_offset = m.start
    count_presence(work, new, m.start)
    m.character, m.chain = cid, None


def absorb_narrator(work: Work, narrator: int | None, named: int) -> int:
    """Give the first-person narrator's mentions (the narration's "I") to the character the others address as the
    narrator ("Watson"): one person, one chain. The count moved."""
    if narrator is None or narrator == named or work.character(named) is None:
        return 0
    ms = [m for m in work.mentions if m.character == narrator]
    for m in ms:
        move_mention(work, m, named)
    return len(ms)


def link_quoted_persons(work: Work, min_speaker: float = MIN_SPEAKER, min_addressee: float = MIN_ADDRESSEE) -> int:
    """Move each quoted 'I' / 'you' pronoun to the speaker / addressee the quotes stage is sure of, then give the
    exchange's turns a say (:func:`link_listeners`, :func:`confirm_addressees`, :func:`outvote_bystanders`) and
    let each generic narrated "you" stand alone (:func:`generic_you`); the count of quoted pronouns moved."""
    persons = persons_by_quotation(work)
    quotation = {q.id: q for q in work.quotations}
    moved = 0
    for qid, forms in persons.items():
        for person, ms in forms.items():
            cid = target_of(quotation[qid], person, min_speaker, min_addressee)
            for m in ms:
                if cid is not None and cid != m.character and has_mentions(work, cid):
                    move_mention(work, m, cid)
                    moved += 1
    moved += link_listeners(work, persons) + confirm_addressees(work, persons) + outvote_bystanders(work, persons)
    generic_you(work)
    return moved


# how far apart (characters) two quotations of one exchange may be
EXCHANGE_GAP = 300


def persons_by_quotation(work: Work) -> dict[int, dict[str, list[Mention]]]:
    """The quoted "I"-forms ("I") and singular "you"-forms ("you") of each quotation (by id), in text order."""
    starts, pieces = quoted_pieces(work.quotations)
    out: dict[int, dict[str, list[Mention]]] = {}
    for m in sorted(work.mentions, key=lambda x: x.start):
        word = work.text[m.start:m.end].lower() if m.kind == "pronoun" else ""
        person = "I" if word in FIRST_SG else "you" if word in SECOND_SG and not plural_you(work.text, m) else None
        q = quotation_at(starts, pieces, m) if person is not None else None
        if q is not None:
            out.setdefault(q.id, {}).setdefault(person, []).append(m)
    return out


def who_says_i(persons: dict[str, list[Mention]]) -> int | None:
    """The character most of a quotation's "I"-forms were given to."""
    named = [m.character for m in persons.get("I", []) if m.character is not None]
    return max(set(named), key=named.count) if named else None


def neighbours(order: list[Quotation], i: int, gap: int) -> list[Quotation]:
    """The quotations just before and just after ``order[i]`` (in that order) within ``gap`` characters of it."""
    q = order[i]
    near = [order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None]
    return [o for o in near if o is not None and max(o.start - q.end, q.start - o.end) <= gap]


Persons = dict[int, dict[str, list[Mention]]]


def link_listeners(work: Work, persons: Persons | None = None, gap: int = EXCHANGE_GAP) -> int:
    """A quoted singular "you" that coreference left unnamed is the other party of the exchange: it goes to the
    character who says "I" in the quotation just before (else just after, each within ``gap`` characters); the
    count moved (``persons``: :func:`persons_by_quotation`, computed when not given)."""
    persons = persons_by_quotation(work) if persons is None else persons
    order = sorted(work.quotations, key=lambda q: q.start)
    moved = 0
    for i, q in enumerate(order):
        yous = [m for m in persons.get(q.id, {}).get("you", []) if m.character is None]
        said = [c for c in (who_says_i(persons.get(o.id, {})) for o in neighbours(order, i, gap)) if c is not None]
        if yous and said and has_mentions(work, said[0]):
            for m in yous:
                move_mention(work, m, said[0])
                moved += 1
    return moved


# an addressee the quotes stage finds more likely right than not, taken when a neighbouring turn's "I" agrees
MIN_ADDRESSEE_AGREED = 0.5


def confirm_addressees(work: Work, persons: Persons | None = None, gap: int = EXCHANGE_GAP,
                       min_addressee: float = MIN_ADDRESSEE_AGREED) -> int:
    """A quoted singular "you" goes to the quotation's first addressee (confidence ``min_addressee`` or more) when
    that character also says "I" in a neighbouring quotation: two signals agree against coreference; the count."""
    persons = persons_by_quotation(work) if persons is None else persons
    order = sorted(work.quotations, key=lambda q: q.start)
    moved = 0
    for i, q in enumerate(order):
        if not q.addressees or q.addressees[0][1] < min_addressee:
            continue
        cid = q.addressees[0][0]
        said = {who_says_i(persons.get(o.id, {})) for o in neighbours(order, i, gap)}
        if cid not in said or not has_mentions(work, cid):
            continue
        for m in persons.get(q.id, {}).get("you", []):
            if m.character is not None and m.character != cid:
                move_mention(work, m, cid)
                moved += 1
    return moved


# a speaker cut-off for a quoted "I" that coreference gave to a character with no part in the quotation
MIN_SPEAKER_BYSTANDER = 0.7


def outvote_bystanders(work: Work, persons: Persons | None = None, min_speaker: float = MIN_SPEAKER_BYSTANDER) -> int:
    """A quoted "I" that coreference gave to a character who is neither the quotation's speaker nor its first
    addressee goes to the speaker when the quotes stage's confidence reaches ``min_speaker``; the count."""
    persons = persons_by_quotation(work) if persons is None else persons
    moved = 0
    for q in work.quotations:
        if q.speaker is None or q.speaker_confidence < min_speaker or not has_mentions(work, q.speaker):
            continue
        roles = {q.speaker} | {a for a, _ in q.addressees[:1]}
        for m in persons.get(q.id, {}).get("I", []):
            if m.character is not None and m.character not in roles:
                move_mention(work, m, q.speaker)
                moved += 1
    return moved


THIRD_SG = {w: g for w, (g, person, number) in PRONOUNS.items() if person == 3 and number == "sg" and g in "MF"}
# a speaker the quotes stage finds more likely right than not (LitBank is flat in this cut-off: 68.42-68.43 from 0
# to 0.9, docs/eval-characters.md round 16)
MIN_SPEAKER_THIRD = 0.5
# how far back (mentions) a he/she the speaker cannot be looks for the one it stands for
REFERENT_WINDOW = 40


def speaker_pronouns(work: Work, min_speaker: float) -> list[tuple[Quotation, str, list[Mention]]]:
    """He/she pronouns inside a quotation that coreference gave to the quotation's own speaker, grouped by
    quotation and gender (a speaker says "I" of themself, so these stand for someone else)."""
    starts, pieces = quoted_pieces(work.quotations)
    groups: dict[tuple[int, str], tuple[Quotation, str, list[Mention]]] = {}
    for m in work.mentions:
        gender = THIRD_SG.get(work.text[m.start:m.end].lower()) if m.kind == "pronoun" else None
        if gender is None or m.character is None:
            continue
        q = quotation_at(starts, pieces, m)
        if q is not None and m.character == q.speaker and q.speaker_confidence >= min_speaker:
            groups.setdefault((q.start, gender), (q, gender, []))[2].append(m)
    return list(groups.values())


def third_person(work: Work, m: Mention) -> bool:
    """A name, a description or a he/she/they: what a later he/she can stand for."""
    return m.kind != "pronoun" or work.text[m.start:m.end].lower() in THIRD_SG


def referent_before(work: Work, ordered: list[Mention], i: int, avoid: set[int], gender: str) -> int | None:
    """The character of the nearest third-person mention before ``ordered[i]`` who is not in ``avoid`` and whose
    gender fits (``REFERENT_WINDOW`` mentions back)."""
    for o in reversed(ordered[max(0, i - REFERENT_WINDOW):i]):
        if o.character is None or o.character in avoid or not third_person(work, o):
            continue
        ch = work.character(o.character)
        if ch is not None and ch.gender in (gender, "U") and ch.mentions > 0:
            return o.character
    return None


def unlink(work: Work, m: Mention, chain: int) -> None:
    """Take ``m`` from its character into unnamed chain ``chain``."""
    release(work, m)
    m.character, m.chain = None, chain


def relink_speaker_pronouns(work: Work, min_speaker: float = MIN_SPEAKER_THIRD) -> int:
    """A he/she inside a quotation is not its speaker ("He's mine," Kakashi growled: "He" is someone else).
    Such pronouns, per quotation and gender, go to the nearest earlier character of their gender who is
    neither the speaker nor the first addressee, else to an unnamed chain of their own; the count moved."""
    groups = speaker_pronouns(work, min_speaker)
    if not groups:
        return 0
    ordered = sorted(work.mentions, key=lambda x: x.start)
    index = {id(x): i for i, x in enumerate(ordered)}
    next_chain = max((x.chain for x in work.mentions if x.chain is not None), default=0) + 1
    moved = 0
    for q, gender, ms in groups:
        avoid = {q.speaker} | {a for a, _ in q.addressees[:1] if a is not None}
        target = referent_before(work, ordered, index[id(ms[0])], avoid, gender)
        for m in ms:
            if target is not None:
                move_mention(work, m, target)
            else:
                unlink(work, m, next_chain)
            moved += 1
        next_chain += 1
    return moved


# marks that put dialogue in a sentence the quotes stage may have missed (double quote marks, a single opening one)
DIALOGUE_MARKS = '"\u201c\u201d\u2018'
# a sentence opening with one of these is a turn of dash dialogue ("— Thanks, old chap, he cried.")
DASHES = ("\u2014", "\u2013", "-")


def narrated_you(work: Work) -> Iterator[Mention]:
    """Unnamed "you" pronouns outside every quotation, in order."""
    starts, pieces = quoted_pieces(work.quotations)
    for m in work.mentions:
        if m.kind == "pronoun" and m.character is None and work.text[m.start:m.end].lower() in SECOND_SG \
                and quotation_at(starts, pieces, m) is None:
            yield m


def dialogue_sentence(work: Work, sent_starts: list[int], offset: int) -> bool:
    """The sentence holding ``offset`` (``sent_starts``: the sentences' starts) has a quote mark or opens with a
    dash: dialogue, not narration."""
    k = bisect_right(sent_starts, offset) - 1
    if k < 0:
        return False
    text = work.text[work.sentences[k].start:work.sentences[k].end]
    return any(c in text for c in DIALOGUE_MARKS) or text.lstrip().startswith(DASHES)


# a story told in the second person ("You wake to rain. You reach for the lamp."): its narrated "you" is its hero,
# not a generic one; told so when at least this many narrated "you" make at least this share of the tokens
SECOND_PERSON_MIN = 20
SECOND_PERSON_SHARE = 0.04


def second_person_story(work: Work, yous: list[Mention]) -> bool:
    """The narration addresses its hero as "you" throughout (reader-insert fan fiction), so "you" is someone."""
    tokens = len(work.tokens) if work.tokens is not None else len(work.text.split())
    return len(yous) >= SECOND_PERSON_MIN and len(yous) >= SECOND_PERSON_SHARE * max(1, tokens)


def generic_you(work: Work) -> int:
    """Take each narrated "you" in an unnamed chain out of it (a generic "you" is no one in particular and
    each one stands alone), unless its sentence looks like dialogue or the whole story is told in the second
    person; the count."""
    sent_starts = [s.start for s in work.sentences]
    yous = list(narrated_you(work))
    if second_person_story(work, yous):
        return 0
    moved = 0
    for m in yous:
        if m.chain is not None and not dialogue_sentence(work, sent_starts, m.start):
            m.chain = None
            moved += 1
    return moved
