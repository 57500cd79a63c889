"""Paragraphs guessed at dialogue turns for the one-sentence-per-line LitBank eval text (eval/coref.py)."""

from ficlens.eval.coref import turn_paragraphs

LINES = ["The barge came in at dusk .",
         "“ Who rows ? ”",
         "asked the girl .",
         "“ I do .",
         "Every night . ”",
         "She nodded .",
         "Then she went home ."]


def test_turn_paragraphs_break_at_quotations():
    text = "\n".join(LINES)
    paras = [text[p.start:p.end].split("\n") for p in turn_paragraphs(text)]
    assert paras == [LINES[:1], LINES[1:3], LINES[3:5], LINES[5:]]


SINGLE = ["The barge came in at dusk .",
          "‘ Who rows ? ’",
          "asked the girl .",
          "' I do .",
          "Every night . '",
          "She nodded .",
          "Then she went home ."]


def test_turn_paragraphs_read_single_quote_dialogue():
    # British single marks, curly or straight, standing alone between spaces
    text = "\n".join(SINGLE)
    paras = [text[p.start:p.end].split("\n") for p in turn_paragraphs(text)]
    assert paras == [SINGLE[:1], SINGLE[1:3], SINGLE[3:5], SINGLE[5:]]
