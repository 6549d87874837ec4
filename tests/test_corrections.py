"""Editors' corrections: fix a parsed field without touching the raw notice.

content/notices/<id>/corrections.yml (format at the top of
pipeline/inputs/corrections.py) must be applied on every parse, say where each
corrected value came from, and stop the build with a file:line message when
an entry is stale, points nowhere or has the wrong shape.  Record ids must
not depend on the wording of the raw text.
"""
from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from helpers import (
    SHANGQIU,
    ZHENGZHOU,
    assert_fails_with,
    build,
    copy_project,
    line_number,
    load_problems,
    notice_dir,
    rewrite_raw,
    sha256_file,
    snapshot,
)
from pipeline.inputs.content import load_content
from pipeline.notices.finish import unit_id
from pipeline.settings import content_settings

CORRECTIONS = f"content/notices/{SHANGQIU}/corrections.yml"
PRINTED_DEADLINE = "20193月底前，持续推进"  # item l1-5 of the Shangqiu notice: 2019 lacks its 年
FIXED_DEADLINE = "2019年3月底前，持续推进"
SAMPLE_HEADER = "# 测试用更正示例，非真实更正（sample corrections for tests only）\n"


@pytest.fixture
def project(tmp_path):
    """A throw-away copy of the project (the two notices these tests use) whose content tests may change."""
    project = copy_project(tmp_path / "project", notices=(SHANGQIU, ZHENGZHOU))
    (notice_dir(project, SHANGQIU) / "corrections.yml").unlink()  # the real one; tests write their own
    return project


def write_corrections(project, entries: str):
    """Write the Shangqiu notice's corrections.yml; `entries` is YAML, indented freely."""
    path = notice_dir(project, SHANGQIU) / "corrections.yml"
    path.write_text(SAMPLE_HEADER + textwrap.dedent(entries).lstrip("\n"), encoding="utf-8")
    return path


def issues_by_id(project) -> dict:
    results = load_content(content_settings(project)).notices
    return {issue.id: issue for result in results for issue in result.issues}


def record(project, local_id: str, notice: str = SHANGQIU):
    return issues_by_id(project)[f"{notice}-{local_id}"]


DEADLINE_FIX = f"""
- item: l1-5
  field: deadline
  value: {FIXED_DEADLINE}
  reason: 原文“2019”后缺“年”字
  date: 2026-12-02
"""


# --- corrections are applied and say so --------------------------------------

def test_printed_deadline_is_the_one_we_correct(project):
    """Guard: the tests below assume item l1-5 prints the broken deadline."""
    assert record(project, "l1-5").deadline.text == PRINTED_DEADLINE


def test_deadline_correction_is_applied(project):
    """The corrected text is published, normalised, and marked as a correction with its reason."""
    path = write_corrections(project, DEADLINE_FIX)
    issue = record(project, "l1-5")
    assert issue.deadline.text == FIXED_DEADLINE
    assert issue.deadline.date == "2019-03-31"
    assert [(c.field, c.reason) for c in issue.corrections] == [("deadline", "原文“2019”后缺“年”字")]
    assert issue.field_sources["deadline"].via == "correction"
    assert issue.field_sources["deadline"].ref == f"{CORRECTIONS}:{line_number(path, '- item: l1-5')}"


def test_correction_survives_reparsing(project):
    """Corrections live beside the raw text, so every fresh parse applies them again, and reading
    them changes no file: the raw text still matches the checksum in meta.yml."""
    raw = notice_dir(project, SHANGQIU) / "notice.txt"
    write_corrections(project, DEADLINE_FIX)
    content = snapshot(project / "content")
    first = record(project, "l1-5").deadline
    second = record(project, "l1-5").deadline
    assert first == second
    assert second.text == FIXED_DEADLINE
    assert snapshot(project / "content") == content
    assert f"sha256: {sha256_file(raw)}" in (raw.parent / "meta.yml").read_text(encoding="utf-8")


def test_unit_list_correction(project):
    """A YAML list of names replaces the unit field exactly, and each name gets its unit id."""
    before = record(project, "l1-5").lead_units
    write_corrections(project, """
        - item: l1-5
          field: lead_units
          value: [市纪委监委, 市生态环境局]
          reason: 测试：改写牵头单位
          date: 2026-12-02
        """)
    units = record(project, "l1-5").lead_units
    assert [u.name for u in units] == ["市纪委监委", "市生态环境局"]
    assert [u.id for u in units] == [unit_id("shangqiu", "市纪委监委"), unit_id("shangqiu", "市生态环境局")]
    assert units[0].id == next(u.id for u in before if u.name == "市纪委监委")


