"""`python -m pipeline draft-update`: completion notices of both shapes, in damaged text, to updates.

The fixtures in tests/fixtures/completion/ are fictional (虚构) and written for these tests:
labelled.txt has labelled fields with a numbered 整改完成情况, ASCII punctuation, a line broken
inside a word and a page number; prose.txt is a prose notice with Chinese numerals and
full-width punctuation; not-completion.txt is a plan, not a completion notice.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ROOT, assert_fails_with, copy_project, run_cli
from pipeline.notices.completion import read_completion

FIXTURES = ROOT / "tests" / "fixtures" / "completion"


def draft(name: str, *args) -> dict:
    result = run_cli("draft-update", FIXTURES / name, "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_labelled_fields_with_a_numbered_list():
    found = draft("labelled.txt", "--as-of", "2026-11-22")
    assert (found["item_number"], found["status"], found["date"]) == (27, "销号公示中", "2026-11-20")
    assert found["publicity"] == {"start": "2026-11-20", "end": "2026-11-26", "days": 7, "stated_days": 7,
                                  "days_unit": "天"}
    assert (found["department"], found["phone"]) == ("示例县生态环境分局（虚构）", "0000-0000000")
    assert found["text"] == ("1. 已对沿岸12家散乱污企业全部完成取缔，断水断电，清除原料；\n"
                             "2. 已建立河长巡查台账，每周巡查一次；\n3. 已完成沿岸绿化3.5公里。\n\n"
                             "整改结论：经验收，该问题已完成整改，达到销号条件。")
    assert found["fields"]["task"] == "示例河（虚构）沿岸存在散乱污企业，群众反映强烈。"
    assert found["lines"]["period"] == 19 and found["lines"]["number"] == 5


def test_prose_with_chinese_numerals():
    found = draft("prose.txt", "--as-of", "2026-11-22")
    assert (found["item_number"], found["item_text"], found["status"]) == (10, "第十项", "销号公示中")
    assert found["publicity"] == {
        "start": "2026-11-20", "end": "2026-11-24", "days": 5, "stated_days": 5, "days_unit": "天"}
    assert (found["department"], found["phone"]) == ("虚构示例市督察整改办公室", "0000-1111111")
    assert found["text"].endswith("经核查，示例湖周边3处排污口已全部封堵，湖区水质由劣Ⅴ类提升至Ⅳ类，连续三个月监测达标，整改任务已完成。")
    assert "公示时间" not in found["text"] and "联系电话" not in found["text"]


def test_a_period_that_ended_before_the_as_of_date_is_closed():
    found = draft("prose.txt", "--as-of", "2026-12-02")
    assert (found["status"], found["date"]) == ("已销号", "2026-12-02")
    assert found["notes"] == ["公示期已于 2026-11-24 结束：请核实公示期内无异议、确已销号，再发布“已销号”。"]


def test_the_item_is_matched_in_the_named_notice(tmp_path):
    project = copy_project(tmp_path / "p", notices=("zhengzhou-2017-178",))
    result = run_cli("draft-update", FIXTURES / "labelled.txt", "--notice", "zhengzhou-2017-178", "--as-of", "2026-11-22",
                     root=project)
    assert result.returncode == 0, result.stderr
    assert "items:\n- zhengzhou-2017-178-l1-27\n" in result.stdout and "status: 销号公示中\n" in result.stdout
    result = run_cli("draft-update", FIXTURES / "labelled.txt", "--notice", "zhengzhou-2017-178", "--json", root=project)
    assert json.loads(result.stdout)["item_id"] == "zhengzhou-2017-178-l1-27"


def test_an_unknown_notice_is_an_error(tmp_path):
    project = copy_project(tmp_path / "p", notices=("zhengzhou-2017-178",))
    result = run_cli("draft-update", FIXTURES / "labelled.txt", "--notice", "nowhere-2020", root=project)
    assert_fails_with(result, "--notice", None, "draft.unknown-notice")


def test_a_text_that_is_not_a_completion_notice_fails():
    result = run_cli("draft-update", FIXTURES / "not-completion.txt")
    assert_fails_with(result, str(FIXTURES / "not-completion.txt"), None, "draft.not-completion-notice")


@pytest.mark.parametrize("text, number", [
    ("关于第二十七项整改任务完成情况的公示", 27), ("序号十：某某问题", 10), ("第27项问题整改完成", 27),
    ("问题编号：二十七", 27), ("问题编号：2017-178-27", 27),
])
def test_item_numbers_in_the_shapes_notices_use(text, number):
    lines = [text, "公示时间：2026年11月20日至26日。"]
    found = read_completion(lines, "2026-11-22")
    assert (found.item_number, found.start, found.end) == (number, "2026-11-20", "2026-11-26")


@pytest.mark.parametrize("period, start, end, days", [
    ("公示时间：2026年11月20日—11月26日", "2026-11-20", "2026-11-26", 7),
    ("公示期：2026.11.20-2026.11.26", "2026-11-20", "2026-11-26", 7),
    ("公示期为2026-12-28至2027-01-03，共7天", "2026-12-28", "2027-01-03", 7),
    ("公 示 时 间 ： 2026 年 11 月 20 日 至 2026 年 11 月 24 日", "2026-11-20", "2026-11-24", 5),
])
def test_publicity_periods_in_the_spellings_found(period, start, end, days):
    found = read_completion(["第1项整改完成情况公示", period], "2026-11-22")
    assert (found.start, found.end, found.days) == (start, end, days)


def test_a_day_count_that_disagrees_is_noted():
    found = read_completion(["第1项", "公示时间：2026年11月20日至2026年11月26日，共5天。"], "2026-11-22")
    assert found.days == 7 and found.stated_days == 5
    assert found.notes == ["原文写“共5天”，但 2026-11-20 至 2026-11-26 共 7 天：请核对原文。"]


def test_a_label_broken_across_lines_is_found():
    found = read_completion(["问题编号：3", "整改完", "成情况：已全部完成。", "公示时间：2026年11月20日至11月26日"], "2026-11-22")
    assert found.text == "已全部完成。" and found.item_number == 3


def test_fixture_files_say_they_are_fictional():
    for path in Path(FIXTURES).glob("*.txt"):
        assert "虚构" in path.read_text(encoding="utf-8"), path
