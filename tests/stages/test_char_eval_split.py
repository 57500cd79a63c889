"""The PDNC tune / held-out split of ``ficlens eval characters`` (issue 3)."""

from __future__ import annotations

from ficlens.eval.characters import evaluate, pdnc_half

TEXT = ("Anne Shirley walked home. Anne said she was tired. Marilla Cuthbert smiled and she nodded. "
        "\"Anne,\" said Marilla, \"sit down.\" Anne sat down and she laughed. Marilla laughed too.\n")
INFO = ("Character ID,Main Name,Aliases,Gender,Category\n"
        "0,Anne Shirley,\"{'Anne', 'Anne Shirley'}\",F,major\n"
        "1,Marilla Cuthbert,\"{'Marilla', 'Marilla Cuthbert'}\",F,major\n")


def _corpus(root, names, index=True):
    root.mkdir()
    if index:
        (root / "PDNC-Novel-Index.csv").write_text("Novel\n", encoding="utf-8")
    for n in names:
        (root / n).mkdir()
        (root / n / "novel_text.txt").write_text(TEXT, encoding="utf-8")
        (root / n / "character_info.csv").write_text(INFO, encoding="utf-8")
    return [root / n for n in names]


def test_split_is_alphabetical_even_odd_and_independent_of_the_selection(tmp_path):
    a, b, c = _corpus(tmp_path / "pdnc", ["Bravo", "Alpha", "Charlie"])
    assert (pdnc_half(b), pdnc_half(a), pdnc_half(c)) == ("tune", "held_out", "tune")
    other = _corpus(tmp_path / "other", ["Alpha"], index=False)[0]
    assert pdnc_half(other) is None
    res = evaluate([str(a), str(other)])  # Bravo alone: still held out
    halves = res["pdnc_halves"]
    assert set(halves) == {"held_out", "pdnc"} and halves["held_out"]["novels"] == 1
    assert halves["held_out"]["b3"]["f1"] == res["per_novel"][0]["b3"]["f1"] == 1.0
    assert res["novels"] == 2
