"""``ficlens library ...`` end to end, including two importing processes and a killed import."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ficlens.cli import main
from ficlens.library.store import Library
from ficlens.library.synthetic import synthetic_work, write_work_file


def run(*args: str) -> int:
    return main(["library", *args])


@pytest.fixture(scope="module")
def first_import(tmp_path_factory, seed_paths):
    """The seeds through the whole pipeline, plus two broken files and a missing one, imported once:
    (folder, library, seed paths, bad paths, exit code, stderr of that first import)."""
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "in").mkdir()
    bad_empty = tmp / "in" / "empty.txt"
    bad_empty.write_bytes(b"")
    bad_binary = tmp / "in" / "garbage.html"
    bad_binary.write_bytes(bytes(range(256)) * 50)
    lib = tmp / "lib.sqlite"
    seeds = [str(p) for p in seed_paths]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = run("add", *seeds, str(bad_empty), str(bad_binary), str(tmp / "missing.txt"), "--library", str(lib))
    return tmp, lib, seeds, [bad_empty, bad_binary], code, err.getvalue()


@pytest.fixture
def imported(first_import):
    """The library of the first import (every test can run alone: the import is the fixture's)."""
    return first_import[:4]


def test_add_imports_good_files_and_names_bad_ones(first_import):
    tmp, lib, seeds, bad, code, err = first_import
    assert code == 0
    assert f"{bad[0]}:" in err and f"{tmp / 'missing.txt'}:" in err
    with Library(lib) as library:
        assert library.count() >= 4
        for line in err.splitlines():  # every problem is a one-liner naming its file
            if "added" not in line and not line.startswith(("importing", "ficlens:")) and line.strip():
                assert line.split(":")[0].endswith((".txt", ".html")), line
        work = library.get_work(1)
        assert work["words"] > 100 and work["title"]
        assert library.get_text(1)["text"].strip()


def test_reimport_reuses_unchanged_files(imported, capsys):
    tmp, lib, seeds, _ = imported
    assert run("add", *seeds, "--library", str(lib)) == 0
    err = capsys.readouterr().err
    # files analysed by the whole pipeline are skipped; ones where a stage failed are analysed again
    assert "4 unchanged" in err or ("analysis warnings" in err and "4 duplicates" in err)


def test_nothing_importable_exits_non_zero(imported, capsys):
    tmp, _, _, bad = imported
    assert run("add", str(bad[0]), "--library", str(tmp / "other.sqlite")) == 1
    assert str(bad[0]) in capsys.readouterr().err


def test_search_status_note_show_export(imported, capsys):
    tmp, lib, _, _ = imported
    capsys.readouterr()
    assert run("search", "--library", str(lib), "--json", "--sort", "words") == 0
    res = json.loads(capsys.readouterr().out)
    assert res["total"] >= 4 and res["works"][0]["words"] >= res["works"][-1]["words"]
    wid = res["works"][0]["id"]
    assert run("status", str(wid), "reading", "--library", str(lib)) == 0
    assert run("note", str(wid), "loved the mud wall", "--library", str(lib)) == 0
    assert run("search", "--status", "reading", "--library", str(lib), "--json") == 0
    assert [w["id"] for w in json.loads(capsys.readouterr().out)["works"]] == [wid]
    assert run("show", str(wid), "--library", str(lib)) == 0
    out = capsys.readouterr().out
    assert "status reading" in out and "loved the mud wall" in out
    assert run("status", "9999", "read", "--library", str(lib)) == 1
    assert "no work with id 9999" in capsys.readouterr().err
    out_csv = tmp / "export.csv"
    assert run("export", "--format", "csv", "--out", str(out_csv), "--library", str(lib)) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert len(rows) >= 4 and next(r for r in rows if int(r["id"]) == wid)["notes"] == "loved the mud wall"
    assert run("export", "--format", "json", "--library", str(lib)) == 0
    data = json.loads(capsys.readouterr().out)
    assert {w["id"] for w in data} == {int(r["id"]) for r in rows}
    assert run("search", "--words", "lots", "--library", str(lib)) == 1


def _files(folder: Path, n: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    return [write_work_file(synthetic_work(seed * 10000 + i, random.Random(rng.random()), paragraphs=6), folder,
                            f"w{i:04d}", "txt") for i in range(n)]


def _cli(lib: Path, *paths: str) -> list[str]:
    return [sys.executable, "-m", "ficlens", "library", "add", *paths, "--library", str(lib), "--stages", "",
            "--no-progress"]


@pytest.mark.slow
def test_two_processes_importing_at_once(tmp_path):
    files = _files(tmp_path / "in", 120, seed=1)
    lib = tmp_path / "lib.sqlite"
    # both processes import overlapping halves (the middle 40 files twice), at the same time
    a = subprocess.Popen(_cli(lib, *map(str, files[:80])), stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen(_cli(lib, *map(str, files[40:][::-1])), stderr=subprocess.PIPE, text=True)
    err_a, err_b = a.communicate(timeout=120)[1], b.communicate(timeout=120)[1]
    assert a.returncode == 0 and b.returncode == 0, err_a + err_b
    with Library(lib) as library:
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert library.count() == 120
        assert library.conn.execute("SELECT COUNT(DISTINCT content_hash) FROM works").fetchone()[0] == 120
        assert library.conn.execute("SELECT COUNT(*) FROM work_fts").fetchone()[0] == 120
    assert "0 errors" in err_a and "0 errors" in err_b


@pytest.mark.slow
def test_killed_import_loses_nothing_committed(tmp_path):
    files = _files(tmp_path / "in", 400, seed=2)
    lib = tmp_path / "lib.sqlite"
    proc = subprocess.Popen(_cli(lib, str(tmp_path / "in")), stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            conn = sqlite3.connect(f"file:{lib}?mode=ro", uri=True, timeout=5)
            count = conn.execute("SELECT COUNT(*) FROM works").fetchone()[0]
            conn.close()
        except sqlite3.OperationalError:
            count = 0
        if count >= 20:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Library(lib) as library:
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = library.count()
        assert 20 <= kept < 400
        ids = [r[0] for r in library.conn.execute("SELECT id FROM works")]
        assert all(library.get_text(i)["text"] for i in ids)  # every stored work is complete
    done = subprocess.run(_cli(lib, str(tmp_path / "in")), stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0
    assert f"{kept} unchanged" in done.stderr
    with Library(lib) as library:
        assert library.count() == 400


def test_parallel_import_matches_serial(tmp_path):
    from ficlens.library.importer import import_paths

    files = _files(tmp_path / "in", 12, seed=3)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"")
    results = []
    for jobs in (1, 2):
        with Library(tmp_path / f"lib{jobs}.sqlite") as library:
            report = import_paths(library, [*files[:6], bad, *files[6:], files[0]], stages=[], progress=False,
                                  on_error=lambda line: None, jobs=jobs)
            assert len(report.added) == 12 and len(report.errors) == 1 and str(bad) in report.errors[0]
            assert len(report.duplicates) + len(report.unchanged) == 1
            results.append([(r["title"], r["words"]) for r in library.conn.execute(
                "SELECT title, words FROM works ORDER BY id")])
    assert results[0] == results[1]


def test_a_failing_stage_keeps_the_work_and_a_later_import_completes_it(tmp_path, monkeypatch):
    from ficlens import pipeline
    from ficlens.library.importer import import_paths

    calls = []

    class Boom:
        name, requires = "quotes", ()

        def __call__(self, work):
            raise ValueError("model and features disagree")

    class Fixed:
        name, requires = "quotes", ()

        def __call__(self, work):
            calls.append("quotes")
            return work

    class After:
        name, requires = "relationships", ("quotes",)

        def __call__(self, work):
            calls.append("relationships")
            return work

    monkeypatch.setitem(pipeline._CACHE, "quotes", Boom())
    monkeypatch.setitem(pipeline._CACHE, "relationships", After())
    files = _files(tmp_path / "in", 2, seed=4)
    lines: list[str] = []
    with Library(tmp_path / "lib.sqlite") as library:
        report = import_paths(library, files, stages=["quotes", "relationships"], progress=False,
                              on_error=lines.append)
        assert len(report.added) == 2 and not report.errors and calls == []
        assert any(f"{files[0]}: stage 'quotes' failed (ValueError" in line for line in lines)
        assert any(f"{files[0]}: also skipped stages needing it: relationships" in line for line in lines)
        library.set_status(report.added[0], "reading")
        monkeypatch.setitem(pipeline._CACHE, "quotes", Fixed())
        again = import_paths(library, files, stages=["quotes", "relationships"], progress=False)
        assert again.updated == report.added and calls == ["quotes", "relationships"] * 2
        assert library.get_work(report.added[0])["status"] == "reading"
        third = import_paths(library, files, stages=["quotes", "relationships"], progress=False)
        assert third.unchanged == report.added
