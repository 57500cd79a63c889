"""work_from_text: the evaluation's reader of a raw text keeps offsets and finds paragraphs as the plain-text reader
does (blank-line blocks, or one paragraph per line in scraped fan fiction)."""

from __future__ import annotations

from ficlens.ingest.build import lines_are_paragraphs, work_from_text

WRAPPED = "\n".join(["It was a truth universally acknowledged, that a single man in possession",
                     "of a good fortune, must be in want of a wife, and so it went on and on."] * 6)
ONE_PER_LINE = "\n".join(['"Where are you going?" Sakura asked.', '"Out," Kakashi said.', "He left.",
                          '"Wait!"', "She ran after him."] * 3)


def paragraphs(work) -> list[str]:
    return [work.text[p.start:p.end] for p in work.paragraphs]


def test_blank_line_blocks_stay_paragraphs_and_hard_wrapped_lines_join():
    text = WRAPPED + "\n\n" + WRAPPED
    assert not lines_are_paragraphs(text)
    work = work_from_text(text, line_paragraphs=None)
    assert paragraphs(work) == [WRAPPED, WRAPPED]


def test_a_text_written_one_paragraph_per_line_gets_a_paragraph_per_line_when_asked():
    assert lines_are_paragraphs(ONE_PER_LINE)
    work = work_from_text(ONE_PER_LINE, line_paragraphs=None)
    assert paragraphs(work) == ONE_PER_LINE.split("\n")
    assert work.text == ONE_PER_LINE  # offsets unchanged
    # by default (LitBank: one sentence a line) the whole block stays one paragraph
    assert len(work_from_text(ONE_PER_LINE).paragraphs) == 1


def test_a_scene_break_or_two_do_not_make_lines_blocks():
    text = ONE_PER_LINE + "\n\n" + ONE_PER_LINE
    assert lines_are_paragraphs(text)
    assert len(work_from_text(text, line_paragraphs=None).paragraphs) == 30
