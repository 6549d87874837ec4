"""The benchmark's pure parts (bench/): reference result sets, scores, the gzip server, synthetic notices.

No browser and no site build: these run in well under two seconds.
"""
from __future__ import annotations

import gzip
import http.client
import pickle
import random
import urllib.parse
import urllib.request

import yaml

from bench.build_bench import unused_stem
from bench.expected import expected_pages, marked_texts, normalize_url, page_texts, score, summarise
from bench.one_update import add_update
from bench.output_sizes import kind_of
from bench.server import GZIP_MAGIC, serve
from bench.synthetic import Pools, notice_text
from helpers import AS_OF, ROOT
from pipeline.notices.process import process_raw_file

ISSUE = """<!doctype html><html lang="zh-CN"><body><nav>巩义市 导航</nav>
<p data-pagefind-body>治理<b>散煤</b>污染，ＰＭ２．５ 下降</p>
<ul><li>unclosed<li><span data-pagefind-body>巩义市政府</span></ul>
<div data-pagefind-body>外层<script>var 禁煤区 = 1;</script><p data-pagefind-body>内层</p></div>
</body></html>"""
EDITION = """<!doctype html><html><body><h1><span data-pagefind-body>郑州市清单</span></h1><td data-label="专项方案"><span data-pagefind-body>{}</span></td></body></html>"""
NOTICE = """<!doctype html><html><body><h1 data-pagefind-body>郑州市通知</h1><p data-pagefind-body>散</p><p data-pagefind-body>煤</p></body></html>"""


