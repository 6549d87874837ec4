"""What output/search/ is made of: bytes and files of each part, per issue, for one or more built sites.

    .venv/bin/python -m bench.search_size SITE [SITE …]

Parts: bi/ (bigram shards), uni/ (character shards), docs/ (result documents), filter/ (filter lists) and
manifest.json.  Per issue divides by the issues in the site's data/issues.json (issue 15's budget is
1.7 KB an issue for the whole folder, Pagefind's size on the same site).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PARTS = ("bi", "uni", "docs", "filter", "manifest.json")


def part_sizes(search: Path) -> dict[str, tuple[int, int]]:
    """Part → (files, bytes)."""
    sizes = {}
    for part in PARTS:
        files = [search / part] if (search / part).is_file() else [p for p in (search / part).rglob("*") if p.is_file()]
        sizes[part] = (len(files), sum(p.stat().st_size for p in files))
    return sizes


def report(site: Path) -> str:
    issues = len(json.loads((site / "data" / "issues.json").read_text("utf-8")))
    sizes = part_sizes(site / "search")
    total = sum(size for _, size in sizes.values())
    lines = [f"{site}: {issues:,} issues, search/ {total:,} bytes, {total / issues / 1000:.3f} KB an issue",
             "| part | files | bytes | KB an issue | share |", "|---|---|---|---|---|"]
    for part, (files, size) in sizes.items():
        lines.append(f"| {part} | {files:,} | {size:,} | {size / issues / 1000:.3f} | {size / total:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    args = parser.parse_args(argv)
    print("\n\n".join(report(site) for site in args.sites))
    return 0


if __name__ == "__main__":
    sys.exit(main())
