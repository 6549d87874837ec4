"""content/regions.yml: every region a notice may belong to, parents first."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.urls import ID_PATTERN
from ..problems import Diagnostics, collecting, error
from .yamlio import check_list, check_text, describe, expect_type, load_yaml

REGION_KEYS = {"id", "name", "parent", "type", "names"}
COUNTY_TYPES = ("县", "县级市", "区", "开发区")


@dataclass(frozen=True)
class RegionEntry:
    id: str
    name: str
    parent: str | None  # the enclosing region's name
    line: int
    type: str | None = None  # for county-level regions: 县, 县级市, 区 or 开发区
    names: tuple[str, ...] = ()  # other spellings units use for it (郑州高新区)


def load_regions(path: Path, display: str) -> dict[str, RegionEntry]:
    """Region name → entry; every mistake in the file is reported in one run."""
    data = load_yaml(path, display)
    if not isinstance(data, list):
        raise error("regions.not-a-list", display, 1, "regions.yml 应为地区列表，每个地区以“- id:”开头（expected a list）。")
    check_list(data, display, 1, "regions.yml", "列表（list of regions）", limit=5000)
    diag = Diagnostics()
    regions: dict[str, RegionEntry] = {}
    for index, entry in enumerate(data):
        with collecting(diag):
            _add_region(regions, entry, data, index, display)
    ids = [r.id for r in regions.values()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    for duplicate in duplicates:
        line = [r.line for r in regions.values() if r.id == duplicate][-1]
        diag.error("regions.duplicate-id", display, line, f"地区 id 重复（duplicate id）：{duplicate}", "id")
    diag.raise_errors()
    return regions


def _add_region(regions: dict[str, RegionEntry], entry, data, index: int, display: str) -> None:
    line = data.line_of(index)
    expect_type(entry, dict, display, line, "地区条目", "映射（mapping: id, name, parent）")
    for key in ("id", "name"):
        if key not in entry:
            raise error("regions.missing-key", display, line, f"地区条目缺少“{key}”（missing {key}）。", key)
    region_id = check_text(entry["id"], display, entry.line_of("id"), "id", limit=40)
    name = check_text(entry["name"], display, entry.line_of("name"), "name", limit=50)
    unknown = sorted(set(entry) - REGION_KEYS, key=str)
    if unknown:
        raise error("regions.unknown-key", display, entry.line_of(unknown[0]),
                    f"未知的键“{unknown[0]}”（unknown key）：可用 id、name、parent、type、names。", unknown[0])
    if name in regions:
        raise error("regions.duplicate-name", display, entry.line_of("name"),
                    f"地区“{name}”写了两次（listed twice），第 {regions[name].line} 行已有。", "name")
    if not ID_PATTERN.match(region_id):
        raise error("regions.bad-id", display, entry.line_of("id"),
                    f"地区 id 只能用小写字母、数字和连字符（lowercase ASCII id）：{describe(region_id)}", "id")
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise error("regions.bad-parent", display, entry.line_of("parent"),
                    f"parent 应为一个地区名称（text），实际是：{describe(parent)}", "parent")
    if parent is not None:
        parent = check_text(parent, display, entry.line_of("parent"), "parent", limit=50)
    if parent is not None and parent not in regions:
        later = any(isinstance(e, dict) and e.get("name") == parent for e in data[index + 1:])
        hint = "须写在本条之前（parent must be listed first）" if later else "不在本表中，请先添加它（unknown parent region）"
        raise error("regions.unknown-parent", display, entry.line_of("parent"), f"上级地区“{parent}”{hint}。", "parent")
    region_type = entry.get("type")
    if region_type is not None and region_type not in COUNTY_TYPES:
        raise error("regions.bad-type", display, entry.line_of("type"),
                    f"type 应为 {'、'.join(COUNTY_TYPES)} 之一（县级地区的类型），实际是：{describe(region_type)}", "type")
    names = entry.get("names") or []
    check_list(names, display, entry.line_of("names"), "names", "名称列表（list of names）", limit=20)
    other_names = tuple(check_text(n, display, entry.line_of("names"), "names", limit=50) for n in names)
    regions[name] = RegionEntry(region_id, name, parent, line, region_type, other_names)
