"""The analysis gives the same answer whatever Python's hash seed (batch workers and reruns agree)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _analyze(seed: str, path, out) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "ficlens", "analyze", str(path), "--out", str(out), "--quiet"],
                   check=True, env=env)
    d = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
    d.pop("stats")  # holds timings
    return d


def test_same_result_under_different_hash_seeds(seed_paths, tmp_path):
    path = seed_paths[1]  # the longest seed: most characters, quotations and ties
    a = _analyze("1", path, tmp_path / "a")
    b = _analyze("2", path, tmp_path / "b")
    assert a["characters"] and a["quotations"] and a["tags"]
    for key in a:
        assert a[key] == b[key], key
