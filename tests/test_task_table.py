"""The flattened task table at the end of 郑政文〔2017〕178号: every row read, none matched on a guess."""
from __future__ import annotations

import pytest

NOTICE = "zhengzhou-2017-178"


@pytest.fixture(scope="module")
def notice(results):
    return results[NOTICE].notice


def test_every_row_is_read_in_order(notice):
    rows = notice.table_rows
    assert len(rows) == 30
    assert [(r.time, r.measures[:8]) for r in rows[:3]] == [
        ("2017年12月底前", "关闭煤矿2家，淘"), ("2017年9月底前", "整治取缔“散乱污"), ("2017年采暖季前", "完成火电、钢铁、")]
    assert (rows[-1].heading, rows[-1].time) == ("矿山整治强化露天矿山综合治理", "2017年9月底前")
    assert [r.time for r in rows if r.heading == "提高柴油车排放标准"] == ["2017年7月1日起", "2018年1月1日起"]


def test_dates_inside_the_measures_stay_text(notice):
    permits = next(r for r in notice.table_rows if r.heading.endswith("完成重点行业企业排污许可证核发"))
    assert permits.time == "2017年12月底前"
    assert permits.measures.startswith("2017年6月底前，完成火电行业排污许可证发放；2017年10月底前，")


def test_nothing_of_the_table_is_lost(notice, results):
    """Every printed line between the table's header and the next annex lies inside some row."""
    raw = results[NOTICE].raw_lines
    header = next(n for n, t in enumerate(raw, 1) if "".join(t.split()).startswith("类别重点工作主要任务完成时限"))
    end = next(n for n, t in enumerate(raw, 1) if n > header and "".join(t.split()).startswith("附件"))
    covered = {n for r in notice.table_rows for n in range(r.line_start, r.line_end + 1)}
    printed = {n for n in range(header + 1, end) if raw[n - 1].strip()}
    assert printed - covered == set()


def test_a_row_restates_a_task_only_with_the_same_title(notice, results):
    matched = {r.issue: r.reason for r in notice.table_rows if r.issue}
    assert matched == {
        f"{NOTICE}-l1-8": "表中“主要任务”与该项标题“化解煤炭过剩产能”相同",
        f"{NOTICE}-l1-24": "表中“主要任务”与该项标题“大力推广新能源汽车”相同",
    }
    mining = next(r for r in notice.table_rows if r.heading.endswith("强化露天矿山综合治理"))
    assert mining.issue is None  # task 38 is 强力推进露天矿山综合整治: similar is not the same
    issues = {i.id: i for i in results[NOTICE].issues}
    assert issues[f"{NOTICE}-l1-8"].deadline.milestones == ("2017-10-31", "2017-12-31")
    assert issues[f"{NOTICE}-l1-8"].deadline.date == "2017-12-31"
    assert issues[f"{NOTICE}-l1-8"].table_row.time == "2017年12月底前"


def test_only_completion_times_are_dates(notice):
    assert {r.time: r.completion for r in notice.table_rows if r.time in ("全年", "采暖季", "2017年7月1日起",
                                                                           "2018年3月底前")} == {
        "全年": None, "采暖季": None, "2017年7月1日起": None, "2018年3月底前": "2018-03-31"}
