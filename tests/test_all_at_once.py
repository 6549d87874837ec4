"""A file with several mistakes reports all of them in one run, each with its line and code.

Editors fix what the build lists and run it again; a build that shows one
mistake at a time costs them a round trip per mistake.
"""
from __future__ import annotations

import pytest

from helpers import (
    SHANGQIU, ZHENGZHOU, assert_fails_with, copy_project, line_number, load_problems, notice_dir, run_cli,
    set_meta_line,
)

META = f"content/notices/{ZHENGZHOU}/meta.yml"
ALIASES = "content/units/aliases.yml"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project", notices=(ZHENGZHOU, SHANGQIU))


def test_every_bad_list_entry_and_region_level_is_reported(project):
    folder = notice_dir(project, ZHENGZHOU)
    meta = folder / "meta.yml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace("  declared_count: null", "  declared_count: -1\n  colour: red")
    text = text.replace("  city: 郑州市", "  city: 开封市\n  contry: 中国")
    meta.write_text(text, encoding="utf-8")
    assert sorted(load_problems(project)) == sorted([
        (META, line_number(meta, "  declared_count: -1"), "meta.bad-declared-count"),
        (META, line_number(meta, "  colour: red"), "meta.unknown-key"),
        (META, line_number(meta, "  city: 开封市"), "meta.unknown-region"),
        (META, line_number(meta, "  contry: 中国"), "meta.unknown-key"),
    ])


def test_a_folder_missing_its_text_and_misnamed_reports_both(project):
    folder = notice_dir(project, ZHENGZHOU)
    (folder / "notice.txt").unlink()
    folder = folder.rename(folder.with_name("zhengzhou-2020-80"))
    meta = "content/notices/zhengzhou-2020-80/meta.yml"
    assert load_problems(project) == [
        (meta, line_number(folder / "meta.yml", "id:"), "notice.folder-not-id"),
        ("content/notices/zhengzhou-2020-80/notice.txt", None, "notice.missing-text"),
    ]


def test_a_typo_in_a_correction_key_names_the_typo(project):
    path = notice_dir(project, SHANGQIU) / "corrections.yml"
    path.write_text("# 测试用更正示例（sample corrections for tests only）\n"
                    "- item: l1-5\n  field: deadline\n  value: 2019年3月底前\n  resaon: 原文缺字\n", encoding="utf-8")
    corrections = f"content/notices/{SHANGQIU}/corrections.yml"
    assert load_problems(project) == [(corrections, line_number(path, "  resaon:"), "correction.unknown-key"),
                                      (corrections, line_number(path, "- item: l1-5"), "correction.missing-key")]


def test_aliases_and_notices_are_checked_in_the_same_run(project):
    aliases = project / "content" / "units" / "aliases.yml"
    aliases.write_text(aliases.read_text(encoding="utf-8").replace(
        "collective_patterns: []", "collective_patterns:\n  - '各(县'\n  - '^乡'\n  - '[镇'"), encoding="utf-8")
    line = line_number(set_meta_line(notice_dir(project, ZHENGZHOU), "kind", "kind: 整改"), "kind:")
    assert load_problems(project) == [
        (ALIASES, line_number(aliases, "  - '各(县'"), "aliases.bad-pattern"),
        (ALIASES, line_number(aliases, "  - '[镇'"), "aliases.bad-pattern"),
        (META, line, "meta.bad-kind"),
    ]


@pytest.mark.parametrize("text, line, code", [
    ("[]\n", 1, "aliases.not-a-mapping"),
    ("units: ''\n", 1, "yaml.wrong-type"),
    ("collective_patterns: 0\n", 1, "yaml.wrong-type"),
], ids=["a-list", "units-as-text", "patterns-as-number"])
def test_aliases_of_the_wrong_shape_are_problems(project, text, line, code):
    (project / "content" / "units" / "aliases.yml").write_text(text, encoding="utf-8")
    assert load_problems(project) == [(ALIASES, line, code)]


def test_report_and_init_read_no_site_setting(project, tmp_path, monkeypatch):
    """A bad SITE_URL or SITE_AS_OF concerns the build, not the commands that publish nothing."""
    monkeypatch.setenv("SITE_URL", "not a url")
    monkeypatch.setenv("SITE_AS_OF", "yesterday")
    assert run_cli("report", "--quiet", root=project).returncode == 0
    assert_fails_with(run_cli("build", "--output", tmp_path / "out", root=project), "SITE_AS_OF", None,
                      "settings.bad-as-of")


def test_init_refuses_an_id_that_would_make_a_bad_url(project, tmp_path):
    text = project / "content" / "notices" / ZHENGZHOU / "notice.txt"
    assert_fails_with(run_cli("init", text, "--id", "../郑州", root=project), "--id", None, "init.bad-id")
    assert sorted(p.name for p in (project / "content" / "notices").iterdir()) == [SHANGQIU, ZHENGZHOU]
