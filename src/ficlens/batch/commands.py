"""``ficlens batch INPUT... --out DIR``: analyse an archive into Parquet tables."""

from __future__ import annotations

import argparse
import json
import sys

from ficlens.export.tables import ALL_TABLES, DEFAULT_TABLES
from ficlens.pipeline import STAGE_FACTORIES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="analyse many works in parallel (processes or Dask) and write Parquet tables",
        description="Analyse files, folders, globs or manifest files (.list, one path a line) and write "
                    "partitioned Parquet tables to --out (schema: docs/batch-schema.md). Exit status 0 when "
                    "at least one input work is in the output (written now or by the resumed run), 1 when every "
                    "work failed or no input was found, 2 on bad usage. A bad work goes to the errors table.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, glob or manifest (.list) file")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (one sub-folder per table)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: number of cores; 0 = in this process)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="'local' starts a dask.distributed LocalCluster; tcp://host:8786 uses a running scheduler")
    p.add_argument("--resume", action="store_true",
                   help="continue an earlier run in --out: skip works already written, retry failed ones")
    p.add_argument("--overwrite", action="store_true", help="replace an earlier run's output in --out")
    p.add_argument("--tables", default="default", metavar="LIST",
                   help=f"'default' ({','.join(DEFAULT_TABLES)}), 'all' (+ {','.join(ALL_TABLES[len(DEFAULT_TABLES):])}) "
                        "or a comma-separated list")
    p.add_argument("--stages", default=None, metavar="LIST",
                   help="comma-separated pipeline stages (default: the full pipeline; each stage brings what it needs)")
    p.add_argument("--part-mb", type=float, default=4.0, metavar="MB",
                   help="at most this much text per task / part file (default 4)")
    p.add_argument("--work-timeout", type=float, default=None, metavar="SECONDS",
                   help="give up on a work after this long (errors table); local processes only, not on Dask")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from ficlens.batch.run import BatchError, run_batch

    if args.workers is not None and args.workers < 0:
        print("ficlens batch: --workers must be 0 or more", file=sys.stderr)
        return 2
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip()) if args.stages else None
    unknown = sorted(set(stages or ()) - set(STAGE_FACTORIES))
    if unknown:
        print(f"ficlens batch: unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGE_FACTORIES)}",
              file=sys.stderr)
        return 2
    try:
        summary = run_batch(args.inputs, args.out, workers=args.workers, dask=args.dask, resume=args.resume,
                            overwrite=args.overwrite, tables=args.tables, stages=stages,
                            max_part_bytes=max(1, int(args.part_mb * 1024 * 1024)), progress=not args.no_progress,
                            work_timeout=args.work_timeout)
    except (BatchError, ValueError) as err:
        print(f"ficlens batch: {err}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_dict()))
    return summary.exit_code
