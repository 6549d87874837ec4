"""Assemble what each page shows from the published data (templates only format).

Input: the records of output/data (notices, issues with their status, units,
regions) and the raw notice lines.  Output: one dict per page, keyed by page
kind and id, plus site-wide summaries for the home page.  Grouping, counting,
ordering, previous/next links and chart geometry are decided here.
"""
from __future__ import annotations

from collections import defaultdict

from ..model.status import CATEGORIES, summarise

ROLE_LABELS = {"lead": "牵头", "cooperating": "配合", "responsible": "责任"}


def notice_year(notice: dict) -> str | None:
    for key in ("date_issued", "date_published", "date_printed"):
        if notice.get(key):
            return notice[key][:4]
    return None


def notice_date(notice: dict) -> str | None:
    """The date a notice went public as far as known: published, else issued, else printed."""
    return notice.get("date_published") or notice.get("date_issued") or notice.get("date_printed")


def status_chart(summary: list[dict], width: int = 320, bar: int = 22, gap: int = 10) -> dict:
    """Bar geometry for the inline SVG overview; the same numbers go in the table beside it."""
    largest = max((row["count"] for row in summary), default=0) or 1
    bars = []
    for index, row in enumerate(summary):
        length = round((width - 40) * row["count"] / largest)  # 40 columns left for the count after the bar
        bars.append({**row, "x": 0, "y": index * (bar + gap), "width": max(length, 1 if row["count"] else 0),
                     "height": bar, "text_x": length + 6, "text_y": index * (bar + gap) + bar * 0.7})
    return {"width": width, "height": len(summary) * (bar + gap) - gap, "bars": bars}


def issue_row(issue: dict, notices: dict) -> dict:
    """One line of an issues table, with everything a filter or sort needs."""
    notice = notices[issue["notice"]]
    lead = issue["lead_units"] or issue["responsible_units"]
    return {
        "id": issue["id"],
        "url": issue["url"],
        "seq": issue_label(issue),
        "summary": issue["title"] or issue["problem"],
        "lead": [{"name": u["name"], "url": u["url"]} for u in lead],
        "lead_is_responsible": not issue["lead_units"],
        "deadline_text": issue["deadline"]["text"] or "未写明",
        "deadline_date": issue["deadline"]["date"] or "",
        "deadline_year": (issue["deadline"]["date"] or "")[:4],
        "status": issue["status"],
        "notice_id": notice["id"],
        "notice_title": notice["title"],
        "notice_short": short_notice_name(notice),
        "notice_url": notice["url"],
        "region": notice["region"]["county"] or notice["region"]["city"],
        "region_id": notice["region"]["id"],
        "unit_ids": sorted({u["id"] for key in ("lead_units", "cooperating_units", "responsible_units")
                            for u in issue[key]}),
    }


def issue_label(issue: dict) -> str:
    """第 17（2）项 style number as printed in the notice."""
    if issue["kind"] == "subtask":
        parent_seq = issue["parent_seq"]
        return f"{parent_seq}（{issue['seq']}）"
    if issue["kind"] == "section-task":
        return f"（{issue['seq']}）"
    return issue["seq"]


def short_notice_name(notice: dict) -> str:
    place = notice["region"]["county"] or notice["region"]["city"]
    year = notice_year(notice) or ""
    return f"{place}{year}年{notice['kind_label']}" + (f"（{notice['doc_number']}）" if notice["doc_number"] else "")


def build_views(data: dict, raw_lines: dict[str, list[str]]) -> dict:
    notices = {n["id"]: n for n in data["notices"]}
    issues = data["issues"]
    rows = {i["id"]: issue_row(i, notices) for i in issues}
    views = {
        "home": _home(data, notices, rows),
        "notice": {nid: _notice(n, issues, rows, raw_lines[nid]) for nid, n in notices.items()},
        "issue": _issue_pages(issues, notices, rows, raw_lines),
        "unit": {u["id"]: _unit(u, rows, notices) for u in data["units"]},
        "region": {r["id"]: _region(r, data, rows, notices) for r in data["regions"]},
        "issues_index": _issues_index(issues, rows, data),
        "units_index": _units_index(data["units"], data["regions"]),
        "archives": _archives(data["notices"]),
    }
    views["search"] = _search(views["issues_index"]["filters"], issues)
    return views


