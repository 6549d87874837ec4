"""The all-issues list's view: its pages, its filters' choices with their counts, and the pre-filtered tables
by status and deadline year (their first page; the whole of each is the all-issues table filtered)."""
from __future__ import annotations

from collections import Counter

from ..model import urls
from ..model.site import SiteModel
from ..model.status import CATEGORIES
from . import paging


def issues_index(model: SiteModel, rows: dict, size: int) -> dict:
    all_rows = [rows[i.id] for i in model.issues]
    years = sorted({r["deadline_year"] for r in all_rows if r["deadline_year"]})
    subsets = issue_subsets(all_rows, years, size)
    pages = paging.paginate(all_rows, urls.ISSUES_INDEX, size)
    by_id = {subset["id"]: subset for subset in subsets}
    by_notice = Counter(r["notice_id"] for r in all_rows)  # one pass, not one a notice or a unit
    by_unit = Counter(unit_id for r in all_rows for unit_id in set(r["unit_ids"]))
    return {
        "rows": all_rows,
        "pages": pages,
        "page_size": size,
        "rows_files": [urls.issues_rows(page["number"]) for page in pages],  # page N's rows as data (site/rows.py)
        # each choice with the number of rows it selects when no other filter is set (the script recounts);
        # a status or year selects the rows of its pre-filtered table
        "filters": {
            "regions": [{"id": r.id, "name": r.name, "count": len(model.region_issue_ids(r))}
                        for r in model.regions],
            "notices": [{"id": n.id, "name": n.short_name, "url": n.url,
                         "count": by_notice[n.id]} for n in model.notices],
            "statuses": [{"key": key, "label": label, "count": len(by_id[f"status-{key}"]["rows"])}
                         for key, label, _ in CATEGORIES],
            "years": [{"value": s["id"].removeprefix("year-"), "label": s["label"], "count": len(s["rows"])}
                      for s in subsets if s["group"] == "year"],
            "units": [{"id": u.id, "name": u.label, "count": by_unit[u.id]} for u in model.units],
        },
        "subsets": subsets,
        "subsets_by_id": by_id,
    }


def issue_subsets(rows: list[dict], years: list[str], size: int = paging.PAGE_SIZE) -> list[dict]:
    """Pre-filtered tables (by status, by deadline year), so filtering works without JavaScript: their first
    page, and the whole of each in the all-issues table with the same filter."""
    subsets = [
        {"id": f"status-{key}", "group": "status", "label": label, "url": urls.issues_by_status(key),
         "whole": urls.issues_filtered(status=key), "title": f"状态：{label}", "description": description,
         "rows": [r for r in rows if r["status"].category == key]}
        for key, label, description in CATEGORIES
    ]
    subsets += [
        {"id": f"year-{year}", "group": "year", "label": f"{year} 年", "url": urls.issues_by_year(year),
         "whole": urls.issues_filtered(year=year), "title": f"整改时限在 {year} 年的事项",
         "description": f"原文写明的整改时限（有多个日期时取最后一个）在 {year} 年内。", "rows": [r for r in rows if r["deadline_year"] == year]}
        for year in years
    ]
    subsets.append({"id": "year-none", "group": "year", "label": "无具体日期", "url": urls.issues_by_year(None),
                    "whole": urls.issues_filtered(year=None), "title": "整改时限无具体日期的事项",
                    "description": "原文的整改时限为“长期坚持”“立行立改”等，或未写明可识别的日期。",
                    "rows": [r for r in rows if not r["deadline_year"]]})
    for subset in subsets:
        subset["page"] = paging.first_rows(subset["rows"], subset["url"], size, subset.pop("whole"))
    return subsets
