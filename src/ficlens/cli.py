"""Command line: ``ficlens analyze | eval | library | serve | batch``.

Thin: each package registers its own sub-commands (``<package>/commands.py``
with ``register(subparsers)``); this module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "ficlens.export.commands",  # analyze
    "ficlens.eval.commands",  # eval quotes|characters|coref|tags
    "ficlens.library.commands",  # library add|search|status|note|export
    "ficlens.web.commands",  # serve
    "ficlens.batch.commands",  # batch
    "ficlens.fandoms.commands",  # fandoms list|detect|lookup|ship|check
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ficlens", description="Reads fan fiction and understands it.")
    parser.add_argument("--version", action="version", version="ficlens " + importlib.import_module("ficlens").__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name and err.name.startswith("ficlens"):
                continue  # that part of ficlens is not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
