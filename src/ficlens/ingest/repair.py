"""Repairs of text damaged on its way to us, that keep every character offset.

A decorated first letter ("drop cap") often reaches a scraped or converted file
as a letter of its own: "H e was afraid to ask.", "T hey ran." Readers do not
notice; a speech-tag finder does ("H" is nobody). The letter is joined back to
its word and the freed space moved after it, so the text keeps its length and
offsets into the raw file stay valid.
"""

from __future__ import annotations

import re

# words a lone capital may have been split from (pronouns and articles that open sentences)
SPLIT_WORDS = frozenset("""He His Him Her Hers She They Them Their The Then There We You Your It Its""".split())
_SPLIT = re.compile(r"(?<![\w'\u2019.,-])([A-Z]) ([a-z]{1,4})\b")
# what a sentence-opening word may follow: nothing, a line or paragraph break (NUL joins paragraphs in
# ingest.build), a sentence end or an opening quote
_OPENS = re.compile(r"(?:^|[\n\x00]|[.!?][\"'\u201d\u2019)]* |[\"\u201c\u2018])$")
_TITLES = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Messrs|Mme|Capt|Col|Rev|Prof|[A-Z])\. $")


def join_split_capitals(text: str) -> str:
    """ "H e was" -> "He  was": a sentence-opening capital split from its pronoun or article, joined back."""
    if not _SPLIT.search(text):
        return text

    def join(m: re.Match) -> str:
        word = m.group(1) + m.group(2)
        before = text[max(0, m.start() - 8):m.start()]
        if word not in SPLIT_WORDS or not _OPENS.search(before) or _TITLES.search(before):
            return m.group()
        return word + " "

    return _SPLIT.sub(join, text)
