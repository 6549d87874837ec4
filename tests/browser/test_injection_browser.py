"""The injected site (every text field carries attack payloads) in Chromium: no dialog, no CSP violation.

Each page type is opened with the payloads in it, and the search page is asked
for payloads; a payload that ran would open a dialog (alert) or be blocked by
the Content-Security-Policy, which the page reports as a violation.
"""
from __future__ import annotations

import json
import urllib.parse

import pytest

import sitekit

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def served(injected_site):
    with sitekit.serve(injected_site) as base_url:
        yield base_url


def page_paths(site) -> list[str]:
    units = json.loads((site / "data" / "units.json").read_text(encoding="utf-8"))
    payload_unit = next(u for u in units if "<" in u["name"])
    return ["", "regions/inj-county-0/", "notices/inj-a-2019/", "issues/inj-a-2019-l1-1/", "issues/inj-b-2019-l1-7/",
            payload_unit["url"], "units/", "issues/", "archives/", "about/",
            "search.html?q=" + urllib.parse.quote("<script>"), "search.html?q=" + urllib.parse.quote("javascript:"),
            "search.html?q=" + urllib.parse.quote("onerror=alert(1)")]


def test_no_payload_runs_in_any_page_type(browser, served, injected_site):
    context = browser.new_context(locale="zh-CN", service_workers="block")
    context.add_init_script(RECORD_VIOLATIONS)
    dialogs, outside = [], []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    context.on("request", lambda request: outside.append(request.url) if not request.url.startswith(served) else None)
    context.route(lambda url: not url.startswith(served), lambda route: route.abort("blockedbyclient"))
    try:
        for path in page_paths(injected_site):
            page = context.new_page()
            response = page.goto(served + path, wait_until="load")
            assert response.status == 200, path
            if path.startswith("search.html"):
                page.wait_for_selector("html[data-search-rendered]")
                assert page.locator("#search-results li").count() > 0, path
            page.wait_for_timeout(100)  # let anything that would run, run
            assert page.evaluate("window.__violations") == [], path
            page.close()
    finally:
        context.close()
    assert dialogs == [] and outside == []
