"""The whole build, top to bottom: content → site model → data, search index, pages, feeds → output/.

    settings  (settings.py)        what to build, from where, as of which date
    content   (inputs/)            every file editors maintain, checked; all problems at once
    model     (model/)             the site model: records, statuses, units, regions, URLs
    outputs   (outputs/, site/)    data files, originals, downloads, search index, pages, feeds,
                                   sitemap, robots.txt, gzip twins

The site is assembled in a temporary folder beside `output/` and swapped in
only when every step succeeded, so a failed build never leaves a
half-written site behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .inputs.content import Content, load_content
from .model import urls
from .model.site import SiteModel, build_model
from .outputs.data import published_data, write_data
from .outputs.feeds import write_feeds
from .outputs.files import write_gzip_twins, write_notice_downloads, write_originals, write_robots, write_sitemap
from .outputs.search import write_search_index
from .settings import Settings
from .site.pages import page_specs, write_page_sources
from .site.pelican import run_pelican
from .site.views import build_views


def build(settings: Settings) -> tuple[Content, SiteModel]:
    """Read and check the content, model it, and publish the whole site into settings.output."""
    content = load_content(settings)
    model = build_model(content.notices, content.aliases, content.regions, settings.as_of)
    publish(settings, model)
    return content, model


def publish(settings: Settings, model: SiteModel) -> None:
    """Write every page and file of the site for `model`, atomically."""
    views = build_views(model)
    with staging(settings.output) as site:
        published = published_data(model)
        write_data(published, site)
        write_originals(model, site)
        write_notice_downloads(model, published["issues"], site)
        views["search"]["index"] = write_search_index(model, site / urls.SEARCH_INDEX)  # the page names its shards
        specs = page_specs(model, views)
        with tempfile.TemporaryDirectory(prefix="pelican-content-") as pages:
            write_page_sources(specs, Path(pages))
            run_pelican(settings, Path(pages), site, model, views)
        write_feeds(model, site, settings.site_url)
        write_sitemap([spec.url for spec in specs], site, settings.site_url, model.as_of)
        write_robots(site, settings.site_url)
        write_gzip_twins(site)


@contextmanager
def staging(output: Path):
    """A fresh folder beside `output`; on success it replaces `output`, on any failure it is removed."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        yield folder
        _swap_in(folder, output)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _swap_in(staging_folder: Path, output: Path) -> None:
    """Replace output/ by the finished build in two renames."""
    old = None
    if output.exists():
        old = output.parent / f".{output.name}.old-{os.getpid()}"
        os.replace(output, old)
    os.replace(staging_folder, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
