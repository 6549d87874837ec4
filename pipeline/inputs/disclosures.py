"""content/disclosures/*.yml: the 督办公开 editions editors publish, each file checked, then checked together.

One file is one edition: a supervision list the ministry published (kind:
list, 附件2's columns) or the city's handling status of a list's rows (kind:
handling, 附件3's).  A handling row names the list row by its 序号 and adds
查处情况, 整改（进展）情况, 整改期限 and a 完成情况 from a fixed vocabulary
(the 量化问责 counts read it, never the free text).  Every mistake of every
file is reported in one run, each with its file, line and code.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..model.disclosure_deadlines import clock_start, due_date
from ..model.disclosures import (CHANNELS, CITY, HANDLING, KINDS, LIST, LIST_TYPES, NUMBER, ORIGINAL_NUMBER, RESULT,
                                 RESULTS, TOWNSHIP, Edition, Publication, Row, normalise_heading)
from ..model.urls import ID_PATTERN
from ..model.workdays import OutsideCalendar
from ..problems import Diagnostics, collecting, error
from .regions import RegionEntry
from .yamlio import LineDict, as_day, check_list, check_text, describe, expect_type, load_yaml

REQUIRED = {LIST: ("kind", "type", "batch", "region", "ministry_published", "rows"),
            HANDLING: ("kind", "type", "batch", "region", "letter", "list", "rows")}
OPTIONAL = ("ministry_published", "letter", "list", "published", "note")
PUBLICATION_KEYS = ("date", "url", "detail")
LIST_EXTRAS = (TOWNSHIP, ORIGINAL_NUMBER)
HANDLING_EXTRAS = (RESULT,)
CELL_LIMIT = 2000
ROW_LIMIT = 5000
URL = re.compile(r"^https?://\S+$")


def edition_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def read_edition(path: Path, display: str, regions: dict[str, RegionEntry], diag: Diagnostics) -> Edition | None:
    """One edition file checked on its own; None when a mistake leaves nothing to check further."""
    data = load_yaml(path, display)
    if not isinstance(data, dict):
        raise error("disclosure.not-a-mapping", display, 1,
                    "文件应以“kind: list”等键开头（expected keys: kind, type, batch, region, rows）。")
    if not ID_PATTERN.match(path.stem):
        diag.error("disclosure.bad-id", display, 1,
                   f"文件名“{path.name}”只能用小写字母、数字和连字符，如 zhengzhou-tuchu-3.yml（the file name is the edition's id）。")
    kind = data.get("kind")
    if kind not in KINDS:
        raise error("disclosure.unknown-kind", display, data.line_of("kind"),
                    f"kind 应为 list（督办问题清单）或 handling（查处整改情况），实际是：{describe(kind)}。", "kind")
    _check_keys(data, kind, display, diag)
    list_type = data.get("type")
    if list_type not in LIST_TYPES:
        diag.error("disclosure.unknown-type", display, data.line_of("type"),
                   f"type 应为以下之一：{'、'.join(LIST_TYPES)}（unknown list type），实际是：{describe(list_type)}。", "type")
    values = {}
    checks = {"batch": _batch, "region": lambda v, d, line, k: _region(v, d, line, regions),
              "ministry_published": _date, "letter": _date, "list": _list_id, "note": _note,
              "published": _publications}
    for key, check in checks.items():
        if data.get(key) is not None:
            with collecting(diag):
                values[key] = check(data[key], display, data.line_of(key), key)
    rows = ()
    if list_type in LIST_TYPES and "rows" in data:
        with collecting(diag):
            rows = _rows(data["rows"], data.line_of("rows"), kind, list_type, display, diag)
    if diag.errors or list_type not in LIST_TYPES or "region" not in values:
        return None
    region = values["region"]
    edition = Edition(path.stem, kind, list_type, values.get("batch"), region.name, region.id, rows, display,
                      ministry_date=values.get("ministry_published"), letter_date=values.get("letter"),
                      list_id=values.get("list"), publications=values.get("published", ()), note=values.get("note"),
                      key_lines={str(key): data.line_of(key) for key in data})
    if kind == LIST:
        _check_city(edition, diag)
    return None if diag.errors else edition


def _check_keys(data: LineDict, kind: str, display: str, diag: Diagnostics) -> None:
    allowed = set(REQUIRED[kind]) | set(OPTIONAL)
    for key in sorted(set(data) - allowed, key=str):
        diag.error("disclosure.unknown-key", display, data.line_of(key),
                   f"未知的键“{key}”（unknown key）：可用 {', '.join(sorted(allowed))}。", str(key))
    for key in REQUIRED[kind]:
        if data.get(key) is None:
            diag.error("disclosure.missing-key", display, data.line_of(key) if key in data else 1,
                       f"缺少“{key}”或未填写（missing {key}）：{kind} 需要 {', '.join(REQUIRED[kind])}。", key)


def _batch(value, display: str, line: int, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise error("disclosure.bad-batch", display, line, f"batch 应为期数，如 3（第 3 期），实际是：{describe(value)}。", key)
    return value


def _region(value, display: str, line: int, regions: dict[str, RegionEntry]) -> RegionEntry:
    name = check_text(value, display, line, "region", limit=50)
    if name not in regions:
        raise error("disclosure.unknown-region", display, line,
                    f"地区“{name}”不在 content/regions.yml 中（unknown region）：请写全称，如 郑州市。", "region")
    return regions[name]


def _date(value, display: str, line: int, key: str) -> str:
    return as_day(value, display, line, key, "disclosure.bad-date", "2017-10-09")


def _list_id(value, display: str, line: int, key: str) -> str:
    text = check_text(value, display, line, key, limit=80)
    if not ID_PATTERN.match(text):
        raise error("disclosure.unknown-list", display, line,
                    f"list 应为清单文件的文件名（不含 .yml），实际是：“{text}”（expected an edition id）。", key)
    return text


def _note(value, display: str, line: int, key: str) -> str:
    return check_text(value, display, line, key, limit=500)


def _publications(value, display: str, line: int, key: str) -> tuple[Publication, ...]:
    expect_type(value, dict, display, line, key, "web、newspaper、tv 三项（mapping）")
    found = []
    for channel in sorted(set(value) - set(CHANNELS), key=str):
        raise error("disclosure.unknown-key", display, value.line_of(channel),
                    f"published 中未知的渠道“{channel}”（unknown channel）：可用 web（网站）、newspaper（报纸）、tv（电视）。",
                    str(channel))
    for channel in CHANNELS:
        entry = value.get(channel)
        if entry is None:
            continue
        at = value.line_of(channel)
        expect_type(entry, dict, display, at, channel, "date、url、detail（mapping）")
        for name in sorted(set(entry) - set(PUBLICATION_KEYS), key=str):
            raise error("disclosure.unknown-key", display, entry.line_of(name),
                        f"{channel} 中未知的键“{name}”（unknown key）：可用 {', '.join(PUBLICATION_KEYS)}。", str(name))
        date = _date(entry["date"], display, entry.line_of("date"), "date") if entry.get("date") is not None else None
        detail = check_text(entry["detail"], display, entry.line_of("detail"), "detail") if entry.get("detail") else None
        url = None
        if entry.get("url"):
            url = check_text(entry["url"], display, entry.line_of("url"), "url", limit=2000)
            if not URL.match(url):
                raise error("disclosure.bad-url", display, entry.line_of("url"),
                            f"url 应以 https:// 或 http:// 开头（expected a URL），实际是：“{url}”。", "url")
        found.append(Publication(channel, date, detail, url, entry.line_of("date") if "date" in entry else at))
    return tuple(found)


def _rows(value, line: int, kind: str, list_type: str, display: str, diag: Diagnostics) -> tuple[Row, ...]:
    entries = check_list(value, display, line, "rows", "表格行的列表（list of rows）", limit=ROW_LIMIT)
    if not entries:
        raise error("disclosure.no-rows", display, line, "rows 至少要有一行（no rows）。", "rows")
    template = LIST_TYPES[list_type]
    required = template.columns if kind == LIST else (NUMBER, *template.handling_columns, RESULT)
    allowed = set(template.columns) | set(LIST_EXTRAS) if kind == LIST else set(template.all_handling_columns) | set(HANDLING_EXTRAS)
    rows, seen = [], {}
    for index, entry in enumerate(entries):
        with collecting(diag):
            row = _row(entry, entries.line_of(index), required, allowed, display, diag)
            if row is None:
                continue
            if row.number in seen:
                diag.error("disclosure.duplicate-number", display, row.line,
                           f"序号 {row.number} 重复（duplicate 序号），第 {seen[row.number]} 行已有。", NUMBER)
                continue
            seen[row.number] = row.line
            rows.append(row)
    return tuple(rows)


def _row(entry, line: int, required: tuple, allowed: set, display: str, diag: Diagnostics) -> Row | None:
    expect_type(entry, dict, display, line, "表格行", "一组“列名: 内容”（a mapping of columns）")
    cells, extra, ok = {}, {}, True
    for key, value in entry.items():
        heading = normalise_heading(key)
        at = entry.line_of(key)
        if heading not in allowed:
            diag.error("disclosure.unknown-column", display, at,
                       f"未知的列“{key}”（unknown column）：这一类表格的列为 {'、'.join(required)}。", str(key))
            ok = False
            continue
        text = _cell(value, display, at, heading, diag)
        if text is None:
            ok = False
        elif heading in (TOWNSHIP, ORIGINAL_NUMBER, RESULT):
            extra[heading] = text
        else:
            cells[heading] = text
    for heading in required:
        if heading not in cells and heading not in extra:
            diag.error("disclosure.missing-column", display, line,
                       f"这一行缺少“{heading}”（missing column）：每行应有 {'、'.join(required)}。", heading)
            ok = False
    if RESULT in extra and extra[RESULT] not in RESULTS:
        diag.error("disclosure.unknown-result", display, entry.line_of(RESULT),
                   f"完成情况应为以下之一：{'、'.join(RESULTS)}（unknown result），实际是：“{extra[RESULT]}”。", RESULT)
        ok = False
    return Row(cells, line, extra) if ok else None


def _cell(value, display: str, line: int, heading: str, diag: Diagnostics) -> str | None:
    if heading == NUMBER:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return str(value)
        if isinstance(value, str) and value.strip().isdigit():
            return str(int(value.strip()))
        diag.error("disclosure.bad-number", display, line, f"序号应为正整数，实际是：{describe(value)}（expected a number）。", NUMBER)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    with collecting(diag):
        return check_text(value, display, line, heading, limit=CELL_LIMIT)
    return None


def checked_editions(editions: list[Edition], as_of: str, diag: Diagnostics) -> tuple[Edition, ...]:
    """The editions checked against each other and the calendar; handling rows filled from their list's rows."""
    by_id = {e.id: e for e in editions}
    _check_batches(editions, diag)
    done = []
    for edition in editions:
        with collecting(diag):
            _check_dates(edition, by_id, as_of, diag)
            done.append(edition if edition.kind == LIST else _joined(edition, by_id, diag))
    return tuple(done)


