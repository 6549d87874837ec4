"""Fixtures for the browser tests: the site built once and served locally, one Chromium.

The site is built with a fixed as-of date into a temporary folder and served
by the standard library on 127.0.0.1 (free port). Chromium is Debian's
/usr/bin/chromium driven by Playwright; without it the browser tests are
skipped on a developer machine and fail under CI (CI is set).
"""
from __future__ import annotations

import os
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

if str(Path(__file__).parent) not in sys.path:  # also under --import-mode=importlib
    sys.path.insert(0, str(Path(__file__).parent))

import sitekit  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: browser tests of the built site (Chromium + Playwright)")


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
def site(tmp_path_factory):
    """The whole site built once (as of sitekit.AS_OF) and served; yields a Site."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = sitekit.build_site(out)
    if result.returncode != 0:
        pytest.fail(
            f"`python -m pipeline build --output {out} --as-of {sitekit.AS_OF}` failed "
            f"(exit {result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )
    with sitekit.serve(out) as base_url:
        yield Site(out, base_url)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    if not sitekit.CHROMIUM.exists():
        message = (f"{sitekit.CHROMIUM} not found: install Debian's chromium "
                   "(apt-get install chromium fonts-noto-cjk) to run the browser tests")
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {message}", pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        chromium = sitekit.launch_chromium(playwright)
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
