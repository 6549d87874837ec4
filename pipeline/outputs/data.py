"""Publish the model as data: notices, issues, units, regions and progress updates as JSON and CSV.

JSON keeps the full structure and is the published form of every record
(its shape is defined here, once); each CSV is a flat twin of the JSON for
spreadsheets (UTF-8 with BOM so Excel opens Chinese text correctly, lists
joined by "；").
"""
from __future__ import annotations

import csv
import itertools
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import urls
from ..model.places import Region, Unit
from ..model.progress import Update
from ..model.records import FIELD_ORDER, UNIT_FIELDS, Block, FieldSource, Issue, Notice, UnitRef
from ..model.site import SiteModel
from ..model.status import Status


PLAIN = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def record_dict(record) -> dict:
    """dataclasses.asdict(record), quickly: asdict recurses into and copies every value, which was most of
    the time spent building the published records (cProfile of a 10,000-issue build).  A record whose fields
    hold plain values only (strings, numbers, None) is read field by field; any other goes to asdict."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in fields(record))
    values = {name: getattr(record, name) for name in names}
    return values if all(isinstance(value, PLAIN) for value in values.values()) else asdict(record)


def published_data(model: SiteModel) -> dict[str, list[dict]]:
    """data/*.json as written, but for issues.json (`published_issues`): every record in its published form."""
    return {
        "notices": [notice_json(n) for n in model.notices],
        "units": [unit_json(u) for u in model.units],
        "regions": [region_json(r) for r in model.regions],
        "updates": [update_json(u) for u in model.newest_updates],
    }


def published_issues(model: SiteModel) -> Iterator[dict]:
    """issues.json's records in its order, one at a time: as a list they were 390 MB at 50,000 issues."""
    for issue in model.issues:
        yield issue_json(issue, model.status(issue), model.updates_by_issue[issue.id])


def unit_ref_json(ref: UnitRef) -> dict:
    return {**record_dict(ref), "url": ref.url}


def field_source_json(source: FieldSource) -> dict:
    """Lines where the field is printed; `via` and a reference where it is not printed in the item."""
    result = {}
    if source.line_start is not None:
        result.update(line_start=source.line_start, line_end=source.line_end)
    if source.via:
        result["via"] = source.via
    if source.ref:
        result["ref"] = source.ref
    if source.via == "shared":
        result.update(ref_url=source.ref_url, ref_seq=source.ref_seq)
    return result


def _field_json(key: str, value):
    if value is None:
        return None
    if key in UNIT_FIELDS:
        return [unit_ref_json(u) for u in value]
    if key == "deadline":
        return value.to_dict()
    if key == "responsible_persons":
        return [record_dict(p) for p in value]
    return list(value) if isinstance(value, tuple) else value


def block_json(block: Block) -> dict:
    return {"text": block.text, "source": record_dict(block.source),
            **{key: _field_json(key, getattr(block, key)) for key in FIELD_ORDER}}


def issue_record_json(issue: Issue) -> dict:
    """An issue as the notice stages made it, in published form (without its status as of a date)."""
    return {
        "id": issue.id, "notice": issue.notice, "list_index": issue.list_index, "list_title": issue.list_title,
        "kind": issue.kind, "seq": issue.seq, "number": issue.number, "parent": issue.parent,
        "section": issue.section, "sections": list(issue.sections), "title": issue.title, "problem": issue.problem,
        **{key: _field_json(key, getattr(issue, key)) for key in FIELD_ORDER},
        "blocks": [block_json(b) for b in issue.blocks],
        "source": record_dict(issue.source),
        "field_sources": {key: field_source_json(s) for key, s in issue.field_sources.items()},
        "corrections": [{**record_dict(c), "field_label": c.field_label} for c in issue.corrections],
        "table_row": record_dict(issue.table_row) if issue.table_row else None,
        "url": issue.url,
    }


def issue_json(issue: Issue, status: Status, updates: list[Update] = ()) -> dict:
    """An issue as published in issues.json: its record, its status as of the build date, its parent's number,
    and the ids of its progress updates (newest first; each is in updates.json)."""
    return {**issue_record_json(issue), "status": record_dict(status), "parent_seq": issue.parent_seq,
            "updates": [u.id for u in updates]}


def update_json(update: Update) -> dict:
    """A progress update as published in updates.json."""
    return {
        "id": update.id, "issues": list(update.issues), "date": update.date, "status": update.status,
        "status_label": update.status_label, "title": update.title, "text": update.text,
        "publicity": record_dict(update.publicity) if update.publicity else None,
        "evidence": [{**record_dict(e), "published": e.published} for e in update.evidence],
        "source_url": update.source_url, "reason": update.reason, "file": update.file, "url": update.url,
    }


def notice_json(notice: Notice) -> dict:
    region = notice.region
    return {
        "id": notice.id, "title": notice.title, "issuers": list(notice.issuers), "doc_number": notice.doc_number,
        "date_issued": notice.date_issued, "date_published": notice.date_published,
        "date_printed": notice.date_printed,
        "region": {"province": region.province, "city": region.city, "county": region.county, "id": region.id,
                   "url": region.url},
        "kind": notice.kind, "url": notice.url, "kind_label": notice.kind_label,
        "lists": [record_dict(lst) for lst in notice.lists], "issue_count": notice.issue_count,
        "source_file": notice.source_file, "sha256": notice.sha256, "original_file": notice.original_file,
        "notes": notice.notes, "metadata_sources": notice.metadata_sources, "warning_count": notice.warning_count,
        "source_url": notice.source_url, "period": record_dict(notice.period) if notice.period else None,
        "table_rows": [{**record_dict(row), "completion": row.completion} for row in notice.table_rows],
    }


def unit_json(unit: Unit) -> dict:
    return {
        "id": unit.id, "url": unit.url, "name": unit.name, "region": unit.region, "region_id": unit.region_id,
        "collective": unit.collective, "printed_names": list(unit.printed_names),
        "aliases": [record_dict(a) for a in unit.aliases], "notices": list(unit.notices),
        "issues": {role: list(ids) for role, ids in unit.issues.items()}, "issue_count": unit.issue_count,
        "multi_role_issues": list(unit.multi_role_issues),
    }


def region_json(region: Region) -> dict:
    return {"id": region.id, "url": region.url, "name": region.name, "parent_id": region.parent_id,
            "level": region.level, "notices": list(region.notices), "descendants": list(region.descendants),
            "type": region.type, "assigned": [record_dict(a) for a in region.assigned]}


def json_text(value) -> str:
    """A published JSON file's text: compact (indentation was a sixth of issues.json) and UTF-8, not \\u escapes."""
    return compact_json(value) + "\n"


def compact_json(value) -> str:
    """One value as the published files spell it: no spaces, UTF-8 characters as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class JsonListWriter:
    """A JSON list written record by record, the same text as json_text(list(records)): the whole file's
    text is never in memory (issues.json is 35 MB at 10,000 issues, twice that as a Python string)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("w", encoding="utf-8")
        self.handle.write("[")
        self.empty = True

    def add(self, text: str) -> None:
        """One record, as compact_json spells it."""
        self.handle.write(text if self.empty else "," + text)
        self.empty = False

    def __enter__(self) -> "JsonListWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.handle.write("]\n")
        self.handle.close()


def write_json(path: Path, records: Iterable[dict]) -> None:
    """`records` as a JSON list (json_text's text), written record by record."""
    with JsonListWriter(path) as writer:
        for record in records:
            writer.add(compact_json(record))


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP, CSV injection).

    The JSON keeps the exact text; the about page tells readers of the CSV.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class CsvWriter:
    """A CSV file with the first row's keys as its columns, written row by row; the rows come
    spreadsheet_safe already."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("w", encoding="utf-8-sig", newline="")
        self.writer: csv.DictWriter | None = None

    def add(self, row: dict) -> None:
        if self.writer is None:
            self.writer = csv.DictWriter(self.handle, fieldnames=list(row))
            self.writer.writeheader()
        self.writer.writerow(row)

    def __enter__(self) -> "CsvWriter":
        return self

    def __exit__(self, *exc) -> None:
        if self.writer is None:  # no rows: the empty header line
            csv.DictWriter(self.handle, fieldnames=[]).writeheader()
        self.handle.close()


def safe_row(row: dict) -> dict:
    return {key: spreadsheet_safe(value) for key, value in row.items()}


def write_csv(path: Path, rows: Iterable[dict]) -> None:
    """A CSV file with the first row's keys as its columns, written row by row (`rows` may be a generator)."""
    with CsvWriter(path) as writer:
        for row in rows:
            writer.add(safe_row(row))


def _join(values) -> str:
    return "；".join(str(v) for v in values if v not in (None, ""))


def issue_row(issue: dict) -> dict:
    deadline = issue["deadline"]
    source = issue["source"]
    return {
        "id": issue["id"],
        "notice": issue["notice"],
        "list_index": issue["list_index"],
        "kind": issue["kind"],
        "seq": issue["seq"],
        "parent": issue["parent"] or "",
        "section": issue["section"] or "",
        "title": issue["title"] or "",
        "problem": issue["problem"],
        "targets": issue["targets"] or "",
        "measures": _join(f"（{n}）{m}" for n, m in enumerate(issue["measures"], 1)),
        "leaders": _join(issue["leaders"]),
        "lead_units": _join(u["name"] for u in issue["lead_units"]),
        "cooperating_units": _join(u["name"] for u in issue["cooperating_units"]),
        "responsible_units": _join(u["name"] for u in issue["responsible_units"]),
        "responsible_persons": _join(f"{p['label']}：{p['text']}" for p in issue["responsible_persons"]),
        "deadline_text": deadline["text"],
        "deadline_date": deadline["date"] or "",
        "deadline_kind": deadline["kind"],
        "deadline_milestones": _join(deadline["milestones"]),
        "block_count": len(issue["blocks"]),
        "source_file": source["file"],
        "source_line_start": source["line_start"],
        "source_line_end": source["line_end"],
        "corrected_fields": _join(c["field"] for c in issue["corrections"]),
        "status": issue["status"]["category_label"],
        "progress": issue["status"]["progress_label"],
        "progress_date": issue["status"]["progress_date"] or "",
        "status_as_of": issue["status"]["as_of"],
        "url": issue["url"],
    }


def notice_row(notice: dict) -> dict:
    return {
        "id": notice["id"],
        "title": notice["title"],
        "issuers": _join(notice["issuers"]),
        "doc_number": notice["doc_number"] or "",
        "date_issued": notice["date_issued"] or "",
        "date_published": notice["date_published"] or "",
        "date_printed": notice["date_printed"] or "",
        "province": notice["region"]["province"],
        "city": notice["region"]["city"],
        "county": notice["region"]["county"] or "",
        "kind": notice["kind_label"],
        "lists": _join(f"{lst['index']}. {lst['title'] or ''}（{lst['record_count']}条）" for lst in notice["lists"]),
        "issue_count": notice["issue_count"],
        "source_file": notice["source_file"],
        "sha256": notice["sha256"],
        "url": notice["url"],
    }


def unit_row(unit: dict) -> dict:
    return {
        "id": unit["id"],
        "name": unit["name"],
        "region": unit["region"],
        "collective": "是" if unit["collective"] else "否",
        "printed_names": _join(unit["printed_names"]),
        "aliases": _join(a["name"] for a in unit["aliases"]),
        "lead_count": len(unit["issues"]["lead"]),
        "cooperating_count": len(unit["issues"]["cooperating"]),
        "responsible_count": len(unit["issues"]["responsible"]),
        "issue_count": unit["issue_count"],
        "notices": _join(unit["notices"]),
        "url": unit["url"],
    }


def region_row(region: dict) -> dict:
    return {"id": region["id"], "name": region["name"], "level": region["level"], "parent_id": region["parent_id"] or "",
            "url": region["url"], "notices": _join(region["notices"])}


def update_row(update: dict) -> dict:
    publicity = update["publicity"] or {}
    return {"id": update["id"], "issues": _join(update["issues"]), "date": update["date"], "status": update["status_label"],
            "title": update["title"] or "", "text": update["text"], "publicity_start": publicity.get("start", ""),
            "publicity_end": publicity.get("end", ""), "publicity_days": publicity.get("days", ""),
            "department": publicity.get("department") or "", "phone": publicity.get("phone") or "",
            "source_url": update["source_url"] or "", "reason": update["reason"] or "", "url": update["url"]}


ROWS = {"notices": notice_row, "issues": issue_row, "units": unit_row, "regions": region_row, "updates": update_row}


def write_data(published: dict[str, list[dict]], output: Path) -> None:
    """Write data/*.json (`published_data`) and their CSV twins, but for the issues' (`write_issue_files`)."""
    for name, records in published.items():
        write_json(output / urls.data_file(name, "json"), records)
        write_csv(output / urls.data_file(name, "csv"), (ROWS[name](record) for record in records))


def write_issue_files(model: SiteModel, output: Path, seen: Callable[[dict], None] = lambda record: None) -> None:
    """data/issues.json and .csv, and each notice's issues as JSON and CSV beside its page, in one pass:
    each record is made and spelt once and none is kept.  `seen(record)` is called with every record (the
    snapshots' fingerprint reads them)."""
    written = set()
    with JsonListWriter(output / urls.data_file("issues", "json")) as all_json, \
            CsvWriter(output / urls.data_file("issues", "csv")) as all_csv:
        for notice_id, records in itertools.groupby(published_issues(model), key=lambda record: record["notice"]):
            if notice_id in written:  # model.issues is made notice by notice (build_model)
                raise ValueError(f"the issues of notice {notice_id} are not together in the model")
            written.add(notice_id)
            with JsonListWriter(output / urls.notice_download(notice_id, "json")) as notice_json, \
                    CsvWriter(output / urls.notice_download(notice_id, "csv")) as notice_csv:
                for record in records:
                    text, row = compact_json(record), safe_row(issue_row(record))
                    all_json.add(text)
                    notice_json.add(text)
                    all_csv.add(row)
                    notice_csv.add(row)
                    seen(record)
    for notice in model.notices:
        if notice.id not in written:  # a notice without items still has its (empty) downloads
            write_json(output / urls.notice_download(notice.id, "json"), [])
            write_csv(output / urls.notice_download(notice.id, "csv"), [])
