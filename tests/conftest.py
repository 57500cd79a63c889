"""Shared test fixtures: paths to the bundled seeds and to ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED = ROOT.parent / "shared"
PDNC = SHARED / "data" / "pdnc"
LITBANK = SHARED / "data" / "litbank"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def pdnc_dir() -> Path:
    if not PDNC.is_dir():
        pytest.skip("../shared/data/pdnc is not present")
    return PDNC


@pytest.fixture(scope="session")
def litbank_dir() -> Path:
    if not LITBANK.is_dir():
        pytest.skip("../shared/data/litbank is not present")
    return LITBANK
