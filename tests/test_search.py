"""The search index: normalisation, tokens, completeness of the shards, filters, and
the agreement between what the pages mark as searchable and what is indexed.

The browser side (the same tokens in JavaScript, the search page) is tested in
tests/browser/test_search_page.py.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.expected import marked_texts
from pipeline.outputs.postings import DOCS_PER_FILE, masks, positions, read_document, read_filter, read_shard
from pipeline.outputs.search import (
    FACETS, FIELDS, RANKED_FIELDS, bigrams, characters, field_string, fnv1a, issue_fields, normalize, notice_fields,
    search_documents, shard_of,
)


def read(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def read_numbers(site: Path, facet: str, value: str) -> list[int]:
    return read_filter((site / "search" / "filter" / facet / f"{value}.bin.gz").read_bytes())


def shard_files(site: Path, kind: str, count: int) -> list[Path]:
    width = len(str(count - 1))
    return [site / "search" / kind / f"{i:0{width}d}.bin.gz" for i in range(count)]


@pytest.fixture(scope="module")
def data(built_site):
    return {name: read(built_site, f"data/{name}.json") for name in ("notices", "issues", "units", "regions")}


@pytest.fixture(scope="module")
def manifest(built_site):
    return read(built_site, "search/manifest.json")


def test_normalize_folds_width_and_case_and_drops_whitespace():
    assert normalize("ＰＭ２．５ 浓度\u3000下降\u200b") == "pm2.5浓度下降"
    assert normalize("VOCs\n治理") == "vocs治理"
    assert normalize("“散乱污”") == "“散乱污”"  # punctuation is text: a query may contain it


def test_no_bigram_spans_two_values_of_a_field():
    field = field_string(["禁煤", "区域"])
    assert bigrams(field) == [("禁煤", 0), ("区域", 3)]
    assert characters(field) == sorted("禁煤区域")


def test_fnv1a_is_the_standard_32_bit_hash():
    # Published FNV-1a test vectors; search-tokens.js must give the same.
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


# Keys of an issue record that are not text from the notice: ids, numbers,
# links, provenance, derived status, normalised dates.
NOT_TEXT = {"id", "notice", "list_index", "kind", "seq", "number", "parent", "parent_seq", "section", "url",
            "source", "field_sources", "corrections", "status", "date", "milestones", "collective", "label",
            "line_start", "line_end", "file",
            # a task-table row: its time is in the deadline text, issue and reason are ours, not the notice's
            "time", "issue", "reason", "completion"}


def text_values(value, key=None):
    """Every string in a record outside NOT_TEXT keys."""
    if key in NOT_TEXT:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from text_values(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from text_values(v, key)


def test_every_text_field_of_an_issue_is_searchable(data, site_model):
    """A new text field in issues.json must be indexed too, or listed in NOT_TEXT."""
    for issue in data["issues"]:
        indexed = {text for values in issue_fields(site_model.issues_by_id[issue["id"]]).values() for text in values}
        missing = {t for t in text_values(issue) if t and t not in indexed and t != issue["kind"]}
        assert not missing, (issue["id"], missing)


def test_documents_are_numbered_newest_notice_first_each_before_its_issues(data, site_model):
    documents = search_documents(site_model)
    assert [d["n"] for d in documents] == list(range(len(documents)))
    assert len(documents) == len(data["notices"]) + len(data["issues"]) + len(site_model.editions)
    assert [d["kind"] for d in documents[-len(site_model.editions):]] == ["edition"] * 5  # the plans' tables last
    notices = [d for d in documents if d["kind"] == "notice"]
    dates = [d["date"] for d in notices]
    assert dates == sorted(dates, reverse=True)
    for notice in notices:
        following = documents[notice["n"] + 1]
        if following["kind"] not in ("notice", "edition"):
            assert following["notice"]["url"] == notice["url"]


def test_every_bigram_of_every_field_is_in_its_shard_at_its_offset(built_site, manifest, site_model):
    """The index is complete: nothing a substring search needs is missing or misfiled."""
    shards = [read_shard(path.read_bytes()) for path in shard_files(built_site, "bi", manifest["bi"])]
    checked = 0
    for document in search_documents(site_model):
        for f, field in enumerate(FIELDS):
            for token, offset in bigrams(field_string(document["fields"][field])):
                entries = positions(shards[shard_of(token, manifest["bi"])][token], len(FIELDS))
                assert offset in entries[document["n"]][f], (document["url"], field, token, offset)
                checked += 1
    assert checked > 50_000


def test_every_character_is_in_its_shard_with_the_fields_it_occurs_in(built_site, manifest, site_model):
    shards = [read_shard(path.read_bytes()) for path in shard_files(built_site, "uni", manifest["uni"])]
    for document in search_documents(site_model)[:40]:
        strings = [field_string(document["fields"][field]) for field in FIELDS]
        for char in set().union(*(characters(s) for s in strings)):
            docs = masks(shards[shard_of(char, manifest["uni"])][char])
            assert docs[document["n"]] == sum(1 << f for f, s in enumerate(strings) if char in s), (document["url"], char)


def test_the_index_holds_only_its_own_files(built_site, manifest):
    """Shards, document files, filters and the manifest: nothing else, nothing missing."""
    folder = built_site / "search"
    assert sorted(p for p in (folder / "bi").iterdir()) == shard_files(built_site, "bi", manifest["bi"])
    assert sorted(p for p in (folder / "uni").iterdir()) == shard_files(built_site, "uni", manifest["uni"])
    doc_files = -(-manifest["documents"] // DOCS_PER_FILE)
    assert sorted(p.name for p in (folder / "docs").iterdir()) == sorted(f"{i}.json.gz" for i in range(doc_files))


def test_result_documents_exist_for_every_number(built_site, manifest):
    for n in range(manifest["documents"]):
        document = read_document(built_site / "search", n)
        assert (built_site / document["url"] / "index.html").is_file()


def test_region_filter_includes_the_regions_inside_it(built_site, data):
    luoyang = set(read_numbers(built_site, "city", "luoyang"))
    luanchuan = set(read_numbers(built_site, "city", "luanchuan"))
    henan = set(read_numbers(built_site, "city", "henan"))
    assert luanchuan and luanchuan <= luoyang <= henan
    editions = read_numbers(built_site, "kind", "edition")
    assert len(henan) == len(data["notices"]) + len(data["issues"]) + len(editions) == 5 + 269 + 5


def test_unit_filter_lists_every_issue_naming_the_unit(built_site, data, site_model):
    numbers = {d["url"]: d["n"] for d in search_documents(site_model)}
    for unit in data["units"][:20]:
        listed = set(read_numbers(built_site, "unit", unit["id"]))
        naming = {numbers[i["url"]] for i in data["issues"]
                  if any(u["id"] == unit["id"] for key in ("lead_units", "cooperating_units", "responsible_units")
                         for u in i[key])}
        assert naming <= listed, unit["id"]


def page_marked_texts(page: Path) -> Counter:
    """The page's searchable text, read as the benchmark reads it for Pagefind."""
    return Counter(normalize(text) for text in marked_texts(page.read_text(encoding="utf-8")))


