"""Nothing lost: numbering, declared counts, missing fields, broken names.

Errors (a gap or repeat in the numbering, a count that differs from the one
the notice declares) stop the build; missing fields and suspicious names are
warnings with the file and line to look at.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model.deadlines import impossible_dates
from ..model.records import FIELD_NAMES_ZH, FIELD_ORDER, UNIT_FIELDS, Issue
from ..problems import Diagnostics
from .metadata import NoticeMeta
from .names import name_problem
from .parser import ParsedItem, ParsedList, ParsedNotice

_DECLARED = [
    re.compile(r"共(?:有)?\s*(\d+)\s*[项个条]"),
    re.compile(r"(?:任务|问题)\s*(\d+)\s*[项个条]"),
]
_DECLARED_TOTAL = re.compile(r"(?:问题|任务)\s*共(?:有)?\s*(\d+)\s*项")


def declared_count(parsed_list: ParsedList) -> tuple[int, int] | None:
    """The count the list's introduction states (…共38项…), with its line."""
    for pattern in _DECLARED:
        for line_no, text in parsed_list.intro.parts:
            match = pattern.search(text.replace(" ", ""))
            if match:
                return int(match.group(1)), line_no
    return None


def effective_declared(file: str, meta: NoticeMeta | None, position: int,
                       parsed_list: ParsedList) -> tuple[int, str, int | None] | None:
    """The count a list declares: meta.yml's `declared_count` if set, else the text's (共38项).

    Returns (count, file, line) so a mismatch can point at the declaration.
    """
    override = meta.lists[position]["declared_count"] if meta and position < len(meta.lists) else None
    if override is not None:
        return override, meta.meta_file, meta.lists[position]["line"]
    found = declared_count(parsed_list)
    return (found[0], file, found[1]) if found else None


def declared_total(parsed: ParsedNotice) -> tuple[int, int] | None:
    """A total for the whole notice stated before its first list (问题共有35项)."""
    if not parsed.lists:
        return None
    first = parsed.lists[0].line_start
    for line in parsed.lines:
        if line.no >= first:
            break
        match = _DECLARED_TOTAL.search(line.text.replace(" ", ""))
        if match:
            return int(match.group(1)), line.no
    return None


def check_numbering(file: str, parsed_list: ParsedList, diag: Diagnostics) -> None:
    """Items run 1..N (per section where the notice restarts), sub-tasks 1..k."""
    runs: list[list[ParsedItem]] = []
    for item in parsed_list.items:
        if item.kind == "section-task":
            continue
        if not runs or item.restarted:
            runs.append([])
        runs[-1].append(item)
    for run in runs:
        _check_run(file, parsed_list, run, "项", diag)
    for item in parsed_list.items:
        if item.children:
            _check_run(file, parsed_list, item.children, f"项（第{item.numeral}项的子任务）", diag)


def _check_run(file: str, parsed_list: ParsedList, run: list[ParsedItem], noun: str, diag: Diagnostics) -> None:
    expected = 1
    where = f"清单{parsed_list.index}" + (f"“{run[0].sections[-1]}”" if parsed_list.restarts and run and run[0].sections else "")
    for item in run:
        if item.number == expected - 1:
            diag.error("list.duplicate-number", file, item.line, f"{where}编号重复：第 {item.number} {noun}出现了两次（duplicate number）。"
                       "请核对原文：若原文如此，需在 meta.yml 的 notes 中说明并请开发者处理；若是导入时多复制了一段，请重新导入原文。")
        elif item.number > expected:
            missing = "、".join(str(n) for n in range(expected, item.number))
            diag.error("list.numbering-gap", file, item.line,
                       f"{where}编号不连续：缺少第 {missing} {noun}，第 {expected - 1} {noun}之后直接是第 {item.number} {noun}"
                       f"（numbering gap: {missing} missing）。可能是原文缺失，或该条的编号行被排版拆断、并入了上一条。"
                       "请对照原始文件核对；原文本身缺号时请告知开发者，不要修改 notice.txt。")
        expected = max(expected, item.number + 1)


