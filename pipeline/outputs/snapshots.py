"""Dated copies of issues.json, so a journalist can cite what the site said "as of" a day.

A build publishes every earlier snapshot kept in the archive folder
(`build --snapshots DIR`; `make site` keeps them in snapshots/, the deploy
workflows cache that folder) and adds one for its own date when the data
changed since the latest earlier one.  What merely follows from the date
(days left, the as-of date itself) is not a change.  The archive gets the
new snapshot only after the site was published, so a failed build adds
nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from ..model import urls
from .data import json_text, write_json

DAY_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VOLATILE = ("days_left", "deadline_note", "as_of")
NAME = "issues.json"


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
    return {p.name: p / NAME for p in sorted(archive.iterdir())
            if DAY_FOLDER.match(p.name) and p.name <= as_of and (p / NAME).is_file()}


def write_snapshots(published_issues: list[dict], archive: Path | None, site: Path, as_of: str) -> list[str]:
    """Copy the archived snapshots into the site and add today's if the data changed; the dates, newest first."""
    kept = archived(archive, as_of)
    earlier = [day for day in kept if day < as_of]
    changed = not earlier or _fingerprint(json.loads(kept[earlier[-1]].read_text(encoding="utf-8"))) != _fingerprint(published_issues)
    for day, path in kept.items():
        if day != as_of or not changed:
            _place(site / urls.snapshot_file(day)).write_bytes(path.read_bytes())
    if changed:
        write_json(site / urls.snapshot_file(as_of), published_issues)
    dates = sorted(set(kept) | ({as_of} if changed else set()), reverse=True)
    (site / urls.SNAPSHOTS / "index.json").write_text(json_text(
        [{"date": day, "url": urls.snapshot_file(day)} for day in dates]),
        encoding="utf-8")
    return dates


def archive_snapshot(site: Path, archive: Path | None, as_of: str) -> None:
    """After publishing: keep the build's own snapshot, if it made one, in the archive."""
    made = site / urls.snapshot_file(as_of)
    if archive is not None and made.is_file():
        target = archive / as_of / NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, target)


def _place(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
