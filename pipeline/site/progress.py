"""What the pages show of progress: an item's timeline and change history, rates, the overdue list
and the 本周变化 page.

The facts (an item's status, an update's period, what git recorded) come
from the model; here they are only selected, grouped and ordered.
"""
from __future__ import annotations

import datetime as dt

from ..model import urls
from ..model.records import Issue
from ..model.site import SiteModel
from ..model.status import rates
from . import paging

WEEK = 7  # days the 本周变化 page covers, the build date included
FILE_KINDS = {"notice.txt": "通知原文", "meta.yml": "通知元数据", "corrections.yml": "更正"}


def timeline(model: SiteModel, issue: Issue, rows: dict) -> list[dict]:
    """The item's updates, newest first, each with the other items it also reports on."""
    return [{"u": update,
             "others": [rows[i] for i in update.issues if i != issue.id],
             "publicity_note": update.publicity.note(model.as_of) if update.publicity else None}
            for update in model.updates_by_issue[issue.id]]


def history(model: SiteModel, issue: Issue) -> dict:
    """Changes to the files behind the item (its notice's text, metadata and corrections, its updates), newest first."""
    record = model.history
    files = [*record.notice_files.get(issue.notice, ()), *(u.file for u in model.updates_by_issue[issue.id])]
    changes = [{"change": c, "kind": FILE_KINDS.get(c.file.rsplit("/", 1)[-1], "整改进展"), "short": c.commit[:7],
                "url": record.commit_url(c.commit)} for c in record.of(files)]
    return {"state": record.state, "changes": changes, "uncommitted": [f for f in files if f in record.uncommitted]}


def group_rates(model: SiteModel, issue_ids) -> dict:
    return rates([model.statuses[i] for i in issue_ids])


def overdue(model: SiteModel, rows: dict, size: int = paging.PAGE_SIZE) -> dict:
    """Every item past its dated deadline without a reported completion, longest overdue first, in pages of
    `size` rows (the first at urls.OVERDUE)."""
    late = [rows[i.id] for i in model.issues if model.status(i).overdue]
    late.sort(key=lambda r: (r["status"].days_left, r["notice_id"]))
    return {"rows": late, "pages": paging.paginate(late, urls.OVERDUE, size),
            "rates": group_rates(model, [i.id for i in model.issues])}


def changes(model: SiteModel, rows: dict) -> dict:
    """What changed in the WEEK days up to the build date: updates, 公示期 ending, deadlines passed,
    corrections and notices made public."""
    today = dt.date.fromisoformat(model.as_of)
    first = (today - dt.timedelta(days=WEEK - 1)).isoformat()
    in_week = lambda day: bool(day) and first <= day <= model.as_of  # noqa: E731 - one shared test
    updates = [u for u in model.newest_updates if in_week(u.date)]
    publicity = [u for u in model.newest_updates if u.publicity and in_week(u.publicity.end)]
    passed = [rows[i.id] for i in model.issues  # overdue for 1 to WEEK days: the deadline passed this week
              if model.status(i).overdue and -WEEK <= model.status(i).days_left <= -1]
    corrections = [{"issue": rows[i.id], "correction": c, "url": urls.correction_url(i.id, c.field)}
                   for i in model.issues for c in i.corrections if in_week(c.date)]
    notices = [n for n in model.newest_first if in_week(n.public_date)]
    return {
        "first": first, "last": model.as_of,
        "updates": [{"u": u, "rows": [rows[i] for i in u.issues]} for u in updates],
        "publicity": [{"u": u, "rows": [rows[i] for i in u.issues], "note": u.publicity.note(model.as_of)}
                      for u in publicity],
        "passed": passed,
        "corrections": sorted(corrections, key=lambda c: c["correction"].date, reverse=True),
        "notices": notices,
        "empty": not (updates or publicity or passed or corrections or notices),
    }
