"""How well quotation detection and speaker attribution hold up when the same novels are typeset another way.

PDNC and the seeds are all straight double marks. Fan fiction and ebooks are not: curly marks (AO3, EPUB),
British single marks, and typos (a closing mark missing, a curly mark turned the wrong way round). This
script writes PDNC-layout copies of the given folders in each style, one character for one character so that
the gold offsets still hold, runs ``ficlens eval quotes`` on each, and prints one table row per style:

    python scripts/quote_styles_eval.py ../shared/data/pdnc/PrideAndPrejudice ../shared/seeds/pdnc/*/

Styles:
  original         the folders as they are
  curly            \u201c \u201d for speech, \u2018 \u2019 for nested quotes and apostrophes
  british          \u2018 \u2019 for speech, \u201c for nested openings, \u2019 for apostrophes
  straight_single  ' for speech, " for nested openings
  curly_turned     curly, with 5% of closing and 2% of opening marks turned the wrong way (seeded)
  closers_dropped  straight, with 3% of closing marks missing and 10% of commas before a tag made full stops
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

STYLES = ("original", "curly", "british", "straight_single", "curly_turned", "closers_dropped")


def _opens(text: str, i: int) -> bool:
    """The straight mark at ``i`` opens (a space or bracket before it, a non-space after it)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in " \n\t([{\u2014-\"'") and not after.isspace()


def restyle(text: str, style: str, seed: int = 5) -> str:
    """``text`` in ``style`` (same length: one character for one character)."""
    if style == "original":
        return text
    rng = random.Random(seed)
    out = list(text)
    if style == "closers_dropped":
        for m in re.finditer(r'[^\s]"(?=\s)', text):
            if rng.random() < 0.03:
                out[m.start() + 1] = " "
        for m in re.finditer(r',"(?= [a-z]+ (?:said|asked|replied)| (?:he|she) )', text):
            if rng.random() < 0.1:
                out[m.start()] = "."
        return "".join(out)
    double = {"curly": ("\u201c", "\u201d"), "curly_turned": ("\u201c", "\u201d"),
              "british": ("\u2018", "\u2019"), "straight_single": ("'", "'")}[style]
    single = {"curly": ("\u2018", "\u2019"), "curly_turned": ("\u2018", "\u2019"),
              "british": ("\u201c", "\u2019"), "straight_single": ('"', "'")}[style]
    for i, ch in enumerate(text):
        if ch == '"':
            out[i] = double[0] if _opens(text, i) else double[1]
        elif ch == "'":
            opening = (i == 0 or text[i - 1] in " \n\t(") and i + 1 < len(text) and text[i + 1].isalpha()
            out[i] = single[0] if opening else single[1]
    if style == "curly_turned":
        for i, ch in enumerate(out):
            if ch == "\u201d" and rng.random() < 0.05:
                out[i] = "\u201c"
            elif ch == "\u201c" and rng.random() < 0.02:
                out[i] = "\u201d"
    return "".join(out)


def write_copies(folders: list[Path], style: str, root: Path,
                 transform: Callable[[str, str], str] = restyle) -> list[Path]:
    """PDNC-layout copies of ``folders`` in ``style`` under ``root/style``."""
    out = []
    for d in folders:
        dst = root / style / d.name
        dst.mkdir(parents=True, exist_ok=True)
        text = (d / "novel_text.txt").read_text(encoding="utf-8")
        (dst / "novel_text.txt").write_text(transform(text, style), encoding="utf-8")
        for name in ("quotation_info.csv", "character_info.csv"):
            shutil.copy(d / name, dst / name)
        out.append(dst)
    return out


def eval_quotes(dirs: list[Path], label: str) -> dict:
    """``ficlens eval quotes`` on ``dirs`` in a fresh process: its JSON."""
    print(f"[{label}] eval quotes on {len(dirs)} folders ...", file=sys.stderr, flush=True)
    run = subprocess.run([sys.executable, "-m", "ficlens", "eval", "quotes", *map(str, dirs)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def print_table(results: dict[str, dict], first: str) -> None:
    """One row per labelled eval: speaker accuracy, by quotation type, detection F1."""
    print(f"{first:<16} {'speaker':>8} {'Explicit':>9} {'Anaphoric':>10} {'Implicit':>9} {'det. F1':>8}")
    def cell(value: float | None, width: int) -> str:
        return f"{value:>{width}.4f}" if value is not None else f"{'-':>{width}}"  # no quotation of that type

    for label, r in results.items():
        t = r["by_type"]
        print(f"{label:<16} {cell(r['speaker_accuracy'], 8)} {cell(t.get('Explicit'), 9)} "
              f"{cell(t.get('Anaphoric'), 10)} {cell(t.get('Implicit'), 9)} {cell(r['detection']['f1'], 8)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, metavar="DIR")
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--out", type=Path, help="also write every style's eval JSON to this file")
    a = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="ficlens-styles-") as tmp:
        for style in a.styles.split(","):
            results[style] = eval_quotes(write_copies(a.dirs, style, Path(tmp)), style)
    print_table(results, "style")
    if a.out:
        a.out.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
