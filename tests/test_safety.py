"""Small guarantees against careless or hostile input: spreadsheet formulas, the calendar, templates."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from helpers import assert_fails_with, build, copy_project, line_number, notice_dir
from pipeline.outputs.data import spreadsheet_safe, write_csv
from pipeline.settings import china_today

FORMULAS = ["=1+2", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "@SUM(A1:A9)", "+1+1", "-2+3", "\t=1",
            "\r=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_cell_gets_an_apostrophe(tmp_path, text):
    path = tmp_path / "rows.csv"
    write_csv(path, [{"id": "x", "title": text, "count": -3}])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row == {"id": "x", "title": "'" + text, "count": "-3"}


def test_text_that_is_no_formula_is_written_as_it_is():
    assert [spreadsheet_safe(v) for v in ["郑州市", "2020年10月底", "1=1", "a-b", 7, None]] == [
        "郑州市", "2020年10月底", "1=1", "a-b", 7, None]


def test_a_formula_in_a_notice_reaches_json_exactly_and_csv_neutralised(tmp_path):
    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07",))
    (notice_dir(project, "luanchuan-2019-07") / "corrections.yml").write_text(
        "# 测试用更正示例（sample corrections for tests only）\n"
        "- item: l1-1\n  field: title\n  value: '=HYPERLINK(\"http://evil.example\",\"点此\")'\n  reason: 测试用\n  date: 2026-12-02\n",
        encoding="utf-8")
    out = tmp_path / "site"
    assert build(project, out).returncode == 0
    issue = next(i for i in json.loads((out / "data/issues.json").read_text(encoding="utf-8")) if i["id"].endswith("l1-1"))
    assert issue["title"] == '=HYPERLINK("http://evil.example","点此")'
    for path in [out / "data/issues.csv", out / "notices/luanchuan-2019-07/issues.csv"]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert "'" + issue["title"] in cells
        assert [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))] == []


def test_the_default_as_of_date_is_today_in_china():
    late_evening_utc = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.timezone.utc)
    assert china_today(late_evening_utc) == dt.date(2026, 12, 2)
    assert china_today(dt.datetime(2026, 12, 1, 15, 59, tzinfo=dt.timezone.utc)) == dt.date(2026, 12, 1)


def test_a_misspelt_template_variable_stops_the_build_at_its_line(tmp_path):
    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07",))
    template = project / "themes/gov/templates/unit.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ unit.issue_count }} 项", "{{ unit.isue_count }} 项"),
                        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert_fails_with(result, "themes/gov/templates/unit.html", line_number(template, '<div><dt>涉及事项</dt>'),
                      "theme.template-error")
    assert not (tmp_path / "site").exists()
