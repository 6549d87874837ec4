"""content/notices/<id>/corrections.yml: editors' fixes of parsed fields, checked and converted.

The file is a list of entries

    - item: l1-5            # the item id within the notice (the last part of its id in issues.json)
      field: deadline       # one of CORRECTABLE
      value: 2019年3月底前   # the corrected value (a list, or text split like the notice, for unit fields)
      was: 20193月底前       # optional: the parsed value being replaced
      reason: 原文缺“年”字    # why; shown on the site
      date: 2026-12-02      # the day the correction was made; listed on the 更正记录 page

Each entry is checked here (every mistake of every entry reported at once)
and its value converted to what the field holds; notices/corrections.py
applies the entries to the drafts of every parse, so they survive re-parsing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.records import UNIT_FIELDS, Person
from ..notices.names import Name, split_names
from ..notices.source import squash_spaces
from ..problems import Diagnostics, collecting
from .yamlio import LineList, check_list, check_text, describe, load_yaml

CORRECTABLE = ("title", "problem", "section", "targets", "measures", "leaders", "lead_units",
               "cooperating_units", "responsible_units", "responsible_persons", "deadline")
REQUIRED_KEYS = ("item", "field", "value", "reason", "date")
ENTRY_KEYS = {*REQUIRED_KEYS, "was"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class CorrectionEntry:
    """One checked entry: `value` is already what the field holds (names, measures, persons or text)."""

    item: str
    field: str
    value: object
    was: str | None
    reason: str
    date: str
    file: str
    line: int | None


def load_corrections(path: Path, display: str, diag: Diagnostics) -> list[CorrectionEntry]:
    """The usable entries of a notice's corrections.yml; a missing file is no corrections."""
    if not path.exists():
        return []
    data = load_yaml(path, display)
    if data is None:
        return []
    if not isinstance(data, list):
        diag.error("correction.not-a-list", display, 1,
                   "corrections.yml 应为列表，每条以“- item:”开头（expected a list of entries）。")
        return []
    entries = []
    for index, entry in enumerate(data):
        checked = _entry(entry, data.line_of(index) if isinstance(data, LineList) else None, display, diag)
        if checked is not None:
            entries.append(checked)
    return entries


def _entry(entry, line: int | None, display: str, diag: Diagnostics) -> CorrectionEntry | None:
    if not isinstance(entry, dict):
        diag.error("correction.not-a-mapping", display, line,
                   "每条更正应包含 item、field、value、reason（expected a mapping）。")
        return None
    found = len(diag.errors)
    for key in sorted(set(entry) - ENTRY_KEYS, key=str):
        diag.error("correction.unknown-key", display, entry.line_of(key),
                   f"未知的键“{key}”（unknown key）：可用 {', '.join(sorted(ENTRY_KEYS))}。", str(key))
    missing = [k for k in REQUIRED_KEYS if k not in entry]
    if missing:
        diag.error("correction.missing-key", display, line, f"更正缺少：{'、'.join(missing)}（missing keys）。", missing[0])
    field = entry.get("field")
    if "field" in entry and field not in CORRECTABLE:
        diag.error("correction.unknown-field", display, entry.line_of("field"),
                   f"不能更正字段“{field}”（unknown field）：可更正 {', '.join(CORRECTABLE)}。", "field")
    elif "value" in entry and (value := convert(field, entry["value"])) is INVALID:
        diag.error("correction.wrong-type", display, line,
                   f"“{field}”的 value 应为{_expected(field)}（wrong type; dates and numbers need quotes），"
                   f"实际是：{describe(entry['value'])}。", field)
    elif "value" in entry:
        with collecting(diag):
            _check_texts(entry["value"], display, entry.line_of("value"))
    if "reason" in entry:
        reason = entry["reason"]
        if not isinstance(reason, str) or not reason.strip():
            diag.error("correction.bad-reason", display, entry.line_of("reason"),
                       f"reason 应写明更正的理由（会显示在网站上），实际是：{describe(reason)}（reason must be text）。", "reason")
        else:
            with collecting(diag):
                check_text(reason, display, entry.line_of("reason"), "reason", limit=500)
    date = _correction_date(entry["date"], display, entry.line_of("date"), diag) if "date" in entry else None
    if len(diag.errors) > found:
        return None
    was = entry.get("was")
    return CorrectionEntry(str(entry["item"]), field, value, None if was is None else str(was).strip(),
                           entry["reason"].strip(), date, display, line)


def _correction_date(value, display: str, line: int | None, diag: Diagnostics) -> str | None:
    """The day the correction was made: readers of the 更正记录 page see when a value changed."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and DAY.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    diag.error("correction.bad-date", display, line,
               f"date 应为更正的日期，写到日，如 2026-12-02（expected the day of the correction），实际是：{describe(value)}。",
               "date")
    return None


def _check_texts(value, display: str, line: int | None) -> None:
    """No control or invisible character and no runaway length in a corrected value, however nested."""
    if isinstance(value, str):
        check_text(value, display, line, "value", limit=5000)
    elif isinstance(value, list):
        check_list(value, display, line, "value", "列表（list）", limit=200)
        for item in value:
            _check_texts(item, display, line)
    elif isinstance(value, dict):
        for item in value.values():
            _check_texts(item, display, line)


INVALID = object()


def convert(key: str, value):
    """The YAML value as the field holds it, or INVALID."""
    if key in UNIT_FIELDS or key == "leaders":
        if isinstance(value, str) and value.strip():
            return split_names(value)
        if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
            return [Name(squash_spaces(v)) for v in value]
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
    elif isinstance(value, str):
        return value.strip()
    elif value is None and key in ("title", "section", "targets", "deadline"):
        return None
    return INVALID


def _expected(key: str) -> str:
    if key in UNIT_FIELDS or key == "leaders":
        return "非空的名称列表或文本"
    return "文本列表" if key == "measures" else "文本"
