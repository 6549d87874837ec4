"""The seed build equals the committed golden files (tests/golden/, see tests/golden_files.py).

A failure shows what a change changed for readers; if the change is intended,
run `invoke golden --update` and commit the new golden files with it.
"""
from __future__ import annotations

import pytest

from golden_files import GOLDEN_FILES, differences


@pytest.fixture(scope="module")
def golden_diffs(built_site) -> dict[str, str]:
    return differences(built_site)


@pytest.mark.parametrize("path", GOLDEN_FILES)
def test_build_matches_golden_file(golden_diffs, path):
    assert path not in golden_diffs, (
        f"{path} differs from tests/golden (run `invoke golden --update` if the change is intended):\n"
        f"{golden_diffs.get(path)}")
