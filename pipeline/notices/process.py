"""The stages of one notice, in order, written once.

    read and repair the raw text (source) → what the text states of itself
    (metadata) → the task lists (a layout: parser) → drafts → editors'
    corrections → records (finish) → checks that nothing was lost (checks)

`process` runs them for a notice in content/ (inputs/notices.py supplies its
checked meta.yml and corrections.yml entries) and for a lone text file an
editor wants to try (`python -m pipeline parse`), which has no meta.yml yet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model.records import Issue, ListSummary, Notice, StatedPeriod, NoticeRegion
from ..problems import Diagnostics, Problem, ProblemList, error
from .checks import (
    check_counts, check_deadlines, check_fields, check_lists_match_meta, check_names, check_numbering, effective_declared,
)
from .corrections import apply_corrections
from .drafts import build_drafts
from .finish import finish
from .metadata import NoticeMeta, attach_sources, extract_metadata
from .names import AliasTable
from .parsed import ParsedNotice
from .parser import parse_lines
from .source import Line, clean_lines, read_raw_lines
from .structure import page_width
from .task_table import match_rows, table_rows, unique_titles, with_table_rows

# The layouts a notice may be printed in, tried in order; the first that finds a task list wins.
LAYOUTS = (parse_lines,)


@dataclass
class NoticeResult(ProblemList):
    """One notice after every stage: its published records and what was found on the way."""

    notice: Notice
    issues: list[Issue]
    meta: NoticeMeta
    parsed: ParsedNotice | None  # the parse tree; None in load_content's results unless parse_trees=True
    raw_path: Path
    raw_display: str
    raw_lines: list[str]  # the raw file's lines, numbered as in every `source`
    problems: list[Problem] = field(default_factory=list)


def process(raw_path: Path, raw_display: str, meta: NoticeMeta | None, aliases: AliasTable,
            corrections: list = (), diag: Diagnostics | None = None) -> NoticeResult:
    """Every stage for one notice; content problems are collected in the result's `problems`.

    Without `meta` (a lone file) the metadata is what the text states, and
    the lists are those found.  `diag` may hold what was found reading the
    notice's other files, so the result lists those problems first.
    """
    raw_lines = numbered_lines(read_raw_lines(raw_path, raw_display))
    lines = clean_lines(raw_lines)
    stated = extract_metadata(lines)
    meta = meta or draft_meta(stated, raw_display)
    attach_sources(meta, stated)
    diag = diag or Diagnostics()
    parsed = parse(raw_display, lines, diag)
    if meta.lists is None:
        meta.lists = [{"title": lst.title, "declared_count": None, "line": None} for lst in parsed.lists]
    check_lists_match_meta(raw_display, meta, parsed, diag)
    for position, parsed_list in enumerate(parsed.lists):
        if position < len(meta.lists) and meta.lists[position]["title"]:
            parsed_list.title = meta.lists[position]["title"]
    drafts = build_drafts(meta, parsed, page_width(lines), diag)
    apply_corrections(drafts, corrections, diag)
    issues = [finish(draft, meta, aliases, raw_display) for draft in drafts]
    rows = match_rows(table_rows(lines), unique_titles(issues))
    issues = with_table_rows(issues, rows)
    for parsed_list in parsed.lists:
        check_numbering(raw_display, parsed_list, diag)
    check_counts(raw_display, meta, parsed, diag)
    check_fields(raw_display, issues, diag)
    check_names(raw_display, issues, diag)
    check_deadlines(raw_display, meta, issues, diag)
    notice = notice_record(meta, parsed, issues, raw_display, len(diag.warnings), stated.get("period"), rows)
    return NoticeResult(notice, issues, meta, parsed, raw_path, raw_display, raw_lines, diag.problems)


def process_raw_file(path: Path, display: str | None = None, aliases: AliasTable | None = None) -> NoticeResult:
    """A lone text file, with the metadata its text states (`python -m pipeline parse`)."""
    return process(path, display or str(path), None, aliases or AliasTable())


def numbered_lines(lines: list[str]) -> list[str]:
    """A final newline ends the last line; it does not start another."""
    return lines[:-1] if lines and lines[-1] == "" else lines


def parse(display: str, lines: list[Line], diag: Diagnostics) -> ParsedNotice:
    for layout in LAYOUTS:
        parsed = layout(display, lines, diag)
        if parsed.lists:
            return parsed
    raise error("notice.no-layout", display, None,
                "没有识别出任何整改任务清单：未找到带“牵头单位/责任单位/整改时限”等字段的编号条目"
                "（no known layout: no numbered items with fields such as 牵头单位 or 整改时限）。"
                "请确认这是整改方案或攻坚实施方案的全文。")


def draft_meta(stated: dict, display: str, notice_id: str = "draft") -> NoticeMeta:
    """Metadata as the text states it, for a notice that has no meta.yml yet."""

    def value(key, default=None):
        return stated[key].value if key in stated else default

    return NoticeMeta(
        id=notice_id, title=value("title", ""), issuers=value("issuers", []), doc_number=value("doc_number"),
        date_issued=value("date_issued"), date_published=value("date_published"),
        date_printed=value("date_printed"), region=NoticeRegion(None, None, None, notice_id),
        kind=value("kind", "rectification_plan"), lists=None, sha256="", original_file=None, notes=None, source_url=None,
        meta_file=display,
    )


def notice_record(meta: NoticeMeta, parsed: ParsedNotice, issues: list[Issue], raw_display: str,
                  warning_count: int, period=None, rows=()) -> Notice:
    """The notice as published: its metadata, where each field is stated, and a summary of its lists.

    `period`: the campaign period the text states (metadata.Extracted), if any.
    """
    return Notice(
        id=meta.id, title=meta.title, issuers=tuple(meta.issuers), doc_number=meta.doc_number,
        date_issued=meta.date_issued, date_published=meta.date_published, date_printed=meta.date_printed,
        region=meta.region, kind=meta.kind,
        lists=tuple(_list_summary(meta, parsed, raw_display)), issue_count=len(issues), sha256=meta.sha256,
        original_file=meta.original_file, notes=meta.notes, metadata_sources=dict(meta.sources),
        warning_count=warning_count, source_url=meta.source_url,
        period=StatedPeriod(period.value, *period.lines) if period else None, table_rows=tuple(rows),
    )


def _list_summary(meta: NoticeMeta, parsed: ParsedNotice, raw_display: str) -> list[ListSummary]:
    summary = []
    for position, parsed_list in enumerate(parsed.lists):
        declared = effective_declared(raw_display, meta, position, parsed_list)
        summary.append(ListSummary(
            index=parsed_list.index,
            title=parsed_list.title,
            item_count=len([i for i in parsed_list.items if i.kind == "item"]),
            section_task_count=len([i for i in parsed_list.items if i.kind == "section-task"]),
            record_count=sum(len(list(i.all_items())) for i in parsed_list.items),
            declared_count=declared[0] if declared else None,
            declared_line=declared[2] if declared else None,
            declared_file=declared[1] if declared else None,
            numbering="per-section" if parsed_list.restarts else "continuous",
            line_start=parsed_list.line_start,
            line_end=parsed_list.line_end,
        ))
    return summary