def check_counts(file: str, meta: NoticeMeta, parsed: ParsedNotice, diag: Diagnostics) -> None:
    for position, parsed_list in enumerate(parsed.lists):
        found = len([i for i in parsed_list.items if i.kind == "item"])
        declared = effective_declared(file, meta, position, parsed_list)
        if declared and declared[0] != found:
            diag.error("list.count-mismatch", declared[1], declared[2],
                       f"清单{parsed_list.index}声明共 {declared[0]} 项，但解析出 {found} 项（declared {declared[0]}, parsed {found}）。"
                       "请核对编号是否被识别，或是否有条目缺失。")
    total = declared_total(parsed)
    if total:
        found = sum(len([i for i in lst.items if i.kind == "item"]) for lst in parsed.lists)
        if total[0] != found:
            diag.error("list.total-mismatch", file, total[1], f"通知声明共 {total[0]} 项，但各清单合计 {found} 项（declared total {total[0]}, parsed {found}）。")


def check_lists_match_meta(file: str, meta: NoticeMeta, parsed: ParsedNotice, diag: Diagnostics) -> None:
    if len(meta.lists) != len(parsed.lists):
        found = "；".join(f"{lst.index}. {lst.title or '（无标题）'}（第{lst.line_start}行）" for lst in parsed.lists)
        diag.error("meta.lists-mismatch", meta.meta_file, meta.key_lines.get("lists"),
                   f"meta.yml 的 lists 有 {len(meta.lists)} 个清单，但原文中识别出 {len(parsed.lists)} 个：{found or '无'}"
                   "（lists in meta.yml do not match the text）。")


def check_fields(file: str, issues: list[Issue], diag: Diagnostics) -> None:
    """Warn where an item lacks a field most items of its list have."""
    by_list: dict[int, list[Issue]] = {}
    for issue in issues:
        if not any(other.parent == issue.id for other in issues):
            by_list.setdefault(issue.list_index, []).append(issue)
    for members in by_list.values():
        present = Counter(key for issue in members for key in FIELD_ORDER if _has(issue, key))
        expected = [key for key in FIELD_ORDER if present[key] * 2 >= len(members)]
        for issue in members:
            for key in expected:
                if not _has(issue, key):
                    diag.warn("list.missing-field", file, issue.source.line_start,
                              f"第 {issue.seq} 项（{issue.id}）缺少“{FIELD_NAMES_ZH[key]}”（missing field {key}）。", key)


def _has(issue: Issue, key: str) -> bool:
    value = getattr(issue, key)
    if key == "deadline":  # printed as a field; a deadline read from the task's text is not one
        return bool(value.text) and not issue.deadline_stated_in_text
    return bool(value)


def check_deadlines(file: str, meta: NoticeMeta, issues: list[Issue], diag: Diagnostics) -> None:
    """Warn where a deadline names a day that does not exist: it is published, but undated."""
    for issue in issues:
        texts = [issue.deadline.text] + [b.deadline.text for b in issue.blocks if b.deadline]
        source = issue.field_sources.get("deadline")
        line = (source.line_start if source else None) or issue.source.line_start
        for wrong in {w for text in texts for w in impossible_dates(text, meta.year)}:
            diag.warn("deadline.impossible-date", file, line,
                      f"第 {issue.seq} 项（{issue.id}）的整改时限“{wrong}”不是存在的日期，该项时限按“时限不明”处理。"
                      "请核对原文；确是原文笔误时，可用 corrections.yml 更正（impossible date）。", "deadline")


def check_names(file: str, issues: list[Issue], diag: Diagnostics) -> None:
    for issue in issues:
        names = [(u.printed, key) for key in UNIT_FIELDS for u in getattr(issue, key)]
        names += [(n, "leaders") for n in issue.leaders]
        for name, key in names:
            problem = name_problem(name)
            source = issue.field_sources.get(key)
            line = (source.line_start if source else None) or issue.source.line_start
            if problem:
                diag.warn("names.broken", file, line, f"“{FIELD_NAMES_ZH[key]}”中的名称“{name}”看起来不完整：{problem}。", key)
