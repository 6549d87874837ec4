"""The 督办公开 column as built: edition pages, downloads, the newspaper PDF, the TV scripts and captions,
the 量化问责 counts on county pages, the search index, and check-deadlines.

The project is a private copy with one notice (郑政文〔2017〕178号, which holds the rules) and the fictional
editions of tests/fixtures/disclosures/: 突出问题督办企业 第 1 期 (published on time on the web, a day late in
the newspaper), its handling status (two rows 未按要求完成整改: one in 中牟县's 示例镇, one in 巩义市), and a
散乱污 list never published.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import srt

from helpers import AS_OF, ROOT, TableParser, build, copy_project, leftovers, run_cli
from pipeline.model.captions import LINE_WIDTH, MAX_LINES, duration_ms, spoken_length
from pipeline.outputs.postings import read_document, read_filter
from pipeline.workers import cores

FIXTURES = ROOT / "tests" / "fixtures" / "disclosures"
LIST_ID, HANDLING_ID, UNPUBLISHED_ID = "demo-tuchu-1", "demo-tuchu-1-handling", "demo-sanluanwu-2"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("column") / "project", notices=("zhengzhou-2017-178",))
    shutil.copytree(FIXTURES, project / "content" / "disclosures")
    return project


@pytest.fixture(scope="module")
def built(project) -> tuple[Path, str]:
    out = project.parent / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


def text_of(path: Path) -> str:
    """A page's visible text, tags dropped and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def row_line(number: int, name: str = LIST_ID) -> int:
    """The line of a row's "- 序号: N" in a fixture."""
    lines = (FIXTURES / f"{name}.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f"- 序号: {number}")


def edition_table(site: Path, edition_id: str) -> TableParser:
    """The edition's <table class="edition …">."""
    parser = TableParser(lambda attributes: "edition" in (attributes.get("class") or "").split())
    parser.feed((site / "disclosure" / edition_id / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_column_lists_the_editions_and_an_empty_state_for_the_type_without_any(site):
    page = text_of(site / "disclosure" / "index.html")
    assert "<h1>大气污染综合治理强化督查</h1>" in (site / "disclosure" / "index.html").read_text(encoding="utf-8")
    for title in ("郑州市突出问题督办企业名单（第 1 期）", "郑州市突出问题督办企业查处整改情况（第 1 期）",
                  "郑州市散乱污问题企业名单（第 2 期）"):
        assert title in page
    assert "本专栏尚未收录环境保护部公开的大气专项治理任务突出问题清单" in page
    assert "郑州市大气专项治理任务突出问题整改情况（郑州市2017年实施方案（郑政文〔2017〕178号））" in page


def test_a_list_page_has_the_templates_columns_and_the_handling_status_beside_each_row(site):
    table = edition_table(site, LIST_ID)
    assert table.headers == ["序号", "市", "县（区）", "污染源名称", "主要问题", "查处整改情况（最新）", "出处"]
    assert [row[:4] for row in table.rows] == [["1", "郑州市", "中牟县", "示例铸造有限公司（虚构）"],
                                               ["2", "郑州市", "中牟县", "样例建材厂（虚构）"],
                                               ["3", "郑州市", "巩义市", "演示耐火材料有限公司（虚构）"]]
    assert [row[5].split("：")[0] for row in table.rows] == ["已完成整改", "未按要求完成整改", "未按要求完成整改"]
    assert table.rows[1][6] == f"content/disclosures/demo-tuchu-1.yml 第 {row_line(2)} 行乡镇（街道）：示例镇（虚构）"


def test_a_handling_page_follows_annex_three(site):
    table = edition_table(site, HANDLING_ID)
    assert table.headers == ["序号", "市", "县（区）", "污染源名称", "主要问题", "查处情况", "整改（进展）情况", "整改期限", "出处"]
    assert len(table.rows) == 3


def test_each_channels_deadline_and_state_on_the_list_page(site):
    page = text_of(site / "disclosure" / LIST_ID / "index.html")
    assert "市政府网站 2017-10-09 2017-10-09 · 原网页 按时公开" in page
    assert "郑州日报 2017-10-09 2017-10-10 · 郑州日报 第3版 逾期 1 天公开" in page
    assert "郑州电视台 2017-10-12 2017-10-12 · 郑州新闻 按时公开" in page
    overdue = text_of(site / "disclosure" / UNPUBLISHED_ID / "index.html")
    assert "市政府网站 2017-10-18 未公开 已逾期 3322 天，尚未公开" in overdue


def test_csv_and_json_downloads_hold_the_table_and_the_source(site):
    folder = site / "disclosure" / LIST_ID
    with (folder / f"{LIST_ID}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["序号", "市", "县（区）", "污染源名称", "主要问题", "乡镇（街道）", "出处"]
    assert [r["出处"] for r in rows] == [f"disclosure/{LIST_ID}/{LIST_ID}.yml:{n}" for n in map(row_line, (1, 2, 3))]
    record = json.loads((folder / f"{LIST_ID}.json").read_text(encoding="utf-8"))
    assert (record["title"], len(record["rows"]), record["columns"][-1]) == ("郑州市突出问题督办企业名单（第 1 期）", 3, "主要问题")
    assert [(d["channel"], d["due"], d["state"], d["days"]) for d in record["deadlines"]] == [
        ("web", "2017-10-09", "on-time", 0), ("newspaper", "2017-10-09", "late", 1), ("tv", "2017-10-12", "on-time", 0)]
    assert (folder / f"{LIST_ID}.yml").read_bytes() == (FIXTURES / f"{LIST_ID}.yml").read_bytes()


def pdf_of(site: Path, edition_id: str) -> Path:
    return site / "disclosure" / edition_id / f"{edition_id}.pdf"


def row_destinations(pdf: Path) -> list[str]:
    """The named destinations WeasyPrint writes for each table row's id (row-N): one per row laid out."""
    listed = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    return sorted(set(re.findall(r'"(row-\d+)"', listed)), key=lambda name: int(name[4:]))


@pytest.mark.parametrize("edition_id, rows", [(LIST_ID, 3), (HANDLING_ID, 3), (UNPUBLISHED_ID, 1),
                                              ("plan-zhengzhou-2017-178", 70)])
def test_the_newspaper_pdf_has_every_row_and_embeds_every_font(site, edition_id, rows):
    pdf = pdf_of(site, edition_id)
    assert row_destinations(pdf) == [f"row-{n}" for n in range(1, rows + 1)]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(fonts) >= 1
    assert [line.split()[-5] for line in fonts] == ["yes"] * len(fonts)  # the emb column


def test_the_pdf_repeats_the_header_and_numbers_its_pages(site):
    pdf = pdf_of(site, "plan-zhengzhou-2017-178")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                               check=True).stdout).group(1))
    assert pages > 5
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "序号" in text and "存在问题" in text and "整改期限" in text, page
        assert f"第 {page} 页，共 {pages} 页" in text


def test_the_build_prints_each_scripts_length_and_duration(built):
    site, stdout = built
    lines = re.findall(r"^播报稿 broadcast (\d{4}-w\d\d): (\d+) 字, ([\d.]+) s", stdout, re.M)
    assert lines, stdout
    for week, chars, seconds in lines:
        text = (site / "disclosure" / "tv" / week / f"{week}.txt").read_text(encoding="utf-8")
        assert (int(chars), float(seconds)) == (spoken_length(text), duration_ms(text) / 1000)


def test_the_week_of_the_list_has_its_rows_and_its_captions_end_at_the_computed_duration(site):
    text = (site / "disclosure" / "tv" / "2017-w39" / "2017-w39.txt").read_text(encoding="utf-8")
    assert "环境保护部公开郑州市突出问题督办企业名单（第 1 期），共3个问题。" in text
    assert "序号2，中牟县，样例建材厂（虚构），（虚构示例）原料露天堆放未覆盖。" in text
    cues = list(srt.parse((site / "disclosure" / "tv" / "2017-w39" / "2017-w39.srt").read_text(encoding="utf-8")))
    assert cues[-1].end == timedelta(milliseconds=duration_ms(text))
    assert cues[0].start == timedelta(0)
    assert all(c.start < c.end for c in cues) and all(a.end == b.start for a, b in zip(cues, cues[1:]))
    lines = [line for c in cues for line in c.content.split("\n")]
    assert max(len(c.content.split("\n")) for c in cues) <= MAX_LINES
    assert max(len(line) for line in lines) <= LINE_WIDTH
    assert re.sub(r"\s+", "", "".join(lines)) == re.sub(r"\s+", "", text)


def test_the_week_the_plan_was_issued_reads_its_items_for_more_than_three_minutes(site):
    text = (site / "disclosure" / "tv" / "2017-w38" / "2017-w38.txt").read_text(encoding="utf-8")
    assert "列出整改事项70项" in text and text.count("整改时限：") >= 70
    assert duration_ms(text) > 180_000
    page = text_of(site / "disclosure" / "tv" / "index.html")
    assert "2017-09-18 至 2017-09-24" in page


def test_a_short_week_says_so(site):
    page = text_of(site / "disclosure" / "tv" / "2017-w44" / "index.html")
    assert "不足 3 分钟" in page


def test_a_county_page_shows_the_counts_and_thresholds_and_the_rules_text(site):
    page = text_of(site / "regions" / "zhongmou" / "index.html")
    section = page[page.index("量化问责规定中的问题数量"):page.index("涉及单位")]
    assert "“完成情况”为“未按要求完成整改”的督办问题 1 个" in section
    assert "第十二条 县（市、区） 超过 4 个 (一)未按要求完成交办问题整改且数量超过4个的;（ 第 1773 行 ） 1" in section
    assert "第八条 乡镇（办事处） 有 1 个及以上" in section
    assert "示例镇（虚构） 1" in section
    for word in ("应对", "实施问责", "领导责任", "问责处理"):
        assert word not in section
    gongyi = text_of(site / "regions" / "gongyi" / "index.html")
    assert "未注明乡镇（街道） 1" in gongyi


def test_the_rules_thresholds_are_the_numbers_the_rules_text_states(site):
    from pipeline.model.accountability import RULES, rule_quotes
    lines = tuple((ROOT / "content" / "notices" / "zhengzhou-2017-178" / "notice.txt").read_text(
        encoding="utf-8").split("\n"))
    quotes = rule_quotes(lines)
    for rule in RULES:
        stated = re.search(r"超过(\d+)个", quotes[rule.article].text)
        assert (int(stated.group(1)) if stated else 0) == rule.threshold, rule.article


def test_editions_are_in_the_search_index_with_their_own_kind(site):
    manifest = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
    numbers = read_filter((site / "search" / "filter" / "kind" / "edition.bin.gz").read_bytes())
    assert len(numbers) == 4  # three fictional editions and the plan's generated one
    docs = [read_document(site / "search", n) for n in numbers]
    assert sorted(d["heading"] for d in docs)[0] == "郑州市大气专项治理任务突出问题整改情况"
    listed = next(d for d in docs if d["url"] == f"disclosure/{LIST_ID}/")
    assert listed["fields"]["problem"] == ["（虚构示例）熔炼工序未安装烟尘收集设施", "（虚构示例）原料露天堆放未覆盖",
                                           "（虚构示例）窑炉烟气未经处理直接排放"]
    assert len(listed["body_labels"]) == len(listed["fields"]["body"])
    assert manifest["documents"] == 1 + 70 + 4


def test_edition_pages_mark_exactly_the_text_search_holds(site):
    """data-pagefind-body on an edition's pages (the benchmark's reference, bench/expected.py) marks the
    cells of its search document (Edition.searched): every column of a published table, only the plan's
    title of a generated one.  Compared as sets: a title is marked on each page, a plan on each row."""
    from bench.expected import marked_texts
    from pipeline.outputs.search import normalize
    numbers = read_filter((site / "search" / "filter" / "kind" / "edition.bin.gz").read_bytes())
    for doc in (read_document(site / "search", n) for n in numbers):
        folder = site / doc["url"]
        pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]
        marked = {normalize(t) for page in pages for t in marked_texts(page.read_text(encoding="utf-8"))}
        indexed = {normalize(t) for values in doc["fields"].values() for t in values}
        assert marked == indexed, doc["url"]
        assert len(indexed) > (1 if doc["url"].startswith("disclosure/plan-") else 3), doc["url"]


