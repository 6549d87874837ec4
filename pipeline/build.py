"""The whole build, top to bottom: content → site model → data, search index, pages, feeds → output/.

    settings  (settings.py)        what to build, from where, as of which date
    content   (inputs/)            every file editors maintain, checked; all problems at once;
                                   the history of content/ from git
    model     (model/)             the site model: records, updates, statuses, units, regions, URLs
    outputs   (outputs/, site/)    data files and dated snapshots, originals, evidence, downloads,
                                   search index, pages, feeds, sitemap, robots.txt, gzip twins (PRECOMPRESS)

The site is assembled in a staging folder beside `output/` and swapped in
only when every step succeeded (publish.py), so a failed or killed build
never leaves a half-written site behind, and a build never replaces a folder
it did not make.
"""
from __future__ import annotations

import resource
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable

from .cache import BuildCache
from .inputs.content import Content, load_content
from .inputs.history import read_history
from .inputs.notices import notice_files
from .model import urls
from .model.broadcast import weekly_scripts
from .model.site import SiteModel, build_model
from .outputs.data import published_data, write_data, write_issue_files
from .outputs.disclosures import write_broadcast_files, write_edition_files
from .outputs.feeds import write_feeds
from .outputs.files import (write_evidence, write_gzip_twins, write_headers, write_originals, write_robots,
                            write_sitemap)
from .outputs.search import write_search_index
from .outputs.snapshots import Fingerprint, archive_snapshot, write_snapshots
from .publish import check_output, publishing
from .settings import Settings
from .site.pages import page_specs, write_page_sources
from .site.newspaper import newspaper_pdfs
from .site.page_cache import PageCache, theme_stamp
from .site.pelican import run_pelican, template_settings
from .site.views import build_views, edition_views


class Stages:
    """The wall time of each stage of one build, in order, and the build's peak resident memory when it
    ended: `build --timings` prints them, bench-build reads them (which stage sets the peak)."""

    def __init__(self):
        self.times: list[tuple[str, float]] = []
        self.peaks: dict[str, int] = {}  # stage → peak resident MB of the process so far

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.times.append((name, time.perf_counter() - started))
            self.peaks[name] = peak_resident_mb()


class Background:
    """Jobs that spend their time in zlib, which releases the GIL, kept until `beside(work)` runs them in a
    thread while `work` runs in this one (the snapshot's compression beside the pages).  Not started earlier:
    while another thread is alive, workers.parallel_map spawns its workers instead of forking them."""

    def __init__(self):
        self.jobs: list[Callable[[], None]] = []

    def __call__(self, job: Callable[[], None]) -> None:
        self.jobs.append(job)

    def beside(self, work: Callable[[], None]) -> None:
        """Run `work` here and the jobs in a thread; raise what either raised."""
        failed: list[BaseException] = []

        def run_jobs() -> None:
            try:
                for job in self.jobs:
                    job()
            except BaseException as exc:  # handed to the build's thread below
                failed.append(exc)

        thread = threading.Thread(target=run_jobs, name="background")
        thread.start()
        try:
            work()
        finally:
            thread.join()
        self.jobs.clear()
        if failed:
            raise failed[0]


def peak_resident_mb() -> int:
    """This process's peak resident size so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def build(settings: Settings, stages: Stages | None = None) -> tuple[Content, SiteModel]:
    """Read and check the content, model it, and publish the whole site into settings.output."""
    stage = stages or Stages()
    check_output(settings.output, settings.root, settings.display)
    cache = BuildCache(settings.cache)
    with stage("content"):
        content = load_content(settings, cache=cache)
    with stage("model"):
        model = model_of(content, settings)
    publish(settings, model, stage, cache)
    cache.prune()
    return content, model


def model_of(content: Content, settings: Settings) -> SiteModel:
    """The site model of the loaded content as of the build date, with the history of its files."""
    return build_model(content.notices, content.aliases, content.regions, settings.as_of, content.updates,
                       read_history(settings.root, settings.history,
                                    {r.notice.id: notice_files(r, settings.display) for r in content.notices},
                                    settings.repo_url),
                       content.editions)


def write_data_files(settings: Settings, model: SiteModel, site: Path, background: Background) -> list[dict]:
    """data/, the originals, evidence, per-notice and per-edition downloads; returns the snapshots (dates and
    addresses).  The issues' records are made one at a time and none is kept (write_issue_files)."""
    write_data(published_data(model), site)
    fingerprint = Fingerprint()
    write_issue_files(model, site, fingerprint.add)
    write_originals(model, site)
    write_evidence(model, settings.content, site)
    snapshots = write_snapshots(fingerprint.hexdigest(), site / urls.data_file("issues", "json"), settings.snapshots,
                                site, model.as_of, background)
    write_edition_files(model, settings.root, site)
    return snapshots


def publish(settings: Settings, model: SiteModel, stage: Stages | None = None, cache: BuildCache | None = None) -> None:
    """Write every page and file of the site for `model`, atomically (the search shards from `cache` when
    their text is unchanged)."""
    stage = stage or Stages()
    background = Background()
    cache = cache or BuildCache(None)
    with publishing(settings.output) as staging, ExitStack() as pdfs:
        site = staging.site
        with stage("newspaper PDFs"):  # what changed is laid out beside the stages below, until "waited for"
            editions = edition_views(model)
            laid_out = pdfs.enter_context(newspaper_pdfs(settings, model, editions, site))
        print(f"报纸版 PDF newspaper: {len(model.editions)} 份, {laid_out} laid out, "
              f"{len(model.editions) - laid_out} from the cache")
        with stage("views"):
            scripts = weekly_scripts(model, settings.column, settings.site_name)
            views = build_views(model, scripts, editions=editions)
        with stage("data"):
            views["snapshots"] = write_data_files(settings, model, site, background)
        with stage("broadcasts"):
            for line in write_broadcast_files(scripts, site, cache):
                print(f"播报稿 broadcast {line}")
        with stage("search index"):
            views["search"]["index"] = write_search_index(model, site / urls.SEARCH_INDEX, cache)  # the page names its shards
        with stage("pages (Pelican)"):
            specs = page_specs(model, views, settings.column)
            kept = PageCache(cache, model, views,
                             theme_stamp(settings.theme, settings.pelicanconf, template_settings(settings, model)))
            write_page_sources(kept.write_kept(specs, site), staging.pages)
            background.beside(lambda: run_pelican(settings, staging.pages, site, model, views))
            kept.file_rendered(site)
        with stage("newspaper PDFs, waited for"):
            pdfs.close()
        if kept.active:
            print(kept.summary())
        with stage("feeds, sitemap"):
            write_feeds(model, site, settings.site_url)
            write_sitemap([spec.url for spec in specs if spec.listed], site, settings.site_url, model.as_of)
            write_robots(site, settings.site_url)
            write_headers(site)
        if settings.precompress:
            with stage("gzip twins"):
                write_gzip_twins(site)
    archive_snapshot(settings.output, settings.snapshots, model.as_of)
