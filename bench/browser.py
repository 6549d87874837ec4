"""Timing and transfer of one search in a cold Chromium context (Playwright, sync API).

Each run gets a fresh browser context, so nothing is cached: what is
measured is a first visit to the search page with the query in its URL.
The engine's page marks the moment it has rendered the first results by
setting data-search-rendered to performance.now(); that value is the time
(ms since navigation start), and the bytes are those of the requests that
had finished by then.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Error as PlaywrightError

from pipeline.outputs.postings import read_document

from .expected import normalize_url

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# documentElement is null between navigation commit and the first parsed byte.
RENDERED = "() => !!document.documentElement && document.documentElement.dataset.searchRendered !== undefined"
STATE = """() => [Number(document.documentElement.dataset.searchRendered), performance.timeOrigin,
  (document.getElementById("search-results") || {children: []}).children.length,
  (document.getElementById("search-count") || {textContent: ""}).textContent]"""
TIMEOUT_MS = 60_000
SETTLE_MS = 1_500  # after rendering, let late responses finish so their timing is known


@dataclass
class Engine:
    """How to open one engine's search page and ask it for every result."""
    name: str
    page: str  # site-relative page taking ?q=
    all_results: str  # JS function of the query returning URLs or document numbers

    def url(self, base: str, query: str) -> str:
        return f"{base}{self.page}?q={quote(query)}"


ENGINES = {
    "ours": Engine("ours", "search.html", "q => window.siteSearch.matches(q)"),
    "pagefind": Engine("pagefind", "pagefind-bench.html", "q => window.benchAllUrls(q)"),
}


@dataclass
class Run:
    ms: float  # data-search-rendered: ms from navigation start to the first results on screen
    bytes: int  # headers + bodies of requests finished by then, without the document and CSS
    requests: int
    document_bytes: int
    css_bytes: int
    bytes_after: int  # the same kind of bytes, fetched after the results were rendered
    shown: int = 0  # children of #search-results at that moment: a check that results were rendered
    count_text: str = ""  # #search-count, e.g. the total or an error message
    files: list = field(default_factory=list)  # [path, bytes, "before"|"after"|"document"|"css"]


def launch(playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def request_bytes(request) -> int:
    sizes = request.sizes()
    return max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)


def is_stylesheet(request) -> bool:
    return request.resource_type == "stylesheet" or urlsplit(request.url).path.endswith(".css")


def tally(finished: list, rendered_epoch_ms: float) -> Run:
    """Split finished requests into document, CSS, before and after rendering."""
    run = Run(ms=0.0, bytes=0, requests=0, document_bytes=0, css_bytes=0, bytes_after=0)
    for request in finished:
        size = request_bytes(request)
        timing = request.timing
        ended = timing["startTime"] + timing["responseEnd"]
        if request.resource_type == "document" and request.frame.parent_frame is None:
            run.document_bytes += size
            kind = "document"
        elif is_stylesheet(request):
            run.css_bytes += size
            kind = "css"
        elif ended <= rendered_epoch_ms:
            run.bytes += size
            run.requests += 1
            kind = "before"
        else:
            run.bytes_after += size
            kind = "after"
        run.files.append([urlsplit(request.url).path, size, kind])
    return run


def open_search(browser: Browser, url: str):
    """A fresh context on `url`, waited until results are rendered; returns (context, page, finished)."""
    context = browser.new_context()
    page = context.new_page()
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(RENDERED, timeout=TIMEOUT_MS)
    except PlaywrightError:  # includes timeouts
        context.close()
        raise
    return context, page, finished


def measure(browser: Browser, url: str) -> Run:
    """One cold search: time to first results and bytes fetched until then."""
    context, page, finished = open_search(browser, url)
    try:
        rendered, origin, shown, count_text = page.evaluate(STATE)
        page.wait_for_timeout(SETTLE_MS)
        run = tally(finished, origin + rendered)
        run.ms, run.shown, run.count_text = rendered, shown, count_text.strip()
        return run
    finally:
        context.close()


def all_result_urls(browser: Browser, engine: Engine, base: str, site: Path, query: str) -> list[str]:
    """Every result of `query`, in rank order, as normalised site-relative URLs."""
    context, page, _ = open_search(browser, engine.url(base, query))
    try:
        results = page.evaluate(engine.all_results, query)
    finally:
        context.close()
    return [normalize_url(doc_url(site, r) if isinstance(r, int) else r) for r in results]


def doc_url(site: Path, number: int) -> str:
    """The URL of our engine's document N, from the index's document files on disk."""
    return read_document(site / "search", number)["url"]