def test_links_to_rows_and_lines_land_on_the_pages_holding_them(site):
    """The handling status beside each listed row, and the 量化问责 problems on county pages, link to
    urls.edition_row: the page of the edition that holds the row (tests/test_text_pages.py)."""
    from test_text_pages import links_land
    checked = links_land(site)
    assert checked["row"] >= 4 and checked["line"] > 0


def test_check_deadlines_lists_what_is_due_and_fails_when_something_is_overdue(project, tmp_path):
    late = run_cli("check-deadlines", "--as-of", "2017-10-20", root=project)
    assert late.returncode == 1
    assert "2017-10-18  市政府网站  已逾期 2 天，尚未公开  郑州市散乱污问题企业名单（第 2 期）" in late.stdout
    published = shutil.copytree(project, tmp_path / "project")
    (published / "content" / "disclosures" / f"{UNPUBLISHED_ID}.yml").unlink()
    pending = run_cli("check-deadlines", "--as-of", "2017-10-20", root=published)
    assert pending.returncode == 0, pending.stdout
    assert pending.stdout.splitlines()[1:] == [
        "2017-10-09  郑州日报  逾期 1 天公开  郑州市突出问题督办企业名单（第 1 期）  content/disclosures/demo-tuchu-1.yml",
        "2017-10-25  郑州日报  尚未公开，未到期限  郑州市突出问题督办企业查处整改情况（第 1 期）  "
        "content/disclosures/demo-tuchu-1-handling.yml",
        "2017-10-26  郑州电视台  尚未公开，未到期限  郑州市突出问题督办企业查处整改情况（第 1 期）  "
        "content/disclosures/demo-tuchu-1-handling.yml"]


