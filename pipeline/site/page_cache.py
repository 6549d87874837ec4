"""Pages kept between builds by what they render, so a rebuild renders only the pages whose content changed.

Most pages read one record and its view: an item's page its issue and views.issue[id], a unit's page the
unit, its region and views.unit[id], and so on (PAGE_INPUTS says, for each template, exactly what).
tests/test_page_cache.py renders every such page of the seed site with SITE and VIEWS holding only those
values, refusing anything else, and requires the seed build's bytes.  So with `build --cache` each such
page's HTML is filed in the build cache under the SHA-256 of exactly those values (pickled without
pickle's memo: `canonical`), its spec, every file of the theme, pelicanconf.py, the build's template
settings (pelican.template_settings: the as-of date among them) and the versions of Pelican, Jinja2 and
MarkupSafe; cache.content_key adds the pipeline's source and Python's version.  Any change to one of them
is a miss and the page is rendered: never a stale page.  The lists across the whole site (all issues, the
overdue list, home, search, …) read totals and every row; they are rendered every build.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import pickle
from pathlib import Path
from typing import Mapping

from ..cache import MISSING, BuildCache, content_key
from ..model import urls
from ..model.site import SiteModel
from .pages import MOVED, PageSpec

KIND = "page"  # the build cache's kind of entry: a page's HTML, as bytes
LIBRARIES = ("pelican", "jinja2", "markupsafe")


def _issue(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    return {"SITE": {"issues_by_id": {spec.id: model.issues_by_id[spec.id]}},
            "VIEWS": {"issue": {spec.id: views["issue"][spec.id]}}}


def _notice(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    notice = model.notices_by_id[spec.id]
    return {"SITE": {"notices_by_id": {spec.id: notice},
                     "regions_by_id": {notice.region.id: model.regions_by_id[notice.region.id]},
                     "issues_by_id": {i.id: i for i in model.issues_by_notice[spec.id]}},  # its task table's links
            "VIEWS": {"notice": {spec.id: _notice_view(views["notice"][spec.id], spec.number)}}}


def _notice_view(view: dict, number: int) -> dict:
    """A notice's page shows its part of the rows and the contents (its lists' sections without their rows)."""
    lists = [{**lst, "sections": [_without(section, "rows") for section in lst["sections"]]} for lst in view["lists"]]
    return {**view, "lists": lists, "pages": _only(view["pages"], number)}


def _without(view: dict, *keys: str) -> dict:
    """A view without what its page does not show (the rows a list page counts or cuts its first page from)."""
    return {key: value for key, value in view.items() if key not in keys}


def _notice_text(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    notice = model.notices_by_id[spec.id]
    view = views["notice"][spec.id]
    return {"SITE": {"notices_by_id": {spec.id: notice},
                     "regions_by_id": {notice.region.id: model.regions_by_id[notice.region.id]}},
            "VIEWS": {"notice": {spec.id: {"text_pages": view["text_pages"], "line_count": view["line_count"]}}}}


def _region(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    region = model.regions_by_id[spec.id]
    shown = [region] + ([model.regions_by_id[region.parent_id]] if region.parent_id else [])
    return {"SITE": {"regions_by_id": {r.id: r for r in shown}},
            "VIEWS": {"region": {spec.id: _region_view(views["region"][spec.id])}}}


def _region_view(view: dict) -> dict:
    """A region's page shows its first page of rows, and how many items each status has."""
    if "by_category" not in view:  # a county without notices: its rows, as many as its notices have
        return view
    return {**view, "by_category": [_without(group, "rows") for group in view["by_category"]]}


