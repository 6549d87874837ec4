"""Progress updates: the one vocabulary of reported statuses, and the update record.

Editors write the status in Chinese (`status: 销号公示中`); the model keeps a
stable key.  The order of PROGRESS is the normal course of a rectification
(推进中 → 已完成待验收 → 销号公示中 → 已销号); `STAGE` says how far along each
status is, so a move back (已销号 → 推进中) can be recognised and must state
its reason.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import urls

# key, label editors write and the site shows, what it means (about page and editor guide)
PROGRESS = (
    ("in_progress", "推进中", "正在整改，尚未完成。"),
    ("on_pace", "达到序时进度", "按月报送的进展达到了计划的时间进度。"),
    ("behind_pace", "未达到序时进度", "进展落后于计划的时间进度。"),
    ("awaiting_check", "已完成待验收", "责任单位报告整改已完成，尚待验收。"),
    ("publicity", "销号公示中", "已通过验收，正在公示整改完成情况；公示期内可向受理部门提出异议。"),
    ("closed", "已销号", "公示期满无异议，已验收销号。"),
    ("returned", "退回重新整改", "验收未通过，或公示期内异议成立，退回重新整改。"),
)
PROGRESS_LABELS = {key: label for key, label, _ in PROGRESS}
PROGRESS_BY_LABEL = {label: key for key, label, _ in PROGRESS}
NONE, NONE_LABEL = "none", "未报送进展"
STAGE = {"in_progress": 1, "on_pace": 1, "behind_pace": 1, "returned": 1,
         "awaiting_check": 2, "publicity": 3, "closed": 4}
# Moves back that are the normal course and need no reason: acceptance failed or an objection upheld.
EXPECTED_RETURNS = {("awaiting_check", "returned"), ("publicity", "returned")}


def goes_backwards(before: str, after: str) -> bool:
    """True when `after` undoes progress `before` recorded, other than the normal return to rectification."""
    return STAGE[after] < STAGE[before] and (before, after) not in EXPECTED_RETURNS


def by_issue(updates) -> dict[str, list[Update]]:
    """Item id → the updates naming it, in the order given."""
    grouped: dict[str, list[Update]] = {}
    for update in updates:
        for issue_id in update.issues:
            grouped.setdefault(issue_id, []).append(update)
    return grouped


def days_between(start: str, end: str) -> int:
    """Days of a period counted as notices count them: both ends included (20 to 26 November is 7 days)."""
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1


@dataclass(frozen=True)
class Publicity:
    """A completion notice's 公示期 with who takes objections."""

    start: str
    end: str
    days: int
    department: str | None
    phone: str | None

    def over_by(self, as_of: str) -> bool:
        """The period has passed (its last day is before `as_of`)."""
        return self.end < as_of

    def note(self, as_of: str) -> str:
        """The period and where it stands on `as_of`, for the 公示期 line of an update."""
        period = f"{self.start} 至 {self.end}（共 {self.days} 天）"
        if self.over_by(as_of):
            return f"{period}，已结束"
        if self.start > as_of:
            return f"{period}，尚未开始"
        return f"{period}，正在公示，可提出异议"


@dataclass(frozen=True)
class Evidence:
    label: str
    url: str | None = None  # a link, or
    file: str | None = None  # a file under content/, published at `published`
    sha256: str | None = None

    @property
    def published(self) -> str | None:
        return urls.evidence_file(self.file) if self.file else None


@dataclass(frozen=True)
class Update:
    """One progress report on one or more items, as an editor published it."""

    id: str  # the file name without .md
    file: str  # the file as editors name it (content/updates/….md)
    line: int  # the line of its status
    issues: tuple[str, ...]
    date: str
    status: str
    title: str | None
    text: str  # Markdown as written
    html: str  # the same, rendered and sanitised
    publicity: Publicity | None = None
    evidence: tuple[Evidence, ...] = ()
    source_url: str | None = None
    reason: str | None = None

    @property
    def status_label(self) -> str:
        return PROGRESS_LABELS[self.status]

    @property
    def anchor(self) -> str:
        return urls.update_anchor(self.id)

    def url_on(self, issue_id: str) -> str:
        """Where this update is shown on one item's page."""
        return urls.update_url(issue_id, self.id)

    @property
    def url(self) -> str:
        """The update on the page of the first item it reports on."""
        return self.url_on(self.issues[0])

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.id)
