"""A task that kills its worker process on a part holding ``crash.txt`` (for the process-pool tests)."""

from __future__ import annotations

import os
from pathlib import Path

from ficlens.batch.task import run_part


def run_part_or_die(part, out, tables, stages):
    if any(Path(i.path).name == "crash.txt" for i in part.items):
        os._exit(3)  # as an out-of-memory kill would: no exception, no clean-up
    return run_part(part, out, tables, stages)
