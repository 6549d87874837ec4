"""The rows of the all-issues list as data, one file per page (issues/rows/N.json), for its filters;
and a row with a column of one list's own (RowWith).

The all-issues pages show one page of rows each; when a visitor filters, the
table's script (themes/gov/static/js/issues-table.js) loads these files and
filters, counts, sorts and pages every row in the browser.  Each file holds
exactly the rows of the HTML page with the same number, made from the same
view rows (views.table_row): nothing here decides what a row says.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..model import urls


class RowWith(Mapping):
    """A table row (views.table_row) and one more column of one list's own (a unit's roles, the collective names
    that bind a county), without copying the row: the copies were a fifth of the views' memory."""

    __slots__ = ("_row", "_key", "_value")  # not names a template could mean as a column

    def __init__(self, row: dict, key: str, value):
        self._row, self._key, self._value = row, key, value

    def __getitem__(self, key: str):
        return self._value if key == self._key else self._row[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._row
        yield self._key

    def __len__(self) -> int:
        return len(self._row) + 1


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
        "regions": row["region_ids"], "region_name": row["region"], "units": row["unit_ids"],
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
