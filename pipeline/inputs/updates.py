"""content/updates/*.md: progress updates, one Markdown file with a YAML front matter each.

    ---
    items: [zhengzhou-2017-178-l1-1]   # the item ids it reports on (as in issues.json)
    date: 2026-11-20                    # the day of the report
    status: 销号公示中                   # one label of model/progress.py's PROGRESS
    publicity: {start: 2026-11-20, end: 2026-11-26, days: 7, department: 某某局, phone: "0371-00000000"}
    evidence: [{label: 验收意见, url: "https://…"}, {label: 照片, file: updates/files/a.jpg, sha256: …}]
    source_url: https://…               # the official publication, if any
    reason: …                           # why a status goes back (已销号 → 推进中)
    ---
    整改情况（Markdown）

This module checks each file on its own (every mistake reported at once);
update_checks.py then checks the updates against the items and each other.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3

from ..model.progress import PROGRESS, PROGRESS_BY_LABEL, Evidence, Publicity, days_between
from ..model.urls import ID_PATTERN
from ..problems import Diagnostics, collecting, error
from .yamlio import LineDict, as_day, check_list, check_text, describe, parse_yaml

REQUIRED = ("items", "date", "status")
OPTIONAL = ("title", "publicity", "evidence", "source_url", "reason")
PUBLICITY_KEYS = ("start", "end", "days", "department", "phone")
EVIDENCE_KEYS = ("label", "url", "file", "sha256")
TEXT_LIMIT = 20_000
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td"}
URL = re.compile(r"^https?://[^\s<>\"]+$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
STATUS_LIST = "、".join(label for _, label, _ in PROGRESS)
UNFINISHED = "【请填写】"  # left by `invoke new-update` where the editor must write; the build refuses it


@dataclass(frozen=True)
class UpdateFile:
    """One update file read and checked on its own; `lines` names the line of each key."""

    id: str
    file: str
    items: tuple[str, ...]
    date: str
    status: str
    title: str | None
    text: str
    html: str
    publicity: Publicity | None
    evidence: tuple[Evidence, ...]
    source_url: str | None
    reason: str | None
    lines: dict


def update_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.is_file() and p.name != "README.md") if folder.is_dir() else []


def read_update(path: Path, display: str, content_root: Path, diag: Diagnostics) -> UpdateFile | None:
    """The checked update in `path`, or None after recording every problem it has."""
    found = len(diag.errors)
    with collecting(diag):
        if not ID_PATTERN.match(path.stem):
            diag.error("update.bad-file-name", display, None,
                       f"文件名“{path.name}”只能用小写字母、数字和连字符，如 2026-11-20-zhengzhou-2017-178-l1-1.md"
                       "（file name: lowercase letters, digits and hyphens）：它是该进展的固定链接。")
        text = _read_text(path, display)
        front, body, body_line = split_front_matter(text, display)
        data = parse_yaml("\n" + front, display)  # the leading "---" line keeps the file's line numbers
        if not isinstance(data, LineDict):
            raise error("update.no-front-matter", display, 2,
                        "开头的 --- 与 --- 之间应是“键: 值”（expected keys such as items, date, status）。")
        update = _checked(path.stem, display, data, body, body_line, content_root, diag)
    return update if len(diag.errors) == found else None


def _read_text(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error("update.not-utf8", display, None, "不是 UTF-8 编码（not UTF-8）：请用 UTF-8 保存。") from None


def split_front_matter(text: str, display: str) -> tuple[str, str, int]:
    """(front matter, body, the body's first line) of a file that starts with a --- line."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        raise error("update.no-front-matter", display, 1,
                    "文件第一行应是 ---，其后是 items、date、status 等，再以 --- 结束（missing front matter）。")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise error("update.no-front-matter", display, 1, "开头的 --- 没有对应的结束行 ---（front matter not closed）。")


