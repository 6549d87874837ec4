"""The all-issues list in pages: a filter on the first page searches every page.

The seed site has 269 issues, so issues/ shows the first 200 (paging.PAGE_SIZE) and issues/page/2/ the rest;
the filters load the rows of both pages (issues/rows/1.json, 2.json) and page their own result.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import sitekit

pytestmark = pytest.mark.browser


def test_a_filter_on_page_one_finds_an_issue_only_on_page_two(open_page, site):
    issues = json.loads((site.out / "data" / "issues.json").read_text(encoding="utf-8"))
    second = json.loads((site.out / "issues" / "rows" / "2.json").read_text(encoding="utf-8"))
    first_ids = {row["id"] for row in json.loads((site.out / "issues" / "rows" / "1.json").read_text(encoding="utf-8"))}
    target = second[-1]  # the list's last issue: on page 2 only
    assert target["id"] not in first_ids and target["id"] == issues[-1]["id"]
    expected = [i for i in issues if i["notice"] == target["notice"]]
    loaded = open_page("issues", sitekit.DESKTOP)
    page = loaded.page
    assert page.locator(f'#issues-table a[href$="/{target["url"]}"]').count() == 0
    page.select_option("#issue-filters select[name=notice]", target["notice"])
    expect(page.locator("#result-count")).to_have_text(f"筛选出 {len(expected)} 项（共 {len(issues)} 项）")
    links = page.locator("#issues-table tbody td.c-title a")
    assert links.count() == len(expected)
    assert page.locator(f'#issues-table a[href$="/{target["url"]}"]').count() == 1
    assert page.locator("#list-pager").is_hidden()
    assert any(u.endswith("issues/rows/2.json") for u in loaded.requests)
    # clearing the filter shows page 1 as built again, with its links to page 2
    page.select_option("#issue-filters select[name=notice]", "")
    expect(page.locator("#result-count")).to_have_text(f"共 {len(issues)} 项")
    assert page.locator("#issues-table tbody tr").count() == 200
    expect(page.locator('#list-pager nav a[aria-current="page"]')).to_have_text("1")


def test_sorting_pages_the_whole_list_itself(open_page, site):
    """A sort orders all 269 rows, shown 200 at a time with the script's own pager."""
    issues = json.loads((site.out / "data" / "issues.json").read_text(encoding="utf-8"))
    page = open_page("issues", sitekit.DESKTOP).page
    page.click("#issues-table thead th[data-sort=order] button")  # 序号, descending: the last issue first
    expect(page.locator("#filter-pager p")).to_have_text(f"第 1 页，共 2 页（第 1–200 项，共 {len(issues)} 项）")
    assert page.locator("#issues-table tbody tr").count() == 200
    first = page.locator("#issues-table tbody td.c-title a").first
    assert first.get_attribute("href").endswith(f"/{issues[-1]['url']}")
    page.click('#filter-pager button[aria-label="第 2 页"]')
    expect(page.locator("#filter-pager p")).to_have_text(f"第 2 页，共 2 页（第 201–{len(issues)} 项，共 {len(issues)} 项）")
    last = page.locator("#issues-table tbody td.c-title a").last
    assert last.get_attribute("href").endswith(f"/{issues[0]['url']}")


def _new_page(browser, site):
    context = browser.new_context(viewport=sitekit.DESKTOP, locale="zh-CN", service_workers="block")
    context.route(lambda u: not site.is_same_origin(u), lambda route: route.abort("blockedbyclient"))
    return context, context.new_page()


def test_a_regions_more_link_and_its_former_page_two_open_its_whole_list(browser, site):
    """郑州市 lists 203 items: its page shows 200 and links the all-issues table filtered to 郑州市, where the
    script selects the same 203 (rows' "regions"); regions/zhengzhou/page/2/, a page it had, sends readers there."""
    issues = json.loads((site.out / "data" / "issues.json").read_text(encoding="utf-8"))
    context, page = _new_page(browser, site)
    try:
        page.goto(site.url("regions/zhengzhou/"))
        assert page.locator("table.issues tbody tr").count() == 200
        page.click("text=在“全部事项”中查看郑州市的全部 203 项")
        expect(page.locator("#result-count")).to_have_text(f"筛选出 203 项（共 {len(issues)} 项）")
        assert page.url.endswith("/issues/?region=zhengzhou#filter-h")
        assert page.locator("#issue-filters select[name=region]").input_value() == "zhengzhou"
        page.goto(site.url("regions/zhengzhou/page/2/"))
        page.wait_for_url("**/issues/?region=zhengzhou#filter-h")
        expect(page.locator("#result-count")).to_have_text(f"筛选出 203 项（共 {len(issues)} 项）")
        # a county without notices of its own: the items of its city that bind it, as its page lists them
        page.select_option("#issue-filters select[name=region]", "zhongmou")
        expect(page.locator("#result-count")).to_have_text(f"筛选出 163 项（共 {len(issues)} 项）")
    finally:
        context.close()
