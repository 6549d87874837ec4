"""Progress updates checked against the items they name and against each other, then made records.

What one file cannot know: whether its items exist, whether its date falls
between the item's notice and the build date, whether 已销号 follows a 公示期
that has passed, and whether a status goes back without a stated reason.
"""
from __future__ import annotations

from ..model.progress import PROGRESS_LABELS, Update, goes_backwards
from ..problems import Diagnostics
from .updates import UpdateFile


def checked_updates(files: list[UpdateFile], issues: dict, notice_dates: dict, as_of: str,
                    diag: Diagnostics) -> tuple[Update, ...]:
    """The updates as records, in date order; every problem of every file is recorded in `diag`."""
    usable = [f for f in files if _fits_items(f, issues, notice_dates, as_of, diag)]
    usable.sort(key=lambda f: (f.date, f.id))
    _check_sequences(usable, diag)
    return tuple(Update(f.id, f.file, f.lines.get("status", 1), f.items, f.date, f.status, f.title, f.text, f.html,
                        f.publicity, f.evidence, f.source_url, f.reason) for f in usable)


def _fits_items(update: UpdateFile, issues: dict, notice_dates: dict, as_of: str, diag: Diagnostics) -> bool:
    found = len(diag.errors)
    line = update.lines.get("items")
    for item in update.items:
        if item not in issues:
            diag.error("update.unknown-item", update.file, line,
                       f"没有编号为“{item}”的整改事项（unknown item id）：编号见事项页面底部或 data/issues.json 的 id。", "items")
            continue
        notice_date = notice_dates.get(issues[item].notice)
        if notice_date and update.date < notice_date:
            diag.error("update.before-notice", update.file, update.lines.get("date"),
                       f"日期 {update.date} 早于该事项所属通知的日期 {notice_date}（dated before its notice）：请核对日期。", "date")
    if update.date > as_of:
        diag.error("update.in-future", update.file, update.lines.get("date"),
                   f"日期 {update.date} 晚于本次构建的日期 {as_of}（dated after the build date）：请核对日期，"
                   "或等到该日再发布。", "date")
    if update.status == "closed" and update.publicity and not update.publicity.over_by(update.date):
        diag.error("update.closed-too-early", update.file, update.lines.get("status"),
                   f"公示期到 {update.publicity.end} 才结束，{update.date} 还不能写“已销号”（closed before the 公示期 ended）："
                   "公示期间请写“销号公示中”。", "status")
    return len(diag.errors) == found


def _check_sequences(updates: list[UpdateFile], diag: Diagnostics) -> None:
    """Per item, in date order: 已销号 only after a 公示期 that has passed; no unexplained step back."""
    previous: dict[str, UpdateFile] = {}
    publicity_of: dict[str, object] = {}
    for update in updates:
        for item in update.items:
            if update.publicity:
                publicity_of[item] = update.publicity
            before = previous.get(item)
            if update.status == "closed" and not update.publicity and not _ended(publicity_of.get(item), update.date):
                diag.error("update.closed-without-publicity", update.file, update.lines.get("status"),
                           f"事项 {item} 写“已销号”，但此前没有已结束的公示期（closed without a completed 公示期）："
                           "请先发布“销号公示中”的进展（写明 publicity），或在本文件中写明已结束的公示期。", "status")
            if before and goes_backwards(before.status, update.status) and not update.reason:
                diag.error("update.backwards", update.file, update.lines.get("status"),
                           f"事项 {item} 的状态从“{PROGRESS_LABELS[before.status]}”（{before.date}，{before.file}）"
                           f"退回“{PROGRESS_LABELS[update.status]}”，请用 reason 写明原因（status goes back without a reason）。",
                           "status")
            previous[item] = update


def _ended(publicity, date: str) -> bool:
    return publicity is not None and publicity.over_by(date)
