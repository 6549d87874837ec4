"""List pages in pages of a bounded size: the URL rule, the pager, nothing lost or shown twice, the rows files.

The seed site has 269 issues: with paging.PAGE_SIZE = 200 the all-issues list has a second page, and the two
largest regions show their first 200 items and link the rest (the all-issues table filtered to them); the views
are also built with smaller pages, so notices, units and subsets are cut too.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from helpers import TableParser
from pipeline.model import urls
from pipeline.site import paging
from pipeline.site.pages import page_specs
from pipeline.site.rows import RowWith, row_data
from pipeline.site.views import build_views


def test_the_first_page_keeps_the_lists_url_and_later_pages_add_page_n():
    assert urls.list_page("issues/", 1) == "issues/"
    assert urls.list_page("issues/", 2) == "issues/page/2/"
    assert urls.list_page("regions/zhengzhou/", 12) == "regions/zhengzhou/page/12/"
    assert urls.list_page("issues/status/overdue/", 3) == "issues/status/overdue/page/3/"
    assert urls.issues_rows(2) == "issues/rows/2.json"


def test_paginate_cuts_rows_and_says_where_each_page_is():
    pages = paging.paginate(list("abcde"), "issues/", 2)
    assert [(p["number"], p["url"], p["rows"], p["pager"]["first_row"]) for p in pages] == [
        (1, "issues/", ["a", "b"], 1), (2, "issues/page/2/", ["c", "d"], 3), (3, "issues/page/3/", ["e"], 5)]
    last = pages[2]["pager"]
    assert (last["first"]["url"], last["previous"]["url"], last["next"], last["last"]) == (
        "issues/", "issues/page/2/", None, None)
    assert (last["first_row"], last["last_row"], last["rows"], last["count"]) == (5, 5, 5, 3)
    assert [(n["number"], n["current"]) for n in last["numbers"]] == [(1, False), (2, False), (3, True)]
    assert [p["rows"] for p in paging.paginate([], "issues/", 2)] == [[]]  # an empty list still has its page


def test_the_pager_shows_the_first_the_last_and_two_either_side():
    numbers = paging.pager("units/x/", 5, 10, 1000, 400, 100)["numbers"]
    assert [n and n["number"] for n in numbers] == [1, None, 3, 4, 5, 6, 7, None, 10]


def test_a_group_cut_by_a_page_is_shown_again_as_continued():
    groups = [{"key": "a", "rows": [1, 2, 3]}, {"key": "b", "rows": []}, {"key": "c", "rows": [4, 5]}]
    pages = paging.paginate_groups(groups, "regions/x/", 2)
    assert [[(g["key"], g["rows"], g["continued"], g["total"]) for g in p["groups"]] for p in pages] == [
        [("a", [1, 2], False, 3)],
        [("a", [3], True, 3), ("b", [], False, 0), ("c", [4], False, 2)],
        [("c", [5], True, 2)]]
    assert [p["pager"]["first_row"] for p in pages] == [1, 3, 5]


def test_a_notice_page_that_starts_mid_section_repeats_the_headings_above(site_model):
    """2020-0416 list 1: 三、重点工作 holds （一） (3 items) and （二） (1 item); with 2 rows a page, page 2 starts
    inside （一）: it shows the list title, 三、重点工作 and （一） again (continued, no anchors), then （二）."""
    view = build_views(site_model, page_size=2)["notice"]["zhengzhou-2020-0416"]
    first, second = view["pages"][0]["lists"][0], view["pages"][1]["lists"][0]
    assert (first["continued"], [(s["title"], s["anchor"], len(s["rows"])) for s in first["sections"]]) == (
        False, [("三、重点工作", "list-1-part-1", 0), ("（一）实施差异化管理", "list-1-section-1", 2)])
    assert (second["continued"], [(s["title"], s["anchor"], len(s["rows"]), s["continued"])
                                  for s in second["sections"]]) == (True, [
        ("三、重点工作", None, 0, True), ("（一）实施差异化管理", None, 1, True),
        ("（二）加快燃煤电厂转型", "list-1-section-2", 1, False)])
    toc = view["lists"][0]["toc"][0]
    assert (toc["page_url"], toc["children"][1]["page_url"]) == (None, "notices/zhengzhou-2020-0416/page/2/")


def _ids(rows) -> list[str]:
    return [r["id"] for r in rows]


@pytest.mark.parametrize("size", [7, 200])
def test_every_issue_of_a_list_is_on_exactly_one_of_its_pages(site_model, size):
    views = build_views(site_model, page_size=size)
    everything = [i.id for i in site_model.issues]
    index = views["issues_index"]
    assert [i for p in index["pages"] for i in _ids(p["rows"])] == everything
    assert all(len(p["rows"]) <= size for p in index["pages"])
    for notice in site_model.notices:
        pages = views["notice"][notice.id]["pages"]
        shown = [i for p in pages for lst in p["lists"] for s in lst["sections"] for i in _ids(s["rows"])]
        assert shown == [i.id for i in site_model.issues_by_notice[notice.id]]
        assert all(sum(len(s["rows"]) for lst in p["lists"] for s in lst["sections"]) <= size for p in pages)


def _whole_lists(views: dict):
    """(list, its whole rows in order, its first page) for every list that shows only its first page."""
    for subset in views["issues_index"]["subsets"]:
        yield subset["id"], subset["rows"], {**subset["page"], "groups": [{"rows": subset["page"]["rows"]}]}
    for kind, groups in (("region", "by_category"), ("unit", "by_notice")):
        for record_id, view in views[kind].items():
            if groups not in view:  # a county: its named and its shared rows
                rows = list(view["direct_rows"]) + list(view["shared_rows"])
            else:
                rows = [r for g in view[groups] for r in g["rows"]]
            yield f"{kind}-{record_id}", rows, view["page"]


@pytest.mark.parametrize("size", [7, 200])
def test_a_region_unit_status_or_year_page_shows_its_first_rows_and_links_the_whole_list(site_model, size):
    views = build_views(site_model, page_size=size)
    cut = []
    for name, rows, page in _whole_lists(views):
        shown = [i for g in page["groups"] for i in _ids(g["rows"])]
        assert shown == _ids(rows)[:size], name
        assert (page["total"], page["shown"], page["former_pages"]) == (
            len(rows), len(shown), max(1, -(-len(rows) // size))), name
        assert (page["more"] is not None) == (len(rows) > size), name
        cut += [name] if page["more"] else []
    assert len(cut) == (2 if size == 200 else 74)
    assert size == 7 or cut == ["region-henan", "region-zhengzhou"]  # the lists of more than 200 items


def test_the_whole_list_is_the_all_issues_table_filtered_to_exactly_the_same_items(site_model):
    """What a region's, unit's, status's or year's "more" link opens selects the rows (site/rows.row_data) the
    script filters: exactly that list's items, as many as its filter choice counts."""
    views = build_views(site_model, page_size=7)
    data = [row_data(r) for p in views["issues_index"]["pages"] for r in p["rows"]]
    counts = {(name, choice[key]): choice["count"] for name, choices, key in (
        ("region", "regions", "id"), ("unit", "units", "id"), ("status", "statuses", "key"), ("year", "years", "value"))
        for choice in views["issues_index"]["filters"][choices]}
    for name, rows, page in _whole_lists(views):
        if page["more"] is None:
            continue
        field, value = urlparse(page["more"]).query.split("=")  # one filter
        selected = [r["id"] for r in data if {
            "region": lambda r: value in r["regions"], "unit": lambda r: value in r["units"],
            "status": lambda r: r["status"] == value,
            "year": lambda r: r["year"] == ("" if value == "none" else value)}[field](r)]
        assert sorted(selected) == sorted(_ids(rows)), name
        assert counts[(field, value)] == len(rows), name


