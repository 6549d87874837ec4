"""Honest status of an issue as of a given date: what is known, nothing more.

Without a progress update an issue is 未报送进展 (no progress reported);
past a dated deadline without a completion update it is also 已过整改时限;
an open-ended deadline (立即整改，长期坚持…) shows 长期坚持.  The as-of date
is an input, so two builds with the same date give the same site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .deadlines import Deadline

PROGRESS_LABELS = {"none": "未报送进展"}

# One line per overview category: key, label shown, what it means.
CATEGORIES = [
    ("overdue", "已过整改时限，未报送进展", "整改时限已过，尚无整改进展报送"),
    ("pending", "未到整改时限，未报送进展", "整改时限未到，尚无整改进展报送"),
    ("ongoing", "长期坚持，未报送进展", "原文要求立即整改、长期坚持或持续推进"),
    ("claimed_done", "原文称已完成，未报送进展", "整改方案印发时原文称已经完成"),
    ("unknown", "整改时限不明，未报送进展", "原文未写明可识别的整改时限"),
]
CATEGORY_LABELS = {key: label for key, label, _ in CATEGORIES}


@dataclass(frozen=True)
class Status:
    """An issue's status as of one date, as published with it."""

    progress: str
    progress_label: str
    category: str
    category_label: str
    overdue: bool
    days_left: int | None
    deadline_note: str
    as_of: str
    update_count: int


def issue_status(deadline: Deadline, as_of: str, updates: list | None = None) -> Status:
    """Status of an issue with this deadline as of `as_of` (progress updates arrive in a later stage)."""
    updates = updates or []
    today = dt.date.fromisoformat(as_of)
    kind, date = deadline.kind, deadline.date
    days_left = None
    if kind == "date" and date:
        days_left = (dt.date.fromisoformat(date) - today).days
        category = "overdue" if days_left < 0 else "pending"
    elif kind == "ongoing":
        category = "ongoing"
    elif kind == "done":
        category = "claimed_done"
    else:
        category = "unknown"
    return Status(
        progress="none",
        progress_label=PROGRESS_LABELS["none"],
        category=category,
        category_label=CATEGORY_LABELS[category],
        overdue=category == "overdue",
        days_left=days_left,
        deadline_note=_deadline_note(category, days_left),
        as_of=as_of,
        update_count=len(updates),
    )


def _deadline_note(category: str, days_left: int | None) -> str:
    if category == "overdue":
        return f"已过整改时限 {-days_left} 天"
    if category == "pending":
        return "今天到期" if days_left == 0 else f"距整改时限还有 {days_left} 天"
    if category == "ongoing":
        return "长期坚持"
    if category == "claimed_done":
        return "原文称已经完成"
    return "整改时限不明"


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
