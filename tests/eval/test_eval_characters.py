"""``ficlens eval characters`` on the bundled seed gold."""

from __future__ import annotations

import json
from argparse import Namespace

from ficlens.eval.characters import b3, evaluate, main, norm


def test_b3_toy():
    gold = {"a": 0, "b": 0, "c": 1}
    assert b3(["a", "b", "c"], gold, {"a": 5, "b": 5, "c": 6})["f1"] == 1.0
    split = b3(["a", "b", "c"], gold, {"a": 5, "b": 6, "c": 7})
    assert split["precision"] == 1.0 and split["recall"] < 1.0
    merged = b3(["a", "b", "c"], gold, {"a": 5, "b": 5, "c": 5})
    assert merged["recall"] == 1.0 and merged["precision"] < 1.0
    assert norm("The  Copy-Nin") == "copy-nin"


def test_eval_on_seed_gold(seed_paths, tmp_path, capsys):
    pdnc = seed_paths[0].parent / "pdnc"
    folders = sorted(str(p) for p in pdnc.iterdir() if (p / "character_info.csv").is_file())[:2]
    out = tmp_path / "chars.json"
    assert main(Namespace(paths=folders, out=str(out), details=False)) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(out.read_text(encoding="utf-8"))
    assert printed["novels"] == 2 and printed["recall_major"] == 1.0
    assert 0.5 <= printed["b3"]["f1"] <= 1.0
    assert len(printed["per_novel"]) == 2


def test_eval_reports_bad_folder(tmp_path):
    bad = tmp_path / "broken"
    bad.mkdir()
    (bad / "novel_text.txt").write_text("Anne said hello.", encoding="utf-8")
    (bad / "character_info.csv").write_bytes(b"\xff\xfe not a csv")
    res = evaluate([str(bad)])
    assert res["novels"] == 0 and "broken" in res["errors"][0]
