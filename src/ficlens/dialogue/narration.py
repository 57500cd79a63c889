"""Whose eyes the narration looks through: first person ("I said"), second person ("you ask", reader-insert fan
fiction) or third, counted in the text outside the quoted segments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

PERSON_SHARE = 0.008  # "I" (or "you"/"your") per word of narration that make it told in the first (second) person
MIN_SECOND_PERSON = 5  # narrated "you"/"your" at least, for a second-person story
_I = re.compile(r"\bI\b")
_YOU = re.compile(r"\b(?:you|your|yourself)\b", re.I)


def narration_text(text: str, segments: Sequence[tuple[int, int]]) -> str:
    """``text`` outside the quoted ``segments`` ((start, end), in order; their marks too), joined by spaces."""
    pieces, pos = [], 0
    for start, end in segments:
        pieces.append(text[pos:max(pos, start - 1)])
        pos = end + 1
    pieces.append(text[pos:])
    return " ".join(pieces)


def narration_person(text: str, segments: Sequence[tuple[int, int]]) -> str:
    """ "first", "second" or "third": a first-person narration says "I" at least once in 125 words; a second-person
    one (that is not first-person) says "you"/"your" as often and twice as often as "I". Remembered for the last
    few texts: the stages ask it several times of one work."""
    return _person(text, tuple(segments))


@lru_cache(maxsize=4)
def _person(text: str, segments: tuple[tuple[int, int], ...]) -> str:
    narration = narration_text(text, segments)
    words = max(1, len(narration.split()))
    i = len(_I.findall(narration))
    if i / words > PERSON_SHARE:
        return "first"
    yous = len(_YOU.findall(narration))
    if yous >= MIN_SECOND_PERSON and yous / words > PERSON_SHARE and yous > 2 * i:
        return "second"
    return "third"


def narration_second_person(text: str, segments: Sequence[tuple[int, int]]) -> bool:
    """The narration is told in the second person ("You wake up to the smell of burnt toast.")."""
    return narration_person(text, segments) == "second"