def test_matching_was_is_applied(project):
    """`was` equal to the parsed value confirms the editor saw what they are replacing."""
    write_corrections(project, DEADLINE_FIX + f"  was: {PRINTED_DEADLINE}\n")
    assert record(project, "l1-5").deadline.text == FIXED_DEADLINE


# --- corrections that cannot be applied stop the build ------------------------

# (test id, corrections.yml entries, start of the line the problem must point to, its code)
BAD_CORRECTIONS = [
    ("stale-was", DEADLINE_FIX + "  was: 2019年4月底前\n", "- item: l1-5", "correction.stale"),
    ("no-such-item", DEADLINE_FIX.replace("l1-5", "l1-99"), "- item: l1-99", "correction.no-match"),
    ("unknown-field", DEADLINE_FIX.replace("field: deadline", "field: colour"), "  field: colour",
     "correction.unknown-field"),
    ("deadline-as-mapping", DEADLINE_FIX.replace(f"value: {FIXED_DEADLINE}", "value: {year: 2019, month: 3}"),
     "- item: l1-5", "correction.wrong-type"),
    ("deadline-as-yaml-date", DEADLINE_FIX.replace(f"value: {FIXED_DEADLINE}", "value: 2019-03-31"),
     "- item: l1-5", "correction.wrong-type"),
    ("missing-reason", DEADLINE_FIX.replace("  reason: 原文“2019”后缺“年”字\n", ""), "- item: l1-5",
     "correction.missing-key"),
]
BAD_IDS = [case[0] for case in BAD_CORRECTIONS]


@pytest.mark.parametrize("name, entries, line_start, code", BAD_CORRECTIONS, ids=BAD_IDS)
def test_bad_correction_is_an_error(project, name, entries, line_start, code):
    """Each unusable entry is one error naming corrections.yml, the entry's line and a code."""
    path = write_corrections(project, entries)
    assert load_problems(project) == [(CORRECTIONS, line_number(path, line_start), code)]


def test_bad_correction_via_cli(project, tmp_path):
    """On the command line: exit 1, file:line and code, no traceback, no site."""
    path = write_corrections(project, BAD_CORRECTIONS[0][1])
    result = build(project, tmp_path / "out")
    assert_fails_with(result, CORRECTIONS, line_number(path, "- item: l1-5"), "correction.stale")
    assert not (tmp_path / "out").exists()


def test_every_bad_correction_is_reported_in_one_run(project):
    path = write_corrections(project, DEADLINE_FIX.replace("l1-5", "l1-99") + DEADLINE_FIX.replace(
        "field: deadline", "field: colour"))
    assert load_problems(project) == [
        (CORRECTIONS, line_number(path, "  field: colour"), "correction.unknown-field"),
        (CORRECTIONS, line_number(path, "- item: l1-99"), "correction.no-match"),
    ]


def test_empty_name_in_unit_list_is_an_error(project):
    """An empty bullet is a typo; it must not become a unit called 'None'."""
    path = write_corrections(project, """
        - item: l1-5
          field: lead_units
          value:
            - 市纪委监委
            -
          reason: 测试用：空的名称
          date: 2026-12-02
        """)
    assert load_problems(project) == [(CORRECTIONS, line_number(path, "- item: l1-5"), "correction.wrong-type")]


def test_unquoted_date_value_is_a_wrong_type(project):
    """`value: 2019-03-31` without quotes is read by YAML as a date: the editor is told to quote it."""
    path = write_corrections(project, """
        - item: l1-5
          field: deadline
          value: 2019-03-31
          reason: 测试用：未加引号的日期
          date: 2026-12-02
        """)
    assert load_problems(project) == [(CORRECTIONS, line_number(path, "- item: l1-5"), "correction.wrong-type")]


def test_unquoted_impossible_date_value_is_the_text_written(project):
    """`value: 2019-02-30` is no date to YAML either: it stays the text the editor wrote, undated."""
    write_corrections(project, """
        - item: l1-5
          field: deadline
          value: 2019-02-30
          reason: 测试用：不存在的日期
          date: 2026-12-02
        """)
    deadline = record(project, "l1-5").deadline
    assert (deadline.text, deadline.kind, deadline.date) == ("2019-02-30", "unknown", None)


