"""A weekly TV script on the web in pages of at most paging.SCRIPT_PAGE_CHARS characters, cut between whole
paragraphs (issue 15: no HTML page over 500 KB); the .txt and .srt keep the whole script.

A synthetic week at 10,000 issues reads 761,145 characters (about 2.3 MB as one page).  The unit tests cut a
long Script built here; the site test builds tests/test_disclosure_site.py's fictional project with a small
limit, so the week its plan was issued (2017-w38, 70 items) spans several pages.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from helpers import build
from pipeline.model import urls
from pipeline.model.broadcast import Script, Section
from pipeline.site import paging
from pipeline.site.disclosure import broadcast_view
from pipeline.site.pages import page_specs

LIMIT = 1000


def long_script() -> Script:
    """Three sections: a lead and 40 items of 95 characters with a link each (paired), one paragraph longer
    than LIMIT with its link, 5 short paragraphs without links."""
    first = Section("到达整改时限、尚未报告完成的事项",
                    ("本周有40项。", *(f"第{n}项，" + "甲" * 90 + "。" for n in range(1, 41))),
                    tuple((f"甲第{n}项", f"issues/a-{n}/") for n in range(1, 41)), paired=True)
    huge = Section("督办问题清单：乙", ("乙" * (LIMIT + 200),), (("乙", "disclosure/b/"),))
    short = Section("报告完成整改的事项", tuple(f"丙{n}。" for n in range(5)))
    return Script("2030-w01", "2029-12-31", "2030-01-06", "2030-01-03", "开场白。", (first, huge, short), "结束语。")


def weight(page: dict) -> int:
    return sum(len(p) for p in page_paragraphs(page)) + sum(
        len(label) + len(url) + paging.SCRIPT_LINK_CHARS for s in page["sections"] for label, url in s["links"])


def page_paragraphs(page: dict, script: Script | None = None) -> list[str]:
    script = script or long_script()
    return ([script.opening] if page["opening"] else []) + [p for s in page["sections"] for p in s["paragraphs"]] + (
        [script.closing] if page["closing"] else [])


def test_the_url_rule_keeps_the_script_url_for_page_one():
    assert urls.broadcast_page("2030-w01", 1) == "disclosure/tv/2030-w01/"
    assert urls.broadcast_page("2030-w01", 2) == "disclosure/tv/2030-w01/page/2/"


def test_every_paragraph_and_link_is_on_exactly_one_page_in_order_within_the_limit():
    script = long_script()
    pages = paging.script_pages(script, LIMIT)
    assert len(pages) == 7
    assert [p for page in pages for p in page_paragraphs(page)] == list(script.paragraphs)
    links = [link for page in pages for s in page["sections"] for link in s["links"]]
    assert links == [link for s in script.sections for link in s.links]
    for page in pages:
        assert weight(page) <= LIMIT or page_paragraphs(page) == ["乙" * (LIMIT + 200)]
    assert [weight(page) for page in pages] == [971, 981, 984, 984, 984, 1224, 19]
    assert [p["url"] for p in pages][:3] == ["disclosure/tv/2030-w01/", "disclosure/tv/2030-w01/page/2/",
                                             "disclosure/tv/2030-w01/page/3/"]
    assert [p["opening"] for p in pages] == [True] + [False] * 6
    assert [p["closing"] for p in pages] == [False] * 6 + [True]
    # each item's link is on the page of its paragraph
    assert pages[1]["sections"][0]["paragraphs"][0].startswith("第9项") and pages[1]["sections"][0]["links"][0][0] == "甲第9项"


def test_a_page_that_starts_inside_a_section_repeats_its_heading_marked_continued():
    pages = paging.script_pages(long_script(), LIMIT)
    heads = [[(s["heading"], s["continued"], s["links_continued"]) for s in page["sections"]] for page in pages]
    assert heads[0] == [("到达整改时限、尚未报告完成的事项", False, False)]
    assert heads[1] == heads[4] == [("到达整改时限、尚未报告完成的事项", True, True)]
    assert heads[5] == [("督办问题清单：乙", False, False)]  # the paragraph longer than the limit, alone
    assert heads[6] == [("报告完成整改的事项", False, False)]
    pager = pages[1]["pager"]
    assert (pager["unit"], pager["rows"], pager["first_row"], pager["last_row"]) == ("段", 49, 11, 18)
    assert pager["previous"]["url"] == "disclosure/tv/2030-w01/" and pager["next"]["url"].endswith("page/3/")


def test_a_short_script_is_one_page_with_everything():
    script = long_script()
    [page] = paging.script_pages(script)  # 5,500 characters: well under SCRIPT_PAGE_CHARS
    assert page["opening"] and page["closing"] and page["pager"]["count"] == 1
    assert [s["heading"] for s in page["sections"]] == [s.heading for s in script.sections]
    assert not any(s["continued"] for s in page["sections"])


@pytest.fixture(scope="module")
def small_pages_site(tmp_path_factory):
    """The fictional project of tests/test_disclosure_site.py built with script pages of 1,500 characters."""
    from test_disclosure_site import FIXTURES
    from helpers import copy_project
    import shutil

    project = copy_project(tmp_path_factory.mktemp("tv") / "project", notices=("zhengzhou-2017-178",))
    shutil.copytree(FIXTURES, project / "content" / "disclosures")
    out = project.parent / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "SCRIPT_PAGE_CHARS", 1500)
        result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


PARAGRAPH = re.compile(r"<p>([^<]*)</p>")
HREF = re.compile(r'href="([^"#?]*)"')


def test_the_built_pages_hold_the_whole_script_once_with_pagers_that_resolve(small_pages_site):
    site, week = small_pages_site, "2017-w38"
    text = (site / urls.broadcast_file(week, "txt")).read_text(encoding="utf-8")
    paragraphs = text.strip().split("\n\n")  # the .txt keeps the whole script
    assert len(paragraphs) == 79 and text.count("整改时限：") >= 70
    folder = site / urls.broadcast_url(week)
    files = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))]
    assert len(files) == 4
    found = []
    for number, path in enumerate(files, start=1):
        html = path.read_text(encoding="utf-8")
        body = html.split('<div class="script">')[1].split("</div>")[0]
        found += PARAGRAPH.findall(body)
        assert sum(len(p) for p in PARAGRAPH.findall(body)) <= 1500
        assert ("<dt>播出日</dt>" in html) == (number == 1)  # the facts and files on page 1
        assert f"（第 {number} 页）" in html if number > 1 else 'aria-current="page">1</a>' in html
        if number > 1:
            assert "（续）</h3>" in body and 'rel="prev"' in html
        page = "http://site/" + path.relative_to(site).as_posix()
        for href in HREF.findall(html):
            target = urlparse(urljoin(page, href)).path.lstrip("/")
            if target.startswith("disclosure/tv/"):
                assert (site / urls.saved_as(target)).is_file(), (path, href)
    assert found == paragraphs  # every paragraph once, in order
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{urls.broadcast_page(week, n)}</loc>" in sitemap for n in range(1, 5))
    assert f"/{urls.broadcast_page(week, 5)}</loc>" not in sitemap
    assert "<title>电视专题报道播报稿（2017-09-18至2017-09-24）（第 2 页）" in files[1].read_text(encoding="utf-8")
    assert not (site / urls.broadcast_url("2017-w39") / "page").exists()  # a short week: one page


def test_the_column_and_the_archive_link_the_script_without_its_text(small_pages_site):
    for url in (urls.DISCLOSURE, urls.BROADCASTS):
        html = (small_pages_site / urls.saved_as(url)).read_text(encoding="utf-8")
        assert '<div class="script">' not in html and "整改时限：" not in html


def test_page_specs_title_the_later_pages(site_model):
    from pipeline.site.views import build_views
    script = long_script()
    views = build_views(site_model, (script,))
    views["broadcast"][script.week] = broadcast_view(script, limit=LIMIT)
    specs = [s for s in page_specs(site_model, views) if s.kind == "broadcast"]
    assert [(s.url, s.number) for s in specs] == [(urls.broadcast_page(script.week, n), n) for n in range(1, 8)]
    assert specs[0].title == "电视专题报道播报稿（2029-12-31至2030-01-06）"
    assert specs[1].title == "电视专题报道播报稿（2029-12-31至2030-01-06）（第 2 页）"