def _home(data, notices, rows) -> dict:
    summary = summarise(data["issues"])
    latest = sorted(data["notices"], key=lambda n: n.get("date_published") or n.get("date_issued") or "", reverse=True)
    return {
        "summary": summary,
        "chart": status_chart(summary),
        "latest_notices": latest[:5],
        "latest_updates": [],
    }


def _notice(notice: dict, issues: list[dict], rows: dict, lines: list[str]) -> dict:
    mine = [i for i in issues if i["notice"] == notice["id"]]
    lists = []
    for lst in notice["lists"]:
        members = [i for i in mine if i["list_index"] == lst["index"]]
        sections = []
        for issue in members:
            title = issue["section"] or ""
            if not sections or sections[-1]["title"] != title:
                sections.append({"title": title, "anchor": f"list-{lst['index']}-section-{len(sections) + 1}", "rows": []})
            sections[-1]["rows"].append(rows[issue["id"]])
        lists.append({**lst, "anchor": f"list-{lst['index']}", "sections": sections})
    return {
        "lists": lists,
        "summary": summarise(mine),
        "lines": [{"no": n, "text": text} for n, text in enumerate(lines, start=1)],
        "downloads": {
            "text": notice["source_file"],
            "json": f"notices/{notice['id']}/issues.json",
            "csv": f"notices/{notice['id']}/issues.csv",
        },
    }


def _issue_pages(issues, notices, rows, raw_lines) -> dict:
    pages = {}
    by_list = defaultdict(list)
    for issue in issues:
        by_list[(issue["notice"], issue["list_index"])].append(issue)
    for members in by_list.values():
        for position, issue in enumerate(members):
            source = issue["source"]
            lines = raw_lines[issue["notice"]]
            pages[issue["id"]] = {
                "row": rows[issue["id"]],
                "notice": notices[issue["notice"]],
                "previous": rows[members[position - 1]["id"]] if position > 0 else None,
                "next": rows[members[position + 1]["id"]] if position + 1 < len(members) else None,
                "parent": rows[issue["parent"]] if issue["parent"] else None,
                "children": [rows[i["id"]] for i in members if i["parent"] == issue["id"]],
                "excerpt": [{"no": n, "text": lines[n - 1]}
                            for n in range(source["line_start"], source["line_end"] + 1) if lines[n - 1].strip()],
                "source_url": (f"{notices[issue['notice']]['url']}?hl={source['line_start']}-{source['line_end']}"
                               f"#L{source['line_start']}"),
                "timeline": [],
            }
    return pages


def _unit(unit: dict, rows: dict, notices: dict) -> dict:
    roles_of: dict[str, list[str]] = defaultdict(list)
    for role, ids in unit["issues"].items():
        for issue_id in ids:
            roles_of[issue_id].append(ROLE_LABELS[role])
    groups = defaultdict(list)
    for issue_id, roles in roles_of.items():
        row = rows[issue_id]
        groups[row["notice_id"]].append({**row, "roles": "、".join(roles)})
    order = {issue_id: position for position, issue_id in enumerate(rows)}
    by_notice = [{"notice": notices[nid], "rows": sorted(items, key=lambda r: order[r["id"]])}
                 for nid, items in groups.items()]
    return {
        "by_notice": by_notice,
        "status_counts": summarise([rows[issue_id] for issue_id in roles_of]),
        "role_counts": {ROLE_LABELS[role]: len(ids) for role, ids in unit["issues"].items()},
    }


