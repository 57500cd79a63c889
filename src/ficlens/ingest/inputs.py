"""Turn command-line inputs (files, folders, globs, manifests) into file paths."""

from __future__ import annotations

import glob
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".epub"}


def expand_inputs(inputs: list[str], manifest_suffix: str = ".list") -> tuple[list[Path], list[str]]:
    """Files to read, in a stable order, and one-line problems with inputs that name nothing.

    A folder is searched recursively for supported files; a glob is expanded;
    a file ending in ``.list`` (or named ``manifest*.txt``) lists one path per line.
    """
    paths: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            paths.append(p)

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in q.relative_to(p).parts))
            if not found:
                problems.append(f"{item}: folder holds no supported file ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
            for q in found:
                add(q)
        elif p.is_file() and (p.suffix == manifest_suffix or p.name.startswith("manifest")):
            base = p.parent
            for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    q = Path(line) if Path(line).is_absolute() else base / line
                    if q.exists():
                        add(q)
                    else:
                        problems.append(f"{q}: listed in {p} but not found")
        elif p.exists():
            add(p)
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.append(f"{item}: no file matches")
            for m in matches:
                if Path(m).is_file():
                    add(Path(m))
        else:
            problems.append(f"{item}: no such file or folder")
    return paths, problems