def test_the_whole_list_address_names_the_tables_filters():
    assert urls.issues_filtered(region="henan") == "issues/?region=henan#filter-h"
    assert urls.issues_filtered(status="overdue", region="zhengzhou") == "issues/?region=zhengzhou&status=overdue#filter-h"
    assert urls.issues_filtered(year=None) == "issues/?year=none#filter-h"
    assert urls.issues_filtered() == "issues/"
    with pytest.raises(ValueError):
        urls.issues_filtered(city="henan")


def test_every_page_of_a_list_is_a_page_spec_with_its_number_in_the_title(site_model):
    views = build_views(site_model, page_size=100)
    specs = {spec.url: spec for spec in page_specs(site_model, views)}
    assert (specs["issues/page/3/"].title, specs["issues/page/3/"].number) == ("全部整改事项（第 3 页）", 3)
    assert "issues/page/4/" not in specs and specs["issues/"].title == "全部整改事项"
    moved = specs["regions/zhengzhou/page/3/"]
    assert (moved.kind, moved.title, moved.target, moved.listed) == (
        "moved", "郑州市整改公开（第 3 页）", "issues/?region=zhengzhou#filter-h", False)
    assert "regions/zhengzhou/page/4/" not in specs and specs["regions/zhengzhou/"].listed
    assert len(specs) == len(set(spec.url for spec in page_specs(site_model, views)))