def _region(region: dict, data: dict, rows: dict, notices: dict) -> dict:
    member_notices = [notices[nid] for nid in region["notices"]]
    member_issues = [i for i in data["issues"] if i["notice"] in region["notices"]]
    by_category = []
    for key, label, description in CATEGORIES:
        matching = [rows[i["id"]] for i in member_issues if i["status"]["category"] == key]
        if matching:
            by_category.append({"key": key, "label": label, "description": description, "rows": matching})
    units = [u for u in data["units"] if u["region_id"] in region["descendants"]]
    return {
        "notices": member_notices,
        "summary": summarise(member_issues),
        "by_category": by_category,
        "units": sorted(units, key=lambda u: (-u["issue_count"], u["name"])),
        "children": [r for r in data["regions"] if r["parent_id"] == region["id"]],
    }


def _issues_index(issues, rows, data) -> dict:
    all_rows = [rows[i["id"]] for i in issues]
    years = sorted({r["deadline_year"] for r in all_rows if r["deadline_year"]})
    subsets = issue_subsets(all_rows, years)
    return {
        "rows": all_rows,
        "filters": {
            "regions": [{"id": r["id"], "name": r["name"]} for r in data["regions"] if r["notices"]],
            "notices": [{"id": n["id"], "name": short_notice_name(n)} for n in data["notices"]],
            "statuses": [{"key": key, "label": label} for key, label, _ in CATEGORIES],
            "years": years,
            "units": [{"id": u["id"], "name": f"{u['name']}（{u['region']}）"} for u in data["units"]],
        },
        "subsets": subsets,
        "subsets_by_id": {subset["id"]: subset for subset in subsets},
    }


def issue_subsets(rows: list[dict], years: list[str]) -> list[dict]:
    """Pre-filtered tables (by status, by deadline year), so filtering works without JavaScript."""
    subsets = [
        {"id": f"status-{key}", "group": "status", "label": label, "url": f"issues/status/{key}/",
         "title": f"状态：{label}", "description": description,
         "rows": [r for r in rows if r["status"]["category"] == key]}
        for key, label, description in CATEGORIES
    ]
    subsets += [
        {"id": f"year-{year}", "group": "year", "label": f"{year} 年", "url": f"issues/year/{year}/",
         "title": f"整改时限在 {year} 年的事项",
         "description": f"原文写明的整改时限（有多个日期时取最后一个）在 {year} 年内。", "rows": [r for r in rows if r["deadline_year"] == year]}
        for year in years
    ]
    subsets.append({"id": "year-none", "group": "year", "label": "无具体日期", "url": "issues/year/none/",
                    "title": "整改时限无具体日期的事项",
                    "description": "原文的整改时限为“长期坚持”“立行立改”等，或未写明可识别的日期。",
                    "rows": [r for r in rows if not r["deadline_year"]]})
    return subsets


KIND_LABELS = {"notice": "通知", "item": "整改事项", "subtask": "子任务", "section-task": "分节任务"}


def _search(filters: dict, issues: list[dict]) -> dict:
    """The search page's filter choices: those of the issues table, plus the kind of record."""
    present = {"notice"} | {i["kind"] for i in issues}
    return {"filters": {**filters, "kinds": [{"key": k, "label": label} for k, label in KIND_LABELS.items() if k in present]}}


def _units_index(units, regions) -> dict:
    groups = []
    for region in regions:
        members = [u for u in units if u["region_id"] == region["id"]]
        if members:
            groups.append({"region": region, "units": sorted(members, key=lambda u: (-u["issue_count"], u["name"]))})
    return {"groups": groups}


def _archives(notices: list[dict]) -> dict:
    by_year = defaultdict(list)
    by_kind = defaultdict(list)
    for notice in notices:
        by_year[notice_year(notice) or "日期不详"].append(notice)
        by_kind[notice["kind_label"]].append(notice)
    return {
        "by_year": [{"year": y, "notices": by_year[y]} for y in sorted(by_year, reverse=True)],
        "by_kind": [{"kind": k, "notices": by_kind[k]} for k in sorted(by_kind)],
    }
