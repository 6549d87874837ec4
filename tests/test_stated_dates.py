"""Deadlines stated in a task's own text (campaign plans print no 整改时限 field).

Every expectation below was taken by hand from the sentence in the notice;
the sentences are real ones from the seeds.
"""
from __future__ import annotations

import pytest

from pipeline.model.stated_dates import compact, stated_completion_dates


def dates(sentence: str, year: int) -> list[str]:
    return [d.date for d in stated_completion_dates(compact(sentence)[0], year)]


# (sentence from a seed, the plan's year) → no completion date
NOT_DEADLINES = [
    ("采暖季（2017年11月15日-2018年3月15日，下同）实施停产。", 2017),  # a period, 2017-178 task 7
    ("2017年10月1日起，凡存在瞒报漏报涉大气污染物排放“散乱污”企业集群的，纳入环保督察", 2017),  # a start
    ("我市从2017年6月1日起，划定市区禁止使用高排放非道路移动机械区域", 2017),  # a start, with 从
    ("从2017年9月起，在秋收阶段开展秸秆禁烧专项巡查。", 2017),
    ("2017年10月起，环保部门组织公安交通管理、交通运输……每天开展综合执法检查", 2017),
    ("自《大气十条》实施以来，未按照《大气十条》要求实现煤炭消费等量或减量替代的新建扩建耗煤项目", 2017),
    ("截至2018年10月29日，洛阳市城区环境空气质量综合指数为6.031", 2019),  # a measurement date
    ("2017年10月至2018年3月，各县（市、区）、开发区PM2.5平均浓度同比下降20%以上", 2017),  # the plan's period
    ("按照《2016-2018年绕城高速和沿黄快速路围合区域工业企业外迁计划》，完成2017年工业企业外迁任务。", 2017),
    ("在2019年完成规划编制的基础上，各县（市）、上街区要加快实施农村污水处理设施建设", 2020),  # history
    ("（国Ⅱ及以下（2009年10月1日前生产））非道路移动机械区域", 2017),  # a production date, years before
    ("2016年、2017年洛阳市对县（市、区）政府社会经济发展目标考核中，生态环境保护权重只有5分", 2019),
    ("确保纳入2017年度淘汰清单中的279台燃煤锅炉全部“清零”。", 2017),  # a list's year, not a date
    ("完成2020年度非正规垃圾堆存点排查整治工作", 2020),  # a year's work named, not a clause's target
]


@pytest.mark.parametrize("sentence, year", NOT_DEADLINES, ids=[s[:12] for s, _ in NOT_DEADLINES])
def test_a_date_that_is_no_completion_date_gives_none(sentence, year):
    assert dates(sentence, year) == []


SENTENCES = [
    ("2017年10月底前，关闭煤矿2家以上，淘汰煤炭产能30万吨以上。", 2017, ["2017-10-31"]),
    ("确保2017年10月20日前，完成99座换热站、82.5公里配套管网", 2017, ["2017-10-20"]),
    ("确保2020年底前断面水质达标。", 2020, ["2020-12-31"]),
    ("年底前，市区燃煤机组“清零”", 2020, ["2020-12-31"]),
    ("2017年完成替换1000辆，其中9月底前完成500辆，10月底前完成1000辆。", 2017,
     ["2017-12-31", "2017-09-30", "2017-10-31"]),
    ("上半年，集中开展一次入河排污口排查工作", 2020, ["2020-06-30"]),
    ("2020年底，市和县城污水处理率分别达到98%以上", 2020, ["2020-12-31"]),
    ("19.削减煤炭消费总量。2020年，全市煤炭消费量控制在2085万吨以内", 2020, ["2020-12-31"]),
    ("确保2022年前完成转型提质。", 2020, ["2022-12-31"]),
    # a year opening a clause that sets a target (2020-0416 list 2 item 11, list 1 items 28(1) and 22)
    ("等水污染风险源的排查整治工作，2020年全部整治到位。", 2020, ["2020-12-31"]),
    ("确保夏秋“零火点”。2020年全市秸秆综合利用率平均达到93%以上", 2020, ["2020-12-31"]),
    ("加快生物质等可再生能源项目建设，2020年力争可再生能源发电装机容量累计达到", 2020, ["2020-12-31"]),
    ("按照《河南省2017年加快推进供热供暖实施方案》要求，确保2017年10月20日前", 2017, ["2017-10-20"]),
    ("2018年3\n\n月", 2017, []),  # a broken line is joined first; a bare month is no completion date
    ("2017年9\n\n月底前，现有遥感监测设备实现三级联网", 2017, ["2017-09-30"]),
]


@pytest.mark.parametrize("sentence, year, expected", SENTENCES, ids=[s[:12] for s, _, _ in SENTENCES])
def test_completion_dates_in_a_sentence(sentence, year, expected):
    assert dates(sentence, year) == expected


