"""Files around the pages: the original texts, per-notice downloads, sitemap, robots.txt, _headers, gzip twins.

Everything written here is a pure function of the model and the settings,
so two builds with the same inputs are byte-identical (gzip without
timestamps, the sitemap dated by the as-of date, not the clock).
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from ..model import urls
from ..model.site import SiteModel
from ..policy import CACHE_RULES, SECURITY_HEADERS
from .data import issue_row, write_csv

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".xml", ".txt", ".svg"}


def write_originals(model: SiteModel, output: Path) -> None:
    """Each notice's raw text, byte for byte: the evidence every source line points into."""
    for notice_id, original in model.originals.items():
        target = output / urls.notice_text(notice_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original.path, target)


def write_evidence(model: SiteModel, content: Path, output: Path) -> None:
    """Evidence files of the updates, copied from content/ (their sha256 was checked when they were read)."""
    for update in model.updates:
        for evidence in update.evidence:
            if evidence.file:
                target = output / evidence.published
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(content / evidence.file, target)


def write_notice_downloads(model: SiteModel, published_issues: list[dict], output: Path) -> None:
    """Per notice: its issues as published in issues.json, as JSON and CSV, beside its page."""
    for notice in model.notices:
        mine = [i for i in published_issues if i["notice"] == notice.id]
        target = output / urls.notice_download(notice.id, "json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(mine, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        write_csv(output / urls.notice_download(notice.id, "csv"), [issue_row(i) for i in mine])


def write_sitemap(page_urls: list[str], output: Path, base: str, as_of: str) -> None:
    entries = "\n".join(f"  <url><loc>{urls.absolute(base, url)}</loc><lastmod>{as_of}</lastmod></url>"
                        for url in [urls.HOME] + page_urls)
    (output / urls.SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</urlset>\n",
        encoding="utf-8")


def write_robots(output: Path, base: str) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if base.startswith("http"):
        lines.append(f"Sitemap: {urls.absolute(base, urls.SITEMAP)}")
    (output / urls.ROBOTS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_gzip_twins(output: Path) -> int:
    """A `.gz` beside every text file, for static servers that serve pre-compressed files."""
    count = 0
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            with open(path.with_name(path.name + ".gz"), "wb") as handle:
                with gzip.GzipFile(filename="", mode="wb", fileobj=handle, compresslevel=9, mtime=0) as zipped:
                    zipped.write(data)
            count += 1
    return count


def write_headers(output: Path) -> None:
    """`_headers` for Netlify and Cloudflare Pages: security headers everywhere, cache rules by path.

    Rules are listed so that no two give the same header to one path (those hosts join such values).
    """
    blocks = ["/*\n" + "".join(f"  {name}: {value}\n" for name, value in SECURITY_HEADERS.items())]
    blocks += [f"{path}\n  Cache-Control: {value}\n" for path, value in CACHE_RULES.items()]
    (output / urls.HEADERS).write_text("\n".join(blocks), encoding="utf-8")
