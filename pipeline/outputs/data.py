"""Publish the model as data: notices, issues and units as JSON and CSV.

JSON keeps the full structure; each CSV is a flat twin for spreadsheets
(UTF-8 with BOM so Excel opens Chinese text correctly, lists joined by "；").
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from ..notices.drafts import FIELD_NAMES_ZH, UNIT_FIELDS
from ..notices.process import NoticeResult, list_summary
from ..model.status import issue_status
from ..notices.names import AliasTable

ROLE_OF_FIELD = {"lead_units": "lead", "cooperating_units": "cooperating", "responsible_units": "responsible"}


def notice_record(result: NoticeResult) -> dict:
    meta = result.meta
    return {
        **meta.published_fields(),
        "url": f"notices/{meta.id}/",
        "kind_label": meta.kind_label,
        "lists": list_summary(result),
        "issue_count": len(result.issues),
        "source_file": f"notices/{meta.id}.txt",
        "sha256": meta.sha256,
        "original_file": meta.original_file,
        "notes": meta.notes,
        "metadata_sources": meta.sources,
        "warning_count": len(result.warnings),
    }


def unit_records(results: list[NoticeResult], aliases: AliasTable) -> list[dict]:
    """Every unit named in any notice, with the issues it leads, cooperates on or is responsible for."""
    units: dict[str, dict] = {}
    for result in results:
        region = result.meta.region["county"] or result.meta.region["city"]
        for issue in result.issues:
            for key in UNIT_FIELDS:
                for ref in getattr(issue, key):
                    unit = units.setdefault(ref.id, {
                        "id": ref.id,
                        "url": f"units/{ref.id}/",
                        "name": ref.name,
                        "region": region,
                        "region_id": result.meta.region["id"],
                        "collective": ref.collective,
                        "printed_names": [],
                        "aliases": aliases.history(region, ref.name),
                        "notices": [],
                        "issues": {"lead": [], "cooperating": [], "responsible": []},
                    })
                    if ref.printed not in unit["printed_names"]:
                        unit["printed_names"].append(ref.printed)
                    if issue.notice not in unit["notices"]:
                        unit["notices"].append(issue.notice)
                    role = unit["issues"][ROLE_OF_FIELD[key]]
                    if issue.id not in role:
                        role.append(issue.id)
    for unit in units.values():
        unit["issue_count"] = len({i for ids in unit["issues"].values() for i in ids})
    return sorted(units.values(), key=lambda u: (u["region_id"], -u["issue_count"], u["name"]))


def write_json(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_csv(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(rows[0]) if rows else []
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


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


def issue_record(issue, as_of: str) -> dict:
    """An issue as published: the model's fields, its page, unit pages and its status as of `as_of`."""
    record = asdict(issue)
    record["url"] = f"issues/{issue.id}/"
    for holder in [record] + record["blocks"]:
        for key in UNIT_FIELDS:
            for unit in holder[key] or []:
                unit["url"] = f"units/{unit['id']}/"
    for source in record["field_sources"].values():
        if source.get("via") == "shared":
            source["ref"] = f"{issue.notice}-{source['ref']}"
            source["ref_url"] = f"issues/{source['ref']}/"
    for correction in record["corrections"]:
        correction["field_label"] = FIELD_NAMES_ZH.get(correction["field"], correction["field"])
    record["status"] = issue_status(record["deadline"], as_of)
    return record


def region_records(results: list[NoticeResult], regions: dict) -> list[dict]:
    """Regions that have notices, with their ancestors (河南省 → 洛阳市 → 栾川县)."""
    used: dict[str, dict] = {}
    for result in results:
        region = result.meta.region
        lowest = region["county"] or region["city"]
        chain = []
        name = lowest
        while name:
            chain.append(name)
            name = regions[name]["parent"]
        for depth, name in enumerate(chain):
            info = regions[name]
            record = used.setdefault(name, {
                "id": info["id"], "url": f"regions/{info['id']}/", "name": name,
                "parent_id": regions[info["parent"]]["id"] if info["parent"] else None,
                "level": "province" if not info["parent"] else "county" if name == region["county"] else "city",
                "notices": [], "descendants": [info["id"]],
            })
            if result.meta.id not in record["notices"]:
                record["notices"].append(result.meta.id)
            for below in chain[:depth]:
                if regions[below]["id"] not in record["descendants"]:
                    record["descendants"].append(regions[below]["id"])
    order = list(regions)
    return sorted(used.values(), key=lambda r: order.index(r["name"]))


def site_data(results: list[NoticeResult], aliases: AliasTable, as_of: str, regions: dict) -> dict:
    """Everything the data files and pages are made from, as plain JSON-ready values."""
    notices = [notice_record(r) for r in results]
    region_list = region_records(results, regions)
    urls = {r["id"]: r["url"] for r in region_list}
    for notice in notices:
        notice["region"]["url"] = urls[notice["region"]["id"]]
    issues = [issue_record(issue, as_of) for r in results for issue in r.issues]
    seq_of = {issue["id"]: issue["seq"] for issue in issues}
    for issue in issues:
        issue["parent_seq"] = seq_of[issue["parent"]] if issue["parent"] else None
        for source in issue["field_sources"].values():
            if source.get("via") == "shared":
                source["ref_seq"] = seq_of[source["ref"]]
    return {
        "as_of": as_of,
        "notices": notices,
        "issues": issues,
        "units": unit_records(results, aliases),
        "regions": region_list,
    }


def region_row(region: dict) -> dict:
    return {"id": region["id"], "name": region["name"], "level": region["level"], "parent_id": region["parent_id"] or "",
            "url": region["url"], "notices": _join(region["notices"])}


def write_data(data: dict, folder: Path) -> list[Path]:
    """Write data/*.json and their CSV twins; returns the files written."""
    rows = {"notices": notice_row, "issues": issue_row, "units": unit_row, "regions": region_row}
    written = []
    for name, to_row in rows.items():
        write_json(folder / f"{name}.json", data[name])
        write_csv(folder / f"{name}.csv", [to_row(record) for record in data[name]])
        written += [folder / f"{name}.json", folder / f"{name}.csv"]
    return written
