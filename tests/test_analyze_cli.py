"""End to end: ``ficlens analyze`` on the seeds, the example, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficlens.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory, seed_paths):
    out = tmp_path_factory.mktemp("reports")
    rc = main(["analyze", *map(str, seed_paths), "--out", str(out), "--format", "json", "--format", "html",
               "--format", "booknlp", "--quiet"])
    assert rc == 0
    return out


def test_every_seed_gets_every_report(seed_reports, seed_paths):
    for p in seed_paths:
        for suffix in (".json", ".html", ".tokens", ".entities", ".quotes"):
            assert (seed_reports / f"{p.stem}{suffix}").stat().st_size > 0


def test_seed_reports_are_sensible(seed_reports, seed_paths):
    for p in seed_paths:
        d = json.loads((seed_reports / f"{p.stem}.json").read_text(encoding="utf-8"))
        assert d["fandoms"] and d["fandoms"][0]["name"] == "Naruto"
        names = [c["name"] for c in d["characters"]]
        assert "Hatake Kakashi" in names[:4] or "Uzumaki Naruto" in names[:4], names[:6]
        assert d["quotations"] and all(q["speaker"] is not None for q in d["quotations"][:5])
        assert {t["type"] for t in d["tags"]} >= {"rating", "warning", "category"}
        assert "A/N" not in d["text"] and "I don't own" not in d["text"]


def test_example_story_report(tmp_path, capsys):
    rc = main(["analyze", str(ROOT / "examples" / "the-lantern-keepers-apprentice.txt"), "--out", str(tmp_path),
               "--format", "html"])
    assert rc == 0
    html = (tmp_path / "the-lantern-keepers-apprentice.html").read_text(encoding="utf-8")
    assert "Mara" in html and "Tobin" in html and 'class="quote"' in html
    out = capsys.readouterr().out
    assert "speaks most:" in out and "Mara" in out


def test_bad_files_are_reported_and_good_ones_analysed(tmp_path, capsys, seed_paths):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.epub").write_bytes(b"PK\x03\x04 truncated")
    (folder / "good.txt").write_text(seed_paths[2].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["analyze", str(folder), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 0
    assert (out / "good.json").exists()
    for name in ("empty.txt", "binary.txt", "broken.epub"):
        lines = [ln for ln in err if name in ln]
        assert len(lines) == 1, err
    assert main(["analyze", str(folder / "empty.txt"), "--out", str(out), "--quiet"]) == 2
    assert main(["analyze", str(folder), "--out", str(out), "--quiet", "--strict"]) == 1
