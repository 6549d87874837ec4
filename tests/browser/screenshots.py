"""Full-page screenshots of the main page types, for reviewing the design.

    .venv/bin/python tests/browser/screenshots.py OUTDIR

Builds the site (as of the same fixed date as the browser tests) into a
temporary folder, serves it on 127.0.0.1 and saves `<page>-<width>x<height>.png`
for the home, a notice, an issue, a unit, a county, the all-issues, the corrections page, the 督办公开 column, a
generated edition and a TV script at 390x844 and 1366x768 into
OUTDIR, using Debian's Chromium (/usr/bin/chromium). Not a test. Exits 1 when a
page could not be shot (not built yet); the others are still saved.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitekit  # noqa: E402

PAGES = ["home", "notice", "issue", "unit", "county", "issues", "corrections", "disclosure", "edition", "broadcast"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder for the PNG files (created if missing)")
    parser.add_argument("--as-of", default=sitekit.AS_OF, help=f"as-of date of the build (default {sitekit.AS_OF})")
    args = parser.parse_args(argv)

    if not sitekit.CHROMIUM.exists():
        print(f"{sitekit.CHROMIUM} not found: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.outdir.mkdir(parents=True, exist_ok=True)
    missing = 0
    with tempfile.TemporaryDirectory(prefix="site-screenshots-") as tmp:
        out = Path(tmp) / "output"
        print(f"building the site as of {args.as_of} …", flush=True)
        result = sitekit.build_site(out, args.as_of)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return result.returncode or 1
        with sitekit.serve(out) as base_url, sync_playwright() as playwright:
            browser = sitekit.launch_chromium(playwright)
            try:
                for page_type in PAGES:
                    try:
                        url = urllib.parse.urljoin(base_url, sitekit.page_path(out, page_type))
                    except sitekit.PageNotFound as exc:
                        print(f"skipped {page_type}: {exc}", file=sys.stderr)
                        missing += 1
                        continue
                    for name, viewport in sitekit.VIEWPORTS.items():
                        context = browser.new_context(viewport=viewport, locale="zh-CN")
                        try:
                            page = context.new_page()
                            response = page.goto(url, wait_until="load")
                            status = response.status if response else 0
                            if status != 200:
                                print(f"skipped {page_type} {url}: HTTP {status}", file=sys.stderr)
                                missing += 1
                                break
                            target = args.outdir / f"{page_type}-{name}.png"
                            page.screenshot(path=str(target), full_page=True)
                            print(f"{target}  ({page_type} {urllib.parse.urlsplit(url).path})")
                        finally:
                            context.close()
            finally:
                browser.close()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
