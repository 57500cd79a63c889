"""End to end: serial vs a real Dask LocalCluster, errors, resume, DuckDB, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from ficlens.batch.manifest import MANIFEST_DIR, SUCCESS, TMP_DIR, read_manifests
from ficlens.batch.run import BatchError, run_batch
from ficlens.export.parquet import read_table
from ficlens.export.tables import DEFAULT_TABLES, SCHEMAS

from .conftest import canonical_rows

TOKENS = ("tokens",)  # resume/error mechanics need no more than the first stage (and run faster)


@pytest.fixture(scope="module")
def serial_out(corpus, tmp_path_factory) -> tuple[Path, object]:
    """The single-process reference: one worker process (same hash seed as Dask workers)."""
    out = tmp_path_factory.mktemp("serial")
    summary = run_batch([str(corpus)], out, workers=1, progress=False)
    return out, summary


@pytest.fixture(scope="module")
def dask_out(corpus, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("dask")
    summary = run_batch([str(corpus)], out, dask="local", workers=2, progress=False)
    return out, summary


def test_serial_run_writes_every_table(serial_out, seed_paths):
    out, summary = serial_out
    assert summary.ok >= len(seed_paths) and summary.failed >= 2 and summary.exit_code == 0
    assert (out / SUCCESS).is_file() and json.loads((out / SUCCESS).read_text())["ok"] == summary.ok
    works = read_table(out, "works")
    assert works.num_rows == summary.ok
    assert len(set(works["work_id"].to_pylist())) == works.num_rows
    seeds = {p.name for p in seed_paths}
    assert seeds <= {Path(p).name for p in works["path"].to_pylist()}
    assert sum(works["words"].to_pylist()) == summary.words > 0
    for name in DEFAULT_TABLES:
        assert (out / name / "_common_metadata").is_file()
    assert read_table(out, "mentions").num_rows > 0 and read_table(out, "characters").num_rows > 0
    assert not any(p.name.endswith(".tmp") for p in out.rglob("*")) and not (out / TMP_DIR).exists()


def test_bad_files_go_to_errors_table(serial_out):
    out, _ = serial_out
    errors = read_table(out, "errors").to_pylist()
    by_name = {Path(e["path"]).name: e for e in errors}
    assert {"bad.txt", "empty.txt"} <= set(by_name)
    for name in ("bad.txt", "empty.txt"):
        e = by_name[name]
        assert e["stage"] == "ingest" and "\n" not in e["message"] and name in e["message"]
    paths = set(read_table(out, "works")["path"].to_pylist())
    assert not any(p.endswith(("bad.txt", "empty.txt")) for p in paths)


@pytest.mark.slow
def test_dask_cluster_output_equals_serial(serial_out, dask_out):
    (s_out, s_sum), (d_out, d_sum) = serial_out, dask_out
    assert (s_sum.runner, s_sum.workers, d_sum.runner, d_sum.workers) == ("processes", 1, "dask", 2)
    assert (d_sum.ok, d_sum.failed, d_sum.words) == (s_sum.ok, s_sum.failed, s_sum.words)
    for name in DEFAULT_TABLES:
        assert canonical_rows(d_out, name) == canonical_rows(s_out, name), name
    assert len(list((d_out / "works").glob("part-*.parquet"))) >= 2  # the work was really split


def test_duckdb_reads_every_table(serial_out):
    out, _ = serial_out
    con = duckdb.connect()
    for name in DEFAULT_TABLES:
        rel = con.sql(f"SELECT * FROM read_parquet('{out}/{name}/*.parquet')")
        assert rel.columns == SCHEMAS[name].names, name
        n = con.sql(f"SELECT count(*) FROM read_parquet('{out}/{name}/*.parquet')").fetchall()[0][0]
        assert n == read_table(out, name).num_rows, name
    top = con.sql(f"""SELECT w.title, count(*) AS n FROM read_parquet('{out}/mentions/*.parquet') m
                      JOIN read_parquet('{out}/works/*.parquet') w USING (work_id) GROUP BY 1 ORDER BY 2 DESC""").fetchall()
    assert top and top[0][1] > 0
    import pandas as pd

    for name in DEFAULT_TABLES:  # the folder itself, as researchers will pass it
        df = pd.read_parquet(out / name)
        assert list(df.columns) == SCHEMAS[name].names and len(df) == read_table(out, name).num_rows
    hive = con.sql(f"SELECT count(*) FROM read_parquet('{out}/works/*.parquet', union_by_name=true)").fetchall()
    assert hive[0][0] == read_table(out, "works").num_rows


def test_resume_skips_done_retries_failed_and_cleans_a_killed_run(tmp_path, seed_paths):
    src = tmp_path / "in"
    src.mkdir()
    small = sorted(seed_paths, key=lambda p: p.stat().st_size)[:2]
    for p in small:
        shutil.copy(p, src / p.name)
    (src / "broken.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = run_batch([str(src)], out, workers=0, progress=False, stages=TOKENS)
    assert (first.ok, first.failed, first.runner) == (2, 1, "serial")

    with pytest.raises(BatchError, match="--resume"):
        run_batch([str(src)], out, workers=0, progress=False, stages=TOKENS)

    # a killed run leaves an uncommitted part and scratch files; a fixed file should now succeed
    orphan = out / "works" / "part-killed-000000.parquet"
    shutil.copy(next((out / "works").glob("part-*.parquet")), orphan)
    (out / TMP_DIR).mkdir()
    (out / "characters" / ".part-x.parquet.1-ab.tmp").write_bytes(b"half")
    (src / "broken.txt").write_text("Ana looked up. \"Go,\" she said to Ben.\n\nBen went.\n", encoding="utf-8")
    shutil.copy(small[1], src / "copy_of_second.txt")  # same bytes as a finished work
    (src / "new.txt").write_text("Cal sighed.\n\n\"Again?\" asked Dee.\n", encoding="utf-8")

    second = run_batch([str(src)], out, workers=0, resume=True, progress=False, stages=TOKENS)
    assert second.skipped == 3  # two done works and the copy of one of them
    assert (second.ok, second.failed) == (2, 0)
    assert not orphan.exists() and not (out / TMP_DIR).exists()
    assert not list(out.rglob("*.tmp"))
    assert read_table(out, "errors").num_rows == 0  # the retried file's old error is gone
    works = read_table(out, "works")
    assert works.num_rows == 4 and len(set(works["work_id"].to_pylist())) == 4
    assert {Path(p).name for p in works["path"].to_pylist()} == {p.name for p in small} | {"new.txt", "broken.txt"}
    statuses = [e["status"] for m in read_manifests(out) for e in m["works"]]
    assert statuses.count("ok") == 4 and "error" not in statuses

    third = run_batch([str(src)], out, workers=0, resume=True, progress=False, stages=TOKENS)
    assert (third.ok, third.failed, third.skipped, third.exit_code) == (0, 0, 5, 0)
    assert read_table(out, "works").num_rows == 4


def test_a_stage_crash_is_one_error_row_not_a_failed_run(tmp_path, seed_paths, monkeypatch):
    import ficlens.batch.task as task

    real = task.analyze
    victim = seed_paths[0].name

    def flaky(work, stages):
        if work.meta.source_path.endswith(victim):
            raise RuntimeError("stage exploded\non two lines")
        return real(work, stages)

    monkeypatch.setattr(task, "analyze", flaky)
    small = [seed_paths[0], min(seed_paths[1:], key=lambda p: p.stat().st_size)]
    out = tmp_path / "out"
    summary = run_batch([str(p) for p in small], out, workers=0, progress=False, max_part_bytes=10**9, stages=TOKENS)
    assert (summary.ok, summary.failed, summary.exit_code) == (1, 1, 0)
    (err,) = read_table(out, "errors").to_pylist()
    assert err["stage"] == "analyze" and err["error_type"] == "RuntimeError"
    assert err["message"] == f"{small[0]}: RuntimeError: stage exploded on two lines"
    assert read_table(out, "works")["path"].to_pylist() == [str(small[1])]


def test_cli_exit_codes_and_empty_tables(tmp_path, capsys):
    from ficlens.cli import main

    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["batch", str(tmp_path / "empty.txt"), str(tmp_path / "nothing-here.txt"), "--out", str(out),
                 "--workers", "0", "--no-progress"])
    assert code == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["failed"] == 1 and summary["input_problems"] == 1
    stages = {e["stage"] for e in read_table(out, "errors").to_pylist()}
    assert stages == {"ingest", "input"}
    con = duckdb.connect()
    for name in ("works", "quotations"):  # no rows, but a typed schema
        cols = [r[0] for r in con.sql(f"DESCRIBE SELECT * FROM read_parquet('{out}/{name}/*.parquet')").fetchall()]
        assert cols == SCHEMAS[name].names
    assert main(["batch", str(tmp_path / "empty.txt"), "--out", str(out), "--workers", "0", "--no-progress"]) == 2
    assert main(["batch", str(tmp_path / "empty.txt"), "--out", str(out), "--workers", "0", "--no-progress",
                 "--overwrite", "--tables", "bogus"]) == 2
    assert (out / MANIFEST_DIR).is_dir()


def test_a_dead_worker_task_becomes_error_rows_and_leaves_no_half_part(tmp_path, seed_paths):
    """A task lost with its worker (OOM, KilledWorker) is recorded per work; its stray files go."""
    from ficlens.batch.local import SerialRunner
    from ficlens.export.parquet import part_path

    class DyingRunner(SerialRunner):
        def run(self, parts, out, tables):
            parts = list(parts)
            dead, rest = parts[0], parts[1:]
            # the task had renamed one table into place before its process was killed
            stray = part_path(out, "works", dead.part_id)
            stray.parent.mkdir(parents=True, exist_ok=True)
            stray.write_bytes(b"PAR1 half a part")
            yield dead, MemoryError("worker process was killed")
            yield from super().run(rest, out, tables)

    small = sorted(seed_paths, key=lambda p: p.stat().st_size)[:2]
    out = tmp_path / "out"
    summary = run_batch([str(p) for p in small], out, workers=0, progress=False, max_part_bytes=1,
                        runner=DyingRunner(TOKENS), stages=TOKENS)
    assert (summary.ok, summary.failed, summary.exit_code) == (1, 1, 0)
    (err,) = read_table(out, "errors").to_pylist()
    assert err["stage"] == "worker" and err["error_type"] == "MemoryError" and "killed" in err["message"]
    assert read_table(out, "works").num_rows == 1
    assert len(list((out / "works").glob("part-*.parquet"))) == 1

    again = run_batch([str(p) for p in small], out, workers=0, resume=True, progress=False, stages=TOKENS)
    assert (again.ok, again.skipped, again.failed) == (1, 1, 0)
    assert read_table(out, "errors").num_rows == 0 and read_table(out, "works").num_rows == 2


def test_process_pool_survives_a_worker_process_dying(tmp_path):
    from ficlens.batch.local import ProcessRunner

    from .crashy import run_part_or_die

    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"w{i}.txt").write_text(f"Story {i}.\n\nShe said {i} words.\n", encoding="utf-8")
    (src / "crash.txt").write_text("This one takes its process down.\n", encoding="utf-8")
    runner = ProcessRunner((), workers=2, task=run_part_or_die)
    try:
        summary = run_batch([str(src)], tmp_path / "out", progress=False, max_part_bytes=1, stages=(),
                            runner=runner)
    finally:
        runner.close()
    assert (summary.ok, summary.failed, summary.exit_code) == (3, 1, 0)
    (err,) = read_table(tmp_path / "out", "errors").to_pylist()
    assert Path(err["path"]).name == "crash.txt" and err["stage"] == "worker"
    assert err["error_type"] == "BrokenProcessPool"
    assert sorted(Path(p).name for p in read_table(tmp_path / "out", "works")["path"].to_pylist()) == \
        [f"w{i}.txt" for i in range(3)]


def test_resume_reruns_a_part_whose_files_went_missing(tmp_path, seed_paths):
    small = sorted(seed_paths, key=lambda p: p.stat().st_size)[:2]
    out = tmp_path / "out"
    first = run_batch([str(p) for p in small], out, workers=0, progress=False, stages=TOKENS, max_part_bytes=1)
    assert first.ok == 2
    manifests = read_manifests(out)
    victim = manifests[0]
    (out / "chapters" / f"part-{victim['part']}.parquet").unlink()
    again = run_batch([str(p) for p in small], out, workers=0, resume=True, progress=False, stages=TOKENS)
    assert (again.ok, again.skipped) == (1, 1)
    assert read_table(out, "works").num_rows == 2 and read_table(out, "chapters").num_rows == 2
    assert victim["part"] not in {m["part"] for m in read_manifests(out)}


def test_work_timeout_stops_one_slow_work(tmp_path, monkeypatch):
    import time as _time

    import ficlens.batch.task as task

    real = task.analyze

    def slow_on_one(work, stages):
        if work.meta.source_path.endswith("slow.txt"):
            _time.sleep(30)
        return real(work, stages)

    monkeypatch.setattr(task, "analyze", slow_on_one)
    for name in ("slow.txt", "fast.txt"):
        (tmp_path / name).write_text(f"{name} begins.\n\nIt ends.\n", encoding="utf-8")
    t0 = _time.perf_counter()
    summary = run_batch([str(tmp_path / "slow.txt"), str(tmp_path / "fast.txt")], tmp_path / "out", workers=0,
                        progress=False, stages=(), work_timeout=0.5)
    assert _time.perf_counter() - t0 < 10
    assert (summary.ok, summary.failed) == (1, 1)
    (err,) = read_table(tmp_path / "out", "errors").to_pylist()
    assert err["error_type"] == "WorkTimeout" and err["path"].endswith("slow.txt") and "0.5 s" in err["message"]
