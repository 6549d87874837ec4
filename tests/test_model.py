"""The site model's rules, one per fact: a notice's dates and year, a region's name, labels, order.

Sample records for tests only (not real notices).
"""
from __future__ import annotations

from pipeline.model import urls
from pipeline.model.places import Unit
from pipeline.model.records import Notice, NoticeRegion
from pipeline.model.site import SiteModel


def notice(notice_id="sample-2020", issued=None, published=None, printed=None, county=None, doc=None) -> Notice:
    region = NoticeRegion("河南省", "郑州市", county, "sample")
    return Notice(notice_id, "示例通知（测试用）", ("示例市人民政府",), doc, issued, published, printed, region,
                  "rectification_plan", (), 0, "0" * 64, None, None, {}, 0)


def model(*notices: Notice) -> SiteModel:
    return SiteModel("2026-11-22", tuple(notices), (), (), (), {}, {})


def test_the_date_a_notice_bears_is_issued_else_published_else_printed():
    assert notice(issued="2020-07-18", published="2020-07-20", printed="2020-07-19").date == "2020-07-18"
    assert notice(published="2020-07-20", printed="2020-07-19").date == "2020-07-20"
    assert notice(printed="2020-07-19").date == "2020-07-19"
    assert notice().date is None and notice().year is None


def test_the_date_a_notice_went_public_is_published_else_issued_else_printed():
    assert notice(issued="2020-04-16", published="2020-04-20").public_date == "2020-04-20"
    assert notice(issued="2020-04-16", printed="2020-04-18").public_date == "2020-04-16"
    assert notice(printed="2019-07-01").public_date == "2019-07-01"


def test_short_name_uses_the_region_shown_and_the_year_borne():
    assert notice(issued="2019-07-01", county="栾川县").short_name == "栾川县2019年整改方案"
    assert notice(printed="2020-07-20", doc="郑政文〔2020〕79号").short_name == "郑州市2020年整改方案（郑政文〔2020〕79号）"


def test_newest_first_orders_by_public_date_then_id():
    old, new, tie_a, tie_b = (notice("a-old", issued="2017-09-22"), notice("b-new", published="2020-07-20"),
                              notice("c-tie", issued="2019-04-03"), notice("d-tie", published="2019-04-03"))
    site = model(old, new, tie_a, tie_b)
    assert [n.id for n in site.newest_first] == ["b-new", "d-tie", "c-tie", "a-old"]
    assert [n.id for n in site.newest_first_of(["a-old", "c-tie"])] == ["c-tie", "a-old"]


def test_a_unit_is_labelled_with_its_region():
    unit = Unit("zhengzhou-1", "市生态环境局", "郑州市", "zhengzhou", False, ("市环保局",), (), (), {"lead": ("x",)})
    assert unit.label == "市生态环境局（郑州市）" and unit.url == "units/zhengzhou-1/" and unit.issue_count == 1


def test_urls_come_from_ids():
    assert urls.notice_lines("zhengzhou-2020-79", 12, 15) == "notices/zhengzhou-2020-79/?hl=12-15#L12"
    assert urls.notice_line("zhengzhou-2020-79", 12) == "notices/zhengzhou-2020-79/#L12"
    assert urls.section_anchor(3, 2) == "list-3-section-2"
    assert urls.saved_as("issues/") == "issues/index.html" and urls.saved_as("search.html") == "search.html"
    assert urls.issues_by_year(None) == "issues/year/none/"
