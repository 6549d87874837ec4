"""Browser tests of the public site: layout, accessibility, privacy, links, weight.

Every page type (home, one notice, one issue, one unit, one region, the
all-issues table, the units list, the archives, the 404 page) is loaded in
Debian's Chromium at a phone and a laptop viewport. A page type that answers
404 is marked xfail ("page type not built yet") and turns into a pass once the
page exists. Real findings on existing pages that the page developers still
have to fix are listed in FINDINGS below; remove an entry once it is fixed.
"""
from __future__ import annotations

import collections
import urllib.parse
import warnings

import pytest

import sitekit
from sitekit import AXE_JS, AXE_TAGS, LAYOUT_VIEWPORTS, PAGE_TYPES, VIEWPORTS

pytestmark = pytest.mark.browser

# (test name, page type, viewport or None) → finding. Each marks exactly one
# currently failing case xfail(strict=False); delete the entry when fixed.
FINDINGS: dict[tuple[str, str, str | None], str] = {}


def cases(test: str, with_viewports: bool = True, viewports: dict = VIEWPORTS) -> list:
    params = []
    for page_type in PAGE_TYPES:
        for viewport in (viewports if with_viewports else [None]):
            finding = FINDINGS.get((test, page_type, viewport))
            marks = [pytest.mark.xfail(strict=False, reason=finding)] if finding else []
            args = (page_type, viewport) if with_viewports else (page_type,)
            ids = f"{page_type}-{viewport}" if with_viewports else page_type
            params.append(pytest.param(*args, marks=marks, id=ids))
    return params


LAYOUT_JS = """() => {
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\\s+/).join('.');
    return s;
  };
  const width = window.innerWidth;
  const overflowing = (el) => el.getBoundingClientRect().right > width + 0.5;
  const wide = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (overflowing(el) && !(el.parentElement && el.parentElement !== document.body && overflowing(el.parentElement))) {
      const r = el.getBoundingClientRect();
      wide.push(`${describe(el)} (left ${Math.round(r.left)}, right ${Math.round(r.right)})`);
      if (wide.length >= 8) break;
    }
  }
  return {
    lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
    main: document.querySelectorAll('main, [role="main"]').length,
    wide,
  };
}"""


@pytest.mark.parametrize(("page_type", "viewport"), cases("test_layout", viewports=LAYOUT_VIEWPORTS))
def test_layout(open_page, page_type, viewport):
    """Status 200, lang zh-CN, no horizontal scrolling, an <h1>, a main landmark."""
    loaded = open_page(page_type, LAYOUT_VIEWPORTS[viewport])
    info = loaded.page.evaluate(LAYOUT_JS)
    problems = []
    if info["lang"] != "zh-CN":
        problems.append(f'<html lang="{info["lang"]}">, expected "zh-CN"')
    if info["scrollWidth"] > info["innerWidth"]:
        problems.append(f'horizontal scrolling: document scrollWidth {info["scrollWidth"]}px > window width '
                        f'{info["innerWidth"]}px; elements sticking out: {"; ".join(info["wide"]) or "(none found)"}')
    if not info["h1"]:
        problems.append("no <h1>")
    elif not any(info["h1"]):
        problems.append("<h1> is empty")
    if not info["main"]:
        problems.append('no main landmark (<main> or role="main")')
    if problems:
        pytest.fail(f"{page_type} page {loaded.url} at {viewport}:\n  " + "\n  ".join(problems), pytrace=False)


AXE_RUN_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
})))"""


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:10]:
            summary = " ".join((node.get("summary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}" + (f"  [{summary[:300]}]" if summary else ""))
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("page_type", cases("test_axe", with_viewports=False))
def test_axe(open_page, page_type):
    """axe-core (tests/vendor/axe.min.js), WCAG 2.0/2.1 A and AA rules: no violations."""
    loaded = open_page(page_type, sitekit.DESKTOP, bypass_csp=True)
    loaded.page.add_script_tag(path=str(AXE_JS))
    violations = loaded.page.evaluate(AXE_RUN_JS, AXE_TAGS)
    if violations:
        pytest.fail(f"axe-core {loaded.page.evaluate('axe.version')}: {len(violations)} WCAG 2.1 A/AA violation(s) "
                    f"on the {page_type} page {loaded.url} at 1366x768:\n{format_violations(violations)}", pytrace=False)


@pytest.mark.parametrize(("page_type", "viewport"), cases("test_no_third_party_requests"))
def test_no_third_party_requests(site, open_page, page_type, viewport):
    """Loading a page requests nothing from any host but the site's own."""
    loaded = open_page(page_type, VIEWPORTS[viewport])
    loaded.page.wait_for_timeout(100)  # let late requests (fonts, lazy images, scripts) start
    foreign = [u for u in loaded.requests if not site.is_same_origin(u) and not u.startswith(("data:", "blob:"))]
    if foreign:
        pytest.fail(f"{page_type} page {loaded.url} at {viewport} requested other hosts "
                    f"(only {site.netloc} is allowed):\n  " + "\n  ".join(dict.fromkeys(foreign)), pytrace=False)


