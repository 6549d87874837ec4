"""Summarise how completely each notice parsed: items, field coverage, warnings."""
from __future__ import annotations

from .model.records import FIELD_NAMES_ZH, FIELD_ORDER
from .notices.process import NoticeResult

REPORT_FIELDS = ("title",) + FIELD_ORDER


def field_coverage(result: NoticeResult) -> dict[str, float]:
    """Share of records (leaf items: sub-tasks count, their parents do not) with each field."""
    parents = {issue.parent for issue in result.issues if issue.parent}
    leaves = [issue for issue in result.issues if issue.id not in parents]
    coverage = {}
    for key in REPORT_FIELDS:
        filled = 0
        for issue in leaves:
            value = getattr(issue, key)
            filled += bool(value.text if key == "deadline" else value)
        coverage[key] = filled / len(leaves) if leaves else 0.0
    dated = sum(1 for issue in leaves if issue.deadline.kind != "unknown")
    coverage["deadline_normalised"] = dated / len(leaves) if leaves else 0.0
    return coverage


def notice_report(result: NoticeResult, show_warnings: bool = True) -> str:
    notice = result.notice
    lines = [f"{notice.id}  {notice.title}", f"  原文 source: {result.raw_display}"]
    for lst in notice.lists:
        numbering = "分节编号 per-section" if lst.numbering == "per-section" else "连续编号 continuous"
        lines.append(f"  清单 list {lst.index}: {lst.title or '（无标题）'} — {lst.item_count} 项 items, "
                     f"{lst.record_count} 条记录 records, {numbering}, 第 {lst.line_start}–{lst.line_end} 行")
    lines.append(f"  记录合计 records: {len(result.issues)}")
    coverage = field_coverage(result)
    cells = [f"{FIELD_NAMES_ZH.get(k, '时限可解析')} {k}: {v:.0%}" for k, v in coverage.items()]
    lines.append("  字段填充率 fields filled: " + "; ".join(cells))
    lines.append(f"  警告 warnings: {len(result.warnings)}")
    if show_warnings:
        lines.extend(f"    {problem}" for problem in result.warnings)
    return "\n".join(lines)