def indexed_texts(fields: dict[str, list[str]]) -> Counter:
    return Counter(normalize(text) for values in fields.values() for text in values)


def test_issue_pages_mark_exactly_the_indexed_text(built_site, site_model):
    """What a reader sees as the record's text is what the search finds, no more, no less."""
    for issue in site_model.issues:
        assert page_marked_texts(built_site / issue.url / "index.html") == indexed_texts(issue_fields(issue)), issue.id


def test_notice_pages_mark_exactly_the_indexed_text(built_site, site_model):
    for notice in site_model.notices:
        assert page_marked_texts(built_site / notice.url / "index.html") == indexed_texts(notice_fields(notice)), notice.id


def test_the_search_page_carries_the_manifest_search_js_reads(built_site, manifest):
    """Facets, ranked fields and shard counts reach search.js only through the manifest the page carries."""
    html = (built_site / "search.html").read_text(encoding="utf-8")
    carried = re.search(r"data-manifest='([^']*)'", html).group(1)
    assert json.loads(html_lib.unescape(carried)) == manifest
    assert manifest["ranked"] == list(RANKED_FIELDS) and manifest["facets"] == list(FACETS)
    script = (Path(__file__).resolve().parent.parent / "themes/gov/static/js/search.js").read_text(encoding="utf-8")
    assert "'title', 'problem'" not in script and "'city', 'notice'" not in script
