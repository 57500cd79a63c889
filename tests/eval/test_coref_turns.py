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


def test_dash_dialogue_turns_open_at_each_speech_dash():
    # Joyce's dashes, with the paragraph breaks lost: a dash at a line start or after a colon opens a turn that
    # runs to the next one
    lines = ["He held the bowl aloft and intoned : — Introibo ad altare Dei .",
             "Halted , he peered down the stairs .",
             "— Come up , Kinch !",
             "Come up , you fearful jesuit !",
             "— Back to barracks !",
             "He blessed the tower : — For this is the genuine Christine .",
             "— Thanks , old chap , he cried briskly ."]
    text = "\n".join(lines)
    paras = [text[p.start:p.end].strip() for p in turn_paragraphs(text)]
    assert paras[0] == "He held the bowl aloft and intoned :"
    assert paras[1].startswith("— Introibo") and paras[1].endswith("down the stairs .")
    assert paras[2] == "— Come up , Kinch !\nCome up , you fearful jesuit !"
    assert len(paras) == 6 and paras[-1].startswith("— Thanks")


def test_a_closing_mark_glued_to_an_inner_one_closes_the_quotation():
    # "’”" (inner and outer closing marks as one token) used to leave the quotation open to the end of the text
    lines = ["He spoke .", "“ Because of ‘ women and children first .", "’” He looked round .",
             "“ I am carrying papers . ”", "She nodded ."]
    text = "\n".join(lines)
    paras = [text[p.start:p.end].split("\n") for p in turn_paragraphs(text)]
    assert paras == [lines[:1], lines[1:3], lines[3:4], lines[4:]]
