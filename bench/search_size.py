"""What output/search/ is made of: bytes and files of each part, per issue, for one or more built sites.

    .venv/bin/python -m bench.search_size SITE [SITE …] [--docs-per-file 4,6,8]

Parts: bi/ (bigram shards), uni/ (character shards), docs/ (result documents), filter/ (filter lists) and
manifest.json.  Per issue divides by the issues in the site's data/issues.json (issue 15's budget is
1.7 KB an issue for the whole folder, Pagefind's size on the same site).  With --docs-per-file, also the
bytes docs/ would take with that many result documents to a file (regrouped and compressed as the build
does): what chose postings.DOCS_PER_FILE.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.outputs.postings import compressed_json, read_all_documents

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


def regrouped_bytes(documents: list[dict], per_file: int) -> int:
    """docs/ in bytes with `per_file` of the `documents` to a file."""
    return sum(len(compressed_json(documents[first:first + per_file])) for first in range(0, len(documents), per_file))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--docs-per-file", default="", help="comma-separated numbers of documents a file to try")
    args = parser.parse_args(argv)
    print("\n\n".join(report(site) for site in args.sites))
    counts = [int(n) for n in args.docs_per_file.split(",") if n]
    for site in args.sites:
        documents = read_all_documents(site / "search") if counts else []  # read once for every count tried
        for per_file in counts:
            print(f"{site}: docs/ with {per_file} documents a file: {regrouped_bytes(documents, per_file):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
