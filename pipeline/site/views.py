"""Assemble what each page shows from the site model (templates only format).

Grouping, counting, ordering, previous/next links and chart geometry are
decided here; the facts themselves (dates, names, labels, statuses, URLs)
come from the model.  Output: one dict per page, keyed by page kind and id,
plus site-wide summaries for the home page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict

from ..model import urls
from ..model.records import ISSUE_KIND_LABELS, Issue
from ..model.site import SiteModel
from ..model.progress import PROGRESS
from ..model.status import CATEGORIES, summarise
from ..model.broadcast import Script
from . import disclosure, paging, progress
from .issue_list import issues_index
from .rows import RowWith

ROLE_LABELS = {"lead": "牵头", "cooperating": "配合", "responsible": "责任"}


def status_chart(summary: list[dict], width: int = 320, bar: int = 22, gap: int = 10) -> dict:
    """Bar geometry for the inline SVG overview; the same numbers go in the table beside it."""
    largest = max((row["count"] for row in summary), default=0) or 1
    bars = []
    for index, row in enumerate(summary):
        length = round((width - 40) * row["count"] / largest)  # 40 columns left for the count after the bar
        bars.append({**row, "x": 0, "y": index * (bar + gap), "width": max(length, 1 if row["count"] else 0),
                     "height": bar, "text_x": length + 6, "text_y": index * (bar + gap) + bar * 0.7})
    return {"width": width, "height": len(summary) * (bar + gap) - gap, "bars": bars}


def table_row(issue: Issue, model: SiteModel) -> dict:
    """One line of an issues table, with everything a filter or sort needs."""
    notice = model.notices_by_id[issue.notice]
    return {
        "id": issue.id,
        "url": issue.url,
        "seq": issue.label,
        "summary": issue.summary,
        "lead": issue.lead,
        "lead_is_responsible": not issue.lead_units,
        "deadline_text": issue.deadline_text,
        "deadline_date": issue.deadline.date or "",
        "deadline_year": issue.deadline.year or "",
        "status": model.status(issue),
        "notice_id": notice.id,
        "notice_title": notice.title,
        "notice_short": notice.short_name,
        "notice_url": notice.url,
        "region": notice.region.name,
        "region_ids": model.issue_regions[issue.id],  # every region whose page lists it
        "unit_ids": issue.unit_ids,
    }


def build_views(model: SiteModel, scripts: tuple[Script, ...] = (), page_size: int | None = None,
                editions: dict | None = None) -> dict:
    """Every page's view; `scripts` are the weekly TV scripts (model/broadcast.py), made once by the build;
    list pages hold `page_size` rows each (paging.PAGE_SIZE unless a test asks for fewer); `editions` are
    the editions' views when the build has made them already (edition_views: their PDFs start first)."""
    size = page_size or paging.PAGE_SIZE
    rows = {i.id: table_row(i, model) for i in model.issues}
    views = {
        "home": _home(model),
        "notice": {n.id: _notice(n, model, rows, size) for n in model.notices},
        "issue": _issue_pages(model, rows),
        "unit": _units(model, rows, size),
        "region": {r.id: _region(r, model, rows, size) for r in model.regions},
        "issues_index": issues_index(model, rows, size),
        "units_index": _units_index(model),
        "archives": _archives(model),
        "corrections": _corrections(model),
        "overdue": progress.overdue(model, rows, size),
        "changes": progress.changes(model, rows),
        "about": {"progress": PROGRESS, "disclosure": disclosure.about_view()},
        "snapshots": [],  # the published data snapshots ({date, url}), filled in when they are written (build.py)
        "disclosure": disclosure.column_view(model, scripts),
        "edition": edition_views(model) if editions is None else editions,
        "broadcasts": disclosure.broadcasts_view(scripts, model.as_of),
        "broadcast": {s.week: disclosure.broadcast_view(s) for s in scripts},
    }
    accountability = disclosure.accountability_views(model)
    for region in model.regions:
        views["region"][region.id]["accountability"] = accountability.get(region.id)
    views["search"] = _search(views["issues_index"]["filters"], model)
    return views


