"""The 督办公开 column's files: each edition's table as JSON and CSV and its source file; each week's TV
script as text and SRT captions.

The JSON of an edition is its record as the page shows it: the columns in
the template's order, each row with where it came from, and each channel's
deadline as of the build.  The CSV is the same table in the template's
columns, then the row's source.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..cache import MISSING, BuildCache, content_key
from ..model import urls
from ..model.broadcast import Script
from ..model.captions import srt_text, timed_cues
from ..model.disclosures import ORIGINAL_NUMBER, RESULT, TOWNSHIP, Edition, Row
from ..model.site import SiteModel
from .data import json_text, write_csv

CAPTIONS = "captions"  # the build cache's kind for a script's SRT text
SOURCE_COLUMN = "出处"
EXTRA_COLUMNS = (TOWNSHIP, ORIGINAL_NUMBER, RESULT)


def edition_json(edition: Edition, model: SiteModel) -> dict:
    return {
        "id": edition.id, "title": edition.title, "kind": edition.kind, "type": edition.list_type,
        "batch": edition.batch, "region": edition.region, "region_id": edition.region_id,
        "generated_from_notice": edition.notice_id,
        "ministry_published": edition.ministry_date, "letter": edition.letter_date, "list": edition.list_id,
        "publications": [{"channel": p.channel, "date": p.date, "detail": p.detail, "url": p.url}
                         for p in edition.publications],
        "deadlines": [{"channel": d.channel, "due": d.due, "published": d.published, "state": d.state,
                       "days": d.days} for d in model.deadlines[edition.id]],
        "columns": list(edition.columns),
        "rows": [_row_json(edition, row, model) for row in edition.rows],
        "url": edition.url,
    }


def _row_json(edition: Edition, row: Row, model: SiteModel) -> dict:
    record = {"cells": {c: row.cells.get(c, "") for c in edition.columns}, "extra": dict(row.extra),
              "source": _source(edition, row, model)}
    if row.issue_id:
        record["issue"] = row.issue_id
        record["issue_url"] = model.issues_by_id[row.issue_id].url
    return record


def _source(edition: Edition, row: Row, model: SiteModel) -> dict:
    """The file and lines a row came from: the notice's lines for a generated row, else the YAML line."""
    if row.issue_id:
        issue = model.issues_by_id[row.issue_id]
        return {"file": urls.notice_text(issue.notice), "line_start": issue.source.line_start,
                "line_end": issue.source.line_end}
    return {"file": urls.edition_download(edition.id, "yml"), "line_start": row.line, "line_end": row.line}


def csv_rows(record: dict) -> list[dict]:
    """The table in the template's columns, then any of 乡镇（街道）, 原序号, 完成情况 a row has, then the source."""
    extra = [key for key in EXTRA_COLUMNS if any(key in r["extra"] for r in record["rows"])]
    rows = []
    for r in record["rows"]:
        source = r["source"]
        lines = source["line_start"] if source["line_start"] == source["line_end"] else \
            f"{source['line_start']}-{source['line_end']}"
        rows.append({**r["cells"], **{key: r["extra"].get(key, "") for key in extra},
                     SOURCE_COLUMN: f"{source['file']}:{lines}"})
    return rows


def write_edition_files(model: SiteModel, root: Path, output: Path) -> None:
    """Per edition: JSON and CSV of its table, and the editor's YAML file as published."""
    for edition in model.editions:
        record = edition_json(edition, model)
        target = output / urls.edition_download(edition.id, "json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json_text(record), encoding="utf-8")
        write_csv(output / urls.edition_download(edition.id, "csv"), csv_rows(record))
        if not edition.generated:
            shutil.copyfile(root / edition.source_file, output / urls.edition_download(edition.id, "yml"))


def write_broadcast_files(scripts: tuple[Script, ...], output: Path, cache: BuildCache | None = None) -> list[str]:
    """Each week's script as text and as SRT captions; returns one line per script for the build's log."""
    log = []
    for script in scripts:
        target = output / urls.broadcast_file(script.week, "txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script.text, encoding="utf-8")
        (output / urls.broadcast_file(script.week, "srt")).write_text(
            captions_srt(script, cache or BuildCache(None)), encoding="utf-8")
        log.append(f"{script.week}: {script.characters} 字, {script.duration_ms / 1000:.2f} s（{script.duration_label}）")
    return log


def captions_srt(script: Script, cache: BuildCache) -> str:
    """A script's SRT captions.  Cutting them into lines is nearly all of the broadcasts stage (9 s at 10,000
    issues) and a progress update changes at most its own week's script, so the captions of unchanged
    paragraphs come from the build cache."""
    key = content_key(*script.paragraphs)
    srt = cache.get(CAPTIONS, key)
    if srt is MISSING:
        srt = srt_text(timed_cues(script.paragraphs))
        cache.put(CAPTIONS, key, srt)
    return srt
