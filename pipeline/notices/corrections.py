"""Editors' corrections: fix a parsed field without touching the raw notice.

content/notices/<id>/corrections.yml is a list of entries

    - item: l1-5            # the item id within the notice (see issues.json)
      field: deadline       # one of CORRECTABLE
      value: 2019年3月底前   # the corrected value (a list for unit fields)
      was: 20193月底前       # optional: the parsed value being replaced
      reason: 原文缺“年”字    # why; shown on the site

They are applied after every parse, so they survive re-parsing.  An entry
that matches no item or field, or whose `was` no longer matches, stops the
build: a silent stale correction would publish something nobody checked.
"""
from __future__ import annotations

from pathlib import Path

from ..inputs.yamlio import LineList, describe, load_yaml
from ..model.records import FIELD_NAMES_ZH, UNIT_FIELDS, Correction, Person
from ..problems import Diagnostics
from .drafts import Draft, FieldValue
from .names import Name, split_names
from .source import squash_spaces

CORRECTABLE = ("title", "problem", "section", "targets", "measures", "leaders", "lead_units",
               "cooperating_units", "responsible_units", "responsible_persons", "deadline")
ENTRY_KEYS = {"item", "field", "value", "was", "reason"}


def load_corrections(path: Path, display: str, diag: Diagnostics) -> list[dict]:
    if not path.exists():
        return []
    data = load_yaml(path, display)
    if data is None:
        return []
    if not isinstance(data, list):
        diag.error("correction.not-a-list", display, 1, "corrections.yml 应为列表，每条以“- item:”开头（expected a list of entries）。")
        return []
    entries = []
    for index, entry in enumerate(data):
        line = data.line_of(index) if isinstance(data, LineList) else None
        if not isinstance(entry, dict):
            diag.error("correction.not-a-mapping", display, line, "每条更正应包含 item、field、value、reason（expected a mapping）。")
            continue
        missing = [k for k in ("item", "field", "value", "reason") if k not in entry]
        unknown = sorted(set(entry) - ENTRY_KEYS)
        if missing:
            diag.error("correction.missing-key", display, line, f"更正缺少：{'、'.join(missing)}（missing keys）。", missing[0])
            continue
        if unknown:
            diag.error("correction.unknown-key", display, entry.line_of(unknown[0]),
                       f"未知的键“{unknown[0]}”（unknown key）：可用 {', '.join(sorted(ENTRY_KEYS))}。", unknown[0])
            continue
        if entry["field"] not in CORRECTABLE:
            diag.error("correction.unknown-field", display, entry.line_of("field"),
                       f"不能更正字段“{entry['field']}”（unknown field）：可更正 {', '.join(CORRECTABLE)}。", "field")
            continue
        entries.append({**entry, "line": line, "file": display})
    return entries


def apply_corrections(drafts: list[Draft], entries: list[dict], diag: Diagnostics) -> None:
    by_id = {draft.local_id: draft for draft in drafts}
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        target = (str(entry["item"]), entry["field"])
        if target in seen:
            diag.error("correction.twice", entry["file"], entry["line"],
                       f"条目 {target[0]} 的“{target[1]}”已在第 {seen[target]} 行更正过，不能更正两次（corrected twice）。",
                       target[1])
            continue
        seen[target] = entry["line"]
        draft = by_id.get(target[0])
        if draft is None:
            examples = "、".join(d.local_id for d in drafts[:3])
            diag.error("correction.no-match", entry["file"], entry["line"],
                       f"更正对应的条目“{entry['item']}”不存在（correction matches no item）。"
                       f"条目编号是 issues.json 中 id 的最后一段，例如 {examples}；可运行 make report 或查看 issues.csv。", "item")
            continue
        _apply(draft, entry, diag)


def _current_text(draft: Draft, key: str) -> str | None:
    if key == "title":
        return draft.title.value if draft.title else None
    if key == "problem":
        return draft.problem.value
    if key == "section":
        return draft.section
    value = draft.fields.get(key)
    if value is None:
        return None
    if isinstance(value.value, list):
        return "、".join(v.printed if isinstance(v, Name) else v.text if isinstance(v, Person) else str(v)
                        for v in value.value)
    return value.value


def _apply(draft: Draft, entry: dict, diag: Diagnostics) -> None:
    key, value, file, line = entry["field"], entry["value"], entry["file"], entry["line"]
    if "was" in entry and entry["was"] is not None:
        current = _current_text(draft, key)
        if str(entry["was"]).strip() != (current or ""):
            diag.error("correction.stale", file, line,
                       f"更正已过时：条目 {draft.local_id} 的“{FIELD_NAMES_ZH.get(key, key)}”现在是“{current}”，"
                       f"不是 was 中写的“{entry['was']}”。请核对后更新或删除这条更正（stale correction）。", key)
            return
    converted = _convert(key, value, file, line, diag)
    if converted is _INVALID:
        return
    corrected = FieldValue(converted, None, "correction", f"{file}:{line}")
    if key == "title":
        draft.title = corrected
    elif key == "problem":
        draft.problem = corrected
    elif key == "section":
        draft.section = converted
    else:
        draft.fields[key] = corrected
    draft.corrections.append(Correction(key, str(entry["reason"]), file, line))


_INVALID = object()


def _convert(key: str, value, file: str, line: int | None, diag: Diagnostics):
    if key in UNIT_FIELDS or key == "leaders":
        if isinstance(value, str) and value.strip():
            return names_from_correction(value)
        if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
            return names_from_correction(value)
    elif key == "measures":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v.strip() for v in value]
        if isinstance(value, str):
            return [value.strip()]
    elif key == "responsible_persons":
        if isinstance(value, str):
            return [Person("责任人", value.strip())]
        if isinstance(value, list) and all(isinstance(v, dict) and "text" in v for v in value):
            return [Person(str(v.get("label", "责任人")), str(v["text"])) for v in value]
    elif isinstance(value, str) or value is None and key in ("title", "section", "targets", "deadline"):
        return value.strip() if isinstance(value, str) else None
    expected = "非空的名称列表或文本" if key in UNIT_FIELDS or key == "leaders" else "文本列表" if key == "measures" else "文本"
    diag.error("correction.wrong-type", file, line,
               f"“{key}”的 value 应为{expected}（wrong type; dates and numbers need quotes），实际是：{describe(value)}。", key)
    return _INVALID



def names_from_correction(value) -> list[Name]:
    """A corrected unit list: a YAML list of names, or text split like the notice."""
    if isinstance(value, str):
        return split_names(value)
    return [Name(squash_spaces(str(v))) for v in value]
