"""Honest status of an issue as of a given date: what is known, nothing more.

The latest progress update (model/progress.py) sets what was reported; without
one an issue is 未报送进展.  Past a dated deadline without a reported completion
it is 已过整改时限; an open-ended deadline (立即整改，长期坚持…) shows 长期坚持.  The as-of date
is an input, so two builds with the same date give the same site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .deadlines import Deadline
from .progress import NONE, NONE_LABEL, PROGRESS_LABELS, Update

# One line per overview category: key, label shown, what it means.  Items with a reported
# completion come first; the others are judged by their deadline, with or without progress.
CATEGORIES = [
    ("closed", "已销号", "公示期满无异议，已验收销号"),
    ("publicity", "销号公示中", "整改完成情况正在公示，公示期满后销号"),
    ("awaiting", "已完成待验收", "责任单位报告已完成，尚待验收"),
    ("overdue_reported", "已过整改时限，仍在整改", "已报送进展但尚未完成，整改时限已过"),
    ("reported", "整改中，已报送进展", "已报送进展，尚未完成；整改时限未到、长期坚持或不明"),
    ("overdue", "已过整改时限，未报送进展", "整改时限已过，尚无整改进展报送"),
    ("pending", "未到整改时限，未报送进展", "整改时限未到，尚无整改进展报送"),
    ("ongoing", "长期坚持，未报送进展", "原文要求立即整改、长期坚持或持续推进"),
    ("claimed_done", "原文称已完成，未报送进展", "整改方案印发时原文称已经完成"),
    ("unknown", "整改时限不明，未报送进展", "原文未写明可识别的整改时限"),
]
CATEGORY_LABELS = {key: label for key, label, _ in CATEGORIES}
COMPLETION = {"awaiting_check": "awaiting", "publicity": "publicity", "closed": "closed"}


@dataclass(frozen=True)
class Status:
    """An issue's status as of one date, as published with it."""

    progress: str  # a key of progress.PROGRESS, or "none"
    progress_label: str
    progress_date: str | None  # the date of the update that set it
    category: str
    category_label: str
    overdue: bool  # a dated deadline has passed and no completion is reported
    days_left: int | None
    deadline_note: str
    as_of: str
    update_count: int
    publicity_end: str | None = None  # the last day of a 公示期 under way

    @property
    def closed(self) -> bool:
        return self.category == "closed"


def issue_status(deadline: Deadline, as_of: str, updates: list[Update] | None = None) -> Status:
    """Status of an issue with this deadline as of `as_of`, from its updates dated up to then.

    The latest update sets the progress.  已销号 counts only once its 公示期 has
    passed (validation refuses an earlier one), so a closed item is never shown
    before the public could object.
    """
    updates = sorted((u for u in updates or [] if u.date <= as_of), key=lambda u: u.sort_key)
    latest = updates[-1] if updates else None
    progress = latest.status if latest else NONE
    days_left = None
    if deadline.kind == "date" and deadline.date:
        days_left = (dt.date.fromisoformat(deadline.date) - dt.date.fromisoformat(as_of)).days
    category = COMPLETION.get(progress) or _open_category(deadline.kind, days_left, reported=latest is not None)
    return Status(
        progress=progress,
        progress_label=PROGRESS_LABELS.get(progress, NONE_LABEL),
        progress_date=latest.date if latest else None,
        category=category,
        category_label=CATEGORY_LABELS[category],
        overdue=category in ("overdue", "overdue_reported"),
        days_left=days_left,
        deadline_note=_deadline_note(category, deadline.kind, days_left, latest, as_of),
        as_of=as_of,
        update_count=len(updates),
        publicity_end=latest.publicity.end if latest and progress == "publicity" and latest.publicity else None,
    )


def _open_category(kind: str, days_left: int | None, reported: bool) -> str:
    if days_left is not None:
        if days_left < 0:
            return "overdue_reported" if reported else "overdue"
        return "reported" if reported else "pending"
    if reported:
        return "reported"
    return {"ongoing": "ongoing", "done": "claimed_done"}.get(kind, "unknown")


def _deadline_note(category: str, kind: str, days_left: int | None, latest: Update | None, as_of: str) -> str:
    if category == "closed":
        return f"{latest.date} 已销号"
    if category == "publicity":
        publicity = latest.publicity
        if publicity and publicity.over_by(as_of):
            return f"公示期已于 {publicity.end} 结束，待公布销号结果"
        return f"公示期至 {publicity.end}" if publicity else "销号公示中"
    if category == "awaiting":
        return f"{latest.date} 报告已完成，待验收"
    if days_left is not None:
        if days_left < 0:
            return f"已过整改时限 {-days_left} 天"
        return "今天到期" if days_left == 0 else f"距整改时限还有 {days_left} 天"
    return {"ongoing": "长期坚持", "done": "原文称已经完成"}.get(kind, "整改时限不明")


def rates(statuses: list[Status]) -> dict:
    """Completion (已销号) and overdue rates of a group of items, in percent with one decimal."""
    total = len(statuses)
    closed = sum(1 for s in statuses if s.closed)
    overdue = sum(1 for s in statuses if s.overdue)
    reported = sum(1 for s in statuses if s.update_count)
    return {"total": total, "closed": closed, "overdue": overdue, "reported": reported,
            "closed_percent": _percent(closed, total), "overdue_percent": _percent(overdue, total),
            "reported_percent": _percent(reported, total)}


def _percent(part: int, total: int) -> float:
    return round(100 * part / total, 1) if total else 0.0


def summarise(statuses: list[Status]) -> list[dict]:
    """Counts per category, in a fixed order, for the overview chart and its table."""
    total = len(statuses) or 1
    counts = {key: 0 for key, _, _ in CATEGORIES}
    for status in statuses:
        counts[status.category] += 1
    return [
        {"key": key, "label": label, "description": description, "count": counts[key],
         "percent": round(100 * counts[key] / total, 1)}
        for key, label, description in CATEGORIES
    ]
