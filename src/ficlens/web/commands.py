"""``ficlens serve``: the local web app over a library file."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from ficlens.library.store import DEFAULT_PATH

    p = sub.add_parser("serve", help="browse, filter and read the library in a web browser")
    p.add_argument("--library", metavar="FILE", default=None, help=f"the library file (default {DEFAULT_PATH})")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ficlens.library.store import DEFAULT_PATH
    from ficlens.web.app import create_app

    local = args.host in ("127.0.0.1", "localhost", "::1")
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if local else None  # refuse DNS-rebinding hosts locally
    app = create_app(args.library or DEFAULT_PATH, allowed_hosts=hosts)
    if not local:
        print(f"ficlens serve: listening on {args.host}: anyone who can reach it can read your library",
              file=sys.stderr)
    print(f"ficlens library at http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
