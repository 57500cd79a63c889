"""The characters stage's rough quote spans follow the work's quotation style (British single marks, dashes)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.stages.char_names import quote_spans
from ficlens.stages.coref import paragraph_quotes


def test_double_marks_by_default() -> None:
    text = '"I know," said Tom. "Go."'
    assert [text[a:b] for a, b in quote_spans(text, 0, len(text))] == ['"I know,"', '"Go."']


def test_single_marks_of_a_british_text_are_speech_and_apostrophes_are_not() -> None:
    text = "\u2018I don\u2019t know,\u2019 said Harry. \u2018It\u2019s the boys\u2019 dorm.\u2019"
    got = [text[a:b] for a, b in quote_spans(text, 0, len(text), "single")]
    assert got == ["\u2018I don\u2019t know,\u2019", "\u2018It\u2019s the boys\u2019 dorm.\u2019"]


def test_dash_dialogue_spans() -> None:
    text = "\u2014 Where are you going? \u2014 asked Marie. \u2014 It is late."
    got = [text[a:b].strip(" \u2014") for a, b in quote_spans(text, 0, len(text), "dash")]
    assert got == ["Where are you going?", "It is late."]


def test_a_british_work_has_its_speech_marked_for_coreference() -> None:
    # before session 27 only double marks counted: every "I" and "you" of this dialogue read as narration
    paras = ["\u2018I don\u2019t know,\u2019 said Harry. \u2018I never do.\u2019", "\u2018Fine,\u2019 Ron said.",
             "They went up the stairs."] * 4
    text = "\n\n".join(paras)
    work = work_from_text(text)
    spans = paragraph_quotes(work)
    assert len(spans) == 12
    assert all(text[a] == "\u2018" and text[b - 1] == "\u2019" for a, b in spans)
