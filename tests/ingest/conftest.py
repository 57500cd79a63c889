"""Fixtures of the ingest tests: the format fixture generator and its files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FORMATS = HERE.parent / "data" / "formats"


def _load_generator():
    spec = importlib.util.spec_from_file_location("ficlens_tests_ingest_make_fixtures", HERE / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()


@pytest.fixture(scope="session")
def gen():
    """The fixture generator module (story, metadata, builders)."""
    return GEN


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    return FORMATS
