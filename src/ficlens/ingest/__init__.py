"""Ingestion: read a file of any supported format and return one :class:`Work`.

``load_work(path)`` detects the format and encoding; ``expand_inputs`` turns
files, folders, globs and manifest files into the list of files to read.
Every failure is an :class:`ficlens.errors.IngestError` naming the file.
"""

from __future__ import annotations

from ficlens.ingest.inputs import expand_inputs
from ficlens.ingest.detect import load_work

__all__ = ["load_work", "expand_inputs"]