def _check_batches(editions: list[Edition], diag: Diagnostics) -> None:
    seen: dict[tuple, Edition] = {}
    for edition in editions:
        key = (edition.kind, edition.list_type, edition.region, edition.batch)
        if key in seen:
            diag.error("disclosure.duplicate-batch", edition.source_file, _line(edition, "batch"),
                       f"{edition.title}已在 {seen[key].source_file} 中发布（duplicate edition）：请核对期数。", "batch")
        seen.setdefault(key, edition)


def _check_city(edition: Edition, diag: Diagnostics) -> None:
    for row in edition.rows:
        if row.cells[CITY] != edition.region and not edition.region.startswith(row.cells[CITY]):
            diag.error("disclosure.city-mismatch", edition.source_file, row.line,
                       f"序号 {row.number} 的“市”是“{row.cells[CITY]}”，但本期清单属于 {edition.region}（row of another city）："
                       "只公开涉及本市的问题，请删去这一行或改正 region。", CITY)


def _check_dates(edition: Edition, by_id: dict[str, Edition], as_of: str, diag: Diagnostics) -> None:
    """Dates in a possible order, not after the build date, and inside the holiday calendar."""
    start = clock_start(edition)
    start_key = "ministry_published" if edition.kind == LIST else "letter"
    listed = by_id.get(edition.list_id) if edition.list_id else None
    if edition.kind == HANDLING and listed and listed.ministry_date and start and start < listed.ministry_date:
        diag.error("disclosure.date-order", edition.source_file, _line(edition, "letter"),
                   f"督办函印发日期 {start} 早于清单 {listed.id} 的公开日期 {listed.ministry_date}（dates out of order）。", "letter")
    for day, key in ((start, start_key), *((p.date, p.channel) for p in edition.publications)):
        if day and as_of and day > as_of:
            diag.error("disclosure.in-future", edition.source_file, _line(edition, key),
                       f"“{key}”的日期 {day} 晚于构建日期 {as_of}（date in the future）：请核对。", key)
    for pub in edition.publications:
        if pub.date and start and pub.date < start:
            diag.error("disclosure.date-order", edition.source_file, pub.line,
                       f"{CHANNELS[pub.channel]}的公开日期 {pub.date} 早于{'环境保护部公开日期' if edition.kind == LIST else '督办函印发日期'} "
                       f"{start}（dates out of order）：请核对。", pub.channel)
    try:
        for channel in CHANNELS:
            due_date(edition, channel)
    except OutsideCalendar as exc:
        diag.error("disclosure.calendar-year", edition.source_file, _line(edition, start_key),
                   f"无法计算工作日期限：{exc}。请升级 chinesecalendar 的版本（requirements.in，make lock）后重新构建。", start_key)


