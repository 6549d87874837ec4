"""The 督办公开 column with editions on it: a supervision list with its deadlines and the handling status beside
each row, its handling edition, the column page and a county's 量化问责 counts: layout at phone and laptop
widths, and axe-core.

The site is tests/test_disclosure_site.py's fictional project (one notice and the 虚构 editions of
tests/fixtures/disclosures/), built once per module; the seed site has no editions, only generated ones.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import sitekit
from sitekit import AXE_JS, AXE_TAGS, LAYOUT_VIEWPORTS
from test_pages import AXE_RUN_JS, LAYOUT_JS, format_violations

pytestmark = pytest.mark.browser

FIXTURES = sitekit.ROOT / "tests" / "fixtures" / "disclosures"
PAGES = {"column": "disclosure/", "list": "disclosure/demo-tuchu-1/", "handling": "disclosure/demo-tuchu-1-handling/",
         "county": "regions/zhongmou/", "script": "disclosure/tv/2017-w39/"}


@pytest.fixture(scope="module")
def column_site(tmp_path_factory):
    sys.path.insert(0, str(sitekit.ROOT / "tests"))
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("column") / "project", notices=("zhengzhou-2017-178",))
    shutil.copytree(FIXTURES, project / "content" / "disclosures")
    out = project.parent / "site"
    result = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(out),
                             "--as-of", sitekit.AS_OF, "--no-history"], cwd=sitekit.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def served(column_site):
    with sitekit.serve(column_site) as base_url:
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
def test_layout_of_the_column(load, name, viewport):
    info = load(PAGES[name], LAYOUT_VIEWPORTS[viewport]).evaluate(LAYOUT_JS)
    assert info["scrollWidth"] <= info["innerWidth"], info["wide"]
    assert info["lang"] == "zh-CN" and len(info["h1"]) == 1 and info["main"] == 1


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_on_the_column(load, name):
    page = load(PAGES[name], sitekit.DESKTOP)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    assert not violations, format_violations(violations)


def test_a_listed_row_on_a_phone_is_a_card_with_each_column_labelled(load):
    page = load(PAGES["list"], sitekit.MOBILE)
    first = page.locator("table.edition tbody tr").first
    labels = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert labels[:5] == ['"序号："', '"市："', '"县（区）："', '"污染源名称："', '"主要问题："']
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