def _checked(update_id: str, display: str, data: LineDict, body: str, body_line: int, root: Path,
             diag: Diagnostics) -> UpdateFile | None:
    for key in sorted(set(data) - set(REQUIRED) - set(OPTIONAL), key=str):
        diag.error("update.unknown-key", display, data.line_of(key),
                   f"未知的键“{key}”（unknown key）：可用 {', '.join(REQUIRED + OPTIONAL)}。", str(key))
    for key in REQUIRED:
        if key not in data:
            diag.error("update.missing-key", display, 2, f"缺少“{key}”（missing key）：每条进展需要 items、date、status。", key)
    values = {}
    checks = {"items": _items, "date": _date, "status": _status, "title": _text, "publicity": _publicity,
              "evidence": lambda v, d, line, k: _evidence(v, d, line, root), "source_url": _url, "reason": _text}
    for key, check in checks.items():
        if key in data:
            with collecting(diag):
                values[key] = check(data[key], display, data.line_of(key), key)
    text = body.strip()
    if not text:
        diag.error("update.empty-text", display, body_line,
                   "结束行 --- 之后应写明整改进展或完成情况（the update's text is empty）。")
    elif UNFINISHED in text or UNFINISHED in str(data.get("title", "")):
        diag.error("update.unfinished", display, body_line,
                   f"还有“{UNFINISHED}”没有替换：请写明整改进展后再发布（the scaffold is not filled in）。")
    elif len(text) > TEXT_LIMIT:
        diag.error("update.text-too-long", display, body_line, f"正文有 {len(text)} 个字符，超过上限 {TEXT_LIMIT}（too long）。")
    with collecting(diag):
        check_text(text.replace("\n", " "), display, body_line, "正文", limit=TEXT_LIMIT)
    if any(key not in values for key in REQUIRED):
        return None
    return UpdateFile(update_id, display, values["items"], values["date"], values["status"], values.get("title"),
                      text, render_markdown(text), values.get("publicity"), values.get("evidence", ()),
                      values.get("source_url"), values.get("reason"),
                      {key: data.line_of(key) for key in data} | {"file": 1, "text": body_line})


