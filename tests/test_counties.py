"""County-level regions: every one has a page listing the items that bind it, directly or through a
collective name that covers it; counts agree and nothing is counted twice."""
from __future__ import annotations

import json
import re

import pytest

GONGYI_DIRECT = [  # items whose unit fields name 巩义市政府 (read from the notices)
    "zhengzhou-2020-0416-l2-4", "zhengzhou-2020-0416-l3-s8-3", "zhengzhou-2020-79-l1-2", "zhengzhou-2020-79-l1-8",
    "zhengzhou-2020-79-l1-9", "zhengzhou-2020-79-l1-12", "zhengzhou-2020-79-l1-13", "zhengzhou-2020-79-l1-14",
    "zhengzhou-2020-79-l1-35",
]
# Collective names whose members include every county-level city (县级市) of the notice's city.
COVERING_COUNTY_CITIES = {"各县（市、区）政府", "县（市）区政府", "各县（市）区政府", "县（市、区）政府", "各县（市、区）人民政府",
                          "各县（市、区）党委和人民政府", "各县（市、区）党委", "各县（市、区）党委宣传部", "各县（市）",
                          "各县（市、区）人民政府（管委会）"}
ZHENGZHOU_COUNTY_LEVEL = ["中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县", "巩义市", "荥阳市", "新密市",
                          "新郑市", "登封市", "郑东新区", "郑州经济技术开发区", "郑州高新技术产业开发区", "郑州航空港经济综合实验区"]


def data(site, name):
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def unit_names(issue: dict) -> set[str]:
    holders = [issue] + issue["blocks"]
    return {u["name"] for h in holders for key in ("lead_units", "cooperating_units", "responsible_units")
            for u in (h[key] or [])}


def section_links(html: str, heading_id: str) -> list[str]:
    section = html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'href="\.\./\.\./issues/([^/]+)/"', section)


@pytest.fixture(scope="module")
def gongyi_page(built_site):
    return (built_site / "regions" / "gongyi" / "index.html").read_text(encoding="utf-8")


def test_every_county_level_division_of_the_cities_has_a_page(built_site):
    regions = {r["name"]: r for r in data(built_site, "regions")}
    children = [r["name"] for r in data(built_site, "regions") if r["parent_id"] == "zhengzhou"]
    assert children == ZHENGZHOU_COUNTY_LEVEL
    assert len([r for r in regions.values() if r["parent_id"] == "shangqiu"]) == 12
    for name in ZHENGZHOU_COUNTY_LEVEL:
        assert (built_site / regions[name]["url"] / "index.html").is_file()


def test_gongyi_lists_exactly_the_items_that_bind_it(built_site, gongyi_page):
    zhengzhou_notices = {n["id"] for n in data(built_site, "notices") if n["region"]["id"] == "zhengzhou"}
    direct, shared = [], []
    for issue in data(built_site, "issues"):
        if issue["notice"] not in zhengzhou_notices:
            continue
        names = unit_names(issue)
        if any(n.startswith("巩义市") for n in names):
            direct.append(issue["id"])
        elif names & COVERING_COUNTY_CITIES:
            shared.append(issue["id"])
    assert sorted(direct) == sorted(GONGYI_DIRECT)
    assert section_links(gongyi_page, "direct-h") == direct
    assert section_links(gongyi_page, "shared-h") == shared
    assert len(shared) == 157 and not set(direct) & set(shared)


def test_a_shared_item_says_how_the_notice_wrote_it(gongyi_page):
    row = gongyi_page.split('href="../../issues/zhengzhou-2017-178-l1-5/"', 1)[1].split("</tr>", 1)[0]
    assert "原文写作‘各县（市、区）政府’" in row


def test_counts_agree_and_nothing_is_counted_twice(built_site, gongyi_page):
    total = int(re.search(r"巩义市</a> <span class=\"muted\">(\d+) 项", (built_site / "regions" / "zhengzhou" / "index.html")
                          .read_text(encoding="utf-8")).group(1))
    summary = sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td>', gongyi_page.split("状态概况")[1].split("</table>")[0]))
    assert total == summary == len(GONGYI_DIRECT) + 157


def test_a_region_with_no_member_named_lists_only_shared_items(built_site):
    html = (built_site / "regions" / "jinshui" / "index.html").read_text(encoding="utf-8")
    assert section_links(html, "direct-h") == []
    assert len(section_links(html, "shared-h")) == 155
