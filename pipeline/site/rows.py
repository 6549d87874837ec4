"""The rows of the all-issues list as data, one file per page (issues/rows/N.json), for its filters.

The all-issues pages show one page of rows each; when a visitor filters, the
table's script (themes/gov/static/js/issues-table.js) loads these files and
filters, counts, sorts and pages every row in the browser.  Each file holds
exactly the rows of the HTML page with the same number, made from the same
view rows (views.table_row): nothing here decides what a row says.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import urls


def row_data(row: dict) -> dict:
    """A view row (views.table_row) as the script reads it: what it filters on and what each cell shows."""
    status = row["status"]
    return {
        "id": row["id"], "url": row["url"], "seq": row["seq"], "summary": row["summary"],
        "lead": [{"name": unit.name, "url": unit.url} for unit in row["lead"]],
        "lead_is_responsible": row["lead_is_responsible"],
        "deadline_text": row["deadline_text"], "deadline": row["deadline_date"], "year": row["deadline_year"],
        "status": status.category, "status_label": status.category_label,
        "notice": row["notice_id"], "notice_short": row["notice_short"], "notice_url": row["notice_url"],
        "region": row["region_id"], "region_name": row["region"], "units": row["unit_ids"],
    }


def write_rows_files(views: dict, site: Path) -> list[str]:
    """issues/rows/N.json for every page N of the all-issues list; returns the files' URLs."""
    written = []
    for page in views["issues_index"]["pages"]:
        url = urls.issues_rows(page["number"])
        path = site / url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([row_data(row) for row in page["rows"]], ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")
        written.append(url)
    return written
