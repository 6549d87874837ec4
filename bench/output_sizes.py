"""Where a built site's bytes go: each kind of file's total, share and kilobytes per issue.

    .venv/bin/python -m bench.output_sizes SITE [SITE ...]

SITE is a built output folder (output/, or a site bench-build wrote under .cache/bench/build-bench/).
Issue 15 asks for at most 20 KB per issue, everything included; this shows what that budget is spent on.
Kinds are told apart by path alone (pipeline/model/urls.py's layout); the issues are counted as item
pages (issues/ID/index.html).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

KINDS = [  # (kind, pattern on the path relative to the site), first match wins
    ("item pages", r"^issues/[^/]+/index\.html$"),
    ("former later pages of regions, units, statuses, years (redirects)",
     r"^((regions|units)/[^/]+|issues/(status|year)/[^/]+)/page/\d+/index\.html$"),
    ("list pages after the first", r"/page/\d+/index\.html$"),
    ("original text pages", r"^notices/[^/]+/text/\d+/index\.html$"),
    ("data snapshots", r"^data/snapshots/"),
    ("data/ downloads", r"^data/"),
    ("per-notice downloads", r"^notices/[^/]+/issues\.(json|csv)$"),
    ("original texts (.txt)", r"^notices/[^/]+\.txt$"),
    ("all-issues rows (filters)", r"^issues/rows/"),
    ("search index", r"^search/"),
    ("newspaper PDFs", r"\.pdf$"),
    ("督办公开 edition downloads", r"^disclosure/.*\.(json|csv)$"),
    ("TV scripts and captions", r"^disclosure/tv/.*\.(srt|txt|vtt)$"),
    ("feeds and sitemap", r"^(feeds/|sitemap)"),
    ("gzip twins", r"\.gz$"),
    ("other pages (first pages of lists, notices, regions, units …)", r"\.html$"),
]


def kind_of(path: str) -> str:
    return next((kind for kind, pattern in KINDS if re.search(pattern, path)), "other files")


def sizes(site: Path) -> tuple[dict[str, int], int]:
    """Bytes per kind, and the number of issues."""
    totals: dict[str, int] = {}
    issues = 0
    for path in site.rglob("*"):
        if path.is_file():
            relative = path.relative_to(site).as_posix()
            kind = kind_of(relative)
            totals[kind] = totals.get(kind, 0) + path.stat().st_size
            issues += kind == "item pages"
    return totals, issues


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for site in args.sites:
        totals, issues = sizes(site)
        whole = sum(totals.values())
        print(f"\n{site}: {whole / 2**20:,.1f} MB, {issues:,} issues, {whole / 1024 / max(issues, 1):.1f} KB an issue\n")
        print("| kind | MB | share | KB an issue |\n|---|---|---|---|")
        for kind, size in sorted(totals.items(), key=lambda item: -item[1]):
            print(f"| {kind} | {size / 2**20:,.1f} | {size / whole:.1%} | {size / 1024 / max(issues, 1):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