def edition_views(model: SiteModel) -> dict:
    """Each 督办公开 edition's view, by id: what its pages and its newspaper PDF show."""
    return {e.id: disclosure.edition_view(e, model) for e in model.editions}


def _home(model: SiteModel) -> dict:
    summary = summarise(list(model.statuses.values()))
    latest = model.newest_first
    return {
        "summary": summary,
        "chart": status_chart(summary),
        "latest_notices": latest[:5],
        "latest_updates": [_latest(u, model) for u in model.newest_updates[:LATEST]],
        "rates": progress.group_rates(model, model.statuses),
    }


LATEST = 5  # updates in the home page's 最新整改进展 box


def _latest(update, model: SiteModel) -> dict:
    issue = model.issues_by_id[update.issues[0]]
    notice = model.notices_by_id[issue.notice]
    more = f"等 {len(update.issues)} 项" if len(update.issues) > 1 else ""
    return {"url": update.url, "date": update.date, "status_label": update.status_label,
            "title": f"{notice.short_name}第{issue.label}项{more}：{issue.summary}"}


def _notice(notice, model: SiteModel, rows: dict, size: int) -> dict:
    mine = model.issues_by_notice[notice.id]
    lists = []
    for lst in notice.lists:
        sections = list_sections([i for i in mine if i.list_index == lst.index], rows, lst.index)
        lists.append({**asdict(lst), "anchor": urls.list_anchor(lst.index), "sections": sections})
    pages = paging.notice_pages(lists, notice.url, size)
    starts = {}  # anchor → the URL of the page it is on, for the table of contents (None: the first page)
    for page in pages:
        for lst in page["lists"]:
            for anchor in [lst["anchor"]] + [s["anchor"] for s in lst["sections"]]:
                starts.setdefault(anchor, page["url"] if page["number"] > 1 else None)
    for lst in lists:
        lst["page_url"] = starts.get(lst["anchor"])
        lst["toc"] = section_tree(lst["sections"], starts)
    return {
        "lists": lists,
        "pages": pages,
        "summary": summarise([model.status(i) for i in mine]),
        "rates": progress.group_rates(model, [i.id for i in mine]),
        "text_pages": paging.text_pages(notice.id, model.originals[notice.id].lines),  # the first on this page
        "line_count": len(model.originals[notice.id].lines),
        "downloads": {
            "text": notice.source_file,
            "json": urls.notice_download(notice.id, "json"),
            "csv": urls.notice_download(notice.id, "csv"),
        },
    }


def list_sections(issues: list[Issue], rows: dict, list_index: int) -> list[dict]:
    """The headings of a task list in order, each with the rows printed under it and its depth.

    A heading that only holds other headings (三、重点工作 above （一）…（五）) is an entry without
    rows, so the table of contents shows the notice's outline; sections with rows keep the anchors
    they always had (numbered among themselves), parent headings get anchors of their own.
    """
    sections: list[dict] = []
    shown: set[tuple[str, ...]] = set()
    parts = numbered = 0
    for issue in issues:
        path = tuple(issue.sections) or ((issue.section,) if issue.section else ())
        for depth in range(1, len(path)):
            if path[:depth] not in shown:
                shown.add(path[:depth])
                parts += 1
                sections.append({"title": path[depth - 1], "depth": depth - 1, "path": path[:depth], "rows": [],
                                 "anchor": urls.part_anchor(list_index, parts)})
        if not sections or sections[-1]["path"] != path:  # a parent heading's path is always shorter
            shown.add(path)
            numbered += 1
            sections.append({"title": path[-1] if path else "", "depth": max(len(path) - 1, 0), "path": path,
                             "rows": [], "anchor": urls.section_anchor(list_index, numbered)})
        sections[-1]["rows"].append(rows[issue.id])
    return sections


def section_tree(sections: list[dict], pages: dict | None = None) -> list[dict]:
    """The same headings nested by depth, for the table of contents; `pages`: anchor → the URL of the
    page of a paginated notice it is on (None or absent: the first page)."""
    tree: list[dict] = []
    stack: list[tuple[int, list]] = [(-1, tree)]
    for section in sections:
        node = {"title": section["title"], "anchor": section["anchor"], "children": [],
                "page_url": (pages or {}).get(section["anchor"])}
        while stack[-1][0] >= section["depth"]:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((section["depth"], node["children"]))
    return tree


