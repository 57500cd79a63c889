"""Session 15: British single-mark dialogue in a text tokenised with spaces ("‘ Old friends , ’ I said")."""

from __future__ import annotations

from ficlens.dialogue.detect import _single_segments, quote_style
from ficlens.ingest.build import work_from_text


def pieces(text: str) -> list[str]:
    return [text[s.start:s.end].strip() for s in _single_segments(text, 0, len(text), 0)]


def test_marks_standing_alone_between_spaces_open_and_close_speech() -> None:
    assert pieces("‘ Old friends , ’ I said , ‘ how long is it ? ’") == ["Old friends ,", "how long is it ?"]
    assert pieces("' I suffered too much , ' she said . ' Yes . '") == ["I suffered too much ,", "Yes ."]
    # ordinary text keeps working, and a possessive is no closing mark
    assert pieces("‘Old friends,’ I said, ‘how long?’") == ["Old friends,", "how long?"]
    assert pieces("‘ The boys ’s toys , ’ she said .") == ["The boys ’s toys ,"]


def test_straight_single_marks_alone_between_spaces_make_a_single_quote_story() -> None:
    lines = ["' Edith ! ' said Margaret , gently .", "' Hush , Tiny ! ' cried she .", "It was late ."] * 5
    work = work_from_text("\n\n".join(lines))
    assert quote_style(work) == "single"
