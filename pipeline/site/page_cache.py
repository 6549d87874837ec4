"""Item pages kept between builds by what they render, so a rebuild renders only the items whose page changed.

An item's page (issue.html) reads its issue record, its view (views._issue_pages: its row and its
neighbours', status, timeline, history, excerpt, notice), its page spec and the settings every page reads,
and nothing else of the site (tests/test_page_cache.py renders every item page of the seed site with SITE
and VIEWS holding only those and requires the same bytes).  So with `build --cache` its HTML is filed in the
build cache under the SHA-256 of exactly those: the record and the view pickled (the notice by the digest
of its own pickle, made once), the spec, every file of the theme, pelicanconf.py, the build's template
settings (pelican.template_settings: the as-of date among them) and the versions of Pelican, Jinja2 and
MarkupSafe; cache.content_key adds the pipeline's source and Python's version.  Any change to one of them
is a miss and the page is rendered, never a stale page.  The other pages (lists, totals, a notice's
table) read across the site model and are rendered every build.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import io
import pickle
from pathlib import Path
from typing import Mapping

from ..cache import MISSING, BuildCache, content_key
from ..model import urls
from ..model.site import SiteModel
from .pages import PageSpec

KIND = "page"  # the build cache's kind of entry: a page's HTML, as bytes
KEPT_TEMPLATE = "issue"  # the pages kept: one per item, most of a site's pages
LIBRARIES = ("pelican", "jinja2", "markupsafe")


def theme_stamp(theme: Path, pelicanconf: Path, template_settings: Mapping[str, str]) -> str:
    """What every page depends on besides its own values: the theme's files, Pelican's settings file, the
    build's template settings and the rendering libraries' versions."""
    digest = hashlib.sha256()
    for path in sorted(p for p in theme.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(pelicanconf.read_bytes() + b"\0")
    digest.update(repr(sorted((key, str(value)) for key, value in template_settings.items())).encode())
    digest.update(repr([importlib.metadata.version(name) for name in LIBRARIES]).encode())
    return digest.hexdigest()


def canonical(value) -> bytes:
    """`value` pickled without pickle's memo, so equal values give equal bytes whichever objects they share
    (a notice parsed afresh shares its strings differently from one read back from the cache)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a shared object is written again each time (views hold no cycles)
    pickler.dump(value)
    return buffer.getvalue()


class PageCache:
    """The item pages of one build: which come from the cache, which Pelican renders (and are filed after)."""

    def __init__(self, cache: BuildCache, model: SiteModel, views: dict, stamp: str):
        self.cache = cache
        self.model = model
        self.item_views = views["issue"]
        self.stamp = stamp
        self.notice_digests: dict[str, str] = {}
        self.rendered: list[tuple[PageSpec, str]] = []  # kept-template pages Pelican renders, with their keys
        self.kept = 0

    @property
    def active(self) -> bool:
        """Whether pages are kept at all: only with a cache folder (`build --cache`)."""
        return self.cache.folder is not None

    def page_key(self, spec: PageSpec) -> str:
        """The SHA-256 of everything the item page of `spec` shows (see the module's docstring)."""
        view = dict(self.item_views[spec.id])
        notice = view.pop("notice")
        return content_key(self.stamp, repr(spec),
                           canonical((self.model.issues_by_id[spec.id], view, self._notice_digest(notice))))

    def _notice_digest(self, notice) -> str:
        if notice.id not in self.notice_digests:
            self.notice_digests[notice.id] = hashlib.sha256(canonical(notice)).hexdigest()
        return self.notice_digests[notice.id]

    def write_kept(self, specs: list[PageSpec], site: Path) -> list[PageSpec]:
        """Write the item pages the cache holds into `site`, one at a time; return the pages left to render."""
        if not self.active:
            return specs
        left = []
        for spec in specs:
            if spec.kind != KEPT_TEMPLATE:
                left.append(spec)
                continue
            key = self.page_key(spec)
            html = self.cache.get(KIND, key)
            if html is MISSING:
                self.rendered.append((spec, key))
                left.append(spec)
            else:
                self.kept += 1
                target = site / urls.saved_as(spec.url)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(html)
        return left

    def file_rendered(self, site: Path) -> None:
        """File the item pages Pelican has just rendered under their keys, for the next build."""
        for spec, key in self.rendered:
            self.cache.put(KIND, key, (site / urls.saved_as(spec.url)).read_bytes())