def _issue_pages(model: SiteModel, rows: dict) -> dict:
    pages = {}
    by_list = defaultdict(list)
    for issue in model.issues:
        by_list[(issue.notice, issue.list_index)].append(issue)
    for members in by_list.values():
        children = defaultdict(list)  # parent id → its rows, in the list's order
        for issue in members:
            if issue.parent:
                children[issue.parent].append(rows[issue.id])
        for position, issue in enumerate(members):
            source = issue.source
            lines = model.originals[issue.notice].lines
            pages[issue.id] = {
                "row": rows[issue.id],
                "notice": model.notices_by_id[issue.notice],
                "status": model.status(issue),
                "previous": rows[members[position - 1].id] if position > 0 else None,
                "next": rows[members[position + 1].id] if position + 1 < len(members) else None,
                "parent": rows[issue.parent] if issue.parent else None,
                "children": children.get(issue.id, []),
                "excerpt": [paging.Line(n, lines[n - 1])
                            for n in range(source.line_start, source.line_end + 1) if lines[n - 1].strip()],
                "source_url": urls.notice_lines(issue.notice, source.line_start, source.line_end),
                "timeline": progress.timeline(model, issue, rows),
                "history": progress.history(model, issue),
            }
    return pages


def _units(model: SiteModel, rows: dict, size: int) -> dict:
    order = {issue_id: position for position, issue_id in enumerate(rows)}
    return {u.id: _unit(u, rows, model, size, order) for u in model.units}


def _unit(unit, rows: dict, model: SiteModel, size: int, order: dict[str, int]) -> dict:
    """`order`: each issue's position in the site's order (made once: a unit's rows are sorted by it)."""
    roles_of: dict[str, list[str]] = defaultdict(list)
    for role, ids in unit.issues.items():
        for issue_id in ids:
            roles_of[issue_id].append(ROLE_LABELS[role])
    groups = defaultdict(list)
    for issue_id, roles in roles_of.items():
        row = rows[issue_id]
        groups[row["notice_id"]].append(RowWith(row, "roles", "、".join(roles)))
    by_notice = [{"notice": model.notices_by_id[nid], "rows": sorted(items, key=lambda r: order[r["id"]])}
                 for nid, items in groups.items()]
    return {
        "by_notice": by_notice,
        "page": paging.first_page(by_notice, unit.url, size, urls.issues_filtered(unit=unit.id)),
        "status_counts": summarise([rows[issue_id]["status"] for issue_id in roles_of]),
        "rates": progress.group_rates(model, unit.issue_ids),
        "role_counts": {ROLE_LABELS[role]: len(ids) for role, ids in unit.issues.items()},
    }


def _region(region, model: SiteModel, rows: dict, size: int) -> dict:
    if region.type and not region.notices:
        return _county(region, model, rows, size)
    member_issues = [model.issues_by_id[i] for i in model.region_issue_ids(region)]
    by_category = []
    for key, label, description in CATEGORIES:
        matching = [rows[i.id] for i in member_issues if model.status(i).category == key]
        if matching:
            by_category.append({"key": key, "label": label, "description": description, "rows": matching,
                                "count": len(matching)})
    page = paging.first_page(by_category, region.url, size, urls.issues_filtered(region=region.id))
    on_page = {group["key"] for group in page["groups"]}
    for group in by_category:  # the table of contents: a status's section here, else its rows in the whole list
        group["whole_url"] = None if group["key"] in on_page else urls.issues_filtered(region=region.id,
                                                                                      status=group["key"])
    units = [u for u in model.units if u.region_id in region.descendants]
    return {
        "notices": [model.notices_by_id[nid] for nid in region.notices],
        "summary": summarise([model.status(i) for i in member_issues]),
        "rates": progress.group_rates(model, [i.id for i in member_issues]),
        "by_category": by_category,
        "page": page,
        "units": sorted(units, key=lambda u: (-u.issue_count, u.name)),
        "children": _children(region, model),
    }


