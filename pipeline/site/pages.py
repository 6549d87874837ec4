"""Render the model as pages: Markdown sources for Pelican, then Pelican itself.

The pipeline writes one Markdown page per notice with its metadata header
(stable URL from the notice id, never from the Chinese title, which Pelican
would turn into colliding pinyin slugs).  The data itself reaches the
templates as the SITE_DATA setting; templates only format it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import urllib.parse
from pathlib import Path

import jinja2
from pelican import Pelican
from pelican.settings import read_settings

from ..problems import PipelineError, Problem


def _header_value(text: str) -> str:
    """Metadata header values are one line of plain text."""
    return " ".join(str(text).split())


def page_source(metadata: dict[str, str], body: str = "") -> str:
    header = "\n".join(f"{key}: {_header_value(value)}" for key, value in metadata.items())
    return f"{header}\n\n{body}\n"


def page_specs(data: dict, views: dict) -> list[dict]:
    """Every page of the site: its URL (from a stable id), template and title."""
    from ..site.views import issue_label, short_notice_name

    notices = {n["id"]: n for n in data["notices"]}
    specs = [
        {"kind": "issues_index", "id": "all", "url": "issues/", "title": "全部整改事项"},
        {"kind": "units_index", "id": "all", "url": "units/", "title": "全部责任单位"},
        {"kind": "archives", "id": "all", "url": "archives/", "title": "通知归档：按年份和类别"},
        {"kind": "about", "id": "about", "url": "about/", "title": "关于本站"},
        {"kind": "disclosure", "id": "disclosure", "url": "disclosure/", "title": "督办问题公开专栏"},
        {"kind": "search", "id": "search", "url": "search.html", "title": "搜索整改事项和通知"},
    ]
    specs += [{"kind": "issues_subset", "id": subset["id"], "url": subset["url"], "title": subset["title"]}
              for subset in views["issues_index"]["subsets"]]
    specs += [{"kind": "region", "id": r["id"], "url": r["url"], "title": f"{r['name']}整改公开"} for r in data["regions"]]
    specs += [{"kind": "notice", "id": n["id"], "url": n["url"], "title": n["title"]} for n in data["notices"]]
    for issue in data["issues"]:
        summary = issue["title"] or issue["problem"]
        if len(summary) > 40:
            summary = summary[:40] + "…"
        specs.append({"kind": "issue", "id": issue["id"], "url": issue["url"],
                      "title": f"{short_notice_name(notices[issue['notice']])}第{issue_label(issue)}项：{summary}"})
    specs += [{"kind": "unit", "id": u["id"], "url": u["url"], "title": f"{u['name']}（{u['region']}）"} for u in data["units"]]
    return specs


def render_pages(data: dict, views: dict, folder: Path) -> list[Path]:
    """One Markdown source per page; the URL comes from the record's id, never its title."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in page_specs(data, views) + [{"kind": "not_found", "id": "404", "url": "404.html", "title": "页面不存在"}]:
        save_as = spec["url"] + ("index.html" if spec["url"].endswith("/") else "")
        path = pages / f"{spec['kind']}-{spec['id']}.md"
        path.write_text(page_source({
            "Title": spec["title"],
            "Slug": f"{spec['kind']}-{spec['id']}",
            "Save_as": save_as,
            "URL": spec["url"],
            "Template": spec["kind"],
            "Page_kind": spec["kind"],
            "Page_id": spec["id"],
        }), encoding="utf-8")
        written.append(path)
    return written


def site_url() -> str:
    """Absolute address of the site for feeds and the sitemap ($SITE_URL), else site-relative "/"."""
    value = os.environ.get("SITE_URL", "").strip()
    return value.rstrip("/") + "/" if value else "/"


def site_root() -> str:
    """The site's path on its host (default /): the 404 page links from there,
    since servers show it at whatever address was missing."""
    return urllib.parse.urlsplit(site_url()).path or "/"


def as_of_date(as_of: str | None) -> str:
    """The date the site reports "as of": a setting, SITE_AS_OF, or today."""
    value = as_of or os.environ.get("SITE_AS_OF") or dt.date.today().isoformat()
    return dt.date.fromisoformat(value).isoformat()


class _ErrorCollector(logging.Handler):
    """Pelican logs template and content errors and carries on; we stop instead."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_pelican(root: Path, pages: Path, output: Path, data: dict, views: dict) -> None:
    """Run Pelican quietly; any warning or error it logs fails the build."""
    collector = _ErrorCollector()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collector)
    previous_level, pelican_logger.level = pelican_logger.level, logging.WARNING
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            _run(root, pages, output, data, views)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or "themes/gov/templates"
        raise PipelineError(Problem("error", where, getattr(exc, "lineno", None),
                                    f"页面模板错误（template error）：{exc}")) from None
    finally:
        pelican_logger.removeHandler(collector)
        pelican_logger.setLevel(previous_level)
    if collector.messages:
        raise PipelineError([Problem("error", "themes/gov", None, f"Pelican: {message}")
                             for message in collector.messages])


def _run(root: Path, pages: Path, output: Path, data: dict, views: dict) -> None:
    settings = read_settings(str(root / "pelicanconf.py"), override={
        "PATH": str(pages),
        "OUTPUT_PATH": str(output),
        "THEME": str(root / "themes" / "gov"),
        "SITE_DATA": _template_data(data),
        "VIEWS": views,
        "AS_OF": data["as_of"],
        "SITE_ROOT": site_root(),
    })
    Pelican(settings).run()


def _template_data(data: dict) -> dict:
    """Lookups by id for the templates, so they never search or count themselves."""
    return {
        **data,
        "notices_by_id": {n["id"]: n for n in data["notices"]},
        "issues_by_id": {i["id"]: i for i in data["issues"]},
        "units_by_id": {u["id"]: u for u in data["units"]},
        "regions_by_id": {r["id"]: r for r in data["regions"]},
        "totals": {
            "notices": len(data["notices"]),
            "issues": len(data["issues"]),
            "units": len(data["units"]),
            "regions": len([r for r in data["regions"] if r["notices"]]),
        },
    }
