"""Shared fixtures: paths to ../shared (real data), the seeds, and a fresh store per test.

Tests read real text from ``../shared/``. Locally a missing shared file skips the test; under CI
(``CI=true``) it fails, because a green run that skipped its real-data tests proves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip (locally) / fail (CI) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def seed_unn() -> Path:
    return shared_path("seeds", "000_54660de2647fc609.txt")


@pytest.fixture
def seed_zn() -> Path:
    return shared_path("seeds", "003_5d8bebfd66070adc.txt")


@pytest.fixture
def store(tmp_path: Path):
    from storyline.store import Store

    s = Store.open(tmp_path / "test.db")
    yield s
    s.close()
