"""Files around the pages: Atom feeds, sitemap, robots.txt, downloads, gzip twins.

Everything written here is a pure function of the data and the as-of date,
so two builds with the same inputs are byte-identical (gzip without
timestamps, feed dates from the notices, not from the clock).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from feedgenerator import Atom1Feed

from ..outputs.data import issue_row, write_csv
from ..site.views import notice_date

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".xml", ".txt", ".svg"}


def _notice_datetime(notice: dict) -> dt.datetime:
    value = notice_date(notice) or "1970-01-01"
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _feed(title: str, link: str, feed_url: str, notices: list[dict], base: str) -> str:
    feed = Atom1Feed(title=title, link=base + link, description=title, feed_url=base + feed_url, language="zh-CN")
    for notice in sorted(notices, key=_notice_datetime, reverse=True):
        feed.add_item(
            title=notice["title"],
            link=base + notice["url"],
            unique_id=base + notice["url"],
            description=f"{notice['kind_label']}，{notice['issue_count']} 项整改事项。",
            pubdate=_notice_datetime(notice),
            updateddate=_notice_datetime(notice),
        )
    return feed.writeString("utf-8")


def feed_paths(data: dict) -> dict[str, tuple[str, str, list[dict]]]:
    """Feed file → (title, page it describes, notices in it)."""
    notices = data["notices"]
    by_id = {n["id"]: n for n in notices}
    feeds = {"feeds/notices.atom.xml": ("全部整改通知", "", notices)}
    for region in data["regions"]:
        feeds[f"feeds/regions/{region['id']}.atom.xml"] = (
            f"{region['name']}整改通知", region["url"], [by_id[i] for i in region["notices"]])
    for unit in data["units"]:
        feeds[f"feeds/units/{unit['id']}.atom.xml"] = (
            f"涉及{unit['name']}（{unit['region']}）的整改通知", unit["url"], [by_id[i] for i in unit["notices"]])
    return feeds


def write_feeds(data: dict, output: Path, base: str) -> None:
    for path, (title, link, notices) in feed_paths(data).items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_feed(title, link, path, notices, base), encoding="utf-8")


def write_sitemap(urls: list[str], output: Path, base: str, as_of: str) -> None:
    entries = "\n".join(f"  <url><loc>{base}{url}</loc><lastmod>{as_of}</lastmod></url>" for url in [""] + urls)
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</urlset>\n",
        encoding="utf-8")


def write_robots(output: Path, base: str) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if base.startswith("http"):
        lines.append(f"Sitemap: {base}sitemap.xml")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_notice_downloads(data: dict, output: Path) -> None:
    """Per notice: its issues as JSON and CSV, beside its page."""
    for notice in data["notices"]:
        mine = [i for i in data["issues"] if i["notice"] == notice["id"]]
        folder = output / "notices" / notice["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "issues.json").write_text(json.dumps(mine, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        write_csv(folder / "issues.csv", [issue_row(i) for i in mine])


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
