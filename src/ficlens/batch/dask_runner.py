"""Run parts on Dask: a LocalCluster (``--dask local``) or a running scheduler (``--dask tcp://host:8786``).

Workers need ficlens installed and the output folder mounted at the same path
(they write their parts themselves; see docs/scaling-out.md). A worker plugin
loads the models once per worker process. The client keeps at most
``in_flight`` futures alive, so neither it nor the scheduler holds the corpus.
A part whose worker died more than ``distributed.scheduler.allowed-failures``
times comes back as ``KilledWorker`` and is recorded in ``errors``.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from ficlens.batch.plan import Part
from ficlens.batch.task import run_part, warm

Outcome = tuple[Part, "dict[str, Any] | BaseException"]


class WarmStages(WorkerPlugin):
    """Load the pipeline's models when a worker starts (and on workers that join later)."""

    name = "ficlens-warm-stages"

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = tuple(stages)

    def setup(self, worker: Any) -> None:
        warm(self.stages)


class DaskRunner:
    name = "dask"

    def __init__(self, stages: tuple[str, ...], address: str = "local", workers: int | None = None,
                 in_flight: int | None = None, processes: bool = True) -> None:
        self.stages = stages
        self.cluster: LocalCluster | None = None
        if address == "local":
            from ficlens.batch.local import default_workers

            self.cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                        processes=processes, dashboard_address=":0")
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        self.client.register_plugin(WarmStages(stages))
        self.workers = max(1, sum(self.client.nthreads().values()))
        self.in_flight = in_flight or 2 * self.workers
        self.address = self.client.scheduler.address

    def run(self, parts: Iterable[Part], out: str, tables: tuple[str, ...]) -> Iterator[Outcome]:
        queue = iter(parts)
        pending: dict[str, Part] = {}
        futures = as_completed()

        def submit_next() -> bool:
            part = next(queue, None)
            if part is None:
                return False
            fut = self.client.submit(run_part, part, out, tables, self.stages, key=f"ficlens-part-{part.part_id}",
                                     pure=False)
            pending[fut.key] = part
            futures.add(fut)
            return True

        while len(pending) < self.in_flight and submit_next():
            pass
        for fut in futures:
            part = pending.pop(fut.key)
            try:
                result: dict[str, Any] | BaseException = fut.result()
            except Exception as err:  # KilledWorker, lost connection, an error in run_part itself
                result = err
            fut.release()
            yield part, result
            submit_next()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