def _children(region, model: SiteModel) -> list[dict]:
    """The regions inside it, each with how many issues bind it (its own notices', or assigned from above)."""
    return [{"region": r, "count": len(r.assigned_issues) if r.type and not r.notices
             else sum(n.issue_count for n in map(model.notices_by_id.get, r.notices))}
            for r in model.regions if r.parent_id == region.id]


def _county(region, model: SiteModel, rows: dict, size: int) -> dict:
    """A county-level region without notices of its own: the issues of its city that name it, and those that
    bind it through a collective name (each once, with every name that covers it as printed)."""
    vias: dict[str, list[str]] = defaultdict(list)
    for assignment in region.shared:
        if assignment.via not in vias[assignment.issue]:
            vias[assignment.issue].append(assignment.via)
    issues = [model.issues_by_id[i] for i in model.region_issue_ids(region)]
    units = [u for u in model.units if u.region_id == region.parent_id and region.is_named_in(u.name)]
    direct = [rows[i] for i in region.direct]
    labels: dict[tuple[str, ...], str] = {}  # one string for the many rows bound by the same names
    shared = [RowWith(rows[i], "via", labels.setdefault(tuple(names), "、".join(f"‘{v}’" for v in names)))
              for i, names in vias.items()]
    return {
        "notices": [],
        "summary": summarise([model.status(i) for i in issues]),
        "rates": progress.group_rates(model, [i.id for i in issues]),
        "direct_rows": direct,
        "shared_rows": shared,
        "page": paging.first_page([{"key": "direct", "rows": direct}, {"key": "shared", "rows": shared}],
                                  region.url, size, urls.issues_filtered(region=region.id)),
        "units": sorted(units, key=lambda u: (-u.issue_count, u.name)),
        "children": [],
        "parent": model.regions_by_id[region.parent_id],
    }


def _search(filters: dict, model: SiteModel) -> dict:
    """The search page's filter choices: those of the issues table, plus the kind of record."""
    present = {"notice"} | {i.kind for i in model.issues} | ({"edition"} if model.editions else set())
    kinds = {"notice": "通知", **ISSUE_KIND_LABELS, "edition": "督办公开"}
    regions = [r for r in filters["regions"] if model.regions_by_id[r["id"]].notices]  # search: a notice's region
    return {"filters": {**filters, "regions": regions,
                        "kinds": [{"key": k, "label": label} for k, label in kinds.items() if k in present]}}


def _units_index(model: SiteModel) -> dict:
    groups = []
    for region in model.regions:
        members = [u for u in model.units if u.region_id == region.id]
        if members:
            groups.append({"region": region, "units": sorted(members, key=lambda u: (-u.issue_count, u.name))})
    return {"groups": groups}


def _archives(model: SiteModel) -> dict:
    """Notices by year (newest year first) and by kind; within each, newest first by the date the notice shows."""
    by_year = defaultdict(list)
    by_kind = defaultdict(list)
    for notice in sorted(model.notices, key=lambda n: (n.date or "", n.id), reverse=True):
        by_year[notice.year or "日期不详"].append(notice)
        by_kind[notice.kind_label].append(notice)
    return {
        "by_year": [{"year": y, "notices": by_year[y]} for y in sorted(by_year, reverse=True)],
        "by_kind": [{"kind": k, "notices": by_kind[k]} for k in sorted(by_kind)],
    }


def _corrections(model: SiteModel) -> dict:
    """Every editor's correction, newest first, with the item it changed and the lines it replaced."""
    entries = []
    for issue in model.issues:
        notice = model.notices_by_id[issue.notice]
        for c in issue.corrections:
            source = issue.field_sources.get(c.field)
            entries.append({
                "correction": c,
                "anchor": urls.correction_anchor(issue.id, c.field),
                "issue": issue,
                "notice": notice,
                "line_start": source.line_start if source else None,
                "line_end": source.line_end if source else None,
            })
    entries.sort(key=lambda e: e["correction"].date, reverse=True)  # stable: same day keeps the site's item order
    return {"entries": entries}
