"""Fixtures for the browser tests: the site built once and served locally, one Chromium.

The site is the one build of the test run (`built_site` in tests/conftest.py,
as of a fixed date), served by the standard library on 127.0.0.1 (free port). Chromium is Debian's
/usr/bin/chromium when present, else Playwright's own (see ensure_browser.py,
which `make test` runs first), driven by Playwright.

Browser tests never skip by themselves: a browser that cannot start is an
error of every browser test, and any other skip in tests/browser/ is turned
into a failure, so a green run always includes them. The one opt-out is
SKIP_BROWSER=1, which deselects them and says how many at the end of the run.
"""
from __future__ import annotations

import os
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

if str(Path(__file__).parent) not in sys.path:  # also under --import-mode=importlib
    sys.path.insert(0, str(Path(__file__).parent))

import ensure_browser  # noqa: E402
import sitekit  # noqa: E402

HERE = Path(__file__).resolve().parent
SKIPPED_BY_OPT_OUT = pytest.StashKey[int]()


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: browser tests of the built site (Chromium + Playwright)")


def _in_browser_tests(path) -> bool:
    return Path(path).resolve().is_relative_to(HERE)


@pytest.hookimpl(trylast=True)  # after -k/-m, so the count is of tests that would have run
def pytest_collection_modifyitems(config, items):
    """SKIP_BROWSER=1: deselect the browser tests (no site build, no browser) and count them."""
    if not ensure_browser.skip_requested():
        return
    browser_items = [item for item in items if _in_browser_tests(item.path)]
    if browser_items:
        items[:] = [item for item in items if not _in_browser_tests(item.path)]
        config.hook.pytest_deselected(items=browser_items)
    config.stash[SKIPPED_BY_OPT_OUT] = len(browser_items)


def pytest_terminal_summary(terminalreporter, config):
    """Say at the end of the run how many browser tests SKIP_BROWSER left out, so it is never silent."""
    if SKIPPED_BY_OPT_OUT in config.stash:
        terminalreporter.write_line(
            f"SKIP_BROWSER={os.environ.get('SKIP_BROWSER')}: {config.stash[SKIPPED_BY_OPT_OUT]} browser tests "
            "skipped (deselected); unset SKIP_BROWSER to run them", yellow=True, bold=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip of a browser test is a failure: only SKIP_BROWSER may leave browser tests out.

    Guards against a pytest.skip/skipif (here or in a test) hiding the suite again; xfail is kept.
    """
    report = yield
    if report.skipped and not hasattr(report, "wasxfail") and _in_browser_tests(item.path):
        _fail_instead_of_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """The same for a whole module skipped at import (pytest.skip(allow_module_level=True), importorskip)."""
    report = yield
    if report.skipped and _in_browser_tests(collector.path):
        _fail_instead_of_skip(report)
    return report


def _fail_instead_of_skip(report) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"browser tests must not skip ({reason}); set SKIP_BROWSER=1 to leave them out explicitly"


@dataclass
class Site:
    out: Path
    base_url: str

    @property
    def netloc(self) -> str:
        return urllib.parse.urlsplit(self.base_url).netloc

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url, path)

    def page_url(self, page_type: str) -> str:
        """URL of one page of `page_type`; fails the test (not the session) when there is none."""
        try:
            return self.url(sitekit.page_path(self.out, page_type))
        except sitekit.PageNotFound as exc:
            pytest.fail(f"no {page_type} page to test: {exc}", pytrace=False)

    def is_same_origin(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc == self.netloc


@pytest.fixture(scope="session")
def site(built_site):
    """The site of the test run (built once, tests/conftest.py) served on loopback; yields a Site."""
    with sitekit.serve(built_site) as base_url:
        yield Site(built_site, base_url)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (sitekit.launch_chromium: Debian's, else Playwright's).

    None that starts is an error of every browser test, CI or not, never a skip.
    """
    playwright = sync_playwright().start()
    try:
        try:
            chromium = sitekit.launch_chromium(playwright)
        except PlaywrightError as exc:
            detail = str(exc).strip().splitlines()[0]
            reasons = [f"{sitekit.CHROMIUM} is missing" if sitekit.chromium_executable() is None
                       else f"{sitekit.CHROMIUM} is there", f"launching Chromium failed: {detail}"]
            message = ensure_browser.missing_message(reasons) + "\n`make test` installs one when it can."
            raise pytest.fail.Exception(message, pytrace=False) from None  # no Playwright traceback
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def require_page(request):
    """require_page(page_type, url, status): fail unless the page answered 200."""
    def check(page_type: str, url: str, status: int) -> None:
        if status != 200:
            pytest.fail(f"{page_type} page {url} answered HTTP {status}, expected 200", pytrace=False)
    return check


@dataclass
class Loaded:
    page_type: str
    url: str
    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(site, browser, require_page):
    """open_page(page_type, viewport, wait_until="load", bypass_csp=False) → Loaded.

    A new browser context per call with the given viewport; every request URL
    the context makes is recorded. Requests to other hosts are recorded, then
    aborted, so the tests never reach the network.
    """
    contexts = []

    def open_(page_type: str, viewport: dict, wait_until: str = "load", bypass_csp: bool = False) -> Loaded:
        url = site.page_url(page_type)
        context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", bypass_csp=bypass_csp)
        contexts.append(context)
        loaded = Loaded(page_type, url, None)
        context.on("request", lambda req: loaded.requests.append(req.url))
        context.route(lambda u: not site.is_same_origin(u) and not u.startswith(("data:", "blob:")),
                      lambda route: route.abort("blockedbyclient"))
        page = context.new_page()
        loaded.page = page
        response = page.goto(url, wait_until=wait_until)
        require_page(page_type, url, response.status if response else 0)
        if page_type == "search":  # results arrive after the load event
            page.wait_for_selector("html[data-search-rendered]")
        return loaded

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def served(fictional_site):
    """A module's own fictional site (its `fictional_site` fixture) on localhost; the base URL."""
    with sitekit.serve(fictional_site) as base_url:
        yield base_url


@pytest.fixture
def load(served, browser):
    """open_(path, viewport) → a loaded page of the served fictional site (served.page_opener)."""
    from served import page_opener

    with page_opener(browser, served) as open_:
        yield open_