def _line(edition: Edition, key: str) -> int:
    """The line of a key of the edition's file, or of a channel's date."""
    for pub in edition.publications:
        if pub.channel == key and pub.line:
            return pub.line
    return edition.key_lines.get(key, 1)


def _joined(edition: Edition, by_id: dict[str, Edition], diag: Diagnostics) -> Edition:
    """A handling edition's rows with the list row's cells, checked to refer to real rows of the same list."""
    listed = by_id.get(edition.list_id)
    if listed is None or listed.kind != LIST:
        raise error("disclosure.unknown-list", edition.source_file, _line(edition, "list"),
                    f"list: {edition.list_id} 不是 content/disclosures/ 中的督办问题清单（no such list edition）。", "list")
    if (listed.list_type, listed.region) != (edition.list_type, edition.region):
        raise error("disclosure.list-mismatch", edition.source_file, _line(edition, "list"),
                    f"清单 {listed.id} 是{listed.region}的{listed.list_type}，与本文件的 type、region 不一致（list differs）。", "list")
    rows = []
    for row in edition.rows:
        source = listed.rows_by_number.get(row.number)
        if source is None:
            diag.error("disclosure.unknown-row", edition.source_file, row.line,
                       f"清单 {listed.id} 中没有序号 {row.number}（no such row in the list）：请核对序号。", NUMBER)
            continue
        for heading in listed.columns:
            if heading in row.cells and row.cells[heading] != source.cells[heading]:
                diag.error("disclosure.row-differs", edition.source_file, row.line,
                           f"序号 {row.number} 的“{heading}”与清单 {listed.id} 中的不同（differs from the list）："
                           "可以删去这一列（自动取自清单），或改成与清单一致。", heading)
        cells = {h: row.cells.get(h, source.cells.get(h, "")) for h in edition.columns}
        rows.append(replace(row, cells=cells, extra={**source.extra, **row.extra}))
    return replace(edition, rows=tuple(rows))
