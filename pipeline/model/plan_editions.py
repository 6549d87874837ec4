"""The third template (大气专项治理任务突出问题整改情况) filled from each published rectification plan.

Until editors add the ministry's lists, these editions are what the column
shows: one per notice, one row per item, read from the records the notice
stages made and the items' statuses.  They are marked as generated from the
plan (`Edition.notice_id`), never presented as a ministry list, and carry
no publication deadlines.
"""
from __future__ import annotations

from .disclosures import CITY, COUNTY, HANDLING, NUMBER, PLAN, PLAN_TYPE, PROGRESS, TERM, Edition, Row
from .places import Region
from .records import Issue, Notice
from .status import Status

PLAN_PREFIX = "plan-"  # generated editions' ids; editors' files may not start with it
NO_COUNTY = "—"  # an item that names no county-level region
NO_PROGRESS = "未报送进展"


def plan_edition_id(notice_id: str) -> str:
    return f"{PLAN_PREFIX}{notice_id}"


def plan_editions(notices, issues_by_notice: dict[str, list[Issue]], statuses: dict[str, Status],
                  regions: tuple[Region, ...]) -> tuple[Edition, ...]:
    counties = counties_of_issues(regions)
    return tuple(plan_edition(n, issues_by_notice[n.id], statuses, counties) for n in notices)


def plan_edition(notice: Notice, issues: list[Issue], statuses: dict[str, Status],
                 counties: dict[str, str]) -> Edition:
    rows = tuple(Row(_cells(position, notice, issue, statuses[issue.id], counties), issue.source.line_start,
                     issue_id=issue.id)
                 for position, issue in enumerate(issues, 1))
    source = issues[0].source.file if issues else ""
    return Edition(plan_edition_id(notice.id), HANDLING, PLAN_TYPE, None, notice.region.name, notice.region.id, rows,
                   source_file=source, notice_id=notice.id)


def _cells(position: int, notice: Notice, issue: Issue, status: Status, counties: dict[str, str]) -> dict[str, str]:
    return {
        NUMBER: str(position),
        CITY: notice.region.city or notice.region.name,
        COUNTY: notice.region.county or counties.get(issue.id, NO_COUNTY),
        PLAN: issue.list_title or notice.title,
        "任务要求": task_requirement(issue),
        "存在问题": issue.problem,
        PROGRESS: progress_text(status),
        TERM: issue.deadline_text,
    }


def task_requirement(issue: Issue) -> str:
    """整改目标 where the plan states one, else the task's own title, else its measures."""
    return issue.targets or issue.title or "；".join(issue.measures) or issue.problem


def progress_text(status: Status) -> str:
    """The latest reported progress and its date, or 未报送进展."""
    if not status.progress_date:
        return NO_PROGRESS
    return f"{status.progress_label}（{status.progress_date}报送）"


def counties_of_issues(regions: tuple[Region, ...]) -> dict[str, str]:
    """Item id → the county-level regions it names (巩义市、登封市), or the collective name that covers them."""
    named: dict[str, list[str]] = {}
    collective: dict[str, list[str]] = {}
    for region in regions:
        for assignment in region.assigned:
            target = named if assignment.via is None else collective
            values = target.setdefault(assignment.issue, [])
            value = region.name if assignment.via is None else assignment.via
            if value not in values:
                values.append(value)
    return {issue: "、".join(named.get(issue) or collective[issue]) for issue in {*named, *collective}}
