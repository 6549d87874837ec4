"""Read everything editors maintain in content/, checked, into one `Content`.

Each kind of input has one loader module beside this one (regions.py,
aliases.py, notices.py with meta.py and corrections.py); a new kind
(progress updates, disclosure editions) adds its loader here and its
records to the model.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..notices.process import NoticeResult
from ..problems import Diagnostics, collecting, error
from ..settings import Settings
from ..notices.names import AliasTable
from .aliases import load_aliases
from .notices import CORRECTIONS_NAME, META_NAME, RAW_NAME, load_notice
from .paths import require_inside
from .regions import RegionEntry, load_regions


@dataclass(frozen=True)
class Content:
    regions: dict[str, RegionEntry]
    aliases: AliasTable
    notices: list[NoticeResult]


def load_content(settings: Settings) -> Content:
    """Every input, checked; raises one PipelineError listing every error found.

    regions.yml comes first: without it no notice's region can be checked.
    After that every problem of aliases.yml and of every notice is collected
    before the build stops, so editors see all of them at once.
    """
    display = settings.display
    for path in (settings.regions_file, settings.aliases_file):
        require_inside(path, settings.root, display(path))
    regions = load_regions(settings.regions_file, display(settings.regions_file))
    diag = Diagnostics()
    aliases = load_aliases(settings.aliases_file, display(settings.aliases_file), diag, regions)
    notices = []
    for folder in notice_folders(settings):
        with collecting(diag):
            for path in (folder, folder / RAW_NAME, folder / META_NAME, folder / CORRECTIONS_NAME):
                require_inside(path, settings.root, display(path))
            result = load_notice(folder, display, regions, aliases)
            diag.extend(result.errors)
            notices.append(result)
    diag.raise_errors()
    if not notices:
        raise error("notice.none", display(settings.notices_dir), None, "没有任何通知（no notices found）。")
    return Content(regions, aliases, notices)


def notice_folders(settings: Settings) -> list[Path]:
    folder = settings.notices_dir
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