def _unit(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    unit = model.units_by_id[spec.id]
    return {"SITE": {"units_by_id": {spec.id: unit},
                     "regions_by_id": {unit.region_id: model.regions_by_id[unit.region_id]}},
            "VIEWS": {"unit": {spec.id: _without(views["unit"][spec.id], "by_notice")}}}


def _edition(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    return {"SITE": {"editions_by_id": {spec.id: model.editions_by_id[spec.id]}},
            "VIEWS": {"edition": {spec.id: _paged(_without(views["edition"][spec.id], "rows"), spec.number)}}}


def _broadcast(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    return {"SITE": {}, "VIEWS": {"broadcast": {spec.id: _paged(views["broadcast"][spec.id], spec.number)}}}


def _paged(view: dict, number: int) -> dict:
    return {**view, "pages": _only(view["pages"], number)}


def _moved(spec: PageSpec, model: SiteModel, views: dict) -> dict:
    return {"SITE": {}, "VIEWS": {}}  # its spec says where it sends a reader


# template → what its page reads of SITE and VIEWS: {"SITE": {attribute: {key: value}}, "VIEWS": {…}}.  The key
# of a page is these values; tests/test_page_cache.py renders every such page with nothing else.  The lists
# across the whole site (all issues, the overdue list, home, …) are not here: rendered every build.
PAGE_INPUTS = {"issue": _issue, "notice": _notice, "notice_text": _notice_text, "region": _region, "unit": _unit,
               "edition": _edition, "broadcast": _broadcast, MOVED: _moved}


def theme_stamp(theme: Path, pelicanconf: Path, template_settings: Mapping[str, str]) -> str:
    """What every page depends on besides its own values: the theme's files, Pelican's settings file, the
    build's template settings and the rendering libraries' versions."""
    digest = hashlib.sha256(files_digest(theme))
    digest.update(pelicanconf.read_bytes() + b"\0")
    digest.update(repr(sorted((key, str(value)) for key, value in template_settings.items())).encode())
    digest.update(repr([importlib.metadata.version(name) for name in LIBRARIES]).encode())
    return digest.hexdigest()


def files_digest(folder: Path) -> bytes:
    """The SHA-256 of every file under `folder`: its path there and its bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def canonical(value, shared: Mapping[int, str] | None = None) -> bytes:
    """`value` pickled without pickle's memo, so equal values give equal bytes whichever objects they share
    (a notice parsed afresh shares its strings differently from one read back from the cache).  An object in
    `shared` (by id: the build's records and table rows, alive for the whole build) is written as its digest:
    a region's page names thousands of rows, each hashed once a build instead of once a page."""
    buffer = io.BytesIO()
    pickler = _Shared(buffer, shared) if shared else pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a shared object is written again each time (views hold no cycles)
    pickler.dump(value)
    return buffer.getvalue()


class _Shared(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, shared: Mapping[int, str]):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj) -> str | None:
        return self.shared.get(id(obj))


def _only(pages: list, *numbers: int) -> list:
    """A view's pages with only those numbered (from 1) kept: the others are not on this page."""
    return [page if n in numbers else None for n, page in enumerate(pages, 1)]


class PageCache:
    """The pages of one build: which come from the cache, which Pelican renders (and are filed after)."""

    def __init__(self, cache: BuildCache, model: SiteModel, views: dict, stamp: str):
        self.cache = cache
        self.model = model
        self.views = views
        self.stamp = stamp
        self.rendered: list[tuple[PageSpec, str]] = []  # pages of PAGE_INPUTS Pelican renders, with their keys
        self.kept = 0
        self.every_build = 0  # pages of other templates: rendered every build

    @property
    def active(self) -> bool:
        """Whether pages are kept at all: only with a cache folder (`build --cache`)."""
        return self.cache.folder is not None

    @functools.cached_property
    def shared(self) -> dict[int, str]:
        """The digest of each record, table row and page of a notice's text, by id: pages name them by it
        (`canonical`)."""
        m = self.model
        rows = [view["row"] for view in self.views["issue"].values()]
        text_pages = [page for view in self.views["notice"].values() for page in view["text_pages"]]
        return {id(value): hashlib.sha256(canonical(value)).hexdigest()
                for value in (*m.notices, *m.regions, *m.units, *m.issues, *m.editions, *rows, *text_pages)}

    def page_key(self, spec: PageSpec) -> str:
        """The SHA-256 of everything the page of `spec` shows (see the module's docstring)."""
        inputs = PAGE_INPUTS[spec.kind](spec, self.model, self.views)
        return content_key(self.stamp, repr(spec), canonical(inputs, self.shared))

    def write_kept(self, specs: list[PageSpec], site: Path) -> list[PageSpec]:
        """Write the pages the cache holds into `site`, one at a time; return the pages left to render."""
        if not self.active:
            return specs
        left = []
        for spec in specs:
            if spec.kind not in PAGE_INPUTS:
                self.every_build += 1
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

    def summary(self) -> str:
        return (f"页面 pages: {self.kept} from the cache, {len(self.rendered)} rendered and kept, "
                f"{self.every_build} rendered every build")

    def file_rendered(self, site: Path) -> None:
        """File the pages of PAGE_INPUTS Pelican has just rendered under their keys, for the next build."""
        for spec, key in self.rendered:
            self.cache.put(KIND, key, (site / urls.saved_as(spec.url)).read_bytes())
