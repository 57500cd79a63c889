"""Letters: in an epistolary work, "I" and "you" of the narration are the letter's writer and addressee.

A novel in letters (Evelina, Frankenstein's opening, Dracula's correspondence) heads each letter with its number
and who writes to whom: "LETTER II. MR. VILLARS TO LADY HOWARD", "Letter 1 ... TO Mrs. Saville, England". Outside
the quotations, the "I" of that letter is its writer and the singular "you" its addressee, until the next heading;
one first-person narrator for the whole work would join the writers of every letter into one chain. After the quotes
stage (which assigns the quoted "I" and "you"), :func:`link_letter_persons` gives each letter's narrated "I"-forms to
its writer and its narrated "you"-forms to its addressee, when the heading names them, and the first-person
narrator's quotations in the letter to its writer. A name found only in headings ("LADY HOWARD") becomes a
character, and a narrator left with no mention and no quotation leaves the character list.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ficlens.document import Character, Evidence, Mention, Work
from ficlens.dialogue.attribute import find_narrator
from ficlens.stages.char_lexicon import TITLES
from ficlens.stages.coref import FIRST_SG, SECOND_SG
from ficlens.stages.coref_quotes import move_mention, plural_you, quotation_at, quoted_pieces

_HEADING = re.compile(r"^[ \t_*]*(?:LETTER|Letter)\s+(?:[IVXLC]+|\d+)\b\.?", re.M)  # a line of its own
_TITLE = r"(?:MRS?\.|MISS|LADY|SIR|LORD|DR\.|MADAME|MONSIEUR|Mrs?\.|Miss|Lady|Sir|Lord|Dr\.|Madame|Monsieur)"
_CAPS_NAME = r"(?:THE\s+)?(?:REV\.\s+|REVEREND\s+)?" + _TITLE + r"?\s*[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?"
# "MR. VILLARS TO LADY HOWARD" (all capitals), or "TO Mrs. Saville" / "To Mrs. Saville" (the addressee alone)
_FROM_TO = re.compile(r"(?P<writer>" + _CAPS_NAME + r")\s+TO\s+(?P<addressee>" + _CAPS_NAME + r")\b")
_TO = re.compile(r"\bT[Oo]\s+(?P<addressee>" + _TITLE + r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
HEADING_REACH = 200  # characters after "LETTER n" where the writer and addressee are looked for
_DROP = {"the", "rev.", "reverend"}


@dataclass
class Letter:
    start: int  # the heading
    end: int  # the next heading, or the end of the text
    writer: tuple[int, int] | None  # span of the writer's name in the heading
    addressee: tuple[int, int] | None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its spaces and leading "THE" / "REV." ("THE REV. MR. VILLARS" -> "MR. VILLARS")."""
    while start < end and text[start].isspace():
        start += 1
    while True:
        word = text[start:end].split(None, 1)[0]
        if word.lower() not in _DROP or start + len(word) >= end:
            return start, end
        start += len(word)
        while start < end and text[start].isspace():
            start += 1


def letters(text: str) -> list[Letter]:
    """The letters of ``text`` with the spans of the names their headings give (empty without headings)."""
    heads = list(_HEADING.finditer(text))
    out: list[Letter] = []
    for k, h in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        zone = text[h.end():min(end, h.end() + HEADING_REACH)]
        writer = addressee = None
        m = _FROM_TO.search(zone)
        if m is not None:
            writer = _trim(text, h.end() + m.start("writer"), h.end() + m.end("writer"))
            addressee = _trim(text, h.end() + m.start("addressee"), h.end() + m.end("addressee"))
        else:
            m = _TO.search(zone)
            if m is not None:
                addressee = _trim(text, h.end() + m.start("addressee"), h.end() + m.end("addressee"))
        out.append(Letter(h.start(), end, writer, addressee))
    return out


def plain_name(surface: str) -> str:
    """'THE REV. MR. VILLARS' -> 'Mr. Villars'; 'Mrs. Saville' stays."""
    words = [w for w in surface.split() if w.lower() not in _DROP]
    return " ".join(w if not w.isupper() else w[:1] + w[1:].lower() for w in words)


def character_for(work: Work, text: str, span: tuple[int, int]) -> int:
    """The character a heading's name is (an alias match, whatever the capitals), else a new one; its id."""
    name = plain_name(text[span[0]:span[1]])
    low = name.lower()
    for c in work.characters:
        if c.name.lower() == low or any(a.lower() == low for a in c.aliases):
            return c.id
    cid = max((c.id for c in work.characters), default=-1) + 1
    gender = TITLES.get(name.split()[0].lower().rstrip("."), "") or "U"
    work.characters.append(Character(id=cid, name=name, gender=gender, chapter_presence=[0] * max(1, len(work.chapters)),
                                     evidence=[Evidence(span[0], span[1], text[span[0]:span[1]], "letter heading")]))
    return cid


def _heading_mention(work: Work, span: tuple[int, int], cid: int) -> None:
    """The heading's name as a name mention of ``cid`` (unless a mention is already there)."""
    if any(m.start == span[0] and m.end == span[1] for m in work.mentions):
        return
    m = Mention(span[0], span[1], None, "name")
    work.mentions.append(m)
    move_mention(work, m, cid)  # the character's mention count, first offset and chapter presence
    c = work.character(cid)
    alias = " ".join(work.text[span[0]:span[1]].split())
    c.aliases[alias] = c.aliases.get(alias, 0) + 1


def link_letter_persons(work: Work) -> int:
    """Give each letter's narrated "I" to its writer and narrated singular "you" to its addressee, and the first-person
    narrator's quotations in it to its writer (module doc); the count of pronouns moved. A narrator left with no
    mention and no quotation leaves the character list."""
    found = [lt for lt in letters(work.text) if lt.writer or lt.addressee]
    if not found:
        return 0
    starts, pieces = quoted_pieces(work.quotations)
    narrated = sorted((m for m in work.mentions if m.kind == "pronoun" and quotation_at(starts, pieces, m) is None),
                      key=lambda m: m.start)
    offsets = [m.start for m in narrated]
    narrator = find_narrator(work)
    writers: list[int | None] = []
    moved = 0
    for lt in found:
        roles: dict[str, int] = {}
        for role, span in (("I", lt.writer), ("you", lt.addressee)):
            if span is not None:
                roles[role] = character_for(work, work.text, span)
                _heading_mention(work, span, roles[role])
        for m in narrated[bisect_left(offsets, lt.start):bisect_left(offsets, lt.end)]:
            word = work.text[m.start:m.end].lower()
            role = "I" if word in FIRST_SG else "you" if word in SECOND_SG and not plural_you(work.text, m) else ""
            cid = roles.get(role)
            if cid is not None and m.character != cid:
                move_mention(work, m, cid)
                moved += 1
        writers.append(roles.get("I"))
    if narrator is not None:
        heads = [lt.start for lt in found]
        for q in work.quotations:
            k = bisect_right(heads, q.start) - 1
            if q.speaker == narrator and k >= 0 and q.start < found[k].end and writers[k] is not None:
                q.speaker = writers[k]
    work.mentions.sort(key=lambda m: (m.start, m.end))
    _drop_empty_narrator(work, narrator)
    return moved


def _drop_empty_narrator(work: Work, narrator: int | None) -> None:
    """Remove the first-person narrator when the letters' writers took all its mentions and quotations."""
    if narrator is None or any(m.character == narrator for m in work.mentions):
        return
    if any(q.speaker == narrator or any(a == narrator for a, _ in q.addressees) for q in work.quotations):
        return
    work.characters = [c for c in work.characters if c.id != narrator]