# --- record ids do not depend on the text -------------------------------------

def test_ids_are_stable_when_raw_text_changes(project):
    """Rewording an item's problem text (a re-extracted raw file) keeps every record id."""
    before = issues_by_id(project)
    old_problem = before[f"{ZHENGZHOU}-l1-3"].problem
    assert "部分辖区政府" in old_problem

    def reword_item_3(lines):
        return [t.replace("部分辖区政府", "个别辖区政府", 1) if t.startswith("3. ") else t for t in lines]

    rewrite_raw(notice_dir(project, ZHENGZHOU), reword_item_3)
    after = issues_by_id(project)
    assert list(after) == list(before)
    assert after[f"{ZHENGZHOU}-l1-3"].problem == old_problem.replace("部分辖区政府", "个别辖区政府", 1)


def test_same_field_corrected_twice_is_an_error(project):
    """Two corrections of one field would silently keep the last; the editor must choose."""
    path = write_corrections(project, """
        - item: l1-5
          field: deadline
          value: 2019年3月底前，持续推进
          reason: 测试用：第一处
          date: 2026-12-02
        - item: l1-5
          field: deadline
          value: 2019年4月底前，持续推进
          reason: 测试用：第二处
          date: 2026-12-02
        """)
    assert load_problems(project) == [
        (CORRECTIONS, line_number(path, "- item: l1-5", occurrence=2), "correction.twice")]


# --- what readers see: the value, the original beside it, the public record ----

def test_a_correction_keeps_the_original_its_lines_and_its_date(project):
    """The record keeps the wording it replaced and the notice lines it came from, so pages can show both."""
    path = write_corrections(project, DEADLINE_FIX)
    issue = record(project, "l1-5")
    (correction,) = issue.corrections
    assert (correction.original, correction.corrected, correction.date) == (PRINTED_DEADLINE, FIXED_DEADLINE, "2026-12-02")
    raw = notice_dir(project, SHANGQIU) / "notice.txt"
    line = line_number(raw, "整改时限:20193月底前")
    assert (issue.field_sources["deadline"].line_start, issue.field_sources["deadline"].line_end) == (line, line)
    assert correction.line == line_number(path, "- item: l1-5")


def test_the_guides_real_example_is_the_correction_in_content(root, results):
    """content/README.md cites the Shangqiu correction as a real example: it must be exactly what content holds."""
    guide = (root / "content" / "README.md").read_text(encoding="utf-8")
    example = guide.split("## 4.")[1].split("```yaml\n")[1].split("```")[0]
    cited = yaml.safe_load(example)
    published = yaml.safe_load((root / CORRECTIONS).read_text(encoding="utf-8"))
    assert cited == published
    (issue,) = [i for i in results[SHANGQIU].issues if i.id == f"{SHANGQIU}-l1-5"]
    assert (issue.deadline.text, issue.deadline.date) == (FIXED_DEADLINE, "2019-03-31")
    assert [(c.field, c.original, c.corrected) for c in issue.corrections] == [
        ("deadline", PRINTED_DEADLINE, FIXED_DEADLINE)]


def test_the_issue_page_shows_the_original_wording_beside_the_corrected_value(built_site):
    """Never the corrected text under the label 原文: it says 编辑更正为 and quotes what the notice prints."""
    html = (built_site / "issues" / f"{SHANGQIU}-l1-5" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert f"编辑更正为：“{FIXED_DEADLINE}”" in text
    assert f"原文作“{PRINTED_DEADLINE}”，编辑更正为“{FIXED_DEADLINE}”" in text
    assert f"原文：“{FIXED_DEADLINE}" not in text
    assert 'href="../../corrections/#shangqiu-2019-0403-l1-5-deadline"' in html


def test_every_correction_is_on_the_public_corrections_page(built_site):
    """One row per correction with its date, item, field, before and after; the footer links the page."""
    html = (built_site / "corrections" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="([^"]+)">(.*?)</tr>', html, flags=re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
             for _, row in rows]
    assert [anchor for anchor, _ in rows] == ["shangqiu-2019-0403-l1-5-deadline"]
    assert cells == [["2026-12-02", "商丘市2019年整改方案第五项原文第 236 行", "整改时限",
                      f"“{PRINTED_DEADLINE}”", f"“{FIXED_DEADLINE}”", "原文“20193月底前”缺“年”字"]]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./corrections/">更正记录</a>' in home
