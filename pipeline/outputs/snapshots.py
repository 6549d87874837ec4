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
from typing import Callable, Iterable, Iterator

from ..model import urls
from .data import json_text
from .files import gzip_copy

DAY_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VOLATILE = ("days_left", "deadline_note", "as_of")
NAMES = (urls.SNAPSHOT_NAME, "issues.json")  # what a build archives; what earlier builds archived


def run_now(job: Callable[[], None]) -> None:
    job()


class Fingerprint:
    """A digest of issues.json's records without what changes every day by itself, fed record by record."""

    def __init__(self):
        self.digest = hashlib.sha256()

    def add(self, issue: dict) -> None:
        stable = {**issue, "status": {k: v for k, v in issue["status"].items() if k not in VOLATILE}}
        self.digest.update(json.dumps(stable, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def fingerprint_of(records: Iterable[dict]) -> str:
    fingerprint = Fingerprint()
    for record in records:
        fingerprint.add(record)
    return fingerprint.hexdigest()


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


def snapshot_records(path: Path, chunk: int = 1 << 20) -> Iterator[dict]:
    """The records of an archived snapshot (compressed or not), one at a time: read whole, the one before
    a 50,000-issue build's would be 175 MB of text and several times that as objects."""
    decoder = json.JSONDecoder()
    opened = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")
    with opened as handle:
        text, position, started = "", 0, False
        while True:
            more = handle.read(chunk)
            text, position = text[position:] + more, 0
            while True:  # every whole record in `text`; then read on
                while position < len(text) and text[position] in " \t\r\n,":
                    position += 1
                if position == len(text):
                    break
                if not started:
                    if text[position] != "[":
                        raise ValueError(f"{path}: a snapshot is a JSON list")
                    started, position = True, position + 1
                    continue
                if text[position] == "]":
                    return
                try:
                    record, position = decoder.raw_decode(text, position)
                except json.JSONDecodeError:
                    if not more:
                        raise
                    break  # the record goes on in the next chunk
                yield record
            if not more:
                raise ValueError(f"{path}: the snapshot ends inside its list")


def write_snapshots(fingerprint: str, issues_file: Path, archive: Path | None, site: Path,
                    as_of: str, later: Callable[[Callable[[], None]], None] = run_now) -> list[dict]:
    """Copy the archived snapshots into the site and add today's (`issues_file`, the published issues.json,
    compressed) if the data changed (`fingerprint`: its records' Fingerprint); the snapshots' dates and
    addresses, newest first.  `later(job)` runs the compression: the build hands it to a thread
    (build.Background), where it overlaps the pages."""
    kept = archived(archive, as_of)
    earlier = [day for day in kept if day < as_of]
    changed = not earlier or fingerprint_of(snapshot_records(kept[earlier[-1]])) != fingerprint
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