class _Page(TableParser):
    """The all-issues table (TableParser) and the pager links of one built page."""

    def __init__(self):
        super().__init__(lambda attributes: attributes.get("id") == "issues-table")
        self.pager_links: list[str] = []
        self._in_pages = False

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        a = dict(attrs)
        if tag == "nav" and "pages" in (a.get("class") or "").split():
            self._in_pages = True
        elif tag == "a" and self._in_pages:
            self.pager_links.append(a["href"])

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "nav":
            self._in_pages = False


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _paginated_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "page" in p.relative_to(site).parts)


def test_the_seed_site_has_the_pages_it_should(built_site):
    later = [p.parent.relative_to(built_site).as_posix() + "/" for p in _paginated_pages(built_site)]
    assert later == ["issues/page/2/", "regions/henan/page/2/", "regions/zhengzhou/page/2/"]
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert [url for url in later if f"/{url}</loc>" in sitemap] == ["issues/page/2/"]


def test_an_address_a_later_page_had_sends_readers_to_the_whole_list(built_site):
    text = (built_site / "regions" / "zhengzhou" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../../../issues/?region=zhengzhou#filter-h">' in text
    assert '<a href="../../../../issues/?region=zhengzhou#filter-h">' in text and 'name="robots" content="noindex"' in text
    first = (built_site / "regions" / "zhengzhou" / "index.html").read_text(encoding="utf-8")
    assert first.count('<td class="seq">') == 200
    assert '<a href="../../issues/?region=zhengzhou#filter-h">在“全部事项”中查看郑州市的全部 203 项</a>' in first


def test_pager_links_resolve_to_built_pages(built_site):
    for path in [built_site / "issues" / "index.html", built_site / "issues" / "page" / "2" / "index.html"]:
        links = _parse(path).pager_links
        assert len(links) == 4  # 2 pages: 第一页 or 下一页, 上一页 or 最后一页, 1, 2 (the others are not links)
        for href in links:
            target = urlparse(urljoin("http://site/" + path.relative_to(built_site).as_posix(), href)).path
            assert (built_site / target.lstrip("/") / "index.html").is_file(), (path, href)


def test_the_rows_files_hold_the_rows_of_the_pages_with_their_numbers(built_site):
    """issues/rows/N.json: the same rows, in the same order, saying the same, as the HTML page N."""
    pages = [built_site / "issues" / "index.html", built_site / "issues" / "page" / "2" / "index.html"]
    assert sorted(p.name for p in (built_site / "issues" / "rows").glob("*.json")) == ["1.json", "2.json"]
    issues = json.loads((built_site / "data" / "issues.json").read_text(encoding="utf-8"))
    seen = []
    for number, page in enumerate(pages, start=1):
        parsed = _parse(page)
        data = json.loads((built_site / urls.issues_rows(number)).read_text(encoding="utf-8"))
        assert len(parsed.rows) == len(data) == (200 if number == 1 else 69)
        address = "http://site/" + page.relative_to(built_site).as_posix()
        for cells, links, row in zip(parsed.rows, parsed.links, data):  # what the table's script would draw
            names = "、".join(u["name"] for u in row["lead"])
            lead = names + "（责任单位）" if names and row["lead_is_responsible"] else names or "未写明"
            assert cells == [row["seq"], row["summary"], lead, row["deadline_text"],
                             row["status_label"], row["notice_short"], row["region_name"]]
            assert [urlparse(urljoin(address, href)).path[1:] for href in links] == (
                [row["url"]] + [u["url"] for u in row["lead"]] + [row["notice_url"]]), links
        seen += [row["id"] for row in data]
    assert seen == [i["id"] for i in issues]


def test_no_list_page_shows_more_rows_than_a_page_holds(built_site):
    for path in built_site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r'<table (id="issues-table" )?class="issues', text):
            assert text.count('<td class="seq">') <= paging.PAGE_SIZE, path


def test_a_row_with_a_column_of_its_own_reads_as_the_copy_it_replaces():
    row = {"id": "a-1", "seq": "1", "summary": "散煤治理"}
    with_roles = RowWith(row, "roles", "牵头、配合")
    assert dict(with_roles) == {**row, "roles": "牵头、配合"}
    assert with_roles["seq"] == "1" and "roles" in with_roles and "via" not in with_roles
    assert list(with_roles) == ["id", "seq", "summary", "roles"]
