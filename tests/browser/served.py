"""Open pages of a site served on localhost in the shared browser, and check their layout and accessibility:
the pieces the test files that build their own fictional site (progress, the 督办公开 column) share.

conftest.py's `served` and `load` fixtures serve a module's `fictional_site` with these.
"""
from __future__ import annotations

import contextlib

from sitekit import AXE_JS, AXE_TAGS
from test_pages import AXE_RUN_JS, LAYOUT_JS, format_violations


@contextlib.contextmanager
def page_opener(browser, base_url: str):
    """Yields open_(path, viewport) → a loaded page (status 200 asserted); closes every context afterwards."""
    contexts = []

    def open_(path: str, viewport: dict):
        context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(base_url + path)
        assert response.status == 200, path
        return page

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


def assert_layout(page) -> None:
    """No horizontal scrolling, lang zh-CN, one <h1>, one main landmark."""
    info = page.evaluate(LAYOUT_JS)
    assert info["scrollWidth"] <= info["innerWidth"], info["wide"]
    assert info["lang"] == "zh-CN" and len(info["h1"]) == 1 and info["main"] == 1


def assert_no_axe_violations(page) -> None:
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    assert not violations, format_violations(violations)

