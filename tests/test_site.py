"""The built site: a page for every record, feeds, sitemap, gzip twins (PRECOMPRESS), same output for the same inputs."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import AS_OF, build_real_site, copy_project, run_cli
from pipeline.outputs.files import TEXT_SUFFIXES, write_gzip_twins
from pipeline.problems import PipelineError
from pipeline.settings import read_settings


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def data(site: Path, name: str) -> list[dict]:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["notices", "issues", "units", "regions"])
def test_every_record_has_a_page_at_its_url(site, name):
    records = data(site, name)
    assert records
    for record in records:
        url = record["url"]
        assert url == f"{name}/{record['id']}/", url
        assert (site / url / "index.html").is_file(), url


def test_unit_references_and_notice_regions_carry_urls(site):
    for issue in data(site, "issues"):
        for key in ("lead_units", "cooperating_units", "responsible_units"):
            for unit in issue[key]:
                assert (site / unit["url"] / "index.html").is_file()
    for notice in data(site, "notices"):
        assert (site / notice["region"]["url"] / "index.html").is_file()


def test_status_is_published_with_its_as_of_date(site):
    statuses = {issue["status"]["as_of"] for issue in data(site, "issues")}
    assert statuses == {AS_OF}
    by_id = {issue["id"]: issue for issue in data(site, "issues")}
    assert by_id["zhengzhou-2020-79-l1-13"]["status"]["category"] == "overdue"
    assert by_id["zhengzhou-2020-79-l1-1"]["status"]["category"] == "ongoing"


def test_site_pages_and_files_exist(site):
    for path in ["index.html", "404.html", "issues/index.html", "units/index.html", "archives/index.html",
                 "about/index.html", "disclosure/index.html", "robots.txt", "sitemap.xml",
                 "feeds/notices.atom.xml", "notices/zhengzhou-2020-79/issues.csv",
                 "notices/zhengzhou-2020-79/issues.json", "notices/zhengzhou-2020-79.txt"]:
        assert (site / path).is_file(), path


def test_the_footer_links_the_data_section_that_lists_every_data_file(site):
    """Every page's footer points to about/#data (one link, not ten on each of 10,000 pages); that section
    links each data file in both formats."""
    footer = re.search(r'<footer class="site-footer">.*?</footer>', (site / "issues/zhengzhou-2020-79-l1-13/index.html")
                       .read_text(encoding="utf-8"), re.S).group(0)
    assert re.findall(r'href="([^"]+)"', footer) == ["../../about/#data", "../../feeds/notices.atom.xml",
                                                      "../../feeds/updates.atom.xml", "../../about/",
                                                      "../../corrections/"]
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    section = about[about.index('<h2 id="data">'):]
    for name in ("notices", "issues", "units", "regions", "updates"):
        for suffix in ("json", "csv"):
            assert f'href="../data/{name}.{suffix}"' in section, (name, suffix)


def test_feeds_are_atom_with_one_entry_per_notice(site):
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(site / "feeds" / "notices.atom.xml").getroot()
    assert len(root.findall(f"{atom}entry")) == len(data(site, "notices"))
    for region in data(site, "regions"):
        feed = site / "feeds" / "regions" / f"{region['id']}.atom.xml"
        assert feed.is_file() == bool(region["notices"]), region["id"]  # a county without notices has none
        if region["notices"]:
            ET.parse(feed)
    for unit in data(site, "units")[:20]:
        ET.parse(site / "feeds" / "units" / f"{unit['id']}.atom.xml")


def test_every_feed_and_the_sitemap_use_absolute_addresses(site):
    """Feed readers and search engines need absolute URLs: SITE_URL, else the documented local default."""
    atom = "{http://www.w3.org/2005/Atom}"
    base = "http://localhost:8000/"  # settings.DEFAULT_SITE_URL: the seed build sets no SITE_URL
    feeds = sorted((site / "feeds").rglob("*.atom.xml"))
    assert len(feeds) == 1 + 1 + 2 * len(data(site, "units")) + len(data(site, "regions")) + sum(
        1 for r in data(site, "regions") if r["notices"]) + len(data(site, "notices"))
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == f"{atom}feed", feed
        ids = [e.text for e in root.iter(f"{atom}id")]
        links = [e.get("href") for e in root.iter(f"{atom}link")]
        assert ids and all(i.startswith(base) for i in ids + links), feed
        assert root.find(f"{atom}updated").text.endswith("+08:00"), feed
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs)) > 400 and all(loc.startswith(base) for loc in locs)


def test_sitemap_lists_every_record_page(site):
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    for name in ("notices", "issues", "units", "regions"):
        for record in data(site, name):
            assert f"{record['url']}</loc>" in text


def twins(folder: Path) -> list[Path]:
    """The .gz twins in `folder`: a file.gz beside its file (the search index's own .gz shards are not twins)."""
    return [p for p in folder.rglob("*.gz") if p.with_suffix("").is_file()]


def test_a_default_build_writes_no_gzip_twins(site):
    """GitHub Pages, Netlify and Cloudflare compress on their own: only PRECOMPRESS (nginx) writes twins."""
    assert not twins(site)


@pytest.fixture(scope="module")
def precompressed(tmp_path_factory) -> tuple[Path, Path]:
    """One small project built twice: as by default and with `build --precompress`."""
    project = copy_project(tmp_path_factory.mktemp("precompress") / "project", notices=("zhengzhou-2020-0416",))
    plain, zipped = project.parent / "plain", project.parent / "zipped"
    for output, extra in ((plain, []), (zipped, ["--precompress"])):
        result = run_cli("build", "--output", output, "--as-of", AS_OF, "--no-history", *extra, root=project)
        assert result.returncode == 0, result.stderr
    return plain, zipped


def test_precompress_writes_a_gzip_twin_of_every_text_file(precompressed):
    plain, zipped = precompressed
    files = {p.relative_to(plain): p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    text = [path for path in files if path.suffix in TEXT_SUFFIXES]
    assert len(text) > 100 and not twins(plain)
    assert sorted(p.relative_to(zipped) for p in twins(zipped)) == sorted(p.with_name(p.name + ".gz") for p in text)
    for path in text:
        twin = (zipped / path).with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(twin) == files[path], path
        assert twin[3] == 0 and twin[4:8] == bytes(4), path  # no file name, no timestamp: the same bytes every build
    assert {p: (zipped / p).read_bytes() for p in files} == files  # the rest of the site as without twins


def test_gzip_twins_are_the_same_bytes_every_time(precompressed, tmp_path):
    """Threads finish in any order; each twin's bytes depend only on its file."""
    plain, zipped = precompressed
    again = tmp_path / "again"
    shutil.copytree(plain, again)
    assert write_gzip_twins(again, workers=3) == len(twins(zipped))
    assert {p.relative_to(again): p.read_bytes() for p in twins(again)} == \
        {p.relative_to(zipped): p.read_bytes() for p in twins(zipped)}


def test_precompress_is_read_from_pelicanconf(tmp_path):
    (tmp_path / "pelicanconf.py").write_text("PRECOMPRESS = True\n", encoding="utf-8")
    assert read_settings(tmp_path, as_of=AS_OF, environ={}).precompress
    (tmp_path / "pelicanconf.py").write_text("PRECOMPRESS = False\n", encoding="utf-8")
    assert not read_settings(tmp_path, as_of=AS_OF, environ={}).precompress
    assert read_settings(tmp_path, as_of=AS_OF, environ={}, precompress=True).precompress  # build --precompress
    (tmp_path / "pelicanconf.py").write_text('PRECOMPRESS = "False"\n', encoding="utf-8")
    with pytest.raises(PipelineError) as raised:
        read_settings(tmp_path, as_of=AS_OF, environ={})
    assert [p.code for p in raised.value.problems] == ["settings.bad-precompress"]


def test_pages_obey_the_content_security_policy(site):
    """No inline scripts or styles (the CSP forbids them), nothing from another host."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, path
        assert "unsafe-inline" not in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\sstyle=\"", html) and "<style" not in html, path
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), path
        assert '<html lang="zh-CN"' in html, path


def test_content_is_escaped(site):
    """Text from notices is escaped: the quotes and brackets of the notices stay text."""
    html = (site / "issues" / "zhengzhou-2020-79-l1-1" / "index.html").read_text(encoding="utf-8")
    assert "郑州市落实省委、省政府大气污染防治攻坚暨“三散”治理专题工作会议工作部署不够严格" in html


def test_two_builds_with_the_same_as_of_date_are_identical(site, tmp_path):
    """Another process with another hash seed writes the same bytes: nothing depends on set order."""
    again = tmp_path / "again"
    build_real_site(again, hash_seed="1")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    different = [str(p) for p in first if first[p] != second[p]]
    assert not different, different[:10]


def test_shared_fields_link_to_the_task_they_come_from(site):
    by_id = {issue["id"]: issue for issue in data(site, "issues")}
    source = by_id["zhengzhou-2017-178-l1-1"]["field_sources"]["lead_units"]
    assert source["via"] == "shared" and source["ref"] == "zhengzhou-2017-178-l1-3" and source["ref_seq"] == "3"
    assert (site / source["ref_url"] / "index.html").is_file()
    html = (site / "issues" / "zhengzhou-2017-178-l1-1" / "index.html").read_text(encoding="utf-8")
    assert "第3项</a>共用" in html


def test_404_page_links_from_the_site_root(site):
    """Servers show 404.html at the missing address; its relative links must start from the root."""
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<base href="/">' in html
    assert "<base" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_browse_value_with_no_items_is_not_a_link(site):
    """No item is 未到整改时限 as of AS_OF: the all-issues page names the value with its 0 and links nowhere,
    and the filter choice is disabled; values with items link to their tables."""
    html = (site / "issues" / "index.html").read_text(encoding="utf-8")
    by_status = {}
    for issue in data(site, "issues"):
        by_status[issue["status"]["category"]] = by_status.get(issue["status"]["category"], 0) + 1
    assert "pending" not in by_status
    assert '<span class="muted">未到整改时限，未报送进展（0）</span>' in html
    assert 'href="../issues/status/pending/"' not in html and 'href="./status/pending/"' not in html
    assert '<option value="pending" data-name="未到整改时限，未报送进展" disabled>未到整改时限，未报送进展（0）</option>' in html
    assert f'已过整改时限，未报送进展</a>（{by_status["overdue"]}）' in html


def test_unit_role_counts_add_up_once_two_role_items_are_counted(site):
    """涉及事项 counts an item once; the role columns once per role.  Where they differ the units index says how
    many items name the unit in two roles (市工商局 leads 178-28(2) and 市质监局 cooperates on it, both now
    市市场监管局), so the totals are explained, not merely different."""
    units = data(site, "units")
    for unit in units:
        assert sum(len(ids) for ids in unit["issues"].values()) == unit["issue_count"] + len(unit["multi_role_issues"])
    assert {u["name"]: u["multi_role_issues"] for u in units if u["multi_role_issues"]} == {
        "市生态环境局": ["zhengzhou-2020-0416-l3-s4-6", "zhengzhou-2020-0416-l3-s4-9"],
        "市工信局": ["zhengzhou-2020-0416-l3-s4-9"],
        "市市场监管局": ["zhengzhou-2017-178-l1-28-2"],
        "市应急局": ["zhengzhou-2020-0416-l3-s4-6"],
    }
    html = (site / "units" / "index.html").read_text(encoding="utf-8")
    assert html.count("项兼两种角色") == 4
    assert '<td class="num">129<br><span class="muted">其中 2 项兼两种角色</span></td>' in html


def test_archives_list_each_year_newest_first(site):
    """Within a year notices go by their date, newest first (2020-07-18 before 2020-04-16), as the years do."""
    html = (site / "archives" / "index.html").read_text(encoding="utf-8")
    by_year = html.split('id="by-year"')[1].split('id="by-kind"')[0]
    assert re.findall(r'href="\.\./notices/([^/"]+)/"', by_year) == [
        "zhengzhou-2020-79", "zhengzhou-2020-0416", "luanchuan-2019-07", "shangqiu-2019-0403", "zhengzhou-2017-178"]


def _outline(nodes) -> list:
    return [(n["title"], _outline(n["children"])) if n["children"] else n["title"] for n in nodes]


def test_the_table_of_contents_shows_the_notices_outline(site_model):
    """2020-0416 list 1 prints （一）…（五） under 三、重点工作 and （一）…（四） under 四、结构调整工作: the contents
    show both parents; list 3's （五'） (a stray mark of the extraction) is （五）; row sections keep their anchors."""
    from pipeline.site.views import build_views
    lists = build_views(site_model)["notice"]["zhengzhou-2020-0416"]["lists"]
    assert _outline(lists[0]["toc"]) == [
        ("三、重点工作", ["（一）实施差异化管理", "（二）加快燃煤电厂转型", "（三）深化VOCs综合治理", "（四）推进智慧监管",
                     "（五）加强柴油货车污染治理"]),
        ("四、结构调整工作", ["（一）优化产业结构", "（二）调整能源结构", "（三）调整交通结构", "（四）调整用地结构"]),
    ]
    assert [(s["anchor"], s["depth"], len(s["rows"])) for s in lists[0]["sections"][:3]] == [
        ("list-1-part-1", 0, 0), ("list-1-section-1", 1, 3), ("list-1-section-2", 1, 1)]
    soil = _outline(lists[2]["toc"])
    assert soil[0][0] == "三、工作任务" and soil[0][1][3] == "（五）启动地下水污染治理"
    assert not any("'" in s["title"] for lst in lists for s in lst["sections"])


def test_the_seed_site_reports_no_progress(site):
    """The seed site (content/ without its updates, tests/helpers.py) invents no progress: every item says
    未报送进展, and the update data and feed are empty.  Fictional updates live only in tests."""
    assert {(i["status"]["progress_label"], i["status"]["update_count"]) for i in data(site, "issues")} == {
        ("未报送进展", 0)}
    assert data(site, "updates") == []
    assert "<entry>" not in (site / "feeds" / "updates.atom.xml").read_text(encoding="utf-8")


def test_a_sitemap_over_the_limit_becomes_an_index_of_parts_within_it(tmp_path):
    """sitemaps.org allows 50,000 URLs a file, which an archive of about 40,000 issues passes."""
    from pipeline.outputs.files import write_sitemap
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    pages = [f"issues/i{n}/" for n in range(1, 10)]  # with the home page: 10 URLs
    write_sitemap(pages, tmp_path, "https://example.org/", "2026-12-02", limit=4)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{sm}sitemapindex"
    parts = [e.text for e in index.iter(f"{sm}loc")]
    assert parts == [f"https://example.org/sitemaps/{n}.xml" for n in (1, 2, 3)]
    listed = [[e.text for e in ET.parse(tmp_path / "sitemaps" / f"{n}.xml").getroot().iter(f"{sm}loc")]
              for n in (1, 2, 3)]
    assert [len(urls) for urls in listed] == [4, 4, 2]
    assert sum(listed, []) == ["https://example.org/"] + [f"https://example.org/{p}" for p in pages]
    (tmp_path / "within").mkdir()
    write_sitemap(pages, tmp_path / "within", "https://example.org/", "2026-12-02", limit=10)
    assert ET.parse(tmp_path / "within" / "sitemap.xml").getroot().tag == f"{sm}urlset"
