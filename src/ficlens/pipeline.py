"""The ordered analysis stages. ``Pipeline()(work)`` enriches a work in place.

Like a spaCy pipeline, it is a list of named components, each reading the
work and adding its own annotations. ``ficlens.pipeline.DEFAULT_STAGES`` is
the order; ``Pipeline(stages=[...])`` runs a subset (every stage runs the
stages it needs first if they have not run).
"""

from __future__ import annotations

import importlib
import time
from typing import Callable, Protocol

from ficlens.document import Work


class Stage(Protocol):
    """A pipeline component: enriches ``work`` in place and returns it."""

    name: str
    requires: tuple[str, ...]

    def __call__(self, work: Work) -> Work: ...


# name -> "module:factory"; factories build a ready stage (models loaded once).
STAGE_FACTORIES: dict[str, str] = {
    "tokens": "ficlens.stages.tokens:TokenStage",
    "characters": "ficlens.stages.characters:CharacterStage",
    "quotes": "ficlens.stages.quotes:QuoteStage",
    "relationships": "ficlens.stages.relationships:RelationshipStage",
    "tags": "ficlens.stages.tags:TagStage",
}
DEFAULT_STAGES: tuple[str, ...] = tuple(STAGE_FACTORIES)

_CACHE: dict[str, Stage] = {}


def get_stage(name: str) -> Stage:
    """The stage called ``name``, built once per process."""
    if name not in _CACHE:
        module, _, attr = STAGE_FACTORIES[name].partition(":")
        factory: Callable[[], Stage] = getattr(importlib.import_module(module), attr)
        _CACHE[name] = factory()
    return _CACHE[name]


class Pipeline:
    def __init__(self, stages: tuple[str, ...] | list[str] = DEFAULT_STAGES) -> None:
        self.names = list(stages)

    def __repr__(self) -> str:
        return f"Pipeline({' -> '.join(self.names)})"

    def __call__(self, work: Work) -> Work:
        for name in self.names:
            run_stage(work, name)
        return work


def run_stage(work: Work, name: str) -> Work:
    """Run ``name`` on ``work`` (and, first, whatever it requires), once."""
    if name in work.stages_run:
        return work
    stage = get_stage(name)
    for req in stage.requires:
        run_stage(work, req)
    t0 = time.perf_counter()
    stage(work)
    work.stats.setdefault("stage_seconds", {})[name] = round(time.perf_counter() - t0, 4)
    work.stages_run.append(name)
    return work


def analyze(work: Work, stages: tuple[str, ...] | list[str] = DEFAULT_STAGES) -> Work:
    """Run the pipeline on one work."""
    return Pipeline(stages)(work)
