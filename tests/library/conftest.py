"""Library fixtures: hand-made works with known tags, and a synthetic library checked by brute force."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ficlens.document import Evidence, Tag, Work
from ficlens.ingest.build import work_from_text
from ficlens.library.store import Library
from ficlens.library.synthetic import synthetic_work


def make_work(title: str, text: str, *, authors=("anon",), rating="", warnings=(), relationships=(), characters=(),
              additional=(), predicted=(), ids=None, url="", updated="", summary="") -> Work:
    """A small work whose tags are exactly the ones given (predicted: (type, name, confidence))."""
    work = work_from_text(text, title=title)
    m = work.meta
    m.authors, m.rating, m.warnings = list(authors), rating, list(warnings)
    m.relationships, m.characters, m.additional_tags = list(relationships), list(characters), list(additional)
    m.ids, m.source_url, m.updated, m.summary = dict(ids or {}), url, updated, summary
    work.tags = [Tag(t, n, c, evidence=[Evidence(0, min(20, len(text)), text[:20], f"cue for {n}")])
                 for t, n, c in predicted]
    return work


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    with Library(tmp_path / "lib.sqlite") as library:
        yield library


@pytest.fixture(scope="session")
def synth(tmp_path_factory) -> tuple[Library, dict[int, Work]]:
    """200 synthetic works stored through the store API, with the Work objects to check results against."""
    path = tmp_path_factory.mktemp("synth") / "synth.sqlite"
    library = Library(path)
    rng = random.Random(7)
    works = {}
    for i in range(200):
        w = synthetic_work(i, random.Random(rng.random()), paragraphs=rng.randint(4, 40))
        works[library.add_work(w).work_id] = w
    statuses = ["unread", "reading", "read", "dropped"]
    for wid in works:
        library.set_status(wid, statuses[wid % 4])
    yield library, works
    library.close()
