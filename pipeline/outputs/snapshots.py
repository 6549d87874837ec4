"""Dated copies of issues.json, so a journalist can cite what the site said "as of" a day.

A build publishes every earlier snapshot kept in the archive folder
(`build --snapshots DIR`; `make site` keeps them in snapshots/, the deploy
workflows cache that folder) and adds one for its own date when the data
changed since the latest earlier one.  What merely follows from the date
(days left, the as-of date itself) is not a change.  The archive gets the
new snapshot only after the site was published, so a failed build adds
nothing.

Snapshots are gzip-compressed (issues.json.gz): each one is a whole copy of the
data and they accumulate, one a week the data changes; at 10,000 issues a plain
copy is 35 MB, so the site would pass a free host's 1 GB in about seven
months; compressed it is a sixth of that.  A snapshot archived as plain issues.json (before
they were compressed) is published as it is, at the address it had.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Callable

from ..model import urls
from .data import json_text
from .files import gzip_copy

DAY_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VOLATILE = ("days_left", "deadline_note", "as_of")
NAMES = (urls.SNAPSHOT_NAME, "issues.json")  # what a build archives; what earlier builds archived


def run_now(job: Callable[[], None]) -> None:
    job()


def _fingerprint(issues: list[dict]) -> str:
    """A digest of the data without what changes every day by itself (record by record: at 10,000 issues the
    whole list as one string would be 70 MB)."""
    digest = hashlib.sha256()
    for issue in issues:
        stable = {**issue, "status": {k: v for k, v in issue["status"].items() if k not in VOLATILE}}
        digest.update(json.dumps(stable, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return digest.hexdigest()


def archived(archive: Path | None, as_of: str) -> dict[str, Path]:
    """Snapshots in the archive dated up to `as_of` (a build for an earlier date cannot cite a later one)."""
    if archive is None or not archive.is_dir():
        return {}
    kept = {}
    for folder in sorted(archive.iterdir()):
        files = [folder / name for name in NAMES if (folder / name).is_file()]
        if DAY_FOLDER.match(folder.name) and folder.name <= as_of and files:
            kept[folder.name] = files[0]
    return kept


def read_snapshot(path: Path) -> list[dict]:
    """The records of an archived snapshot, compressed or not."""
    with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")) as handle:
        return json.load(handle)


def write_snapshots(published_issues: list[dict], issues_file: Path, archive: Path | None, site: Path,
                    as_of: str, later: Callable[[Callable[[], None]], None] = run_now) -> list[dict]:
    """Copy the archived snapshots into the site and add today's (`issues_file`, the published issues.json,
    compressed) if the data changed; the snapshots' dates and addresses, newest first.  `later(job)` runs
    the compression: the build hands it to a thread (build.Background), where it overlaps the pages."""
    kept = archived(archive, as_of)
    earlier = [day for day in kept if day < as_of]
    changed = not earlier or _fingerprint(read_snapshot(kept[earlier[-1]])) != _fingerprint(published_issues)
    published = {}
    for day, path in kept.items():
        if day != as_of or not changed:
            published[day] = urls.snapshot_file(day, path.name)
            shutil.copyfile(path, _place(site / published[day]))
    if changed:
        published[as_of] = urls.snapshot_file(as_of)
        target = _place(site / published[as_of])
        later(lambda: gzip_copy(issues_file, target))
    listed = [{"date": day, "url": published[day]} for day in sorted(published, reverse=True)]
    (site / urls.SNAPSHOTS / "index.json").write_text(json_text(listed), encoding="utf-8")
    return listed


def archive_snapshot(site: Path, archive: Path | None, as_of: str) -> None:
    """After publishing: keep the build's own snapshot, if it made one, in the archive."""
    made = site / urls.snapshot_file(as_of)
    if archive is not None and made.is_file():
        target = archive / as_of / made.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, target)


def _place(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
