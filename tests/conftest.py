"""Shared fixtures: the real content, parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build_real_site
from pipeline.build import load_all

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "content" / "notices"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built once per session as of AS_OF."""
    out = tmp_path_factory.mktemp("site") / "output"
    build_real_site(out)
    return out


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
