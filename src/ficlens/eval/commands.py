"""``ficlens eval quotes|characters|coref|tags``: each prints one JSON object."""

from __future__ import annotations

import argparse
import importlib

EVALS = {
    "quotes": ("ficlens.eval.quotes", "quotation detection and speaker/addressee attribution on PDNC-layout folders", "DIR"),
    "characters": ("ficlens.eval.characters", "character clusters against PDNC character_info.csv", "DIR"),
    "coref": ("ficlens.eval.coref", "coreference of PER chains on LitBank CoNLL files", "DIR"),
    "tags": ("ficlens.eval.tags", "predicted AO3 tags against an expected_tags.json file", "FILE"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate ficlens against gold annotations; prints JSON")
    evsub = p.add_subparsers(dest="eval_command", required=True)
    for name, (module, help_text, metavar) in EVALS.items():
        ep = evsub.add_parser(name, help=help_text)
        ep.add_argument("paths", nargs="+", metavar=metavar)
        ep.add_argument("--out", help="also write the JSON to this file")
        ep.add_argument("--details", action="store_true", help="include per-item details")
        if name == "coref":
            ep.add_argument("--gold-mentions", action="store_true",
                            help="cluster the key's PER mention spans instead of the mentions ficlens finds")
        ep.set_defaults(func=_runner(module))


def _runner(module: str):
    def run(args: argparse.Namespace) -> int:
        return int(importlib.import_module(module).main(args) or 0)

    return run
