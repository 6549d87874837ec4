"""A provenance link lands on its line, highlighted, though the text's lines are laid out lazily.

The original text's lines (`.src li`) have `content-visibility: auto` (site.css), so a line far down
a notice is only laid out when it nears the screen; following an issue page's "原文第 N–M 行" link
must still scroll that line into view and mark the whole range (highlight-lines.js).
"""
from __future__ import annotations

import json

import pytest

import sitekit

pytestmark = pytest.mark.browser


def _deepest_issue(site) -> dict:
    """The issue whose source starts furthest down its notice's first text page (the hardest scroll)."""
    issues = json.loads((site.out / "data" / "issues.json").read_text(encoding="utf-8"))
    return max(issues, key=lambda i: (i["source"]["line_start"] % 1000, i["id"]))


@pytest.mark.parametrize("viewport", [sitekit.MOBILE, sitekit.DESKTOP], ids=["phone", "desktop"])
def test_an_issue_s_source_link_scrolls_its_lines_into_view(site, browser, viewport):
    issue = _deepest_issue(site)
    first, last = issue["source"]["line_start"], issue["source"]["line_end"]
    context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
    try:
        page = context.new_page()
        page.goto(site.url(issue["url"]))
        page.click(f'a[href*="hl={first}-{last}#L{first}"]')
        page.wait_for_url(f"**#L{first}")
        box = page.evaluate(f"""() => {{
            const r = document.getElementById('L{first}').getBoundingClientRect();
            return {{top: r.top, bottom: r.bottom, height: window.innerHeight}};
        }}""")
        assert 0 <= box["top"] < box["height"] and box["bottom"] > box["top"], box
        marked = page.locator(".src li.hl")
        assert marked.count() == last - first + 1
        assert marked.first.get_attribute("id") == f"L{first}"
    finally:
        context.close()
