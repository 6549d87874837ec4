"""Build, serve and inspect the public site for the browser tests and screenshots.

Shared by `conftest.py` (pytest fixtures) and `screenshots.py` (a script), so
both build the site the same way, serve it the same way and open the same
pages. Only the standard library and Playwright (pinned in requirements.txt)
are used; nothing is fetched from the network.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "tests" / "vendor"
AXE_JS = VENDOR / "axe.min.js"

# The site reports status "as of" a date; fix it so every run builds the same pages.
AS_OF = "2026-11-22"

# Debian's Chromium, used when present: CI installs it with fonts-noto-cjk.
# Without it, Playwright's own Chromium (ensure_browser.py installs it where
# apt cannot be used; its download does not work on every machine).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
VIEWPORTS = {"390x844": MOBILE, "1366x768": DESKTOP}
# The smallest phones the theme supports: checked for layout only.
SMALL_PHONE = {"width": 360, "height": 740}
LAYOUT_VIEWPORTS = {"360x740": SMALL_PHONE, **VIEWPORTS}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Page types the public site must have. Record pages take the first record of
# the data file; their URL is the record's `url` field when present.
PAGE_TYPES = ["home", "notice", "issue", "unit", "region", "county", "issues", "issues_subset", "units", "archives",
              "about", "disclosure", "edition", "broadcasts", "broadcast", "corrections", "changes", "overdue", "search",
              "404"]
FIXED_PATHS = {"home": "", "issues": "issues/", "issues_subset": "issues/status/overdue/", "units": "units/",
               "archives": "archives/", "about": "about/", "disclosure": "disclosure/", "404": "404.html",
               "county": "regions/gongyi/", "corrections": "corrections/", "changes": "changes/", "overdue": "overdue/",
               "edition": "disclosure/plan-zhengzhou-2017-178/", "broadcasts": "disclosure/tv/",
               "broadcast": "disclosure/tv/2017-w38/",
               "search": "search.html?q=%E7%A6%81%E7%85%A4%E5%8C%BA"}  # 禁煤区: a query with results


# --------------------------------------------------------------------------- build


def build_site(out: Path, as_of: str = AS_OF) -> subprocess.CompletedProcess:
    """`python -m pipeline build --output OUT --as-of AS_OF`, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--output", str(out), "--as-of", as_of],
        cwd=ROOT, capture_output=True, text=True,
    )


# --------------------------------------------------------------------------- serve


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files only, like the production host: no log lines, no directory listings."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def list_directory(self, path):
        # A folder without index.html is a missing page, not a file listing.
        self.send_error(404, "File not found")
        return None


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser cancelling a request is not a test failure; keep the output clean.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 with a free port; yield the base URL (ending in /)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- pages


class PageNotFound(LookupError):
    """The page list cannot name a URL for a page type (no data, no record)."""


def _records(out: Path, name: str) -> list[dict]:
    path = out / "data" / f"{name}.json"
    if not path.is_file():
        raise PageNotFound(f"data/{name}.json was not built")
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):  # tolerate {"records": [...]}-style wrappers
        data = next((v for v in data.values() if isinstance(v, list)), [])
    if not data:
        raise PageNotFound(f"data/{name}.json has no records")
    return data


def _site_relative(url: str) -> str:
    return url.lstrip("/")


def page_path(out: Path, page_type: str) -> str:
    """Site-relative path of one page of `page_type` ("" is the home page)."""
    if page_type in FIXED_PATHS:
        return FIXED_PATHS[page_type]
    if page_type in ("notice", "issue", "unit"):
        record = _records(out, f"{page_type}s")[0]
        return _site_relative(record.get("url") or f"{page_type}s/{record['id']}/")
    if page_type == "region":
        for notice in _records(out, "notices"):
            region = notice.get("region") or {}
            if region.get("id"):
                return _site_relative(region.get("url") or f"regions/{region['id']}/")
        raise PageNotFound("no notice in data/notices.json has a region.id")
    raise ValueError(f"unknown page type {page_type!r}")


# --------------------------------------------------------------------------- http


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() == "text/html"


def fetch(url: str, timeout: float = 10) -> Fetched:
    """GET `url`; HTTP errors are returned as a status, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return Fetched(response.geturl(), response.status, response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return Fetched(url, exc.code, exc.headers.get("Content-Type", "") if exc.headers else "", exc.read())
    except (urllib.error.URLError, OSError) as exc:
        return Fetched(url, 0, f"error: {exc}", b"")


# --------------------------------------------------------------------------- html


URL_ATTRS = {"href", "src", "srcset", "poster", "action", "formaction", "data", "cite", "background"}


@dataclass
class PageLinks:
    base: str | None = None
    anchors: list[str] = field(default_factory=list)  # <a href> / <area href>
    resources: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attr, value) of every URL attribute
    stylesheets: list[str] = field(default_factory=list)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = PageLinks()

    def handle_starttag(self, tag, attrs):
        attrs = [(name, value) for name, value in attrs if value is not None]
        values = dict(attrs)
        if tag == "base" and "href" in values and self.links.base is None:
            self.links.base = values["href"]
        for name, value in attrs:
            if name not in URL_ATTRS:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.resources.append((tag, name, candidate.split()[0]))
                continue
            self.links.resources.append((tag, name, value.strip()))
        if tag in ("a", "area") and "href" in values:
            self.links.anchors.append(values["href"].strip())
        rel = values.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and "href" in values:
            self.links.stylesheets.append(values["href"].strip())

    handle_startendtag = handle_starttag


def parse_links(html: str) -> PageLinks:
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")


def is_other_host(value: str, origin_netloc: str) -> bool:
    """True when an attribute value points to a host other than the test server."""
    parts = urllib.parse.urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if not parts.netloc:  # relative, root-relative, or a fragment
        return False
    return parts.netloc.lower() != origin_netloc.lower()


def stylesheet_imports(css: str) -> list[str]:
    return re.findall(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", css)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


# --------------------------------------------------------------------------- browser


def chromium_executable() -> Path | None:
    """Debian's Chromium when installed, else None: Playwright's bundled Chromium.

    Looked up at each launch (not at import), so a browser installed after
    import, or a test that points CHROMIUM elsewhere, is seen.
    """
    return CHROMIUM if CHROMIUM.exists() else None


def launch_chromium(playwright):
    """Headless Chromium with CHROMIUM_ARGS: Debian's when present, else Playwright's own.

    Raises playwright's Error when neither can start (e.g. Playwright's was never installed).
    """
    executable = chromium_executable()
    options = {"executable_path": str(executable)} if executable else {}
    return playwright.chromium.launch(args=CHROMIUM_ARGS, **options)
