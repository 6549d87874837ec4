"""一报: every 督办公开 edition as a print-ready PDF for the newspaper, from the site's own table.

The page is the theme's `print_edition.html`, which renders the same
`edition_table` macro as the web page (without links), with the print
stylesheet `themes/gov/print/edition.css`: A4 portrait, the header row
repeated on every page, the column and the title in the margins, page
numbers.  WeasyPrint lays it out and embeds the subset of the CJK fonts it
uses.  It needs Pango and a Chinese font on the system (Debian: libpango-1.0-0,
fonts-noto-cjk; .ci/run installs them); without them the build stops with a
problem naming what to install, never with a PDF full of empty boxes.

Laying out a long table is most of a build's time, so the editions are laid out side by side, one per core,
while the build goes on with the views, the data, the search index and the pages (`lay_out` in fresh worker
processes: workers.running_beside, each writing its PDF into the staging folder); each PDF's bytes follow
only from its page and its key, so they are the same as when laid out one after another.  An interrupted
build (Ctrl-C, SIGTERM) terminates the workers before its staging folder is removed.
Measured on 1,000 synthetic issues (two 500-row editions of 85 pages, a shared 2-core machine): the stage went
from 47-64 s to 25-56 s; each layout peaks about 290 MB above its process's start, now in a worker that ends
with it, so the build process itself stays at its size (its peak 600 → 437 MB).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import jinja2

from ..model import urls
from ..model.site import SiteModel
from ..problems import error
from ..settings import Settings
from ..workers import running_beside
from .page_cache import canonical, files_digest

TEMPLATE = "print_edition.html"
STYLESHEET = Path("print") / "edition.css"


@contextmanager
def newspaper_pdfs(settings: Settings, model: SiteModel, edition_views: dict, output: Path) -> Iterator[int]:
    """One PDF per edition beside its page, laid out while the `with` block runs (the views, the data, the
    search index and the pages, in this process); yields how many are laid out (not taken from the cache), and leaving
    the block waits for them.

    With `settings.pdf_cache` (make site: .cache/newspaper/), a PDF whose page's values, print templates,
    stylesheet and WeasyPrint version are unchanged is copied from an earlier build (`_key`): only the
    editions to lay out are rendered to HTML.  Those are laid out in fresh worker processes, one per core
    (workers.running_beside): even one PDF (an update changes its edition's) takes the other core instead
    of the build's.  WeasyPrint (a second to import) and the Chinese font are looked for only when a PDF
    is to be laid out, by the worker (`lay_out`).
    """
    template = print_template(settings.theme)
    css_text = (settings.theme / STYLESHEET).read_text(encoding="utf-8")
    stamp = _stamp(settings.theme, css_text) if model.editions else b""
    jobs = []  # (page, stylesheet, base URL, target, key) of each PDF not in the cache
    for edition in model.editions:
        values = page_values(edition, edition_views[edition.id], settings, model)
        key = _key(stamp, values)
        target = output / urls.edition_download(edition.id, "pdf")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (settings.pdf_cache and copy_cached(settings.pdf_cache / f"{key}.pdf", target)):
            html = template.render(**values)
            jobs.append((html, css_text, str(settings.theme), str(target), key))
    with running_beside(lay_out, jobs, fresh=True):
        yield len(jobs)
    if settings.pdf_cache:
        for *_, target, key in jobs:
            keep_cached(Path(target), settings.pdf_cache / f"{key}.pdf")


def print_template(theme: Path) -> jinja2.Template:
    """The theme's print page of an edition (its values: page_values)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE)


def page_values(edition, view: dict, settings: Settings, model: SiteModel) -> dict:
    """Everything the print page of an edition reads."""
    return {"e": edition, "v": view, "column": settings.column, "owner": settings.owner, "as_of": model.as_of,
            "page_url": urls.absolute(settings.site_url, edition.url),
            "notice": model.notices_by_id.get(edition.notice_id) if edition.notice_id else None}


def lay_out(job: tuple) -> None:
    """One edition's page → its PDF at `target`, with a fixed identifier: the same bytes in any process.
    WeasyPrint and the Chinese font are looked for here, in the worker (importing WeasyPrint takes a second
    the build need not wait for); a missing one stops the build with its problem when it waits for the PDFs."""
    html, css_text, base_url, target, key = job
    html_class, css_class = _weasyprint()
    _require_cjk_font()
    stylesheet = css_class(string=css_text, base_url=base_url)
    document = html_class(string=html, base_url=base_url).render(stylesheets=[stylesheet])
    document.write_pdf(target, pdf_identifier=key[:32].encode())


def _stamp(theme: Path, css_text: str) -> bytes:
    """What every PDF's bytes follow from besides its page's values: the templates, the print stylesheet,
    this module (how they are rendered and laid out) and the versions of WeasyPrint, Jinja2 and MarkupSafe."""
    versions = [_weasyprint_version(), importlib.metadata.version("jinja2"), importlib.metadata.version("markupsafe")]
    return b"\0".join([files_digest(theme / "templates"), css_text.encode("utf-8"), Path(__file__).read_bytes(),
                        repr(versions).encode()])


def _key(stamp: bytes, values: dict) -> str:
    """The SHA-256 of what a PDF's bytes follow from: the stamp and its page's values (pickled without memo,
    page_cache.canonical).  Also the PDF's identifier, so the same edition gives the same bytes every build."""
    digest = hashlib.sha256(len(stamp).to_bytes(8, "big") + stamp)
    digest.update(canonical(values))
    return digest.hexdigest()


def _weasyprint_version() -> str:
    """WeasyPrint's version, read from its package's metadata without importing it (a second)."""
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        _weasyprint()  # not installed: says so and how to fix it
        raise


def copy_cached(cached: Path, target: Path) -> bool:
    """An edition whose page did not change since an earlier build: that build's PDF, byte for byte."""
    if not cached.is_file():
        return False
    shutil.copyfile(cached, target)
    return True


def keep_cached(target: Path, cached: Path) -> None:
    """Keep a new PDF for later builds, written whole or not at all (a killed build leaves no half file)."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f".{cached.name}.partial")
    shutil.copyfile(target, partial)
    os.replace(partial, cached)


def _weasyprint():
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:
        raise error("pdf.no-weasyprint", "requirements.txt", None,
                    f"无法生成报纸版 PDF：WeasyPrint 不能加载（{exc}）。请安装 Pango：Debian/Ubuntu 上运行 "
                    "apt-get install libpango-1.0-0 libpangoft2-1.0-0（.ci/run 已包含），然后重新运行 make site"
                    "（WeasyPrint needs Pango）。") from None
    return HTML, CSS


def _require_cjk_font() -> None:
    """A Chinese font must be installed, or every character of the PDF would be an empty box."""
    found = ""
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout.strip()
    if not found:
        raise error("pdf.no-cjk-font", "themes/gov/print/edition.css", None,
                    "无法生成报纸版 PDF：系统中没有中文字体。请安装 Noto CJK 字体：Debian/Ubuntu 上运行 "
                    "apt-get install fonts-noto-cjk（.ci/run 已包含），然后重新运行 make site（no Chinese font installed）。")
