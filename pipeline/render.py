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
from pathlib import Path

import jinja2
from pelican import Pelican
from pelican.settings import read_settings

from .errors import PipelineError, Problem


def _header_value(text: str) -> str:
    """Metadata header values are one line of plain text."""
    return " ".join(str(text).split())


def page_source(metadata: dict[str, str], body: str = "") -> str:
    header = "\n".join(f"{key}: {_header_value(value)}" for key, value in metadata.items())
    return f"{header}\n\n{body}\n"


def render_pages(data: dict, folder: Path) -> list[Path]:
    """One Markdown page per notice, with a URL made from its id."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    written = []
    for notice in data["notices"]:
        path = pages / f"notice-{notice['id']}.md"
        path.write_text(page_source({
            "Title": notice["title"],
            "Slug": f"notice-{notice['id']}",
            "Save_as": f"notices/{notice['id']}/index.html",
            "URL": f"notices/{notice['id']}/",
            "Template": "notice",
            "Notice_id": notice["id"],
        }), encoding="utf-8")
        written.append(path)
    return written


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


def run_pelican(root: Path, pages: Path, output: Path, data: dict, as_of: str | None) -> None:
    """Run Pelican quietly; any warning or error it logs fails the build."""
    collector = _ErrorCollector()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collector)
    previous_level, pelican_logger.level = pelican_logger.level, logging.WARNING
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            _run(root, pages, output, data, as_of)
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


def _run(root: Path, pages: Path, output: Path, data: dict, as_of: str | None) -> None:
    settings = read_settings(str(root / "pelicanconf.py"), override={
        "PATH": str(pages),
        "OUTPUT_PATH": str(output),
        "THEME": str(root / "themes" / "gov"),
        "SITE_DATA": _template_data(data),
        "AS_OF": as_of_date(as_of),
    })
    Pelican(settings).run()


def _template_data(data: dict) -> dict:
    """Lookups the templates need, so they never search or count themselves."""
    issues_by_notice: dict[str, list[dict]] = {}
    for issue in data["issues"]:
        issues_by_notice.setdefault(issue["notice"], []).append(issue)
    return {
        **data,
        "notices_by_id": {n["id"]: n for n in data["notices"]},
        "issues_by_notice": issues_by_notice,
        "totals": {
            "notices": len(data["notices"]),
            "issues": len(data["issues"]),
            "units": len(data["units"]),
            "regions": len({n["region"]["id"] for n in data["notices"]}),
        },
    }
