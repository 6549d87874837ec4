"""Files around the pages: the original texts, evidence, sitemap, robots.txt, _headers, gzip twins.

Everything written here is a pure function of the model and the settings,
so two builds with the same inputs are byte-identical (gzip without
timestamps, the sitemap dated by the as-of date, not the clock).
"""
from __future__ import annotations

import gzip
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..model import urls
from ..model.site import SiteModel
from ..policy import CACHE_RULES, SECURITY_HEADERS
from ..workers import cores

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".xml", ".txt", ".svg"}
# bench/gzip_levels.py on a synthetic site of 1,000 issues (3,414 text files, 75 MB; a busy 2-core machine):
# level 1: 18.7 MB of twins, 4: 16.8 MB, 6: 16.0 MB, 9: 15.8 MB; CPU 4.1 / 4.6 / 5.4 / 7.0 s.  Level 9 saves 1 %
# of the bytes for 30 % more time; level 6 (zlib's default) keeps nearly all of the gain.
GZIP_LEVEL = 6
GZIP_WORKERS = cores()  # threads: zlib releases the GIL while it compresses


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


SITEMAP_LIMIT = 50_000  # URLs a sitemap file may list (sitemaps.org); about 40,000 issues' pages


def _sitemap_file(tag: str, entries: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(entries) + f"\n</{tag}>\n")


def write_sitemap(page_urls: list[str], output: Path, base: str, as_of: str, limit: int = SITEMAP_LIMIT) -> None:
    """sitemap.xml; above `limit` URLs it is a sitemap index of sitemaps/N.xml, each within the limit."""
    entries = [f"  <url><loc>{urls.absolute(base, url)}</loc><lastmod>{as_of}</lastmod></url>"
               for url in [urls.HOME] + page_urls]
    if len(entries) <= limit:
        (output / urls.SITEMAP).write_text(_sitemap_file("urlset", entries), encoding="utf-8")
        return
    parts = []
    for number, first in enumerate(range(0, len(entries), limit), start=1):
        part = urls.sitemap_part(number)
        (output / part).parent.mkdir(parents=True, exist_ok=True)
        (output / part).write_text(_sitemap_file("urlset", entries[first:first + limit]), encoding="utf-8")
        parts.append(f"  <sitemap><loc>{urls.absolute(base, part)}</loc><lastmod>{as_of}</lastmod></sitemap>")
    (output / urls.SITEMAP).write_text(_sitemap_file("sitemapindex", parts), encoding="utf-8")


def write_robots(output: Path, base: str) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if base.startswith("http"):
        lines.append(f"Sitemap: {urls.absolute(base, urls.SITEMAP)}")
    (output / urls.ROBOTS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_gzip_twins(output: Path, level: int = GZIP_LEVEL, workers: int = GZIP_WORKERS) -> int:
    """A `.gz` beside every text file, for servers that send pre-compressed files (nginx `gzip_static`);
    written only with PRECOMPRESS / `build --precompress`.  Returns how many twins were written.

    Threads: zlib releases the GIL while it compresses.  bench/gzip_levels.py found threads and a process
    pool within the noise of a shared 2-core machine of each other (both ahead of one thread at levels 4-9),
    and threads need no start-up and send nothing between processes."""
    paths = [path for path in sorted(output.rglob("*")) if path.suffix in TEXT_SUFFIXES and path.is_file()]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(lambda path: write_gzip_twin(path, level), paths):
            pass
    return len(paths)


def write_gzip_twin(path: Path, level: int = GZIP_LEVEL) -> None:
    """`path`.gz beside `path`."""
    gzip_copy(path, path.with_name(path.name + ".gz"), level)


def gzip_copy(source: Path, target: Path, level: int = GZIP_LEVEL) -> None:
    """`source` gzip-compressed into `target`, streamed, the same bytes every build: no file name, no
    timestamp (mtime 0)."""
    with source.open("rb") as plain, target.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0) as zipped:
        shutil.copyfileobj(plain, zipped, 1 << 20)


def write_headers(output: Path) -> None:
    """`_headers` for Netlify and Cloudflare Pages: security headers everywhere, cache rules by path.

    Rules are listed so that no two give the same header to one path (those hosts join such values).
    """
    blocks = ["/*\n" + "".join(f"  {name}: {value}\n" for name, value in SECURITY_HEADERS.items())]
    blocks += [f"{path}\n  Cache-Control: {value}\n" for path, value in CACHE_RULES.items()]
    (output / urls.HEADERS).write_text("\n".join(blocks), encoding="utf-8")
