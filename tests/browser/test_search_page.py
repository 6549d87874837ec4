"""The search page in Chromium: tokens equal to Python's, exact substring results,
filters, paging, the empty state, hostile queries, and the page without JavaScript."""
from __future__ import annotations

import json
import random
import urllib.parse

import pytest

from pipeline.outputs.postings import document_file
from pipeline.outputs.search import FIELDS, RANKED_FIELDS, bigrams, field_string, fnv1a, normalize, search_documents

pytestmark = pytest.mark.browser

CURATED = ["巩义市政府", "散煤", "禁煤区", "双替代", "PM2.5", "pm2.5", "ＰＭ２．５", "VOCs", "2020年10月", "煤",
           "散煤 巩义市", "“散乱污”", "郑政文〔2020〕79号", "大气 水 土壤", "不存在的词语甲乙丙"]


@pytest.fixture(scope="module")
def data(site):
    return {name: json.loads((site.out / "data" / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("notices", "issues", "regions")}


@pytest.fixture(scope="module")
def documents(site_model):
    return search_documents(site_model)


@pytest.fixture(scope="module")
def page(site, browser):
    """One search page for the API-level tests (the index loads once)."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.goto(site.url("search.html"))
    page.wait_for_selector("html[data-search-rendered]")
    yield page
    context.close()


def expected(documents, query: str, keep=lambda d: True) -> list[int]:
    """By definition: documents with every term as a substring of one of their fields, in rank order."""
    terms = [normalize(t) for t in query.split()]
    terms = [t for t in terms if t]
    hits = []
    for d in documents:
        fields = {f: [normalize(v) for v in d["fields"][f]] for f in FIELDS}
        found = [{f for f in FIELDS if any(t in v for v in fields[f])} for t in terms]
        if terms and all(found) and keep(d):
            ranked = any(f in RANKED_FIELDS for fs in found for f in fs)
            hits.append((not ranked, d["n"]))
    return [n for _, n in sorted(hits)]


def sampled_queries(documents, count: int = 40) -> list[str]:
    """Substrings cut at random from the data: places, units and phrases nobody picked by hand."""
    rng = random.Random(20261122)
    queries = []
    while len(queries) < count:
        d = rng.choice(documents)
        values = [v for f in FIELDS for v in d["fields"][f]]
        value = rng.choice(values)
        length = rng.randint(2, 8)
        if len(value) > length:
            start = rng.randrange(len(value) - length)
            queries.append(value[start:start + length].strip() or value[:length])
    return queries


def test_browser_tokens_equal_python_tokens_on_every_field(page, documents):
    fields = [d["fields"][f] for d in documents for f in FIELDS]
    got = page.evaluate("""fields => fields.map(values => {
        const s = SearchTokens.fieldString(values);
        return [s, SearchTokens.bigrams(s)];
    })""", fields)
    for values, (string, grams) in zip(fields, got):
        assert string == field_string(values)
        assert [tuple(g) for g in grams] == bigrams(field_string(values))
    hashes = page.evaluate("tokens => tokens.map(t => SearchTokens.fnv1a(t))", ["a", "禁煤", "𠮷a", "ｐｍ"])
    assert hashes == [fnv1a(t) for t in ["a", "禁煤", "𠮷a", "ｐｍ"]]


@pytest.mark.parametrize("query", CURATED)
def test_results_are_exactly_the_documents_containing_the_query(page, documents, query):
    assert page.evaluate("q => siteSearch.matches(q)", query) == expected(documents, query)


def test_results_for_random_substrings_of_the_data(page, documents):
    queries = sampled_queries(documents)
    got = page.evaluate("qs => Promise.all(qs.map(q => siteSearch.matches(q)))", queries)
    wrong = [(q, len(g), len(expected(documents, q))) for q, g in zip(queries, got) if g != expected(documents, q)]
    assert not wrong


def test_filters_combine_with_the_query(page, documents, data):
    notices = {n["id"]: n for n in data["notices"]}
    by_url = {n["url"]: n["id"] for n in data["notices"]}
    zhengzhou = [n for n in notices.values() if n["region"]["id"] == "zhengzhou"]
    cases = [
        ({"city": "zhengzhou"}, lambda d: by_url[d["notice"]["url"]] in {n["id"] for n in zhengzhou}),
        ({"status": "overdue"}, lambda d: d.get("status", {}).get("category") == "overdue"),
        ({"kind": "notice"}, lambda d: d["kind"] == "notice"),
        ({"year": "2020", "city": "henan"}, lambda d: d["facets"].get("year") == "2020"),
    ]
    for filters, keep in cases:
        got = page.evaluate("([q, f]) => siteSearch.matches(q, f)", ["整改", filters])
        assert got == expected(documents, "整改", keep), filters
        assert got


def open_search(site, browser, query: str = "", **params):
    context = browser.new_context(locale="zh-CN", service_workers="block", viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url("search.html?" + urllib.parse.urlencode({"q": query, **params})))
    page.wait_for_selector("html[data-search-rendered]")
    return context, page, errors


def result_links(page) -> list[str]:
    return page.eval_on_selector_all("#search-results > li h3 a", "links => links.map(a => a.getAttribute('href'))")


def test_the_page_shows_count_links_and_highlighted_snippets(site, browser, documents):
    context, page, errors = open_search(site, browser, "禁煤区")
    total = len(expected(documents, "禁煤区"))
    assert f"找到 {total} 条结果" in page.inner_text("#search-count")
    links = result_links(page)
    assert len(links) == min(total, 10) and all(link.startswith(("./issues/", "./notices/")) for link in links)
    for link in links:
        assert page.request.get(site.url(link)).status == 200
    assert page.eval_on_selector_all("#search-results mark", "m => m.map(x => x.textContent)")[0] == "禁煤区"
    assert not errors
    context.close()


def test_paging_keeps_the_query_in_the_address_and_back_works(site, browser, documents):
    total = len(expected(documents, "整治"))
    assert total > 20
    context, page, errors = open_search(site, browser, "整治")
    first = result_links(page)
    page.click("#search-pager a[data-page='2']")
    page.wait_for_function("() => new URLSearchParams(location.search).get('page') === '2'")
    page.wait_for_function("first => (document.querySelector('#search-results h3 a') || {}).getAttribute?.('href') !== first",
                           arg=first[0])
    second = result_links(page)
    assert len(second) == 10 and not set(first) & set(second)
    assert "第 2 /" in page.inner_text("#search-count")
    ranked = [documents[n]["url"] for n in expected(documents, "整治")]
    assert [link.removeprefix("./") for link in first + second] == ranked[:20]
    page.go_back()
    page.wait_for_function("first => document.querySelector('#search-results h3 a').getAttribute('href') === first",
                           arg=first[0])
    # A shared link opens on the same page of results.
    context2, page2, _ = open_search(site, browser, "整治", page=2)
    assert result_links(page2) == second
    assert not errors
    context.close()
    context2.close()


def test_filters_from_the_form_update_the_address(site, browser, documents, data):
    context, page, errors = open_search(site, browser, "散煤")
    page.click("#search-form summary")
    page.select_option("#search-form select[name=city]", "zhengzhou")
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => new URLSearchParams(location.search).get('city') === 'zhengzhou'")
    page.wait_for_function("() => !document.getElementById('search-app').hasAttribute('aria-busy')")
    zhengzhou = {n["url"] for n in data["notices"] if n["region"]["id"] == "zhengzhou"}
    want = expected(documents, "散煤", lambda d: d["notice"]["url"] in zhengzhou)
    assert f"找到 {len(want)} 条结果" in page.inner_text("#search-count")
    assert not errors
    context.close()


def test_no_results_state(site, browser):
    context, page, errors = open_search(site, browser, "不存在的词语甲乙丙")
    assert "0 条结果" in page.inner_text("#search-count")
    assert page.eval_on_selector_all("#search-results > li", "x => x.length") == 0
    assert page.is_hidden("#search-pager")
    assert not errors
    context.close()


def test_html_in_the_query_is_shown_as_text_never_run(site, browser):
    query = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    context, page, errors = open_search(site, browser, query)
    assert page.evaluate("window.__xss") is None
    assert page.eval_on_selector_all("#search-app img, #search-app script", "x => x.length") == 0
    assert query in page.inner_text("#search-count")
    assert page.input_value("#search-q") == query
    assert not errors
    context.close()


def test_without_javascript_the_page_says_so_and_links_to_the_table(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(site.url("search.html?q=%E6%95%A3%E7%85%A4"))
    assert page.is_visible("#search-nojs")  # a <noscript> message
    assert "JavaScript" in page.inner_text("#search-nojs")
    assert page.get_attribute("#search-nojs a", "href").endswith("issues/")
    assert page.is_hidden("#search-form")  # nojs.css, loaded from <noscript>
    context.close()


def test_a_query_fetches_only_its_shards(site, browser, documents):
    """No single index file: 禁煤区 needs two bigram shards and the files of its result documents, nothing else."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(urllib.parse.urlsplit(r.url).path))
    page.goto(site.url("search.html?q=%E7%A6%81%E7%85%A4%E5%8C%BA"))
    page.wait_for_selector("html[data-search-rendered]")
    index_files = [p for p in fetched if "/search/" in p]
    shards = [p for p in index_files if "/search/bi/" in p or "/search/uni/" in p]
    docs = [p for p in index_files if "/search/docs/" in p]
    assert len(shards) == 2
    number = {d["url"]: d["n"] for d in documents}
    shown = [number[link.removeprefix("./")] for link in result_links(page)]
    assert sorted(docs) == sorted({f"/search/{document_file(n)}" for n in shown})
    assert len(index_files) == len(shards) + len(docs)  # the page itself names the shards
    context.close()