def render_markdown(text: str) -> str:
    """Markdown to HTML an editor cannot break the page with: raw HTML, scripts and odd links are dropped."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def _items(value, display: str, line: int, key: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else check_list(value, display, line, key, "事项编号的列表（list of item ids）")
    if not values:
        raise error("update.no-items", display, line, "items 至少写一个事项编号（at least one item id）。", key)
    return tuple(check_text(v, display, line, key) for v in values)


def _date(value, display: str, line: int, key: str) -> str:
    return as_day(value, display, line, key, "update.bad-date", "2026-11-20")


def _status(value, display: str, line: int, key: str) -> str:
    if isinstance(value, str) and value.strip() in PROGRESS_BY_LABEL:
        return PROGRESS_BY_LABEL[value.strip()]
    raise error("update.unknown-status", display, line,
                f"status 应为以下之一：{STATUS_LIST}（unknown status），实际是：{describe(value)}。", key)


def _text(value, display: str, line: int, key: str) -> str:
    return check_text(value, display, line, key, limit=500)


def _url(value, display: str, line: int, key: str) -> str:
    text = check_text(value, display, line, key, limit=2000)
    if not URL.match(text):
        raise error("update.bad-url", display, line, f"“{key}”应为以 https:// 或 http:// 开头的网址（expected a URL），实际是：“{text}”。", key)
    return text


def _publicity(value, display: str, line: int, key: str) -> Publicity:
    if not isinstance(value, dict):
        raise error("update.bad-publicity", display, line,
                    "publicity 应包含 start、end（公示期起止日期），可加 days、department（受理部门）、phone（联系电话）。", key)
    unknown = sorted(set(value) - set(PUBLICITY_KEYS), key=str)
    if unknown:
        name = unknown[0]
        raise error("update.unknown-key", display, value.line_of(name),
                    f"publicity 中未知的键“{name}”（unknown key）：可用 {', '.join(PUBLICITY_KEYS)}。", str(name))
    for name in ("start", "end"):
        if name not in value:
            raise error("update.bad-publicity", display, line, f"publicity 缺少 {name}（公示期的起止日期）。", key)
    start, end = (_date(value[name], display, value.line_of(name), name) for name in ("start", "end"))
    if end < start:
        raise error("update.publicity-order", display, value.line_of("end"),
                    f"公示期结束日 {end} 早于开始日 {start}（the period ends before it starts）：请核对原文。", "end")
    counted = days_between(start, end)
    days = value.get("days", counted)
    if not isinstance(days, int) or isinstance(days, bool) or days != counted:
        raise error("update.publicity-days", display, value.line_of("days"),
                    f"days 写的是 {describe(days)}，但 {start} 至 {end} 共 {counted} 天（含首尾两天）（day count disagrees）："
                    "请核对原文的起止日期和天数。", "days")
    department = _text(value["department"], display, value.line_of("department"), "department") if "department" in value else None
    phone = _text(value["phone"], display, value.line_of("phone"), "phone") if "phone" in value else None
    return Publicity(start, end, counted, department, phone)


def _evidence(value, display: str, line: int, root: Path) -> tuple[Evidence, ...]:
    entries = check_list(value, display, line, "evidence", "列表（list）", limit=50)
    found = []
    for index, entry in enumerate(entries):
        where = entries.line_of(index)
        if not isinstance(entry, dict) or "label" not in entry or ("url" in entry) == ("file" in entry):
            raise error("update.bad-evidence", display, where,
                        "每条 evidence 需要 label，以及 url（网址）或 file（content/ 下的文件，加 sha256）之一。", "evidence")
        label = _text(entry["label"], display, where, "label")
        if "url" in entry:
            found.append(Evidence(label, url=_url(entry["url"], display, entry.line_of("url"), "url")))
        else:
            found.append(_evidence_file(entry, label, display, root))
    return tuple(found)


def _evidence_file(entry: dict, label: str, display: str, root: Path) -> Evidence:
    """A file under content/ with the sha256 the editor recorded, so a swapped file is noticed."""
    line = entry.line_of("file")
    name = check_text(entry["file"], display, line, "file")
    path = (root / name).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        raise error("update.evidence-missing", display, line,
                    f"找不到证明材料文件 content/{name}：file 写 content/ 之下的路径，如 updates/files/验收意见.pdf（file not found）。", "file")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    given = entry.get("sha256")
    if not isinstance(given, str) or not SHA256.match(given.strip()) or given.strip() != actual:
        raise error("update.evidence-changed", display, entry.line_of("sha256"),
                    f"sha256 应为该文件的校验值 {actual}（写 sha256: {actual}）；若已写，说明文件在记录后被改动过（checksum）。",
                    "sha256")
    return Evidence(label, file=path.relative_to(root.resolve()).as_posix(), sha256=actual)


def scaffold(item_ids: list[str], date: str) -> str:
    """A new update file for `invoke new-update`, with every optional key shown as a comment."""
    items = ", ".join(item_ids)
    return f"""---
# 整改进展（progress update）。写法见 content/README.md；status 可用：{STATUS_LIST}
items: [{items}]
date: {date}
status: 推进中
title: {UNFINISHED}（如：2026年11月整改进展）
# 整改完成情况公示时加上公示期（a completion notice's 公示期）：
# publicity:
#   start: {date}
#   end: {date}
#   days: 7
#   department: 受理部门
#   phone: "联系电话"
# evidence:              # 证明材料：网址，或放在 content/updates/files/ 下的文件（加 sha256）
#   - label: 验收意见
#     url: https://
# source_url: https://   # 官方发布的网址
# reason:                # 状态倒退（如已销号 → 推进中）时写明理由
---
{UNFINISHED}写明本期整改进展：做了什么、完成到什么程度、还差什么。
"""