def test_a_week_without_content_says_so_instead_of_a_padded_script(site):
    for page in ("disclosure/index.html", "disclosure/tv/index.html"):
        assert "本周（2026-11-16 至 2026-11-22）截至 2026-11-22 没有新的公开内容，不编写播报稿" in text_of(site / page)
    assert not (site / "disclosure" / "tv" / "2026-w47").exists()


def test_the_pdf_cache_gives_the_same_bytes_and_lays_out_only_what_changed(project, site, tmp_path):
    cache = tmp_path / "cache"
    first = run_cli("build", "--output", tmp_path / "a", "--as-of", AS_OF, "--pdf-cache", cache, root=project)
    assert "报纸版 PDF newspaper: 4 份, 4 laid out, 0 from the cache" in first.stdout, first.stderr
    again = run_cli("build", "--output", tmp_path / "b", "--as-of", AS_OF, "--pdf-cache", cache, root=project)
    assert "报纸版 PDF newspaper: 4 份, 0 laid out, 4 from the cache" in again.stdout
    for pdf in sorted(site.glob("disclosure/*/*.pdf")):
        relative = pdf.relative_to(site)
        assert (tmp_path / "b" / relative).read_bytes() == pdf.read_bytes(), relative
    changed = shutil.copytree(project, tmp_path / "project")
    listing = changed / "content" / "disclosures" / f"{UNPUBLISHED_ID}.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("热熔工序", "挤出工序"), encoding="utf-8")
    third = run_cli("build", "--output", tmp_path / "c", "--as-of", AS_OF, "--pdf-cache", cache, root=changed)
    assert "报纸版 PDF newspaper: 4 份, 1 laid out, 3 from the cache" in third.stdout
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in cache.glob("*.pdf"))  # no partial files


