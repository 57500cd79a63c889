"""Commit records of an output folder: ``_manifest/<part>.json`` and ``_SUCCESS``.

A part counts as written only once its manifest exists; the manifest is the
last file a task writes. Anything on disk without one (a run killed mid-part)
is removed before the next run starts.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ficlens.batch.plan import DoneState
from ficlens.export.parquet import EMPTY_PART, part_path, remove_part, write_parquet_atomic
from ficlens.export.tables import SCHEMAS

MANIFEST_DIR = "_manifest"
TMP_DIR = "_tmp"
SUCCESS = "_SUCCESS"


def write_json_atomic(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def write_manifest(out: str | Path, part: str, entries: list[dict[str, Any]], counts: dict[str, int]) -> None:
    """Commit ``part``: ``entries`` are one dict per input (path, size, mtime_ns, sha256, status...)."""
    write_json_atomic({"part": part, "works": entries, "rows": counts}, Path(out) / MANIFEST_DIR / f"{part}.json")


def read_manifests(out: str | Path) -> list[dict[str, Any]]:
    folder = Path(out) / MANIFEST_DIR
    if not folder.is_dir():
        return []
    found = []
    for p in sorted(folder.glob("*.json")):
        try:
            found.append(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # unreadable manifest: its part is treated as not written and cleaned up
    return found


def done_state(manifests: Iterable[dict[str, Any]]) -> DoneState:
    """Works written successfully by earlier runs."""
    state = DoneState()
    for m in manifests:
        for e in m["works"]:
            if e.get("status") == "ok" and e.get("sha256"):
                state.by_path[e["path"]] = (e.get("size", -1), e.get("mtime_ns", -1), e["sha256"])
                state.hashes.add(e["sha256"])
    return state


def has_previous_run(out: str | Path) -> bool:
    return any((Path(out) / MANIFEST_DIR).glob("*.json")) if (Path(out) / MANIFEST_DIR).is_dir() else False


def complete_manifests(out: str | Path, manifests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The manifests whose part files are all on disk; the others (files deleted by hand, or removed
    by a clean-up racing a task of a killed run) are deleted so their works run again."""
    good = []
    for m in manifests:
        rows = m.get("rows", {})
        if all(part_path(out, name, m["part"]).is_file() for name, n in rows.items() if n and name in SCHEMAS):
            good.append(m)
        else:
            (Path(out) / MANIFEST_DIR / f"{m['part']}.json").unlink(missing_ok=True)
    return good


def clean_uncommitted(out: str | Path, manifests: list[dict[str, Any]]) -> int:
    """Delete scratch files and part files that no manifest commits; returns files removed."""
    out = Path(out)
    shutil.rmtree(out / TMP_DIR, ignore_errors=True)
    committed = {m["part"] for m in manifests}
    removed = 0
    for name in SCHEMAS:
        folder = out / name
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if f.name.startswith(".") and f.name.endswith(".tmp"):
                f.unlink(missing_ok=True)
                removed += 1
            elif f.name.startswith("part-") and f.name.endswith(".parquet") and f.name != EMPTY_PART:
                if f.name[len("part-"):-len(".parquet")] not in committed:
                    f.unlink(missing_ok=True)
                    removed += 1
    for f in (out / MANIFEST_DIR).glob(".*.tmp") if (out / MANIFEST_DIR).is_dir() else []:
        f.unlink(missing_ok=True)
    return removed


def forget_errors(out: str | Path, manifests: list[dict[str, Any]], retry_paths: set[str]) -> int:
    """Drop earlier error rows about ``retry_paths`` and input problems (a rerun reports them afresh).

    The errors file is rewritten before its manifest, so a kill in between only
    means the file is retried once more. Returns the number of rows dropped.
    """
    dropped = 0
    for m in manifests:
        bad = [e for e in m["works"] if e.get("status") == "error"
               and (e["path"] in retry_paths or e.get("stage") == "input")]
        if not bad:
            continue
        gone = {e["path"] for e in bad}
        keep_entries = [e for e in m["works"] if not (e.get("status") == "error" and e["path"] in gone)]
        err_file = part_path(out, "errors", m["part"])
        n_left = 0
        if err_file.exists():
            table = pq.read_table(err_file, schema=SCHEMAS["errors"])
            mask = pc.invert(pc.is_in(table["path"], value_set=pa.array(sorted(gone))))
            kept = table.filter(mask)
            dropped += table.num_rows - kept.num_rows
            n_left = kept.num_rows
            if n_left:
                write_parquet_atomic(kept, err_file)
            else:
                err_file.unlink()
        counts = dict(m.get("rows", {}))
        counts["errors"] = n_left
        if keep_entries:
            write_manifest(out, m["part"], keep_entries, counts)
        else:
            remove_part(out, m["part"])
            (Path(out) / MANIFEST_DIR / f"{m['part']}.json").unlink(missing_ok=True)
    return dropped


def remove_outputs(out: str | Path) -> None:
    """Delete what a batch run writes (table folders, manifests, scratch, marker), nothing else."""
    out = Path(out)
    for name in list(SCHEMAS) + [MANIFEST_DIR, TMP_DIR]:
        shutil.rmtree(out / name, ignore_errors=True)
    (out / SUCCESS).unlink(missing_ok=True)
