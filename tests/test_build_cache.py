"""A rebuild from the build cache (pipeline/cache.py) is byte-identical to a full build, and reuses what
did not change.

A project of two notices is built once with `--cache`; then one file is changed the way editors change
them (a progress update added, a correction, a meta.yml edited) and the site is built again from that
cache and, for comparison, from nothing.  The update and the correction are fictional test data (虚构).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import AS_OF, copy_project, run_cli, snapshot
from pipeline.cache import MISSING, BuildCache, content_key

NOTICES = ("luanchuan-2019-07", "zhengzhou-2020-0416")
KEPT = 239  # the pages kept in the cache (page_cache.PAGE_INPUTS): items, notices, regions, units, …
EVERY_BUILD = 24  # the pages rendered every build: all issues, its subsets, …
CHANGED = NOTICES[0]
UPDATE = f"---\nitems: [{CHANGED}-l1-3]\ndate: 2026-11-18\nstatus: 推进中\n---\n测试样例（虚构）：整改推进中。\n"
CORRECTION = "- item: l1-3\n  field: title\n  value: 测试用标题（虚构）\n  reason: 测试用更正（虚构）\n  date: 2026-11-20\n"


def add_update(project: Path) -> None:
    folder = project / "content" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11-18-test.md").write_text(UPDATE, encoding="utf-8")


def add_correction(project: Path) -> None:
    (project / "content" / "notices" / CHANGED / "corrections.yml").write_text(CORRECTION, encoding="utf-8")


def edit_meta(project: Path) -> None:
    meta = project / "content" / "notices" / CHANGED / "meta.yml"
    text = meta.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    meta.write_text(text.replace("\ntitle: ", "\ntitle: （测试）", 1), encoding="utf-8")


def build(project: Path, out: Path, cache: Path | None) -> str:
    result = run_cli("build", "--output", out, "--as-of", AS_OF, "--no-history", "--pdf-cache",
                     project.parent / "pdf-cache", *(["--cache", cache] if cache else []), root=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def entries(cache: Path, kind: str) -> set[str]:
    return {p.name for p in (cache / kind).iterdir()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, Path]:
    """The project and its cache after a first build."""
    base = tmp_path_factory.mktemp("cached")
    project = copy_project(base / "project", notices=NOTICES)
    first = build(project, base / "first", base / "cache")
    assert f"页面 pages: 0 from the cache, {KEPT} rendered and kept, {EVERY_BUILD} rendered every build" in first
    return project, base / "cache"


@pytest.mark.parametrize("change, reparsed, same_shards, recaptioned, rerendered", [
    # an update changes no searched text: no notice parsed, the shards reused.  Pages rendered again: the
    # item's and its two neighbours' (they show its row), its notice's, its two units', its county's, city's and
    # province's, and its notice's generated 督办公开 edition (which shows its progress)
    (add_update, 0, True, 0, 10),
    # a corrected title is searched text, and read in its week's TV script (that week's page instead of the edition)
    (add_correction, 1, False, 1, 10),
    # the notice's title shows on its page and its 31 items', on the 29 units' and 3 regions' pages that list its
    # rows, on its edition and on its week's TV script: 66
    (edit_meta, 1, False, 1, 66),
], ids=["update", "correction", "meta"])
def test_a_rebuild_from_the_cache_equals_a_full_build(warm, tmp_path, change, reparsed, same_shards, recaptioned,
                                                      rerendered):
    project, cache = tmp_path / "project", tmp_path / "cache"
    shutil.copytree(warm[0], project)
    shutil.copytree(warm[1], cache)
    shutil.copytree(warm[0].parent / "pdf-cache", tmp_path / "pdf-cache")
    parsed_before, shards_before = entries(cache, "parsed"), entries(cache, "search-shards")
    captions_before = entries(cache, "captions")
    change(project)
    printed = build(project, tmp_path / "cached", cache)
    build(project, tmp_path / "full", None)
    cached, full = snapshot(tmp_path / "cached"), snapshot(tmp_path / "full")
    assert sorted(cached) == sorted(full)
    assert [name for name in full if cached[name] != full[name]] == []
    parsed_after = entries(cache, "parsed")
    assert len(parsed_after) == len(NOTICES) and len(parsed_after - parsed_before) == reparsed
    assert (entries(cache, "search-shards") == shards_before) is same_shards  # one entry: the old one pruned
    assert f"页面 pages: {KEPT - rerendered} from the cache, {rerendered} rendered and kept, {EVERY_BUILD}" in printed
    assert len(entries(cache, "page")) == KEPT  # the changed pages' old entries pruned
    captions_after = entries(cache, "captions")  # one entry a week's script, the changed one's old entry pruned
    assert len(captions_after) == len(captions_before) == 12 and len(captions_after - captions_before) == recaptioned


def test_a_project_moved_elsewhere_builds_from_its_cache(warm, tmp_path):
    """A parse result names its notice's text by path (the original is copied from there): a project renamed
    or restored elsewhere with its cache reads its own files, not the old place's, and parses nothing again."""
    shutil.copytree(warm[0], tmp_path / "before")
    shutil.copytree(warm[1], tmp_path / "cache")
    shutil.copytree(warm[0].parent / "pdf-cache", tmp_path / "pdf-cache")
    build(tmp_path / "before", tmp_path / "site", tmp_path / "cache")
    parsed_before = entries(tmp_path / "cache", "parsed")
    moved = (tmp_path / "before").rename(tmp_path / "moved")
    build(moved, tmp_path / "site", tmp_path / "cache")
    build(moved, tmp_path / "full", None)
    assert snapshot(tmp_path / "site") == snapshot(tmp_path / "full")
    assert entries(tmp_path / "cache", "parsed") == parsed_before


def test_a_changed_input_or_pipeline_is_a_miss(tmp_path, monkeypatch):
    cache = BuildCache(tmp_path)
    cache.put("kind", content_key("a", b"b"), [1, 2])
    assert BuildCache(tmp_path).get("kind", content_key("a", b"b")) == [1, 2]
    assert BuildCache(tmp_path).get("kind", content_key("ab", b"")) is MISSING  # parts are length-prefixed
    monkeypatch.setattr("pipeline.cache.code_stamp", lambda: "another pipeline")
    assert BuildCache(tmp_path).get("kind", content_key("a", b"b")) is MISSING


def test_an_unreadable_entry_is_a_miss_and_no_folder_keeps_nothing(tmp_path):
    (tmp_path / "kind").mkdir()
    (tmp_path / "kind" / "k").write_bytes(b"not a pickle")
    assert BuildCache(tmp_path).get("kind", "k") is MISSING
    nothing = BuildCache(None)
    nothing.put("kind", "k", 1)
    assert nothing.get("kind", "k") is MISSING


def test_prune_keeps_only_what_this_build_used(tmp_path):
    first = BuildCache(tmp_path)
    first.put("kind", "old", 1)
    first.put("other", "kept", 2)
    second = BuildCache(tmp_path)
    second.put("kind", "new", 3)
    second.prune()
    assert entries(tmp_path, "kind") == {"new"} and entries(tmp_path, "other") == {"kept"}  # kinds it did not use stay
