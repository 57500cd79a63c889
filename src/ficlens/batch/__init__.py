"""Corpus scale: analyse an archive in parallel and write Parquet tables (``ficlens batch``).

- :mod:`ficlens.batch.run` - ``run_batch(inputs, out, ...)``, the whole run
- :mod:`ficlens.batch.plan` - hash inputs, skip finished works, group the rest into parts
- :mod:`ficlens.batch.task` - what a worker does with one part (analyse, tabulate, commit)
- :mod:`ficlens.batch.local` - serial and process-pool runners
- :mod:`ficlens.batch.dask_runner` - Dask runner (LocalCluster or a running scheduler)
- :mod:`ficlens.batch.manifest` - commit records, clean-up of killed runs, ``_SUCCESS``

Rows come from :mod:`ficlens.export.tables`, files from :mod:`ficlens.export.parquet`;
the layout is documented in docs/batch-schema.md, cluster use in docs/scaling-out.md.
"""
