"""Find quoted speech in a work: the spans between quotation marks, paragraph by paragraph.

Handles straight and curly double quotes, British single-quote dialogue,
em-dash dialogue (a paragraph opening with a dash), speeches running over
several paragraphs (no closing mark until the last paragraph), nested quotes
(kept inside the outer span) and quotes interrupted by a tag (two segments in
one paragraph). Scare quotes and titles ("the word 'love'", a quoted book
title) are dropped by :func:`is_scare_quote`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ficlens.document import Work

DOUBLE_OPEN = "\u201c\u201e\u00ab"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
DASHES = "\u2014\u2015\u2013"
_END_PUNCT = ",.!?;:\u2026-\u2014\u2013"
_WORD = re.compile(r"[\w'\u2019-]+")


@dataclass(slots=True)
class Segment:
    """One stretch of quoted text (marks excluded) inside paragraph ``para``."""

    start: int
    end: int
    para: int
    closed: bool = True  # False when the paragraph ended before a closing mark


_LONE_STRAIGHT = re.compile(r"(?<=\s)'(?=\s)")  # a straight single mark alone between spaces (spaced text)
# a paragraph opening with a dialogue dash: a dash (or "--") and its spaces, words next, not more dashes
_DASH_OPENING = re.compile(r"(?:[\u2014\u2015\u2013]|--)(?![-\u2014\u2015\u2013])\s*(?=[\w\"'(\u2026\u2018\u201c])")


def quote_style(work: Work) -> str:
    """``double``, ``single`` (British) or ``dash``: which marks open dialogue in this work."""
    text = work.text
    doubles = sum(text.count(c) for c in '"' + DOUBLE_OPEN + DOUBLE_CLOSE)
    singles = text.count(SINGLE_OPEN) + len(_LONE_STRAIGHT.findall(text))
    single_starts = dash_starts = 0
    for p in work.paragraphs[:20000]:
        ch = text[p.start]
        if ch in "'\u2018":
            single_starts += 1
        elif _DASH_OPENING.match(text, p.start):
            dash_starts += 1
    # a short story in dash dialogue opens only a few paragraphs with a dash; where there is no double mark at all,
    # three will do (a line of dashes, "-----", is a scene break and does not count)
    need = 11 if doubles else 3
    if doubles < 10 and dash_starts >= need and dash_starts > max(single_starts, singles // 4):
        return "dash"
    if single_starts + singles // 2 > 2 * doubles + 5:
        return "single"
    return "double"


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool | None:
    """For a straight mark at ``i``: True opening, False closing, None unclear."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    prev_open = prev.isspace() or prev in "([{\u2014\u2013-/" + DOUBLE_OPEN + SINGLE_OPEN
    next_space = nxt.isspace()
    if prev in "\u2014\u2013-" and (nxt in ",;:!?)" or (nxt == "." and text[i + 1:i + 3] != "..")):
        return False  # a speech broken off by a dash, closed before punctuation: 'after all--"; then'
    if prev_open and not next_space:
        return True
    if not prev_open and (next_space or nxt in _END_PUNCT + ")]}"):
        return False
    return None


def _double_segments(text: str, lo: int, hi: int, para: int, carry: bool) -> tuple[list[Segment], bool]:
    """Segments of one paragraph; ``carry`` says a speech was open at the paragraph start."""
    segs: list[Segment] = []
    inside = False
    start = lo
    marks = [m.start() for m in re.finditer('["\u201c\u201d\u201e\u00ab\u00bb]', text[lo:hi])]
    marks = [lo + m for m in marks]
    if carry and (not marks or marks[0] != lo):
        inside, start = True, lo  # continuation without an opening mark (malformed but seen)
    for i in marks:
        ch = text[i]
        # where a mark stands says what it does, for curly marks too: one turned the wrong way round
        # ('“Hello,“ he said', '”Yes.”') is a typo; its direction settles only what its neighbours
        # leave open
        kind = _is_opening(text, i, lo, hi)
        if kind is None and ch in DOUBLE_OPEN + DOUBLE_CLOSE:
            kind = ch in DOUBLE_OPEN
        if kind is None:
            kind = not inside
        if kind and not inside:
            inside, start = True, i + 1
        elif not kind and inside:
            segs.append(Segment(start, i, para))
            inside = False
        elif kind and inside:
            # two openings in a row: the first speech lost its closing mark
            if text[start:i].strip():
                segs.append(Segment(start, i, para, closed=False))
            start = i + 1
        elif i == marks[0] and text[lo] in "'\u2018" and text[i - 1] not in "'\u2019" and \
                not _ELISIONS.match(text[lo + 1:i]):
            # 'We have to go." -- a paragraph opened by a single mark and closed by a double one (a typo); not a
            # quoted verse closing a speech ('Twinkle, twinkle--'") nor an elision ("'Tis")
            segs.append(Segment(lo + 1, i, para))
        elif i == marks[0] and not carry and text[i - 1] in _END_PUNCT and _TAG_AFTER_MARK.match(text, i + 1, hi):
            # 'Hello," he said.' -- a paragraph whose speech lost its opening mark, its tag right after the close
            segs.append(Segment(lo, i, para))
        # else closing while outside: stray mark, ignore
    open_at_end = inside
    if inside:
        segs.append(Segment(start, hi, para, closed=False))
    return segs, open_at_end


_SQ_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013\"\u201c])|(?<=--))['\u2018](?=[^\s'\u2019])"
                      r"|(?:(?<=^)|(?<=\s))['\u2018](?=\s+[^\s'\u2019])")
_SQ_CLOSE = re.compile(r"(?<=[^\s])['\u2019](?=$|--|[\s)\]\u2014\u2013,.;:!?\"\u201d])|(?<=\s)['\u2019](?=\s|$)")
_ELISIONS = re.compile(r"^(?:em|tis|twas|cause|bout|til|till|n|un|ere|im|er|ave|e|is|s|round|nuff|cos|fraid|ello|ow|ome|appen|course|\d0s)\b", re.I)


_TAG_AFTER_CLOSE = re.compile(r"(?:[a-z]+ )?(?:said|asked|replied|cried|whispered|shouted|says|asks|replies|cries|"
                              r"whispers|shouts)\b|(?:he|she|I|they|we)\b")
# words an elision shares with plain English: capitalised, they open a sentence of speech ("‘Is there anyone?’")
_SENTENCE_WORD = re.compile(r"(?:Is|Round|Till|Ere|Course)\b")
MAX_SCARE_WORDS = 6  # a quote opened mid-sentence and shut after a letter within this many words is a phrase


def _opens_clause(chunk: str, i: int) -> bool:
    """The mark at ``i`` starts the paragraph or follows a comma, colon or dash: a speech may open there, even
    with a word that looks like an elision ("he replied, ‘is wilfully to misunderstand them’")."""
    before = chunk[:i].rstrip()
    return not before or before[-1] in ",:;(" + DASHES + "-"


def _single_segments(text: str, lo: int, hi: int, para: int) -> list[Segment]:
    """British single-quote dialogue: an opening ' before a non-space, a closing ' after end punctuation."""
    segs: list[Segment] = []
    chunk = text[lo:hi]
    pos = 0
    while True:
        m = _SQ_OPEN.search(chunk, pos)
        if not m:
            break
        s = m.end()
        if _ELISIONS.match(chunk[s:s + 8]) and not _opens_clause(chunk, m.start()) and \
                not _SENTENCE_WORD.match(chunk, s):
            pos = s
            continue
        # "the ‘mist of green’ was on the woods", "as possible--‘we’ could only mean": a phrase quoted
        # mid-sentence may shut after a letter
        last = chunk[:m.start()].rstrip()[-1:]
        mid_sentence = last.isalpha() or (last in DASHES + "-" and m.start() > 1)
        close = None
        for c in _SQ_CLOSE.finditer(chunk, s):
            before = chunk[c.start() - 1]
            after = chunk[c.end():c.end() + 1]
            # "the boys' toys" / "goin' home": a plural possessive or elision, not a closing mark; a mark
            # standing alone between spaces (a text tokenised with spaces, "‘ Old friends , ’ I said") closes,
            # and so does one before a dash ("‘Undoubtedly;’--and after an awkward pause")
            if before in _END_PUNCT or before.isspace() or \
                    after in ("", ",", ".", "!", "?", ";", ":", "-", "\u2014", '"', "\u201d"):
                close = c
                break
            if before.isalpha() and after.isspace():
                nxt = chunk[c.end():c.end() + 30].lstrip()
                if _TAG_AFTER_CLOSE.match(nxt) or \
                        (mid_sentence and len(_WORD.findall(chunk[s:c.start()])) <= MAX_SCARE_WORDS):
                    close = c
                    break
        if close is None:
            segs.append(Segment(lo + s, hi, para, closed=False))
            break
        segs.append(Segment(lo + s, lo + close.start(), para))
        pos = close.end()
    return segs


def marked_spans(text: str, start: int, end: int, style: str) -> list[tuple[int, int]]:
    """The quoted stretches of the paragraph ``text[start:end]`` of a ``single`` or ``dash`` style work, marks
    included (what the characters stage reads as speech before the quotes stage runs)."""
    segs = _single_segments(text, start, end, 0) if style == "single" else _dash_segments(text, start, end, 0)
    return [(max(start, s.start - 1), min(end, s.end + 1)) for s in segs]


def _dash_segments(text: str, lo: int, hi: int, para: int) -> list[Segment]:
    """Em-dash dialogue: speech from the opening dash to the next `` -- ``-style tag dash or the end."""
    chunk = text[lo:hi]
    m = _DASH_OPENING.match(chunk)
    if not m:
        return []  # no dash, or a line of dashes (a scene break)
    segs: list[Segment] = []
    pos = base = m.end()
    speaking = True
    for d in re.finditer(r"\s(?:[\u2014\u2015\u2013]|--)\s*", chunk[base:]):
        a, b = base + d.start(), base + d.end()
        if speaking:
            segs.append(Segment(lo + pos, lo + a, para))
        pos, speaking = b, not speaking
    if speaking and chunk[pos:].strip():
        segs.extend(_untagged_dash_speech(chunk, pos, lo, para))
    return segs


_DASH_TAG_VERBS = (r"(?:said|says|asked|asks|replied|replies|answered|cried|shouted|whispered|muttered|murmured|"
                   r"called|exclaimed|added|continued|began|snapped|sighed|laughed|repeated|insisted|admitted)")
_DASH_SUBJECT = r"(?:he|she|they|I|we|it|the\s+[a-z]+|[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})"
# a speech tag right after a closing mark ('" he said', '" said Mary')
_TAG_AFTER_MARK = re.compile(r"\s*(?:" + _DASH_SUBJECT + r"\s+" + _DASH_TAG_VERBS + "|" + _DASH_TAG_VERBS + r"\s+" +
                             _DASH_SUBJECT + r")\b")
# a speech tag inside dash speech that no second dash closes: "—Home, said Paul.", "—God! he said quietly."
_DASH_INLINE_TAG = re.compile(r"(?<=[,!?\u2026])\s+(?:" + _DASH_TAG_VERBS + r"\s+" + _DASH_SUBJECT + r"|" +
                              _DASH_SUBJECT + r"\s+" + _DASH_TAG_VERBS + r")\b[^.!?\u2026]*[.!?\u2026]?")


def _untagged_dash_speech(chunk: str, pos: int, lo: int, para: int) -> list[Segment]:
    """Dash speech from ``pos`` to the end of its paragraph ``chunk`` (at offset ``lo``), with an inline speech tag
    cut out ("—Home, said Paul." is the speech "Home," and the tag; "—God! he said quietly. Isn't it?" speaks
    again after the tag)."""
    end = len(chunk)
    m = _DASH_INLINE_TAG.search(chunk, pos)
    if m is None:
        return [Segment(lo + pos, lo + end, para)]
    out = [Segment(lo + pos, lo + m.start(), para)]
    if chunk[m.end():].strip():
        out.append(Segment(lo + m.end(), lo + end, para))
    return out


_SPEECH_BEFORE = re.compile(r"\b(?:said|say|says|saying|cried|cry|answered|replied|asked|ask|added|called|exclaimed|"
                            r"shouted|whispered|muttered|repeated|began|continued|adding|answer|reply|exclaim|call|shout|"
                            r"murmured|stammered|ejaculated|uttered|screamed|shouting|crying|exclaiming|sighed|groaned|"
                            r"answers|replies|asks|adds|calls|exclaims|shouts|whispers|mutters|repeats|begins|"
                            r"continues|murmurs|stammers|utters|screams|cries|sighs|groans)"
                            r"(?:\s+[a-z]+ly)?\s*$", re.I)
# "uttered an acid 'Shish!'", "returned an indifferent 'No.'": an article before a finished, capitalised line
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)(?:\s+[a-z]+)?\s*$")


_TAG_VERBS = frozenset("""said cried exclaimed shouted whispered muttered answered replied asked called says cries
exclaims shouts whispers mutters answers replies asks calls""".split())


def is_scare_quote(text: str, seg: Segment, para_start: int, after_speech: bool = False) -> bool:
    """A short quoted phrase inside narration: a scare quote, a title, a word being named."""
    inner = text[seg.start:seg.end].strip()
    if not inner:
        return True
    words = _WORD.findall(inner)
    if len(words) > 5 or not seg.closed:
        return False
    before = text[max(para_start, seg.start - 40):max(para_start, seg.start - 1)].rstrip()
    after = text[seg.end + 1:seg.end + 40].lstrip()
    if not before:
        return False  # opens the paragraph: a short line of speech ("Yes")
    if before[-1] in ",:;()" + DASHES or before.endswith("-") or _SPEECH_BEFORE.search(before):
        return False
    ends_speech = inner[-1] in _END_PUNCT + "\"'\u201d\u2019)"
    if inner[-1] in "!?." and inner[:1].isupper() and _ARTICLE_BEFORE.search(before):
        return False
    if inner[-1] in "!?" and inner[:1].isupper():
        return False  # an exclamation or a question ('with a "Well, well!"', 'cackled out "Silence!"') is speech
    if after_speech and ends_speech:
        return False  # a second piece of speech in the paragraph
    if before[-1] in ".!?\"\u201d" + DASHES:
        # a new sentence starts with the quote: speech unless it is a bare label without punctuation
        return not ends_speech and not after[:1] in ("", "\n") and len(words) <= 2 and after[:1].islower()
    # a speech tag right after it: '... but "No!" said Charles, and "No, no!" cried Louisa'
    first = _WORD.match(after)
    if ends_speech and inner[-1] != "," and first and first.group().lower() in _TAG_VERBS:
        return False
    # mid-sentence after a word ("known as 'quite a scene,'"): a scare quote or a title
    return True


def cut_lost_tag(text: str, seg: Segment) -> None:
    """A speech that lost its closing mark before its own tag ('"I hope not, she said.', '"Gone home, Mary
    replied. "She left early."', common in fan fiction) ends before that tag: the tag is narration again."""
    if seg.closed:
        return
    for m in _DASH_INLINE_TAG.finditer(text, seg.start, seg.end):
        if not text[m.end():seg.end].strip():
            seg.end, seg.closed = m.start(), True
            return


def find_segments(work: Work, style: str | None = None) -> list[Segment]:
    """Every quoted segment of the work, in text order."""
    style = style or quote_style(work)
    text = work.text
    out: list[Segment] = []
    carry = False  # PDNC practice: each paragraph of a long speech re-opens its quote
    for pi, p in enumerate(work.paragraphs):
        if style == "dash":
            segs = _dash_segments(text, p.start, p.end, pi)
        elif style == "single":
            segs = _single_segments(text, p.start, p.end, pi)
        else:
            segs, _ = _double_segments(text, p.start, p.end, pi, carry)
        if style != "dash":
            for s in segs:
                cut_lost_tag(text, s)
        kept = 0
        for s in segs:
            a, b = s.start, s.end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a >= b:
                continue
            s.start, s.end = a, b
            if is_scare_quote(text, s, p.start, kept > 0):
                continue
            kept += 1
            out.append(s)
    return out
