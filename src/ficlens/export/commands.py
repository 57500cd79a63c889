"""``ficlens analyze PATH... [--out DIR] [--format json|html|booknlp]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ficlens.document import Work
from ficlens.errors import FiclensError
from ficlens.export.summary import summary_line

FORMATS = ("json", "html", "booknlp")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse works and write reports",
                       description="Analyse each work (files, folders, globs, manifests) and write one report per "
                                   "work and format. Bad files get a one-line error; exit status is 0 when at least "
                                   "one work was analysed (1 with --strict if any failed), 2 when none was.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", default="ficlens-out", help="output folder (default: ./ficlens-out)")
    p.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                   help="json (default), html or booknlp; repeat for several")
    p.add_argument("--stages", help="comma-separated subset of the pipeline (default: all)")
    p.add_argument("--tokens", action="store_true", help="include tokens in the JSON output")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input failed")
    p.add_argument("--quiet", action="store_true", help="no per-work summary lines")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ficlens.ingest import expand_inputs, load_work
    from ficlens.pipeline import DEFAULT_STAGES, analyze

    formats = args.formats or ["json"]
    stages = tuple(s.strip() for s in args.stages.split(",")) if args.stages else DEFAULT_STAGES
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths, problems = expand_inputs(args.paths)
    for problem in problems:
        print(f"ficlens: error: {problem}", file=sys.stderr)
    ok, failed = 0, len(problems)
    stems: set[str] = set()
    for path in tqdm(paths, desc="analysing", unit="work", disable=len(paths) < 2 or None, file=sys.stderr):
        try:
            work = analyze(load_work(path), stages)
            written = write_outputs(work, out, unique_stem(path, stems), formats, args.tokens)
        except FiclensError as err:
            print(f"ficlens: error: {err}", file=sys.stderr)
            failed += 1
            continue
        except Exception as err:  # one bad work must not stop the run
            print(f"ficlens: error: {path}: {type(err).__name__}: {' '.join(str(err).split())}", file=sys.stderr)
            failed += 1
            continue
        ok += 1
        if not args.quiet:
            print(summary_line(work, path, written))
    if ok == 0:
        print("ficlens: error: no work could be analysed", file=sys.stderr)
        return 2
    return 1 if (failed and args.strict) else 0


def unique_stem(path: Path, used: set[str]) -> str:
    stem, k = path.stem, 2
    while stem in used:
        stem, k = f"{path.stem}-{k}", k + 1
    used.add(stem)
    return stem


def write_outputs(work: Work, out: Path, stem: str, formats: list[str], include_tokens: bool = False) -> list[Path]:
    from ficlens.export.booknlp import write_booknlp
    from ficlens.export.html_report import write_html
    from ficlens.export.json_export import write_json

    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        if fmt == "json":
            written.append(write_json(work, out / f"{stem}.json", include_tokens))
        elif fmt == "html":
            written.append(write_html(work, out / f"{stem}.html"))
        elif fmt == "booknlp":
            written.extend(write_booknlp(work, out, stem))
    return written