def test_a_pdf_is_keyed_by_its_values_the_print_templates_and_stylesheet(tmp_path):
    """The PDF cache's key (newspaper._key) follows what the PDF's bytes follow from, so a rebuild renders
    no edition to HTML only to find its PDF in the cache; the site's web stylesheet is not part of it."""
    from pipeline.site import newspaper

    theme = shutil.copytree(ROOT / "themes" / "gov", tmp_path / "theme")
    css = (theme / newspaper.STYLESHEET).read_text(encoding="utf-8")
    values = {"e": "an edition", "as_of": AS_OF}
    key = newspaper._key(newspaper._stamp(theme, css), values)
    assert newspaper._key(newspaper._stamp(theme, css), dict(values)) == key
    assert newspaper._key(newspaper._stamp(theme, css), {**values, "as_of": "2026-11-23"}) != key
    assert newspaper._key(newspaper._stamp(theme, css + " "), values) != key
    web_css = theme / "static" / "css" / "site.css"
    web_css.write_text(web_css.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert newspaper._key(newspaper._stamp(theme, css), values) == key
    macros = theme / "templates" / "disclosure_macros.html"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert newspaper._key(newspaper._stamp(theme, css), values) != key


def test_pdfs_laid_out_on_every_core_are_the_bytes_of_one_after_another(project, site, tmp_path, monkeypatch):
    """The module's build laid out its 4 editions in workers (2 cores or more); in this process, one after
    another, every PDF comes out byte for byte the same."""
    from pipeline.site import newspaper

    assert cores() > 1, "a one-core machine lays out one after another anyway"
    in_process = []

    @contextlib.contextmanager
    def one_after_another(function, jobs, fresh):
        yield
        in_process.extend(function(job) for job in jobs)

    monkeypatch.setattr(newspaper, "running_beside", one_after_another)
    result = run_cli("build", "--output", tmp_path / "one", "--as-of", AS_OF, root=project)
    assert "报纸版 PDF newspaper: 4 份, 4 laid out, 0 from the cache" in result.stdout, result.stderr
    assert len(in_process) == 4
    pdfs = sorted(site.glob("disclosure/*/*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        relative = pdf.relative_to(site)
        assert (tmp_path / "one" / relative).read_bytes() == pdf.read_bytes(), relative


def children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"\nPPid:\t{pid}\n" in status.read_text():
                found.add(int(status.parent.name))
        except OSError:
            pass  # ended while we looked
    return found


def test_sigterm_while_pdfs_are_laid_out_leaves_no_worker_behind(project, tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output",
                                str(tmp_path / "out"), "--as-of", AS_OF, "--no-history"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    for line in process.stdout:  # the PDFs are laid out from this line on, beside the data and the pages
        if line.startswith("报纸版 PDF newspaper"):
            break
    workers, deadline = set(), time.monotonic() + 30
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        time.sleep(0.01)
    assert workers, "no worker was seen laying out the PDFs"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert running(workers, within=10) == {}
    assert not (tmp_path / "out").exists() and leftovers(tmp_path / "out") == []


def running(pids: set[int], within: float) -> dict[int, str]:
    """The command lines of the processes among `pids` still alive after up to `within` seconds (a
    terminated worker takes a moment to exit on a loaded machine; one that keeps working does not)."""
    deadline = time.monotonic() + within
    while True:
        alive = {}
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                if "\nState:\tZ" not in status:
                    alive[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                pass  # gone
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)
