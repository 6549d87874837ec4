"""Run the stages for one notice: load → parse → model → correct → validate.

`process_notice` works on a folder in content/notices (raw text, meta.yml,
optional corrections.yml); `process_raw_file` on a lone text file, so an
editor can try a new notice before adding it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..notices.corrections import apply_corrections, load_corrections
from ..problems import Diagnostics, Problem, ProblemList, error
from ..notices.metadata import NoticeMeta, attach_sources, extract_metadata, load_meta, sha256_of
from ..notices.drafts import Issue, build_drafts, finish
from ..notices.parser import ParsedNotice, parse_lines
from ..notices.source import Line, clean_lines, read_raw_lines
from ..notices.structure import page_width
from ..notices.names import AliasTable
from ..notices.checks import check_counts, check_fields, check_lists_match_meta, check_names, check_numbering, effective_declared

RAW_NAME = "notice.txt"
META_NAME = "meta.yml"
CORRECTIONS_NAME = "corrections.yml"


@dataclass
class NoticeResult(ProblemList):
    meta: NoticeMeta
    parsed: ParsedNotice
    issues: list[Issue]
    raw_path: Path
    raw_display: str
    raw_lines: list[str]  # the raw file's lines, numbered as in every `source`
    problems: list[Problem] = field(default_factory=list)


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def process_notice(folder: Path, root: Path, regions: dict, aliases: AliasTable) -> NoticeResult:
    """One notice folder to records; content errors are collected in `problems`."""
    meta_display = relative(folder / META_NAME, root)
    raw_path = folder / RAW_NAME
    raw_display = relative(raw_path, root)
    if not (folder / META_NAME).exists():
        raise error(meta_display, None, f"缺少 {META_NAME}：每个通知文件夹需要元数据文件（missing meta.yml）。"
                    "可运行 python -m pipeline init 原文.txt 生成草稿。")
    meta = load_meta(folder / META_NAME, meta_display, regions)
    if not raw_path.exists():
        raise error(raw_display, None, f"缺少原文 {RAW_NAME}（missing raw notice text）。")
    if folder.name != meta.id:
        raise error(meta_display, None, f"文件夹名“{folder.name}”应与 id“{meta.id}”相同（folder name must equal id）。")
    actual = sha256_of(raw_path)
    if actual != meta.sha256:
        raise error(meta_display, meta.key_lines.get("sha256"),
                    f"{RAW_NAME} 与 meta.yml 中的 sha256 不符：原文是证据，不应修改，请用 corrections.yml 更正解析结果。"
                    f"若确需替换原文，请把 sha256 改为 {actual}（raw text changed）。")
    raw_lines = numbered_lines(read_raw_lines(raw_path, raw_display))
    lines = clean_lines(raw_lines)
    attach_sources(meta, extract_metadata(lines))
    diag = Diagnostics()
    parsed = _parse(raw_display, lines, diag)
    check_lists_match_meta(raw_display, meta, parsed, diag)
    for position, parsed_list in enumerate(parsed.lists):
        if position < len(meta.lists) and meta.lists[position]["title"]:
            parsed_list.title = meta.lists[position]["title"]
    drafts = build_drafts(meta, parsed, page_width(lines), diag)
    corrections_path = folder / CORRECTIONS_NAME
    apply_corrections(drafts, load_corrections(corrections_path, relative(corrections_path, root), diag), diag)
    issues = [finish(draft, meta, aliases, raw_display) for draft in drafts]
    _validate(raw_display, meta, parsed, issues, diag)
    return NoticeResult(meta, parsed, issues, raw_path, raw_display, raw_lines, diag.problems)


def numbered_lines(lines: list[str]) -> list[str]:
    """A final newline ends the last line; it does not start another."""
    return lines[:-1] if lines and lines[-1] == "" else lines


def _parse(display: str, lines: list[Line], diag: Diagnostics) -> ParsedNotice:
    parsed = parse_lines(display, lines, diag)
    if not parsed.lists:
        raise error(display, None,
                    "没有识别出任何整改任务清单：未找到带“牵头单位/责任单位/整改时限”等字段的编号条目"
                    "（no known layout: no numbered items with fields such as 牵头单位 or 整改时限）。"
                    "请确认这是整改方案或攻坚实施方案的全文。")
    return parsed


def _validate(display: str, meta: NoticeMeta, parsed: ParsedNotice, issues: list[Issue], diag: Diagnostics) -> None:
    for parsed_list in parsed.lists:
        check_numbering(display, parsed_list, diag)
    check_counts(display, meta, parsed, diag)
    check_fields(display, issues, diag)
    check_names(display, issues, diag)


def draft_meta(lines: list[Line], display: str, notice_id: str = "draft") -> NoticeMeta:
    """Metadata as the text states it, for a notice that has no meta.yml yet."""
    found = extract_metadata(lines)

    def value(key, default=None):
        return found[key].value if key in found else default

    meta = NoticeMeta(
        id=notice_id, title=value("title", ""), issuers=value("issuers", []), doc_number=value("doc_number"),
        date_issued=value("date_issued"), date_published=value("date_published"),
        date_printed=value("date_printed"), region={"province": None, "city": None, "county": None, "id": notice_id},
        kind=value("kind", "rectification_plan"), lists=[], sha256="", original_file=None, notes=None,
        meta_file=display,
    )
    attach_sources(meta, found)
    return meta


def process_raw_file(path: Path, display: str | None = None, aliases: AliasTable | None = None) -> NoticeResult:
    """Parse a lone text file with the metadata its text states."""
    display = display or str(path)
    raw_lines = numbered_lines(read_raw_lines(path, display))
    lines = clean_lines(raw_lines)
    meta = draft_meta(lines, display)
    diag = Diagnostics()
    parsed = _parse(display, lines, diag)
    meta.lists = [{"title": lst.title, "declared_count": None, "line": None} for lst in parsed.lists]
    drafts = build_drafts(meta, parsed, page_width(lines), diag)
    issues = [finish(draft, meta, aliases or AliasTable(), display) for draft in drafts]
    _validate(display, meta, parsed, issues, diag)
    return NoticeResult(meta, parsed, issues, path, display, raw_lines, diag.problems)


def list_summary(result: NoticeResult) -> list[dict]:
    """Lists of a notice as published in notices.json."""
    summary = []
    for position, parsed_list in enumerate(result.parsed.lists):
        declared = effective_declared(result.raw_display, result.meta, position, parsed_list)
        summary.append({
            "index": parsed_list.index,
            "title": parsed_list.title,
            "item_count": len([i for i in parsed_list.items if i.kind == "item"]),
            "section_task_count": len([i for i in parsed_list.items if i.kind == "section-task"]),
            "record_count": sum(len(list(i.all_items())) for i in parsed_list.items),
            "declared_count": declared[0] if declared else None,
            "declared_line": declared[2] if declared else None,
            "declared_file": declared[1] if declared else None,
            "numbering": "per-section" if parsed_list.restarts else "continuous",
            "line_start": parsed_list.line_start,
            "line_end": parsed_list.line_end,
        })
    return summary
