"""``ficlens fandoms list | detect | lookup | ship | check``: inspect the fandom packs."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fandoms", help="fandom packs: list, detect a story's fandom, look up names and ships")
    fsub = p.add_subparsers(dest="fandoms_command", required=True)

    fsub.add_parser("list", help="the known packs (bundled and $FICLENS_FANDOM_PACKS)").set_defaults(func=_list)

    d = fsub.add_parser("detect", help="detect the fandom of story files; prints one JSON line per file")
    d.add_argument("paths", nargs="+", metavar="FILE")
    d.add_argument("--explain", action="store_true", help="also list the words that counted")
    d.set_defaults(func=_detect)

    lk = fsub.add_parser("lookup", help="resolve character names in one fandom")
    lk.add_argument("fandom")
    lk.add_argument("names", nargs="+", metavar="NAME")
    lk.set_defaults(func=_lookup)

    sh = fsub.add_parser("ship", help="read ship names (KakaSaku, Dean/Cas) as AO3 relationship tags")
    sh.add_argument("ships", nargs="+", metavar="SHIP")
    sh.add_argument("--fandom", default=None)
    sh.add_argument("--platonic", action="store_true", help="write 'A & B' instead of 'A/B'")
    sh.set_defaults(func=_ship)

    ck = fsub.add_parser("check", help="validate pack JSON files")
    ck.add_argument("paths", nargs="+", metavar="PACK.json")
    ck.set_defaults(func=_check)


def _list(args: argparse.Namespace) -> int:
    from ficlens.fandoms import all_packs

    for pack in sorted(all_packs(), key=lambda p: p.fandom):
        print(f"{pack.fandom}\t{len(pack.characters)} characters\t{pack.source}")
    return 0


def _detect(args: argparse.Namespace) -> int:
    from ficlens.errors import IngestError
    from ficlens.fandoms import detect_fandoms
    from ficlens.fandoms.detect import explain
    from ficlens.ingest import expand_inputs, load_work

    paths, problems = expand_inputs(args.paths)
    for problem in problems:
        print(f"ficlens: {problem}", file=sys.stderr)
    status = 1 if problems else 0
    for path in paths:
        try:
            work = load_work(path)
        except IngestError as err:
            print(f"ficlens: {err}", file=sys.stderr)
            status = 1
            continue
        found = detect_fandoms(work.text)
        row: dict = {"path": str(path), "fandoms": [[f, c] for f, c in found], "declared": work.meta.fandoms}
        if args.explain and found:
            row["evidence"] = explain(work.text, found[0][0])[:15]
        print(json.dumps(row, ensure_ascii=False))
    return status


def _lookup(args: argparse.Namespace) -> int:
    from ficlens.fandoms import get_pack

    pack = get_pack(args.fandom)
    if pack is None:
        print(f"ficlens: no fandom pack for {args.fandom!r}", file=sys.stderr)
        return 1
    for name in args.names:
        hit = pack.lookup_scored(name)
        print(f"{name}\t{hit[0].canonical}\t{hit[1]}" if hit else f"{name}\t-\t0")
    return 0


def _ship(args: argparse.Namespace) -> int:
    from ficlens.fandoms import parse_ship, relationship_tag

    status = 0
    for ship in args.ships:
        names = parse_ship(ship, args.fandom)
        if names is None:
            print(f"{ship}\t-")
            status = 1
        else:
            print(f"{ship}\t{relationship_tag(names, romantic=not args.platonic)}")
    return status


def _check(args: argparse.Namespace) -> int:
    from ficlens.fandoms.validate import check_pack_file

    status = 0
    for path in args.paths:
        problems = check_pack_file(path)
        for problem in problems:
            print(f"{path}: {problem}")
        if problems:
            status = 1
        else:
            print(f"{path}: ok")
    return status
