"""The largest HTML pages of a built site, and how many pass the 500 KB limit (issue 15).

    python -m bench.page_sizes SITE [--top N]

SITE is a build's output folder (e.g. one of bench/build_bench.py's synthetic builds); sizes are of the
files as written (not their .gz twins).
"""
from __future__ import annotations

import argparse
from pathlib import Path

LIMIT = 500 * 1024  # bytes: no HTML page over 500 KB at 10,000 issues


def html_sizes(site: Path) -> list[tuple[int, str]]:
    """(bytes, path inside the site) of every HTML page, largest first."""
    return sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")),
                  key=lambda item: (-item[0], item[1]))


def report(site: Path, top: int = 10) -> str:
    sizes = html_sizes(site)
    lines = [f"{len(sizes)} HTML pages in {site}; the {min(top, len(sizes))} largest:"]
    lines += [f"{size / 1024:10.1f} KB  {path}" for size, path in sizes[:top]]
    over = sum(1 for size, _ in sizes if size > LIMIT)
    lines.append(f"{over} pages over {LIMIT // 1024} KB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    print(report(args.site, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
