"""The pages progress adds, with updates on them: an item with a timeline and a 公示期, 本周变化, a county
with rates, the home page's latest updates — layout at phone and laptop widths, and axe-core.

The site is the fictional progress repository's (tests/progress_project.py: one notice, 虚构 updates),
built once per session; the seed site has no updates, so its pages only show the empty states.
"""
from __future__ import annotations

import pytest

import sitekit
from progress_project import CLOSED, SHOWN
from sitekit import AXE_JS, AXE_TAGS, LAYOUT_VIEWPORTS
from test_pages import AXE_RUN_JS, LAYOUT_JS, format_violations

pytestmark = pytest.mark.browser

PAGES = {"closed-item": f"issues/{CLOSED}/", "publicity-item": f"issues/{SHOWN}/", "changes": "changes/",
         "county": "regions/luanchuan/", "home": "", "overdue": "overdue/"}


@pytest.fixture(scope="module")
def served(progress_site):
    with sitekit.serve(progress_site) as base_url:
        yield base_url


@pytest.fixture
def load(served, browser):
    contexts = []

    def open_(path: str, viewport: dict):
        context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(served + path)
        assert response.status == 200, path
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", list(LAYOUT_VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_layout_with_updates(load, name, viewport):
    info = load(PAGES[name], LAYOUT_VIEWPORTS[viewport]).evaluate(LAYOUT_JS)
    assert info["scrollWidth"] <= info["innerWidth"], info["wide"]
    assert info["lang"] == "zh-CN" and len(info["h1"]) == 1 and info["main"] == 1


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_with_updates(load, name):
    page = load(PAGES[name], sitekit.DESKTOP)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    assert not violations, format_violations(violations)


def test_a_link_to_an_update_lands_on_it(load):
    page = load(f"issues/{CLOSED}/#u-2026-11-10-publicity", sitekit.MOBILE)
    box = page.locator("#u-2026-11-10-publicity").bounding_box()
    assert -1 <= box["y"] < 200  # scrolled to the entry
    assert page.locator("#u-2026-11-10-publicity .u-pub dd").first.inner_text() == "2026-11-10 至 2026-11-16（共 7 天），已结束"
