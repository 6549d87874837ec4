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
from served import assert_layout, assert_no_axe_violations
from sitekit import LAYOUT_VIEWPORTS

pytestmark = pytest.mark.browser

FIXTURES = sitekit.ROOT / "tests" / "fixtures" / "disclosures"
PAGES = {"column": "disclosure/", "list": "disclosure/demo-tuchu-1/", "handling": "disclosure/demo-tuchu-1-handling/",
         "county": "regions/zhongmou/", "script": "disclosure/tv/2017-w39/"}


@pytest.fixture(scope="module")
def fictional_site(tmp_path_factory):
    sys.path.insert(0, str(sitekit.ROOT / "tests"))
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("column") / "project", notices=("zhengzhou-2017-178",))
    shutil.copytree(FIXTURES, project / "content" / "disclosures")
    out = project.parent / "site"
    result = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(out),
                             "--as-of", sitekit.AS_OF, "--no-history"], cwd=sitekit.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out




@pytest.mark.parametrize("viewport", list(LAYOUT_VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_layout_of_the_column(load, name, viewport):
    assert_layout(load(PAGES[name], LAYOUT_VIEWPORTS[viewport]))


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_on_the_column(load, name):
    assert_no_axe_violations(load(PAGES[name], sitekit.DESKTOP))


def test_a_listed_row_on_a_phone_is_a_card_with_each_column_labelled(load):
    page = load(PAGES["list"], sitekit.MOBILE)
    first = page.locator("table.edition tbody tr").first
    labels = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert labels[:5] == ['"序号："', '"市："', '"县（区）："', '"污染源名称："', '"主要问题："']
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
