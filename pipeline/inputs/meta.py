"""content/notices/<id>/meta.yml: the editor's metadata of a notice, checked key by key.

Every mistake in the file is reported in one run, each with its key and
line; what the text states is compared with it later (notices/metadata.py).
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

from ..model.records import NOTICE_KINDS, NoticeRegion, lowest_region
from ..model.urls import ID_PATTERN
from ..notices.metadata import NoticeMeta
from ..problems import Diagnostics, collecting, error
from .yamlio import LineList, as_date, check_list, check_text, describe, expect_type, load_yaml

META_KEYS = {
    "id", "title", "issuers", "doc_number", "date_issued", "date_published", "date_printed",
    "region", "kind", "lists", "sha256", "original_file", "notes", "source_url",
}
REQUIRED_KEYS = ("id", "title", "issuers", "region", "kind", "lists", "sha256")



def load_meta(path: Path, display: str, regions: dict) -> NoticeMeta:
    """Read and check meta.yml; every mistake in it is reported in one run, with its key and line."""
    data = load_yaml(path, display)
    if not isinstance(data, dict):
        raise error("meta.not-a-mapping", display, 1,
                    "meta.yml 应为“键: 值”的映射（expected a mapping of keys to values）。")
    diag = Diagnostics()
    for key in REQUIRED_KEYS:
        if key not in data:
            diag.error("meta.missing-key", display, None,
                       f"缺少必填项“{key}”（missing required key {key}）。参见 content/README.md。", key)
    for key in sorted(set(data) - META_KEYS, key=str):
        diag.error("meta.unknown-key", display, data.line_of(key),
                   f"未知的键“{key}”（unknown key）。可用的键：{', '.join(sorted(META_KEYS))}", key)
    values = {}
    for key, check in _CHECKS.items():
        if key in data:
            with collecting(diag):
                values[key] = check(data[key], display, data.line_of(key), regions)
    diag.raise_errors()
    return NoticeMeta(
        id=values["id"], title=values["title"], issuers=values["issuers"], doc_number=values.get("doc_number"),
        date_issued=values.get("date_issued"), date_published=values.get("date_published"),
        date_printed=values.get("date_printed"), region=values["region"], kind=values["kind"],
        lists=values["lists"], sha256=values["sha256"], original_file=values.get("original_file"),
        notes=values.get("notes"), meta_file=display, key_lines=dict(data.key_lines),
        source_url=values.get("source_url"),
    )


def _id(value, display: str, line: int, regions: dict) -> str:
    value = check_text(value, display, line, "id", limit=80)
    if not ID_PATTERN.match(value):
        raise error("meta.bad-id", display, line,
                    f"id 只能用小写英文字母、数字和连字符（lowercase ASCII, digits, hyphens），实际是：{describe(value)}", "id")
    return value


def _title(value, display: str, line: int, regions: dict) -> str:
    title = check_text(value, display, line, "title")
    if not title:
        raise error("meta.empty-title", display, line, "title 不能为空：请照原文填写通知标题（empty title）。", "title")
    return title


def _issuers(value, display: str, line: int, regions: dict) -> list[str]:
    check_list(value, display, line, "issuers", "列表（list）", limit=20)
    return [check_text(issuer, display, value.line_of(index), "issuers", limit=100)
            for index, issuer in enumerate(value)]


def _doc_number(value, display: str, line: int, regions: dict) -> str | None:
    if value is None:
        return None
    return check_text(value, display, line, "doc_number", limit=60) or None


def _optional_text(key: str, limit: int):
    def check(value, display: str, line: int, regions: dict) -> str | None:
        return None if value is None else check_text(value, display, line, key, limit) or None
    return check


def _date(key: str):
    def check(value, display: str, line: int, regions: dict) -> str | None:
        return as_date(value, display, line, key)
    return check


def _kind(value, display: str, line: int, regions: dict) -> str:
    if not isinstance(value, str) or value not in NOTICE_KINDS:
        raise error("meta.bad-kind", display, line,
                    f"kind 应为 {' 或 '.join(NOTICE_KINDS)}（整改方案 / 实施方案），实际是：{describe(value)}", "kind")
    return value


def _source_url(value, display: str, line: int, regions: dict) -> str | None:
    """Where the notice is officially published: an http(s) address, shown as 原文链接."""
    if value is None:
        return None
    url = check_text(value, display, line, "source_url", limit=500)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise error("meta.bad-source-url", display, line,
                    f"source_url 应为完整网址，如 https://www.zhengzhou.gov.cn/…（expected an http(s) address），实际是：{describe(value)}",
                    "source_url")
    return url


def _sha256(value, display: str, line: int, regions: dict) -> str:
    return check_text(value, display, line, "sha256", limit=64).lower()


def _region(value, display: str, line: int, regions: dict) -> NoticeRegion:
    expect_type(value, dict, display, line, "region", "映射（mapping: province, city, county）")
    diag = Diagnostics()
    for key in sorted(set(value) - set(REGION_LEVELS), key=str):
        diag.error("meta.unknown-key", display, value.line_of(key),
                   f"region 中未知的键“{key}”（unknown key）：可用 province、city、county。", f"region.{key}")
    names = {}
    for level in REGION_LEVELS:
        with collecting(diag):
            names[level] = _region_level(value, level, display, line, regions)
    diag.raise_errors()
    for child, parent in (("county", "city"), ("city", "province")):
        if names[child] and regions[names[child]].parent != names[parent]:
            raise error("meta.region-parent", display, value.line_of(child),
                        f"“{names[child]}”在 regions.yml 中属于“{regions[names[child]].parent}”，不属于“{names[parent]}”"
                        "（region does not belong to its parent）。", f"region.{child}")
    return NoticeRegion(names["province"], names["city"], names["county"],
                        regions[lowest_region(names["city"], names["county"])].id)


REGION_LEVELS = ("province", "city", "county")


def _region_level(value, level: str, display: str, line: int, regions: dict) -> str | None:
    """One level's name, known to regions.yml; only the county may be left out."""
    name = value.get(level)
    if name is None:
        if level == "county":
            return None
        raise error("meta.region-missing-level", display, line,
                    f"region 缺少“{level}”（missing region.{level}）。", f"region.{level}")
    name = check_text(name, display, value.line_of(level), f"region.{level}", limit=50)
    if name not in regions:
        raise error("meta.unknown-region", display, value.line_of(level),
                    f"地区“{name}”不在 content/regions.yml 中：请先在那里添加它（unknown region）。", f"region.{level}")
    return name


