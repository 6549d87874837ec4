"""Render the page sources with Pelican and the Jinja2 theme; any problem it logs stops the build.

Templates receive the site model as SITE, the page views as VIEWS, the URL
module as URLS (so no template spells a path), and the settings they show
(AS_OF, SITE_OWNER, SITE_ROOT); Pelican's own settings come from
pelicanconf.py.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from pathlib import Path

import jinja2
from markupsafe import Markup
from pelican import Pelican
from pelican.readers import BaseReader
from pelican.settings import read_settings

from ..model import urls
from ..model.site import SiteModel
from ..policy import CONTENT_SECURITY_POLICY
from ..problems import ERROR, PipelineError, Problem
from ..settings import Settings
from .pages import PAGE_SOURCE_EXTENSION
from .rows import write_rows_files


class _ErrorCollector(logging.Handler):
    """Pelican logs template and content errors and carries on; we stop instead."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_pelican(settings: Settings, pages: Path, output: Path, model: SiteModel, views: dict) -> None:
    """Run Pelican quietly; any warning or error it logs fails the build.  The rows files the all-issues
    pages' filters load (rows.py) are written with the pages, from the same views."""
    write_rows_files(views, output)
    collector = _ErrorCollector()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collector)
    previous_level, pelican_logger.level = pelican_logger.level, logging.WARNING
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            _run(settings, pages, output, model, views)
    except jinja2.TemplateError as exc:
        filename, line = _template_location(exc, settings.theme)
        where = settings.display(Path(filename)) if filename else settings.display(settings.theme / "templates")
        raise PipelineError(Problem("theme.template-error", ERROR, where, line,
                                    f"页面模板错误（template error）：{exc}")) from None
    finally:
        pelican_logger.removeHandler(collector)
        pelican_logger.setLevel(previous_level)
    if collector.messages:
        raise PipelineError([Problem("theme.pelican", ERROR, settings.display(settings.theme), None,
                                     f"Pelican: {message}") for message in collector.messages])


def _template_location(exc: jinja2.TemplateError, theme: Path) -> tuple[str | None, int | None]:
    """The template and line of an error: a syntax error says so; an error while rendering (an
    undefined variable) is found in the traceback, where Jinja puts the template's own lines."""
    if getattr(exc, "filename", None):
        return exc.filename, getattr(exc, "lineno", None)
    found = (None, None)
    trace = exc.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.startswith(str(theme)):
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


class PageSourceReader(BaseReader):
    """The page sources pages.py writes: `Key: value` lines, no body.  Pelican's Markdown reader builds a
    Markdown parser per file for them (3 ms a page, a sixth of the pages stage); this reads the same
    metadata, processed the same way."""

    enabled = True
    file_extensions = [PAGE_SOURCE_EXTENSION]

    def read(self, source_path: str) -> tuple[str, dict]:
        metadata = {}
        for line in Path(source_path).read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            name = key.strip().lower()
            metadata[name] = self.process_metadata(name, value.strip())
        return "", metadata


def template_settings(settings: Settings, model: SiteModel) -> dict[str, str]:
    """The build's own values every template may show, beside pelicanconf.py's (page_cache.py keys the
    pages it keeps by them)."""
    return {
        "AS_OF": model.as_of,
        "SITE_OWNER": settings.owner,
        "DISCLOSURE_COLUMN": settings.column,
        "SITE_ROOT": settings.site_root,
        "CONTENT_SECURITY_POLICY": Markup(CONTENT_SECURITY_POLICY),  # the site's own constant, not content
    }


def _run(settings: Settings, pages: Path, output: Path, model: SiteModel, views: dict) -> None:
    pelican_settings = read_settings(str(settings.pelicanconf), override={
        "READERS": {PAGE_SOURCE_EXTENSION: PageSourceReader},
        "PATH": str(pages),
        "OUTPUT_PATH": str(output),
        "THEME": str(settings.theme),
        "SITE": model,
        "VIEWS": views,
        "URLS": urls,
        **template_settings(settings, model),
    })
    if settings.cache:
        pelican_settings["JINJA_ENVIRONMENT"] = _with_bytecode_cache(pelican_settings["JINJA_ENVIRONMENT"], settings.cache)
    Pelican(pelican_settings).run()


def _with_bytecode_cache(options: dict, cache: Path) -> dict:
    """Jinja2's options plus its bytecode cache in the build cache: the theme's templates compile once
    (2 s a build), not every build.  Jinja checks each template's source and its own version; the folder
    is named by the options too, since a template compiles differently under other options."""
    folder = cache / "jinja" / hashlib.sha256(repr(sorted(options.items())).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    return {**options, "bytecode_cache": jinja2.FileSystemBytecodeCache(str(folder))}
