"""Read everything editors maintain in content/, checked, into one `Content`.

Each kind of input has one loader module beside this one (regions.py,
aliases.py, notices.py with meta.py and corrections.py); a new kind
(progress updates, disclosure editions) adds its loader here and its
records to the model.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..notices.process import NoticeResult
from ..problems import Diagnostics, PipelineError, Problem, collecting, error
from ..cache import MISSING, BuildCache, content_key
from ..workers import parallel_map
from ..settings import Settings
from ..notices.names import AliasTable
from ..model.disclosures import Edition
from ..model.plan_editions import PLAN_PREFIX
from ..model.progress import Update
from .aliases import load_aliases
from .disclosures import checked_editions, edition_files, read_edition
from .notices import CORRECTIONS_NAME, META_NAME, RAW_NAME, load_notice
from .paths import require_inside
from .regions import RegionEntry, load_regions
from .update_checks import checked_updates
from .updates import read_update, update_files


PARSED = "parsed"  # the build cache's kind for notice parse results
PARALLEL_PARSE_BYTES = 1_000_000  # above a notice of 500 items (700 KB); the five seed notices (313 KB) stay in process


@dataclass(frozen=True)
class Content:
    regions: dict[str, RegionEntry]
    aliases: AliasTable
    notices: list[NoticeResult]
    updates: tuple[Update, ...] = ()
    editions: tuple[Edition, ...] = ()  # content/disclosures/, in file order


def load_content(settings: Settings, parse_trees: bool = False, cache: BuildCache | None = None) -> Content:
    """Every input, checked; raises one PipelineError listing every error found.

    regions.yml comes first: without it no notice's region can be checked.
    After that every problem of aliases.yml and of every notice is collected
    before the build stops, so editors see all of them at once.  `parse_trees` keeps each notice's parse
    tree (ParsedNotice) for callers that inspect it; a build does not.  With a `cache`, a notice whose
    files (and regions.yml, aliases.yml and the pipeline) are unchanged is not parsed again.
    """
    display = settings.display
    for path in (settings.regions_file, settings.aliases_file):
        require_inside(path, settings.root, display(path))
    regions = load_regions(settings.regions_file, display(settings.regions_file))
    diag = Diagnostics()
    aliases = load_aliases(settings.aliases_file, display(settings.aliases_file), diag, regions)
    folders = []
    for folder in notice_folders(settings):
        with collecting(diag):
            for path in (folder, folder / RAW_NAME, folder / META_NAME, folder / CORRECTIONS_NAME):
                require_inside(path, settings.root, display(path))
            folders.append(folder)
    notices = []
    parse = partial(_parsed_notice, display=display, regions=regions, aliases=aliases, parse_tree=parse_trees)
    for result in _cached_parse(parse, folders, cache or BuildCache(None), settings, parse_trees):
        if isinstance(result, NoticeResult):
            diag.extend(result.errors)
            notices.append(result)
        else:
            diag.extend(result)
    if not notices:
        diag.raise_errors()
        raise error("notice.none", display(settings.notices_dir), None, "没有任何通知（no notices found）。")
    updates = load_updates(settings, notices, diag)
    editions = load_editions(settings, regions, diag)
    diag.raise_errors()
    return Content(regions, aliases, notices, updates, editions)


def _parsed_notice(folder: Path, display, regions: dict, aliases: AliasTable,
                   parse_tree: bool) -> NoticeResult | list[Problem]:
    """One notice folder's records, or the problems that stopped it (a worker returns them: they pickle).

    Unless asked for, the parse tree is dropped: no output reads it, and it is two thirds of a result's size.
    """
    try:
        result = load_notice(folder, display, regions, aliases)
        return result if parse_tree else replace(result, parsed=None)
    except PipelineError as exc:
        return exc.problems


def _cached_parse(parse, folders: list[Path], cache: BuildCache, settings: Settings, parse_trees: bool) -> list:
    """Each folder's parse result in folder order: from the cache where its key is filed, else parsed
    (in workers when worth it) and filed."""
    shared = [_file_bytes(settings.regions_file), _file_bytes(settings.aliases_file), str(parse_trees)]
    keys = [content_key(settings.display(folder), *shared,
                        *(_file_bytes(folder / name) for name in (RAW_NAME, META_NAME, CORRECTIONS_NAME)))
            for folder in folders]
    results = [_here(cache.get(PARSED, key), folder) for key, folder in zip(keys, folders)]
    missing = [i for i, result in enumerate(results) if result is MISSING]
    to_parse = [folders[i] for i in missing]
    for i, result in zip(missing, parallel_map(parse, to_parse, parallel=_worth_parallel(to_parse))):
        results[i] = result
        cache.put(PARSED, keys[i], result)
    return results


def _here(result, folder: Path):
    """A cached parse result as if parsed in `folder`: the key holds the folder's place in the project and its
    files' bytes, so only the path to the project can differ (a project renamed, or restored elsewhere by CI),
    and the original text is copied from its path (outputs/files.py)."""
    return replace(result, raw_path=folder / RAW_NAME) if isinstance(result, NoticeResult) else result


def _file_bytes(path: Path) -> bytes:
    """A file's bytes, or a marker that it is absent (an absent and an empty file differ)."""
    try:
        return b"1" + path.read_bytes()
    except FileNotFoundError:
        return b"0"


def _worth_parallel(folders: list[Path]) -> bool:
    """Whether parsing is long enough to share out among workers (bench.parse_bench measures both ways)."""
    return sum((folder / RAW_NAME).stat().st_size for folder in folders
               if (folder / RAW_NAME).is_file()) >= PARALLEL_PARSE_BYTES


def load_updates(settings: Settings, notices: list[NoticeResult], diag: Diagnostics) -> tuple[Update, ...]:
    """Every file in content/updates/, checked on its own and then against the items it names.

    Without a build date (commands that publish nothing) an update is only checked against its items.
    """
    files = []
    for path in update_files(settings.updates_dir):
        with collecting(diag):
            require_inside(path, settings.root, settings.display(path))
            files.append(read_update(path, settings.display(path), settings.content, diag))
    issues = {issue.id: issue for result in notices for issue in result.issues}
    dates = {result.notice.id: result.notice.date for result in notices}
    return checked_updates([f for f in files if f], issues, dates, settings.as_of or "9999-12-31", diag)


def notice_folders(settings: Settings) -> list[Path]:
    folder = settings.notices_dir
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []



def load_editions(settings: Settings, regions: dict[str, RegionEntry], diag: Diagnostics) -> tuple[Edition, ...]:
    """Every 督办公开 edition in content/disclosures/, checked on its own and then against each other."""
    found = []
    for path in edition_files(settings.disclosures_dir):
        with collecting(diag):
            display = settings.display(path)
            require_inside(path, settings.root, display)
            if path.stem.startswith(PLAN_PREFIX):
                raise error("disclosure.bad-id", display, 1,
                            f"文件名不能以“{PLAN_PREFIX}”开头：这些编号留给由整改方案生成的整改情况表（reserved prefix）。")
            edition = read_edition(path, display, regions, diag)
            if edition is not None:
                found.append(edition)
    if diag.errors:
        return ()
    return checked_editions(found, settings.as_of, diag)
