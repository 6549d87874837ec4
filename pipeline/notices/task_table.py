"""The task table some campaign plans print at their end (类别 | 重点工作 | 主要任务 | 完成时限 | 工程措施).

Extracted from PDF, the table arrives flattened: cells broken over lines in
no column order.  What survives reliably is the order within a row: the
heading cells, then the 完成时限 cell (2017年9月底前, 全年, 采暖季, 2017年7月1日起),
then the 工程措施 text, which ends with 。.  So a row is read as: heading text
since the previous row's measures, a time cell, and measures up to at least
their first 。; dates inside the measures ("2017年6月底前，完成…") are text.

A row restates a numbered task only when its 主要任务 cell is that task's
title, word for word (the row's heading ends with the title); then the
row's 完成时限 joins the task's deadline.  Every other row stays a row of its
own: it is published with the notice, never matched on a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model.deadlines import KIND_DATE, Deadline
from ..model.records import FieldSource, TableRow
from .source import Line

TABLE_HEADER = re.compile(r"^类别重点工作主要任务完成时限")
TIME_CELL = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底前|前|起)|\d{4}年采暖季前|全年|采暖季")
TABLE_END = re.compile(r"^附件\d*$")


@dataclass
class _Text:
    """The table's text without spaces, each character with its raw line."""

    chars: str
    lines: list[int]

    def line_range(self, start: int, end: int) -> tuple[int, int]:
        return self.lines[start], self.lines[max(start, end - 1)]


def table_text(lines: list[Line]) -> _Text | None:
    """The text of the table, from its header row to the next annex (or the end)."""
    start = next((i for i, line in enumerate(lines) if TABLE_HEADER.match(line.text.replace(" ", ""))), None)
    if start is None:
        return None
    chars, numbers = "", []
    for line in lines[start + 1:]:
        text = "".join(line.text.split())
        if TABLE_END.match(text):
            break
        chars += text
        numbers += [line.no] * len(text)
    return _Text(chars, numbers) if chars else None


def table_rows(lines: list[Line]) -> list[TableRow]:
    """Every row of the task table, in order; [] when the notice prints none."""
    text = table_text(lines)
    if text is None:
        return []
    rows: list[TableRow] = []
    position, heading = 0, ""
    while True:
        cell = _next_time_cell(text.chars, position)
        if cell is None:
            break
        head_start = position
        heading = text.chars[head_start:cell.start()] or heading  # an empty heading continues the row above
        stop = text.chars.find("。", cell.end())
        stop = len(text.chars) if stop < 0 else stop + 1
        following = _next_time_cell(text.chars, stop)
        measures_end = (text.chars.rfind("。", 0, following.start()) + 1) if following else len(text.chars)
        measures_end = max(measures_end, stop)
        first, last = text.line_range(head_start, measures_end)
        rows.append(TableRow(heading, cell.group(), text.chars[cell.end():measures_end], first, last))
        position = measures_end
    return rows


def _next_time_cell(chars: str, start: int) -> re.Match | None:
    """The next 完成时限 cell: a time token that does not open a clause of the measures (…前，)."""
    for match in TIME_CELL.finditer(chars, start):
        if not chars.startswith(("，", "；", "和"), match.end()):
            return match
    return None


def match_rows(rows: list[TableRow], titles: dict[str, str]) -> list[TableRow]:
    """Each row with the task whose title its heading ends with (title → issue id), and why."""
    matched = []
    for row in rows:
        found = [(title, issue_id) for title, issue_id in titles.items() if title and row.heading.endswith(title)]
        if len(found) == 1:
            title, issue_id = found[0]
            row = replace(row, issue=issue_id, reason=f"表中“主要任务”与该项标题“{title}”相同")
        matched.append(row)
    return matched


def unique_titles(issues) -> dict[str, str]:
    """Title → issue id, for titles only one task of the notice has."""
    counts: dict[str, list[str]] = {}
    for issue in issues:
        if issue.title:
            counts.setdefault(issue.title, []).append(issue.id)
    return {title: ids[0] for title, ids in counts.items() if len(ids) == 1}


def with_table_rows(issues, rows: list[TableRow]):
    """Tasks a row restates get the row, and its 完成时限 joins a deadline the notice did not print as a field."""
    by_issue = {row.issue: row for row in rows if row.issue}
    result = []
    for issue in issues:
        row = by_issue.get(issue.id)
        if row is None:
            result.append(issue)
            continue
        deadline, sources = issue.deadline, dict(issue.field_sources)
        printed = "deadline" in sources and sources["deadline"].via != "text"
        if row.completion and not printed:
            milestones = tuple(sorted(set(deadline.milestones) | {row.completion}))
            text = "；".join(t for t in (deadline.text, f"附表：{row.time}") if t)
            deadline = Deadline(text, milestones[-1], KIND_DATE, milestones)
            if "deadline" not in sources:
                sources["deadline"] = FieldSource(row.line_start, row.line_end, "table")
        result.append(replace(issue, table_row=row, deadline=deadline, field_sources=sources))
    return result
