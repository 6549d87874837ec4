"""What the 督办公开 column's pages show: the column, each edition's table, the TV scripts, the 量化问责 counts.

The facts come from the model (editions, their deadlines, the scripts and
the counts); this module only groups and orders them for the templates.
"""
from __future__ import annotations

from datetime import date

from ..model import urls
from ..model.accountability import LEVELS, RULES, SOURCE_DOC, county_counts, rule_quotes
from ..model.broadcast import MIN_SECONDS, Script, week_bounds
from ..model.captions import LINE_WIDTH, MAX_LINES, READING_PACE
from ..model.disclosure_deadlines import RULE_LINES, RULES as DEADLINE_RULES
from ..model.disclosures import HANDLING, LIST, LIST_TYPES, PROGRESS, RESULT, RESULTS, TERM, Edition, Row
from ..model.site import SiteModel
from ..model.workdays import covered_years
from . import paging

DOWNLOADS = (("csv", "表格 CSV"), ("json", "表格 JSON"), ("pdf", "报纸版 PDF"))


def column_view(model: SiteModel, scripts: tuple[Script, ...]) -> dict:
    """The column page: the three list types with their editions (or an empty state), the generated
    editions, what is due, and the latest TV script."""
    editors = [e for e in model.editions if not e.generated]
    types = []
    for list_type in LIST_TYPES.values():
        mine = [e for e in editors if e.list_type == list_type.name]
        types.append({"type": list_type, "lists": _newest([e for e in mine if e.kind == LIST]),
                      "handling": _newest([e for e in mine if e.kind == HANDLING])})
    due = [{"edition": e, "deadline": d} for e in editors for d in model.deadlines[e.id]
           if d.state in ("pending", "overdue")]
    return {
        "types": types,
        "generated": [e for e in model.editions if e.generated],
        "due": sorted(due, key=lambda x: (x["deadline"].due, x["edition"].id)),
        "latest_script": script_view(scripts[-1]) if scripts else None,
        "script_count": len(scripts),
        "this_week": this_week(model.as_of, scripts),
        "rules": DEADLINE_RULES,
        "rule_lines": RULE_LINES,
    }


def about_view() -> dict:
    """What the about page says about the column's deadlines, calendar, scripts and counts."""
    first, last = covered_years()
    return {"rules": DEADLINE_RULES, "rule_lines": RULE_LINES, "calendar": {"first": first, "last": last},
            "pace": READING_PACE, "min_seconds": MIN_SECONDS, "line_width": LINE_WIDTH, "max_lines": MAX_LINES,
            "results": RESULTS}


def _newest(editions: list[Edition]) -> list[Edition]:
    return sorted(editions, key=lambda e: (e.ministry_date or e.letter_date or "", e.batch or 0), reverse=True)


def edition_view(edition: Edition, model: SiteModel) -> dict:
    """One edition's pages: its table in the template's columns, where each row came from, the handling
    status beside each listed row (with the address of that row), the deadlines of each channel and the
    downloads."""
    listed = model.editions_by_id.get(edition.list_id) if edition.list_id else None
    rows = [_row_view(edition, row, model) for row in edition.rows]
    return {
        "columns": edition.columns,
        "rows": rows,  # all of them: the newspaper's PDF prints the whole table
        "pages": paging.edition_pages(edition.id, rows),  # the web pages, urls.EDITION_PAGE_ROWS rows each
        "with_handling": edition.kind == LIST,
        "deadlines": model.deadlines[edition.id],
        "list": listed,
        "handling": model.handling_of.get(edition.id, []),
        "notice": model.notices_by_id.get(edition.notice_id) if edition.notice_id else None,
        "downloads": [{"label": label, "url": urls.edition_download(edition.id, suffix)} for suffix, label in DOWNLOADS],
        "source_url": None if edition.generated else urls.edition_download(edition.id, "yml"),
    }


def _row_view(edition: Edition, row: Row, model: SiteModel) -> dict:
    view = {"number": row.number, "cells": [row.cells.get(c, "") for c in edition.columns], "line": row.line,
            "result": row.extra.get(RESULT), "extra": {k: v for k, v in row.extra.items() if k != RESULT},
            "issue": None, "handling": None}
    if row.issue_id:
        issue = model.issues_by_id[row.issue_id]
        view["issue"] = {"url": issue.url, "label": issue.label,
                         "source": urls.notice_lines(issue.notice, issue.source.line_start, issue.source.line_end),
                         "lines": f"{issue.source.line_start}–{issue.source.line_end}"}
    if edition.kind == LIST:
        handled = model.latest_handling(edition.id, row.number)
        if handled:
            handling, found = handled
            view["handling"] = {"edition": handling, "url": urls.edition_row(handling.id, found.number),
                                "result": found.extra.get(RESULT),
                                "progress": found.cells.get(PROGRESS, ""), "term": found.cells.get(TERM, "")}
    return view


def script_view(script: Script) -> dict:
    """A script with its length and reading time at the stated pace (model/captions.py)."""
    return {"script": script, "chars": script.characters, "duration_ms": script.duration_ms,
            "duration": script.duration_label, "short": script.short, "pace": READING_PACE,
            "txt": urls.broadcast_file(script.week, "txt"), "srt": urls.broadcast_file(script.week, "srt")}


def broadcast_view(script: Script, limit: int | None = None) -> dict:
    """A script's own pages: script_view and its text in pages of at most `limit` characters
    (paging.SCRIPT_PAGE_CHARS unless a test asks for fewer), the facts and files on the first."""
    return {**script_view(script), "pages": paging.script_pages(script, limit)}


def broadcasts_view(scripts: tuple[Script, ...], as_of: str) -> dict:
    return {"scripts": [script_view(s) for s in reversed(scripts)], "pace": READING_PACE, "min_seconds": MIN_SECONDS,
            "this_week": this_week(as_of, scripts)}


def this_week(as_of: str, scripts: tuple[Script, ...]) -> dict:
    """The build date's week, and whether it has a script (an empty week says so, unpadded)."""
    monday, sunday = week_bounds(date.fromisoformat(as_of))
    return {"monday": monday.isoformat(), "sunday": sunday.isoformat(),
            "has_script": any(s.monday == monday.isoformat() for s in scripts)}


def accountability_views(model: SiteModel) -> dict[str, dict]:
    """Each county page's 量化问责 section, by region id: the counts the rules define and their thresholds, with
    the rules' own text (read once from the plan that states them).  Only the counties of that plan's city."""
    notice = next((n for n in model.notices if n.doc_number == SOURCE_DOC), None)
    if notice is None:
        return {}
    city = notice.region.city or notice.region.name
    quotes = rule_quotes(model.originals[notice.id].lines)
    has_handling = any(e.kind == HANDLING and not e.generated and e.region == city for e in model.editions)
    views = {}
    for region in model.regions:
        if region.level != "county" or not region.parent_id or model.regions_by_id[region.parent_id].name != city:
            continue
        counts = county_counts(region.name, city, model.editions, model.latest_handling, region.names)
        rules = [{"rule": r, "level": LEVELS[r.level], "quote": quotes.get(r.article),
                  "count": counts.total if r.level == "county" else None} for r in RULES]
        views[region.id] = {"notice": notice, "counted_rule": quotes.get("第六条"), "rules": rules, "counts": counts,
                            "has_handling": has_handling}
    return views
