"""How every ``ficlens eval`` command hands back its result: one JSON object on stdout, and ``--out``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def emit(result: dict[str, Any], args: argparse.Namespace) -> None:
    """Print ``result`` as JSON and, with ``--out FILE``, write the same text there."""
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if getattr(args, "out", None):
        Path(args.out).write_text(text + "\n", encoding="utf-8")
