"""The seed build equals the committed golden files (tests/golden/, see tests/golden_files.py).

A failure shows what a change changed for readers; if the change is intended,
run `invoke golden --update` and commit the new golden files with it.
"""
from __future__ import annotations

import pytest

from golden_files import GOLDEN, GOLDEN_FILES, differences


@pytest.fixture(scope="module")
def golden_diffs(built_site) -> dict[str, str]:
    return differences(built_site)


@pytest.mark.parametrize("path", GOLDEN_FILES)
def test_build_matches_golden_file(golden_diffs, path):
    assert path not in golden_diffs, (
        f"{path} differs from tests/golden (run `invoke golden --update` if the change is intended):\n"
        f"{golden_diffs.get(path)}")


def test_published_json_is_compact_and_golden_json_is_one_value_a_line(built_site):
    """Published JSON carries no indentation (a sixth of issues.json); the golden copy is indented for review."""
    published = sorted(built_site.rglob("*.json"))
    assert len(published) > 10
    for path in published:
        text = path.read_text(encoding="utf-8")
        assert text.rstrip("\n").count("\n") == 0, path
    golden = (GOLDEN / "data" / "issues.json").read_text(encoding="utf-8")
    assert golden.startswith('[\n {\n  "id": ')
