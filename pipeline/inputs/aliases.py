"""content/units/aliases.yml: a unit's old and variant names → its current name, per region.

Notices of different years name one unit differently (机构改革 renames,
abbreviations, a lost character).  The table maps each printed spelling to
the current name for the region that printed it; published records keep
both.  It also extends the patterns that mark collective names such as
各县（市、区）政府.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.records import UnitAlias
from ..problems import Diagnostics, collecting, error
from .yamlio import LineDict, LineList, as_date, expect_type, load_yaml

DEFAULT_COLLECTIVE = [
    r"^(各|相关|有关|其他|其它|市直|县直|省直)",
    r"相关|有关|成员单位|等部门|等单位",
    r"^县（市[、，]?区?）|^县（市）区|^区政府$|^政府$|^管委会$|^开发区管委会$",
    r"^市内五区|^乡镇",
]


@dataclass
class AliasTable:
    """Old or variant names of a unit → its current name, per region."""

    canonical: dict[tuple[str, str], str] = field(default_factory=dict)
    entries: dict[tuple[str, str], dict] = field(default_factory=dict)
    collective_patterns: list[re.Pattern] = field(default_factory=lambda: [re.compile(p) for p in DEFAULT_COLLECTIVE])

    def resolve(self, region: str, printed: str) -> str:
        return self.canonical.get((region, printed), printed)

    def is_collective(self, name: str) -> bool:
        return any(pattern.search(name) for pattern in self.collective_patterns)

    def history(self, region: str, name: str) -> tuple[UnitAlias, ...]:
        """Former and variant names of a unit, with the date a rename applies from."""
        entry = self.entries.get((region, name))
        if not entry:
            return ()
        return tuple([UnitAlias(old, "former", entry["since"]) for old in entry["formerly"]]
                     + [UnitAlias(variant, "variant", None) for variant in entry["variants"]])


ENTRY_KEYS = {"region", "name", "since", "formerly", "variants", "note"}


def load_aliases(path: Path, display: str, regions: dict | None = None) -> AliasTable:
    """Read content/units/aliases.yml (see the comments at its top); every mistake reported at once."""
    table = AliasTable()
    if not path.exists():
        return table
    data = load_yaml(path, display) or LineDict()
    expect_type(data, dict, display, 1, "aliases.yml", "映射（mapping with keys units, collective_patterns）")
    diag = Diagnostics()
    unknown = sorted(set(data) - {"units", "collective_patterns"})
    for key in unknown:
        diag.error("aliases.unknown-key", display, data.line_of(key),
                   f"未知的键“{key}”（unknown key）：可用 units、collective_patterns。", key)
    with collecting(diag):
        _add_patterns(table, data, display)
    units = data.get("units") or LineList()
    with collecting(diag):
        expect_type(units, list, display, data.line_of("units"), "units", "列表（list）")
        for index, entry in enumerate(units):
            with collecting(diag):
                _add_alias_entry(table, entry, display, units.line_of(index), regions)
    diag.raise_errors()
    return table


def _add_patterns(table: AliasTable, data: LineDict, display: str) -> None:
    patterns = data.get("collective_patterns") or []
    line = data.line_of("collective_patterns")
    expect_type(patterns, list, display, line, "collective_patterns", "正则表达式列表（list）")
    for pattern in patterns:
        try:
            table.collective_patterns.append(re.compile(str(pattern)))
        except re.error as exc:
            raise error("aliases.bad-pattern", display, line, f"正则表达式有误（bad pattern）{pattern!r}：{exc}",
                        "collective_patterns") from None


def _add_alias_entry(table: AliasTable, entry, display: str, line: int | None, regions: dict | None) -> None:
    expect_type(entry, dict, display, line, "units 条目", "映射（mapping）")
    for key in ("region", "name"):
        if not isinstance(entry.get(key), str) or not entry.get(key).strip():
            raise error("aliases.missing-key", display, line,
                        f"别名条目缺少“{key}”（missing {key}）：请写明地区和现用名称。", key)
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise error("aliases.unknown-key", display, entry.line_of(unknown[0]),
                    f"未知的键（unknown key）：{', '.join(unknown)}", unknown[0])
    region, name = entry["region"].strip(), entry["name"].strip()
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
        "note": entry.get("note"),
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
    value = entry.get(key) or []
    expect_type(value, list, display, entry.line_of(key), key, "名称列表（list of names）")
    for item in value:
        expect_type(item, str, display, entry.line_of(key), key, "名称（name text）")
    return [item.strip() for item in value]
