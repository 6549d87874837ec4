"""The pages progress adds, with updates on them: an item with a timeline and a 公示期, 本周变化, a county
with rates, the home page's latest updates — layout at phone and laptop widths, and axe-core.

The site is the fictional progress repository's (tests/progress_project.py: one notice, 虚构 updates),
built once per session; the seed site has no updates, so its pages only show the empty states.
"""
from __future__ import annotations

import pytest

import sitekit
from progress_project import CLOSED, SHOWN
from served import assert_layout, assert_no_axe_violations
from sitekit import LAYOUT_VIEWPORTS

pytestmark = pytest.mark.browser

PAGES = {"closed-item": f"issues/{CLOSED}/", "publicity-item": f"issues/{SHOWN}/", "changes": "changes/",
         "county": "regions/luanchuan/", "home": "", "overdue": "overdue/"}


@pytest.fixture(scope="module")
def fictional_site(progress_site):
    return progress_site


@pytest.mark.parametrize("viewport", list(LAYOUT_VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_layout_with_updates(load, name, viewport):
    assert_layout(load(PAGES[name], LAYOUT_VIEWPORTS[viewport]))


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_with_updates(load, name):
    assert_no_axe_violations(load(PAGES[name], sitekit.DESKTOP))


def test_a_link_to_an_update_lands_on_it(load):
    page = load(f"issues/{CLOSED}/#u-2026-11-10-publicity", sitekit.MOBILE)
    box = page.locator("#u-2026-11-10-publicity").bounding_box()
    assert -1 <= box["y"] < 200  # scrolled to the entry
    assert page.locator("#u-2026-11-10-publicity .u-pub dd").first.inner_text() == "2026-11-10 至 2026-11-16（共 7 天），已结束"
