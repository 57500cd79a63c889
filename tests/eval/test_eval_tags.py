"""``ficlens eval tags``: metrics with must/may, per-work details, bad inputs."""

from __future__ import annotations

import argparse
import json
import shutil

import pytest

from ficlens.eval import tags as eval_tags


def test_compare_counts_may_as_neither_right_nor_wrong():
    c = eval_tags.compare("additional_tags", ["Angst", "Fluff", "Romance"], must=["Angst", "Injury"], may=["Fluff"])
    assert c["tp"] == ["Angst"] and c["fp"] == ["Romance"] and c["fn"] == ["Injury"] and c["may"] == ["Fluff"]
    m = eval_tags.prf(len(c["tp"]), len(c["fp"]), len(c["fn"]))
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5
    assert eval_tags.prf(0, 0, 0)["f1"] == 1.0  # nothing expected, nothing predicted


def test_relationship_names_match_in_any_order():
    c = eval_tags.compare("relationships", ["Hatake Kakashi/Haruno Sakura"], must=["Haruno Sakura/Hatake Kakashi"], may=[])
    assert c["tp"] and not c["fp"] and not c["fn"]
    c = eval_tags.compare("relationships", ["A & B"], must=["A/B"], may=[])
    assert c["fp"] == ["A & B"] and c["fn"] == ["A/B"]  # platonic is not romantic


def test_eval_tags_end_to_end(tmp_path, seed_paths, capsys):
    seed = min(seed_paths, key=lambda p: p.stat().st_size)
    shutil.copy(seed, tmp_path / "story.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    expected = {
        "_about": "test file",
        "story.txt": {"rating": "General Audiences", "archive_warnings": ["No Archive Warnings Apply"], "category": ["F/M"],
                      "relationships": {"must": ["Nobody/Someone"], "may": []},
                      "characters": {"must": [], "may": []}, "additional_tags": {"must": [], "may": []}},
        "missing.txt": {"rating": "Explicit"},
    }
    path = tmp_path / "expected.json"
    path.write_text(json.dumps(expected), encoding="utf-8")
    out = tmp_path / "out.json"
    status = eval_tags.main(argparse.Namespace(paths=[str(path)], out=str(out), details=True))
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert status == 0
    assert json.loads(out.read_text(encoding="utf-8")) == result
    assert result["works"] == 1
    assert any("missing.txt" in e for e in result["errors"])
    assert all("\n" not in e for e in result["errors"])
    assert "missing.txt" in captured.err
    story = next(d for d in result["details"] if d["work"] == "story.txt")
    assert story["rating"]["predicted"] in ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
    assert result["rating"]["total"] == 1 and result["category"]["total"] == 1
    assert story["relationships"]["missed"] == ["Nobody/Someone"]  # a must that no text can show
    rel = result["relationships"]
    assert rel["fn"] >= 1 and rel["recall"] < 1.0
    assert result["characters"]["fp"] == len(story["characters"]["extra"])  # no must/may: every character is extra
    assert story["tags"] and all("confidence" in t for t in story["tags"])
    for field in ("warnings", "relationships", "characters", "additional_tags"):
        assert set(result[field]) >= {"precision", "recall", "f1", "tp", "fp", "fn"}


def test_unreadable_expected_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert eval_tags.main(argparse.Namespace(paths=[str(bad)], out=None, details=False)) == 1
    assert "bad.json" in capsys.readouterr().err


@pytest.mark.slow
def test_seed_targets(seed_paths, capsys):
    """On the seeds: rating exact, every relationship/category/warning 'must' found, nothing outside must+may."""
    expected = seed_paths[0].parent / "expected_tags.json"
    eval_tags.main(argparse.Namespace(paths=[str(expected)], out=None, details=False))
    result = json.loads(capsys.readouterr().out)
    assert result["works"] == 4
    assert result["rating"]["accuracy"] == 1.0
    assert result["category"]["accuracy"] == 1.0
    for field in ("warnings", "relationships"):
        assert result[field]["fp"] == 0 and result[field]["fn"] == 0, (field, result[field])
    assert result["characters"]["precision"] >= 0.9
    assert result["additional_tags"]["precision"] >= 0.8 and result["additional_tags"]["recall"] >= 0.8