# Item → its milestones (date order; the last is its deadline), read by hand from each task's text.
SEED_ITEMS = {
    "zhengzhou-2017-178-l1-1": ["2017-10-31"], "zhengzhou-2017-178-l1-4": ["2017-09-15"],
    "zhengzhou-2017-178-l1-6": ["2017-09-30", "2017-10-15"], "zhengzhou-2017-178-l1-8": ["2017-10-31", "2017-12-31"],  # the second from the task table
    "zhengzhou-2017-178-l1-9": ["2017-10-20"], "zhengzhou-2017-178-l1-10": ["2017-09-30", "2017-10-31"],
    "zhengzhou-2017-178-l1-15": ["2017-08-31"], "zhengzhou-2017-178-l1-18": ["2017-09-20"],
    "zhengzhou-2017-178-l1-19": ["2017-10-31"], "zhengzhou-2017-178-l1-21": ["2017-10-31"],
    "zhengzhou-2017-178-l1-22": ["2017-10-20"], "zhengzhou-2017-178-l1-23": ["2017-10-31", "2017-12-31"],
    "zhengzhou-2017-178-l1-24": ["2017-09-30", "2017-10-31", "2017-12-31"],
    "zhengzhou-2017-178-l1-25": ["2017-10-31"], "zhengzhou-2017-178-l1-26-1": ["2017-09-30", "2017-12-31"],
    "zhengzhou-2017-178-l1-28-1": ["2017-09-30"], "zhengzhou-2017-178-l1-38-3": ["2017-09-30"],
    "zhengzhou-2017-178-l1-40": ["2017-09-20"], "zhengzhou-2017-178-l1-41": ["2017-09-20"],
    "zhengzhou-2017-178-l1-42": ["2017-09-20"], "zhengzhou-2017-178-l1-45-1": ["2017-10-01"],
    "zhengzhou-2017-178-l1-45-3": ["2017-09-20"], "zhengzhou-2017-178-l1-48": ["2017-09-30"],
    "zhengzhou-2017-178-l1-49": ["2018-04-30"],
    "zhengzhou-2020-0416-l1-3": ["2020-10-31"], "zhengzhou-2020-0416-l1-4": ["2020-12-31"],
    "zhengzhou-2020-0416-l1-7": ["2020-10-31"], "zhengzhou-2020-0416-l1-10": ["2020-09-30"],
    "zhengzhou-2020-0416-l1-11": ["2020-12-31"], "zhengzhou-2020-0416-l1-16": ["2020-11-30"],
    "zhengzhou-2020-0416-l1-17-1": ["2020-10-31"], "zhengzhou-2020-0416-l1-17-3": ["2020-09-30"],
    "zhengzhou-2020-0416-l1-20": ["2020-04-30", "2020-10-31", "2020-12-31"],
    "zhengzhou-2020-0416-l1-23": ["2020-04-30", "2020-10-31"], "zhengzhou-2020-0416-l1-25": ["2022-12-31"],
    "zhengzhou-2020-0416-l1-22": ["2020-12-31"], "zhengzhou-2020-0416-l1-28-1": ["2020-12-31"],
    "zhengzhou-2020-0416-l2-11": ["2020-12-31"],
    "zhengzhou-2020-0416-l2-1": ["2020-12-31"], "zhengzhou-2020-0416-l2-2": ["2020-06-30", "2020-12-31"],
    "zhengzhou-2020-0416-l2-4": ["2020-12-31"], "zhengzhou-2020-0416-l2-7": ["2020-12-31"],
    "zhengzhou-2020-0416-l2-16": ["2020-10-31"], "zhengzhou-2020-0416-l2-18": ["2020-06-30"],
    "zhengzhou-2020-0416-l3-s1": ["2020-11-30"], "zhengzhou-2020-0416-l3-s2-4": ["2020-10-31"],
    "zhengzhou-2020-0416-l3-s3-3": ["2020-10-31"], "zhengzhou-2020-0416-l3-s6-2": ["2020-06-30"],
    "zhengzhou-2020-0416-l3-s8-2": ["2020-10-31", "2020-12-31"], "zhengzhou-2020-0416-l3-s9-4": ["2020-04-30"],
}
# Items whose text names dates but no completion date: they stay without a deadline.
STAY_UNKNOWN = ["zhengzhou-2017-178-l1-5", "zhengzhou-2017-178-l1-7", "zhengzhou-2017-178-l1-14",
                "zhengzhou-2017-178-l1-20", "zhengzhou-2017-178-l1-27-1", "zhengzhou-2017-178-l1-37",
                "zhengzhou-2020-0416-l1-17-2"]


def test_seed_items_get_the_dates_their_text_states(all_issues):
    issues = {issue.id: issue for issue in all_issues}
    assert len(SEED_ITEMS) >= 40
    got = {item: list(issues[item].deadline.milestones) for item in SEED_ITEMS}
    assert got == SEED_ITEMS
    for item, milestones in SEED_ITEMS.items():
        assert issues[item].deadline.date == milestones[-1] and issues[item].deadline_stated_in_text


def test_items_with_only_other_dates_stay_unknown(all_issues):
    issues = {issue.id: issue for issue in all_issues}
    assert [issues[item].deadline.kind for item in STAY_UNKNOWN] == ["unknown"] * len(STAY_UNKNOWN)


def test_the_deadline_points_at_the_line_it_is_read_from(all_issues, results):
    issue = next(i for i in all_issues if i.id == "zhengzhou-2017-178-l1-8")
    source = issue.field_sources["deadline"]
    assert (source.via, source.line_start, source.line_end) == ("text", 227, 227)
    raw = results["zhengzhou-2017-178"].raw_lines
    assert "2017年10月底前" in raw[source.line_start - 1]


def test_a_printed_deadline_field_always_wins(all_issues):
    """Rectification plans print 整改时限: nothing there is read from the text."""
    assert [i.id for i in all_issues if i.deadline_stated_in_text and not i.id.startswith(
        ("zhengzhou-2017-178", "zhengzhou-2020-0416"))] == []


def test_the_campaign_period_is_the_plans_not_an_items(results):
    notice = results["zhengzhou-2017-178"].notice
    assert (notice.period.text, notice.period.line_start, notice.period.line_end) == ("2017年10月至2018年3月", 62, 64)
    assert all("2018-03" not in d for i in results["zhengzhou-2017-178"].issues for d in i.deadline.milestones)
