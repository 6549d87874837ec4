"""Build the whole site: all notices → data files → Pelican pages, atomically.

The site is assembled in a temporary folder beside `output/` and swapped in
only when every step succeeded, so a failed build never leaves a
half-written site behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .problems import PipelineError, Problem
from .outputs.data import site_data, write_data
from .notices.metadata import load_regions
from .notices.process import NoticeResult, process_notice, relative
from .outputs.search import write_search_index
from .site.pages import as_of_date, page_specs, render_pages, run_pelican, site_url
from .outputs.files import write_feeds, write_gzip_twins, write_notice_downloads, write_robots, write_sitemap
from .site.views import build_views
from .notices.names import load_aliases


@dataclass
class Content:
    root: Path

    @property
    def notices(self) -> Path:
        return self.root / "content" / "notices"

    @property
    def regions(self) -> Path:
        return self.root / "content" / "regions.yml"

    @property
    def aliases(self) -> Path:
        return self.root / "content" / "units" / "aliases.yml"


def load_all(root: Path) -> tuple[list[NoticeResult], object]:
    """Process every notice; raise one PipelineError listing every error found."""
    content = Content(root)
    regions = load_regions(content.regions, relative(content.regions, root))
    aliases = load_aliases(content.aliases, relative(content.aliases, root), regions)
    results: list[NoticeResult] = []
    errors: list[Problem] = []
    folders = sorted(p for p in content.notices.iterdir() if p.is_dir()) if content.notices.exists() else []
    for folder in folders:
        try:
            result = process_notice(folder, root, regions, aliases)
        except PipelineError as exc:
            errors.extend(exc.problems)
            continue
        errors.extend(result.errors)
        results.append(result)
    ids = [r.meta.id for r in results]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        errors.append(Problem("error", str(content.notices), None, f"通知 id 重复（duplicate notice id）：{duplicate}"))
    if errors:
        raise PipelineError(errors)
    if not results:
        raise PipelineError(Problem("error", relative(content.notices, root), None, "没有任何通知（no notices found）。"))
    return results, aliases


def build_site(root: Path, output: Path, as_of: str | None = None) -> tuple[list[NoticeResult], dict]:
    """Build into `output`, replacing it only if everything succeeded."""
    results, aliases = load_all(root)
    content = Content(root)
    regions = load_regions(content.regions, relative(content.regions, root))
    data = site_data(results, aliases, as_of_date(as_of), regions)
    originals = {r.meta.id: Original(r.raw_path, r.raw_lines) for r in results}
    publish(root, data, originals, output)
    return results, data


@dataclass
class Original:
    """A notice's original text as published: the file and its lines."""
    path: Path
    lines: list[str]


def publish(root: Path, data: dict, originals: dict[str, Original], output: Path) -> None:
    """Write every page and file of the site for `data` into `output`, atomically.

    Separate from parsing so a benchmark can publish generated data through
    exactly the same code as the real site.
    """
    views = build_views(data, {nid: original.lines for nid, original in originals.items()})
    base = site_url()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        write_data(data, staging / "data")
        for notice_id, original in originals.items():
            target = staging / "notices" / f"{notice_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original.path, target)
        write_notice_downloads(data, staging)
        views["search"]["index"] = write_search_index(data, staging / "search")  # the page names its shards
        with tempfile.TemporaryDirectory(prefix="pelican-content-") as pages:
            render_pages(data, views, Path(pages))
            run_pelican(root, Path(pages), staging, data, views)
        write_feeds(data, staging, base)
        write_sitemap([spec["url"] for spec in page_specs(data, views)], staging, base, data["as_of"])
        write_robots(staging, base)
        write_gzip_twins(staging)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, output: Path) -> None:
    """Replace output/ by the finished build in two renames."""
    old = None
    if output.exists():
        old = output.parent / f".{output.name}.old-{os.getpid()}"
        os.replace(output, old)
    os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

