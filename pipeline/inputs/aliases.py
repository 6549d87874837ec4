"""content/units/aliases.yml: a unit's old and variant names → its current name, per region.

Notices of different years name one unit differently (机构改革 renames,
abbreviations, a lost character).  The table maps each printed spelling to
the current name for the region that printed it; published records keep
both.  It also extends the patterns that mark collective names such as
各县（市、区）政府.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..notices.names import AliasTable
from ..problems import Diagnostics, collecting, error
from .regions import COUNTY_TYPES
from .yamlio import LineDict, LineList, as_date, check_list, check_text, expect_type, load_yaml

ENTRY_KEYS = {"region", "name", "since", "formerly", "variants", "note"}


def load_aliases(path: Path, display: str, diag: Diagnostics, regions: dict | None = None) -> AliasTable:
    """Read content/units/aliases.yml (see the comments at its top) into a table.

    Every mistake is recorded in `diag`; an entry with a mistake is left out
    of the table, so the notices can still be checked with the rest.
    """
    table = AliasTable()
    if not path.exists():
        return table
    with collecting(diag):
        data = load_yaml(path, display)
        if data is None:  # only comments: no aliases yet
            return table
        if not isinstance(data, dict):
            raise error("aliases.not-a-mapping", display, 1,
                        "aliases.yml 应为映射，含 units 和 collective_patterns 两个键（expected a mapping）。")
        for key in sorted(set(data) - {"units", "collective_patterns", "collectives"}, key=str):
            diag.error("aliases.unknown-key", display, data.line_of(key),
                       f"未知的键“{key}”（unknown key）：可用 units、collective_patterns、collectives。", str(key))
        _add_patterns(table, data, display, diag)
        _add_collectives(table, data, display, diag)
        units = _list_or_empty(data, "units", display)
        for index, entry in enumerate(units):
            with collecting(diag):
                _add_alias_entry(table, entry, display, units.line_of(index), regions)
    return table


def _list_or_empty(data: LineDict, key: str, display: str) -> LineList:
    """The list under `key`; a key left empty is an empty list, anything else but a list a problem."""
    value = data.get(key)
    if value is None:
        return LineList()
    return check_list(value, display, data.line_of(key), key, "列表（list）", limit=5000)


def _add_patterns(table: AliasTable, data: LineDict, display: str, diag: Diagnostics) -> None:
    with collecting(diag):
        patterns = _list_or_empty(data, "collective_patterns", display)
        for index, pattern in enumerate(patterns):
            try:
                table.collective_patterns.append(re.compile(str(pattern)))
            except re.error as exc:
                diag.error("aliases.bad-pattern", display, patterns.line_of(index),
                           f"正则表达式有误（bad pattern）{pattern!r}：{exc}", "collective_patterns")


def _add_collectives(table: AliasTable, data: LineDict, display: str, diag: Diagnostics) -> None:
    """`collectives`: which child regions a collective unit name covers, by their type in regions.yml."""
    with collecting(diag):
        entries = _list_or_empty(data, "collectives", display)
        for index, entry in enumerate(entries):
            with collecting(diag):
                line = entries.line_of(index)
                expect_type(entry, dict, display, line, "collectives 条目", "映射（mapping: names, covers）")
                if sorted(entry, key=str) != ["covers", "names"]:
                    raise error("aliases.bad-collective", display, line,
                                "collectives 的每一条须有且只有 names 和 covers 两个键（names and covers）。", "collectives")
                covers = tuple(check_text(t, display, entry.line_of("covers"), "covers", limit=10)
                               for t in check_list(entry["covers"], display, entry.line_of("covers"), "covers", "列表"))
                if not covers or set(covers) - set(COUNTY_TYPES):
                    raise error("aliases.bad-collective", display, entry.line_of("covers"),
                                f"covers 应列出 {'、'.join(COUNTY_TYPES)} 中的类型（region types），实际是：{list(covers)}",
                                "covers")
                for name in check_list(entry["names"], display, entry.line_of("names"), "names", "名称列表"):
                    table.covers[check_text(name, display, entry.line_of("names"), "names", limit=100)] = covers


def _add_alias_entry(table: AliasTable, entry, display: str, line: int | None, regions: dict | None) -> None:
    expect_type(entry, dict, display, line, "units 条目", "映射（mapping）")
    for key in ("region", "name"):
        if not isinstance(entry.get(key), str) or not entry.get(key).strip():
            raise error("aliases.missing-key", display, line,
                        f"别名条目缺少“{key}”，或它不是文字（missing {key}）：请写明地区和现用名称。", key)
    unknown = sorted(set(entry) - ENTRY_KEYS, key=str)
    if unknown:
        raise error("aliases.unknown-key", display, entry.line_of(unknown[0]),
                    f"未知的键（unknown key）：{', '.join(unknown)}", unknown[0])
    region = check_text(entry["region"], display, entry.line_of("region"), "region", limit=50)
    name = check_text(entry["name"], display, entry.line_of("name"), "name", limit=100)
    if regions is not None and region not in regions:
        raise error("aliases.unknown-region", display, entry.line_of("region"),
                    f"地区“{region}”不在 content/regions.yml 中（unknown region）：请检查写法。", "region")
    if (region, name) in table.entries:
        raise error("aliases.duplicate-entry", display, line,
                    f"“{region}”的“{name}”已在第 {table.entries[(region, name)]['line']} 行写过：请把两条合并为一条"
                    "（unit listed twice）。", "name")
    record = {
        "since": as_date(entry.get("since"), display, entry.line_of("since"), "since"),
        "formerly": _names(entry, "formerly", display),
        "variants": _names(entry, "variants", display),
        "note": None if entry.get("note") is None else check_text(entry["note"], display, entry.line_of("note"), "note", 500),
        "line": line,
    }
    for old in record["formerly"] + record["variants"]:
        previous = table.canonical.get((region, old))
        if previous and previous != name:
            raise error("aliases.defined-twice", display, entry.line_of("formerly"),
                        f"“{old}”已被映射到“{previous}”，不能再映射到“{name}”（alias defined twice）。", "formerly")
    table.entries[(region, name)] = record
    for old in record["formerly"] + record["variants"]:
        table.canonical[(region, old)] = name


def _names(entry, key: str, display: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    check_list(value, display, entry.line_of(key), key, "名称列表（list of names）", limit=50)
    return [check_text(item, display, entry.line_of(key), key, limit=100) for item in value]
