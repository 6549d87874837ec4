"""Shared fixtures: the real content, parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import load_all

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "content" / "notices"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def loaded():
    """(results, aliases) for every notice in content/."""
    return load_all(ROOT)


@pytest.fixture(scope="session")
def results(loaded):
    return {result.meta.id: result for result in loaded[0]}


@pytest.fixture(scope="session")
def all_issues(results):
    return [issue for result in results.values() for issue in result.issues]