CRAWL_CAP = 3000


def test_links(site):
    """Crawl from the home page: no broken internal links, no URL attribute pointing to another host."""
    start = site.url("")
    seeds = [start]
    not_found = site.url("404.html")
    if sitekit.fetch(not_found).status == 200:  # not linked from anywhere, but visitors land on it
        seeds.append(not_found)
    queue = collections.deque(seeds)
    queued = set(seeds)
    statuses: dict[str, int] = {}
    referrers: dict[str, list[str]] = collections.defaultdict(list)  # target → ['page → <tag attr="value">']
    foreign: list[str] = []
    crawled = 0
    while queue:
        if crawled >= CRAWL_CAP:
            warnings.warn(f"crawl stopped at {CRAWL_CAP} pages; {len(queue)} queued pages not crawled")
            break
        page_url = queue.popleft()
        fetched = sitekit.fetch(page_url)
        statuses[page_url] = fetched.status
        if fetched.status != 200 or not fetched.is_html:
            continue
        crawled += 1
        links = sitekit.parse_links(fetched.body.decode("utf-8", errors="replace"))
        base = urllib.parse.urljoin(fetched.url, links.base) if links.base else fetched.url
        shown = urllib.parse.urlsplit(fetched.url).path
        for tag, attr, value in links.resources:
            if sitekit.is_other_host(value, site.netloc):
                foreign.append(f'{shown}: <{tag} {attr}="{value}">')
                continue
            if not value or value.lower().startswith(sitekit.SKIPPED_SCHEMES):
                continue
            target = urllib.parse.urldefrag(urllib.parse.urljoin(base, value)).url
            if not site.is_same_origin(target):
                continue
            referrers[target].append(f'{shown} → <{tag} {attr}="{value}">')
            if tag in ("a", "area") and attr == "href":
                if target not in queued:  # crawled (and its status recorded) in turn
                    queued.add(target)
                    queue.append(target)
            elif target not in statuses:  # stylesheet, script, image, form…: status only
                statuses[target] = sitekit.fetch(target).status
    broken = [f"{ref} → {statuses[target]}" for target, refs in referrers.items()
              if statuses.get(target, 200) != 200 for ref in refs]
    problems = []
    if crawled == 0:
        problems.append(f"the home page could not be crawled (HTTP {statuses.get(start)})")
    if broken:
        problems.append(f"{len(broken)} broken internal link(s) (page → href → status):\n  " + "\n  ".join(sorted(set(broken))))
    if foreign:
        problems.append(f"{len(foreign)} attribute(s) pointing to other hosts (only {site.netloc} allowed):\n  "
                        + "\n  ".join(sorted(set(foreign))))
    if problems:
        pytest.fail(f"crawled {crawled} pages from {start}:\n" + "\n".join(problems), pytrace=False)
    print(f"crawled {crawled} pages, checked {len(statuses)} URLs")


BUDGETS = {"home": 80_000, "issue": 40_000}  # bytes, HTML + same-origin CSS, each gzip -9


@pytest.mark.parametrize("page_type", list(BUDGETS))
def test_page_weight(site, require_page, page_type):
    """Transferred size (gzip -9) of the page's HTML and its same-origin stylesheets stays within budget."""
    url = site.page_url(page_type)
    page = sitekit.fetch(url)
    require_page(page_type, url, page.status)
    parts = [(urllib.parse.urlsplit(url).path, len(page.body), sitekit.gzip_size(page.body))]
    links = sitekit.parse_links(page.body.decode("utf-8", errors="replace"))
    base = urllib.parse.urljoin(page.url, links.base) if links.base else page.url
    queue = [urllib.parse.urljoin(base, href) for href in links.stylesheets]
    seen = set()
    while queue:
        css_url = urllib.parse.urldefrag(queue.pop(0)).url
        if css_url in seen or not site.is_same_origin(css_url):
            continue
        seen.add(css_url)
        css = sitekit.fetch(css_url)
        if css.status != 200:
            pytest.fail(f"stylesheet {css_url} of {url} answered HTTP {css.status}", pytrace=False)
        parts.append((urllib.parse.urlsplit(css_url).path, len(css.body), sitekit.gzip_size(css.body)))
        queue += [urllib.parse.urljoin(css.url, i) for i in sitekit.stylesheet_imports(css.body.decode("utf-8", errors="replace"))]
    total = sum(gz for _, _, gz in parts)
    report = "\n  ".join(f"{path}: {raw:,} bytes, {gz:,} gzipped" for path, raw, gz in parts)
    if total > BUDGETS[page_type]:
        pytest.fail(f"{page_type} page {url}: {total:,} bytes gzipped > budget {BUDGETS[page_type]:,} "
                    f"(HTML + same-origin CSS, gzip -9):\n  {report}", pytrace=False)
    print(f"{page_type} page weight: {total:,} / {BUDGETS[page_type]:,} bytes gzipped\n  {report}")
