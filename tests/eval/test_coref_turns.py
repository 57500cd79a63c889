"""Paragraphs guessed at dialogue turns for the one-sentence-per-line LitBank eval text (eval/coref.py)."""

import pytest

from ficlens.eval.coref import turn_paragraphs

DOUBLE = ["The barge came in at dusk .",
          "“ Who rows ? ”",
          "asked the girl .",
          "“ I do .",
          "Every night . ”",
          "She nodded .",
          "Then she went home ."]
# British single marks, curly or straight, standing alone between spaces
SINGLE = [line.replace("“", "‘").replace("”", "’") for line in DOUBLE[:3]] + \
    [line.replace("“", "'").replace("”", "'") for line in DOUBLE[3:]]


@pytest.mark.parametrize("lines", [DOUBLE, SINGLE], ids=["double", "single"])
def test_turn_paragraphs_break_at_quotations(lines):
    text = "\n".join(lines)
    paras = [text[p.start:p.end].split("\n") for p in turn_paragraphs(text)]
    assert paras == [lines[:1], lines[1:3], lines[3:5], lines[5:]]
