"""Word counting the way AO3 counts."""

from __future__ import annotations

import re

# Han, Hiragana, Katakana and Thai count one word per character.
_CJK = "\u4e00-\u9fff\u3400-\u4dbf\u3040-\u309f\u30a0-\u30ff\u0e00-\u0e7f"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_WORD = re.compile(f"[^\\W{_CJK}]+")
_REMOVED = re.compile("['\u2019\u2018-]")


def ao3_word_count(text: str) -> int:
    """Count words as AO3 does: ``--`` is a dash, apostrophes and hyphens join words."""
    text = text.replace("--", " \u2014 ")
    text = _REMOVED.sub("", text)
    return len(_CJK_CHAR.findall(text)) + len(_WORD.findall(text))
