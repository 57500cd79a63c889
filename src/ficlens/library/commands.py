"""``ficlens library add|search|status|note|show|export``."""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys

from ficlens.library.store import DEFAULT_PATH, STATUSES, Library

EXPORT_FIELDS = ("id", "title", "authors", "fandoms", "rating", "words", "chapters", "status", "completion",
                 "published", "updated", "added", "source_url", "source_path", "notes")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("library", help="a searchable library of analysed works (SQLite)")
    lsub = p.add_subparsers(dest="library_command", required=True)

    def cmd(name: str, help_text: str, func) -> argparse.ArgumentParser:
        c = lsub.add_parser(name, help=help_text)
        c.add_argument("--library", metavar="FILE", default=None,
                       help=f"the library file (default {DEFAULT_PATH})")
        c.set_defaults(func=func)
        return c

    c = cmd("add", "analyse files, folders or globs and store them", _add)
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--stages", default=None,
                   help="comma-separated pipeline stages to run (default: the whole pipeline)")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")
    c.add_argument("--jobs", type=int, default=1, help="analyse in this many processes (default 1)")

    c = cmd("search", "search with AO3-style filters", _search)
    c.add_argument("query", nargs="?", default="", help="words to find in the story text, title or summary")
    c.add_argument("--include", action="append", default=[], metavar="TAG", help="required tag (repeatable, AND)")
    c.add_argument("--exclude", action="append", default=[], metavar="TAG", help="excluded tag (repeatable, OR)")
    c.add_argument("--rating", default="")
    c.add_argument("--words", default="", metavar="RANGE", help="<1000, >100, 1000-5000")
    c.add_argument("--status", default="", choices=("",) + STATUSES)
    c.add_argument("--sort", default="", choices=("", "title", "author", "words", "updated", "added", "relevance"))
    c.add_argument("--order", default="", choices=("", "asc", "desc"))
    c.add_argument("--threshold", type=float, default=0.5, help="confidence needed for predicted tags (0.5)")
    c.add_argument("--page", type=int, default=1)
    c.add_argument("--per-page", type=int, default=50)
    c.add_argument("--json", action="store_true", help="print JSON")

    c = cmd("status", "set the reading status of a work", _status)
    c.add_argument("id", type=int)
    c.add_argument("status", choices=STATUSES)

    c = cmd("note", "set the reader's note on a work", _note)
    c.add_argument("id", type=int)
    c.add_argument("text")

    c = cmd("show", "show one work", _show)
    c.add_argument("id", type=int)
    c.add_argument("--json", action="store_true", help="print JSON")

    c = cmd("export", "export the library as CSV or JSON", _export)
    c.add_argument("--format", choices=("csv", "json"), default="json")
    c.add_argument("--out", default=None, metavar="FILE")


def _open(args: argparse.Namespace) -> Library:
    return Library(args.library)


def _fail(message: str) -> int:
    print(f"ficlens library: {message}", file=sys.stderr)
    return 1


def _add(args: argparse.Namespace) -> int:
    from ficlens.ingest import expand_inputs
    from ficlens.library.importer import available_stages, import_paths
    from ficlens.pipeline import STAGE_FACTORIES

    paths, problems = expand_inputs(args.paths)
    for line in problems:
        print(line, file=sys.stderr)
    stages = None
    if args.stages is not None:
        stages = [s.strip() for s in args.stages.split(",") if s.strip()]
        unknown = [s for s in stages if s not in STAGE_FACTORIES]
        if unknown:
            return _fail(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGE_FACTORIES)}")
        stages = available_stages(stages)
    with _open(args) as lib:
        report = import_paths(lib, paths, stages=stages, progress=not args.no_progress, jobs=args.jobs)
    print(report.line(), file=sys.stderr)
    return 0 if report.stored or (not paths and not problems) else 1


def _search(args: argparse.Namespace) -> int:
    from ficlens.library.search import Query, QueryError, search

    q = Query(text=args.query, include=args.include, exclude=args.exclude, rating=args.rating, words=args.words,
              status=args.status, sort=args.sort, order=args.order, threshold=args.threshold, page=args.page,
              per_page=args.per_page)
    with _open(args) as lib:
        try:
            result = search(lib, q)
        except QueryError as err:
            return _fail(str(err))
        except sqlite3.OperationalError as err:
            return _fail(f"search failed: {err}")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{result['total']} works (page {result['page']} of {result['pages']})")
    for w in result["works"]:
        print(f"{w['id']:>6}  {w['title'][:50]:<50}  {w['authors'][:24]:<24}  {w['words']:>8,} words  "
              f"{w['rating'] or '-':<22}  {w['status']}")
        if w.get("snippet"):
            print("        " + " ".join(w["snippet"].split()))
    return 0


def _status(args: argparse.Namespace) -> int:
    return _set(args, lambda lib: lib.set_status(args.id, args.status))


def _note(args: argparse.Namespace) -> int:
    return _set(args, lambda lib: lib.set_note(args.id, args.text))


def _set(args: argparse.Namespace, change) -> int:
    """Apply ``change`` to the library; a missing work id is a one-line error."""
    with _open(args) as lib:
        try:
            change(lib)
        except KeyError:
            return _fail(f"no work with id {args.id} in {lib.path}")
    return 0


def _show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        work = lib.get_work(args.id)
        if work is None:
            return _fail(f"no work with id {args.id} in {lib.path}")
    if args.json:
        print(json.dumps(work, ensure_ascii=False, indent=1))
        return 0
    print(f"[{work['id']}] {work['title']} by {work['authors'] or 'unknown'}")
    print(f"  {work['words']:,} words, {work['chapters']} chapter(s), rating {work['rating'] or '-'}"
          f"{' (predicted)' if work['rating_source'] == 'predicted' else ''}, status {work['status']}")
    for ttype, names in work["author_tags"].items():
        print(f"  {ttype}: {', '.join(names)}")
    if work["predicted_tags"]:
        print("  predicted: " + ", ".join(f"{t['name']} ({t['confidence']:.2f})" for t in work["predicted_tags"]))
    if work["characters"]:
        print("  characters: " + ", ".join(c["name"] for c in work["characters"][:20]))
    if work["relationships"]:
        print("  relationships: " + ", ".join(r["tag"] or f"{r['a']} & {r['b']}" for r in work["relationships"][:10]))
    if work["notes"]:
        print(f"  note: {work['notes']}")
    return 0


def _export(args: argparse.Namespace) -> int:
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        with _open(args) as lib:
            if args.format == "json":
                out.write("[\n")
                for i, work in enumerate(lib.iter_works()):
                    out.write((",\n" if i else "") + json.dumps(work, ensure_ascii=False))
                out.write("\n]\n")
            else:
                writer = csv.writer(out)
                writer.writerow([*EXPORT_FIELDS, "author_tags", "predicted_tags", "characters", "relationships"])
                for work in lib.iter_works():
                    writer.writerow([*(work.get(f, "") for f in EXPORT_FIELDS),
                                     "; ".join(f"{t}: {n}" for t, ns in work["author_tags"].items() for n in ns),
                                     "; ".join(f"{t['type']}: {t['name']} ({t['confidence']:.2f})"
                                               for t in work["predicted_tags"]),
                                     "; ".join(c["name"] for c in work["characters"]),
                                     "; ".join(r["tag"] for r in work["relationships"] if r["tag"])])
    finally:
        if args.out:
            out.close()
    return 0
