"""Long pages cut by one URL rule each: a notice's original text in text pages of urls.TEXT_PAGE_LINES lines,
an edition's table in pages of urls.EDITION_PAGE_ROWS rows, the overdue list in list pages.

Every line of every notice is on exactly one page with its anchor, and every link to a line (the items'
provenance, the rules quoted on county and column pages) or to an edition's row lands on a built page
holding that anchor.  The seed notice zhengzhou-2017-178 has 2,535 lines: three text pages.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jinja2

from pipeline.model import urls
from pipeline.model.disclosures import NUMBER
from pipeline.site import paging
from pipeline.site.disclosure import edition_view
from pipeline.site.pages import page_specs
from pipeline.site.views import build_views

ROOT = Path(__file__).resolve().parent.parent
S = urls.TEXT_PAGE_LINES
LONG = "zhengzhou-2017-178"  # 2,535 lines
ANCHOR = re.compile(r'\bid="(L\d+|row-\d+)"')
HREF = re.compile(r'href="([^"]*#(?:L\d+|row-\d+))"')


def test_a_line_is_on_the_page_of_its_number_and_page_one_keeps_the_notice_url():
    assert urls.notice_line("x", 1) == "notices/x/#L1"
    assert urls.notice_line("x", S) == f"notices/x/#L{S}"
    assert urls.notice_line("x", S + 1) == f"notices/x/text/2/#L{S + 1}"
    assert urls.notice_line("x", 2 * S) == f"notices/x/text/2/#L{2 * S}"
    assert urls.notice_line("x", 2 * S + 1) == f"notices/x/text/3/#L{2 * S + 1}"
    assert urls.notice_lines("x", S, S + 3) == f"notices/x/?hl={S}-{S + 3}#L{S}"
    assert urls.notice_lines("x", S + 1, S + 3) == f"notices/x/text/2/?hl={S + 1}-{S + 3}#L{S + 1}"
    assert urls.notice_source("x") == "notices/x/#source"


def test_a_row_is_on_the_page_of_its_number():
    size = urls.EDITION_PAGE_ROWS
    assert urls.edition_row("plan-x", 1) == "disclosure/plan-x/#row-1"
    assert urls.edition_row("plan-x", str(size)) == f"disclosure/plan-x/#row-{size}"
    assert urls.edition_row("plan-x", size + 1) == f"disclosure/plan-x/page/2/#row-{size + 1}"


def test_text_pages_hold_every_line_once_in_pages_of_the_rule():
    lines = [f"第{n}行" for n in range(1, 2 * S + 2)]
    pages = paging.text_pages("x", lines)
    assert [p["url"] for p in pages] == ["notices/x/", "notices/x/text/2/", "notices/x/text/3/"]
    assert [(p["rows"][0].no, p["rows"][-1].no) for p in pages] == [(1, S), (S + 1, 2 * S), (2 * S + 1, 2 * S + 1)]
    assert pages[2]["pager"]["first"]["url"] == "notices/x/#source"  # page 1 is the notice page's 原文 section
    assert (pages[1]["pager"]["unit"], pages[1]["pager"]["first_row"]) == ("行", S + 1)
    assert [len(p["rows"]) for p in paging.text_pages("x", ["a"] * S)] == [S]


def _pages_of(site: Path, notice_id: str) -> list[Path]:
    folder = site / urls.notice_url(notice_id)
    return [folder / "index.html", *sorted(folder.glob("page/*/index.html")), *sorted(folder.glob("text/*/index.html"))]


def test_every_line_of_every_notice_is_on_exactly_one_page_with_its_anchor(built_site, site_model):
    for notice in site_model.notices:
        found: dict[int, list[str]] = defaultdict(list)
        for path in _pages_of(built_site, notice.id):
            for anchor in ANCHOR.findall(path.read_text(encoding="utf-8")):
                if anchor.startswith("L"):
                    found[int(anchor[1:])].append(path.relative_to(built_site).as_posix())
        count = len(site_model.originals[notice.id].lines)
        assert sorted(found) == list(range(1, count + 1)), notice.id
        for line, pages in found.items():
            assert pages == [urls.saved_as(urls.notice_line(notice.id, line).split("#")[0])], (notice.id, line)
    assert len(_pages_of(built_site, LONG)) == 3 + len(list((built_site / urls.notice_url(LONG)).glob("page/*")))


def links_land(site: Path) -> Counter:
    """Every link to #L… or #row-… in a built site resolves to a built page with that id; how many of each
    (tests/test_disclosure_site.py checks the row links of its editions with it)."""
    anchors: dict[Path, set[str]] = {}
    checked = Counter()
    for path in site.rglob("*.html"):
        page = "http://site/" + path.relative_to(site).as_posix()
        for href in HREF.findall(path.read_text(encoding="utf-8")):
            target = urlparse(urljoin(page, href.replace("&amp;", "&")))
            file = site / target.path.lstrip("/")
            file = file / "index.html" if target.path.endswith("/") else file
            assert file.is_file(), (path, href)
            if file not in anchors:
                anchors[file] = set(ANCHOR.findall(file.read_text(encoding="utf-8")))
            assert target.fragment in anchors[file], (path, href)
            checked["line" if target.fragment.startswith("L") else "row"] += 1
    return checked


def test_every_link_to_a_line_lands_on_a_page_holding_it(built_site):
    """Items' provenance (issue pages, notice pages, generated editions), the rules quoted on county pages,
    the column and the about page: each link to #L… resolves to a built page with that id."""
    assert links_land(built_site)["line"] > 1000  # issue pages alone link to their lines
    on_later_page = (built_site / "regions" / "zhongmou" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../notices/{LONG}/text/2/#L1693"' in on_later_page


def test_a_text_page_shows_its_notice_a_way_back_a_pager_and_the_highlighting(built_site, site_model):
    notice = site_model.notices_by_id[LONG]
    html = (built_site / urls.saved_as(urls.notice_text_page(LONG, 2))).read_text(encoding="utf-8")
    assert f"<title>{notice.title}原文（第 2 页）" in html
    assert f'href="../../../../{urls.notice_url(LONG)}"' in html  # the notice page
    assert 'aria-label="原文：分页"' in html and 'rel="prev"' in html and 'rel="next"' in html
    assert f'<ol class="src" start="{S + 1}">' in html and "js/highlight-lines.js" in html
    first = (built_site / urls.saved_as(urls.notice_url(LONG))).read_text(encoding="utf-8")
    assert f'href="../../{urls.notice_text_page(LONG, 2)}"' in first and 'aria-label="原文：分页"' in first
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{urls.notice_text_page(LONG, n)}</loc>" in sitemap for n in (2, 3))
    assert f"/{urls.notice_text_page(LONG, 4)}</loc>" not in sitemap
    short = "luanchuan-2019-07"  # 418 lines: all on the notice page, no text page and no pager
    assert not (built_site / urls.notice_url(short) / "text").exists()
    assert 'aria-label="原文：分页"' not in (built_site / urls.notice_url(short) / "index.html").read_text(encoding="utf-8")


def test_the_overdue_list_is_paginated_with_its_first_page_at_its_url(site_model):
    views = build_views(site_model, page_size=7)
    overdue = views["overdue"]
    assert len(overdue["rows"]) > 7
    assert [r["id"] for p in overdue["pages"] for r in p["rows"]] == [r["id"] for r in overdue["rows"]]
    assert overdue["pages"][0]["url"] == urls.OVERDUE and overdue["pages"][1]["url"] == "overdue/page/2/"
    specs = {spec.url: spec for spec in page_specs(site_model, views)}
    assert specs["overdue/page/2/"].title == "已过整改时限、未报告完成的事项（第 2 页）"


def _long_edition(model, rows: int, keep=lambda n: True):
    """A generated edition of the seed site, its rows repeated and renumbered up to `rows` (those `keep` keeps)."""
    edition = next(e for e in model.editions if e.generated)
    copies = [dataclasses.replace(row, cells={**row.cells, NUMBER: str(n)})
              for n, row in enumerate((edition.rows * (rows // len(edition.rows) + 1))[:rows], start=1) if keep(n)]
    return dataclasses.replace(edition, rows=tuple(copies))


def test_an_edition_is_cut_by_row_numbers_and_the_newspaper_still_prints_every_row(site_model):
    size = urls.EDITION_PAGE_ROWS
    edition = _long_edition(site_model, 2 * size + 50)
    view = edition_view(edition, site_model)
    assert [len(p["rows"]) for p in view["pages"]] == [size, size, 50]
    assert [p["url"] for p in view["pages"]] == [edition.url, f"{edition.url}page/2/", f"{edition.url}page/3/"]
    assert view["pages"][1]["rows"][0]["number"] == str(size + 1) and len(view["rows"]) == 2 * size + 50
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "themes" / "gov" / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    printed = env.get_template("print_edition.html").render(
        e=edition, v=view, column="专栏", owner="本站", as_of="2026-11-22", page_url="http://site/",
        notice=site_model.notices_by_id[edition.notice_id])
    assert printed.count('<tr id="row-') == 2 * size + 50
    # a handling edition reports on some rows only: each row stays on the page of its number
    sparse = edition_view(_long_edition(site_model, 2 * size + 50, lambda n: n in (1, 2 * size + 1)), site_model)
    assert [[r["number"] for r in p["rows"]] for p in sparse["pages"]] == [["1"], [], [str(2 * size + 1)]]
    views = build_views(site_model)
    views["edition"][edition.id] = view
    specs = {spec.url: spec for spec in page_specs(site_model, views)}
    assert specs[f"{edition.url}page/3/"].title.endswith("（第 3 页）")