def _lists(value, display: str, line: int, regions: dict) -> list[dict]:
    check_list(value, display, line, "lists", "列表（list）", limit=50)
    diag = Diagnostics()
    lists = []
    for index, entry in enumerate(value):
        with collecting(diag):
            lists.append(_list_entry(entry, index, value.line_of(index) if isinstance(value, LineList) else line,
                                     display))
    diag.raise_errors()
    return lists


def _list_entry(entry, index: int, line: int, display: str) -> dict:
    """One entry of `lists`: every mistake in it is reported, then the entry is dropped."""
    expect_type(entry, dict, display, line, f"lists 第{index + 1}项", "映射（mapping: title, declared_count）")
    diag = Diagnostics()
    for key in sorted(set(entry) - {"title", "declared_count"}, key=str):
        diag.error("meta.unknown-key", display, entry.line_of(key),
                   f"lists 中未知的键“{key}”（unknown key）：可用 title、declared_count。", key)
    title = entry.get("title")
    if title is not None:
        with collecting(diag):
            title = check_text(title, display, entry.line_of("title"), "lists.title")
    count = entry.get("declared_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        diag.error("meta.bad-declared-count", display, entry.line_of("declared_count"),
                   f"declared_count 应为整数或留空（integer or empty），实际是：{describe(count)}", "declared_count")
    diag.raise_errors()
    return {"title": title, "declared_count": count, "line": line}


# Each key of meta.yml and how it is checked; every check raises a problem naming the key's line.
_CHECKS = {
    "id": _id, "title": _title, "issuers": _issuers, "doc_number": _doc_number,
    "date_issued": _date("date_issued"), "date_published": _date("date_published"),
    "date_printed": _date("date_printed"), "region": _region, "kind": _kind, "lists": _lists, "sha256": _sha256,
    "original_file": _optional_text("original_file", 200), "notes": _optional_text("notes", 2000),
    "source_url": _source_url,
}