def write_site(tmp_path):
    for path, html in {"issues/a-l1-1/index.html": ISSUE, "notices/a/index.html": NOTICE,
                       "issues/unmarked/index.html": "<html><body>散煤</body></html>",
                       "units/u/index.html": "<p data-pagefind-body>散煤</p>",
                       "disclosure/plan-a/index.html": EDITION.format("散"),
                       "disclosure/plan-a/page/2/index.html": EDITION.format("煤炭"),
                       "disclosure/tv/index.html": "<p>散煤</p>"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    return tmp_path


def test_marked_texts_are_whole_elements_without_scripts():
    assert marked_texts(ISSUE) == ["治理散煤污染，ＰＭ２．５ 下降", "巩义市政府", "外层内层", "内层"]


def test_expected_pages_need_every_term_inside_one_marked_text(tmp_path, capsys):
    pages = page_texts(write_site(tmp_path))
    assert set(pages) == {"issues/a-l1-1/", "notices/a/", "disclosure/plan-a/"}  # unmarked and unit pages are left out
    assert pages["disclosure/plan-a/"] == ["郑州市清单", "散", "郑州市清单", "煤炭"]  # an edition's pages are one document
    assert "have no data-pagefind-body" in capsys.readouterr().err
    assert expected_pages(pages, "散煤") == {"issues/a-l1-1/"}  # 散 and 煤 in separate elements do not join
    assert expected_pages(pages, "pm2.5 巩义市") == {"issues/a-l1-1/"}  # NFKC + lower case, terms in different elements
    assert expected_pages(pages, "煤 散") == {"issues/a-l1-1/", "notices/a/", "disclosure/plan-a/"}  # plan-a: 散 on page 1
    assert expected_pages(pages, "禁煤区") == set()  # script text is not page text
    assert expected_pages(pages, "导航") == set()  # unmarked text is not searchable


def test_scores_and_micro_averages():
    assert score([], set()).precision == 1.0
    assert score([], {"a/"}).precision is None and score([], {"a/"}).recall == 0.0
    both = summarise([score(["a/", "b/"], {"a/"}), score(["c/"], {"c/", "d/"})])
    assert both == {"recall_micro": 2 / 3, "recall_min": 0.5, "precision_micro": 2 / 3, "precision_min": 0.5}


def test_urls_compare_as_site_relative_folders():
    assert normalize_url("/issues/x-l1-3/index.html") == "issues/x-l1-3/"
    assert normalize_url("http://127.0.0.1:9/notices/a/?q=1#m") == "notices/a/"
    assert normalize_url("/disclosure/plan-a/page/3/") == "disclosure/plan-a/"


def fetch(url: str) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read(), response.headers.get("Content-Encoding")


def raw_status(base: str, path: str) -> int:
    """Status of a GET for `path` sent exactly as written (urllib would tidy the ../ away)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_server_gzips_text_but_passes_gzip_files_through(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>散煤</p>" * 50, encoding="utf-8")
    stored = gzip.compress(b"pagefind chunk")
    (tmp_path / "chunk.pf_index").write_bytes(stored)
    with serve(tmp_path, lifetime=30) as base:
        body, encoding = fetch(base + "page/")
        assert encoding == "gzip" and gzip.decompress(body).decode() == "<p>散煤</p>" * 50
        body, encoding = fetch(base + "chunk.pf_index")
        assert encoding is None and body == stored and body.startswith(GZIP_MAGIC)
        assert raw_status(base, "/../../etc/passwd") == 404
        assert raw_status(base, "/%2e%2e/%2e%2e/etc/passwd") == 404


def test_server_sends_a_precompressed_twin_when_there_is_one(tmp_path):
    (tmp_path / "shard.json").write_text('{"a": 1}', encoding="utf-8")
    twin = gzip.compress(b'{"a": 1}', compresslevel=9, mtime=0)
    (tmp_path / "shard.json.gz").write_bytes(twin)
    with serve(tmp_path, lifetime=30) as base:
        assert fetch(base + "shard.json") == (twin, "gzip")


def test_synthetic_notice_parses_to_its_declared_items(tmp_path):
    pools = Pools(problems=["散煤污染问题突出。"], targets=["完成整改。"], measures=["加强巡查。", "依法处罚。"],
                  deadlines=["2019年12月底前"], persons=["各牵头单位主要负责人"],
                  leaders={"郑州市": [["张三"]]}, lead_units={"郑州市": [["市生态环境局"]]},
                  responsible_units={"郑州市": [["各县（市、区）政府"]]})
    text, title = notice_text(1, random.Random(1), pools, "郑州市", None, items=7)
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    result = process_raw_file(path)
    assert not result.errors and title.endswith("（合成测试样本）")
    assert [issue.number for issue in result.issues] == list(range(1, 8))


def test_output_sizes_tells_the_kinds_of_file_apart_by_path():
    assert [kind_of(path) for path in (
        "issues/henan-2019-1/index.html", "issues/page/2/index.html", "regions/henan/page/2/index.html",
        "issues/status/overdue/page/3/index.html", "units/zhengzhou-78c827bd/page/2/index.html",
        "notices/zhengzhou-2017-178/page/2/index.html", "regions/henan/index.html", "search/s/0a.json")] == [
        "item pages", "list pages after the first", *["former later pages of regions, units, statuses, years "
                                                       "(redirects)"] * 3,
        "list pages after the first", "other pages (first pages of lists, notices, regions, units …)",
        "search index"]


def test_a_second_bench_build_the_same_day_keeps_the_first_results(tmp_path):
    stem = tmp_path / "build-2026-12-03"
    assert unused_stem(stem) == stem
    stem.with_suffix(".md").write_text("first", encoding="utf-8")
    assert unused_stem(stem) == tmp_path / "build-2026-12-03-2"
    (tmp_path / "build-2026-12-03-2.json").write_text("{}", encoding="utf-8")
    assert unused_stem(stem) == tmp_path / "build-2026-12-03-3"


def test_each_run_s_update_names_another_item(tmp_path):
    """bench.one_update and `bench.stage_times --update`: one more fictional update a run, on a new item."""
    items = [f"item-{n}" for n in range(30)]
    for run in (1, 2, 3):
        add_update(tmp_path, items, run)
    written = sorted((tmp_path / "content" / "updates").glob("*.md"))
    assert [path.name for path in written] == ["2026-11-01-bench.md", "2026-11-02-bench.md", "2026-11-03-bench.md"]
    named = [yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["items"] for path in written]
    assert named == [["item-7"], ["item-14"], ["item-21"]]


def test_pdf_layout_lays_out_the_edition_with_the_most_rows_in_a_fresh_process(site_model, tmp_path):
    """bench.pdf_layout's job is the print page a build renders for the seed's longest edition, and its
    child process lays it out into a PDF and prints the seconds it took."""
    from bench.pdf_layout import edition_job, finish_layout, start_layout

    job, rows = edition_job(ROOT, AS_OF, None, tmp_path)
    longest = max(site_model.editions, key=lambda e: len(e.rows))
    assert rows == len(longest.rows)
    assert f"<h1>{longest.title}</h1>" in job[0]
    job_file = tmp_path / "job.pickle"
    job_file.write_bytes(pickle.dumps(job))
    process_seconds, layout_seconds = finish_layout(*start_layout(job_file))
    assert 0 < layout_seconds < process_seconds
    assert (tmp_path / "edition.pdf").read_bytes()[:5] == b"%PDF-"
