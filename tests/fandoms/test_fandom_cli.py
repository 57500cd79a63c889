"""``ficlens fandoms ...`` commands, pack validation, and no fandom on LitBank excerpts."""

from __future__ import annotations

import json

from ficlens.cli import main
from ficlens.fandoms import detect_fandoms
from ficlens.fandoms.registry import BUNDLED
from ficlens.fandoms.validate import check_pack_file


def test_detect_command(seed_paths, tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    rc = main(["fandoms", "detect", str(seed_paths[0]), str(missing)])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["fandoms"][0][0] == "Naruto"
    assert rc == 1 and "missing.txt" in err and len(err.strip().splitlines()) == 1


def test_lookup_and_ship_commands(capsys):
    assert main(["fandoms", "lookup", "Naruto", "Kakashi-sensei", "Uchiha"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[1] == "Hatake Kakashi" and out[1].split("\t")[1] == "-"
    assert main(["fandoms", "ship", "KakaSaku", "--platonic"]) == 0
    assert capsys.readouterr().out.strip().endswith("Haruno Sakura & Hatake Kakashi")


def test_bundled_packs_validate(tmp_path):
    for path in sorted(BUNDLED.glob("*.json")):
        assert check_pack_file(path) == [], path.name
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"fandom": "X", "ships": {"AB": ["A", "B"]},
                               "characters": [{"canonical": "A", "given": "A", "gender": "male"}]}))
    problems = check_pack_file(bad)
    assert any("gender" in p for p in problems) and any("ship 'AB'" in p for p in problems)
    (tmp_path / "nojson.json").write_text("{")
    assert len(check_pack_file(tmp_path / "nojson.json")) == 1


def test_litbank_excerpts_have_no_fandom(litbank_dir):
    texts = sorted((litbank_dir / "entities" / "brat").glob("*.txt"))
    assert len(texts) >= 50
    for path in texts:
        found = detect_fandoms(path.read_text(encoding="utf-8"))
        assert all(conf < 0.5 for _, conf in found), (path.name, found)


def test_check_pack_reads_hair_roles_and_birth_years(tmp_path) -> None:
    import json
    bad = tmp_path / "looks.json"
    bad.write_text(json.dumps({"fandom": "Looks", "characters": [
        {"canonical": "Tobren Quill", "given": "Tobren", "family": "Quill", "hair": ["silver", "plaid"],
         "roles": ["medic", "wizardry"], "born": "long ago"}]}))
    problems = check_pack_file(bad)
    assert len(problems) == 3  # "silver" and "medic" are fine
    assert "hair colour 'plaid'" in problems[0] and "role 'wizardry'" in problems[1] and "born" in problems[2]
