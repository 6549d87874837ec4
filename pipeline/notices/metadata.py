"""Notice metadata: what the text states, and what editors confirm in meta.yml.

`extract_metadata` reads title, issuers, document number and dates from the
head of a notice (with the lines they come from).  `load_meta` reads an
editor's meta.yml, checks every key and type, and compares it with the text
so each published metadata field says whether it comes from the notice's
lines or from the editor.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs.regions import ID_PATTERN
from ..inputs.yamlio import LineList, as_date, describe, expect_type, load_yaml
from ..model.records import NOTICE_KINDS, NoticeRegion, lowest_region, notice_date
from ..problems import Diagnostics, collecting, error
from .source import Line, squash_spaces
META_KEYS = {
    "id", "title", "issuers", "doc_number", "date_issued", "date_published", "date_printed",
    "region", "kind", "lists", "sha256", "original_file", "notes",
}
REQUIRED_KEYS = ("id", "title", "issuers", "region", "kind", "lists", "sha256")

_DOC_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,8})\s*〔\s*(?P<year>\d{4})\s*〕\s*(?P<number>\d*)\s*号")
_FULL_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*)?日?$")
_PUBLISHED = re.compile(r"发布时间\s*：\s*(\d{4})\s*[-年]\s*(\d{1,2})\s*[-月]\s*(\d{1,2})")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PRINTED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{0,2})\s*日\s*印发$")
_ISSUER_SUFFIX = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|市委|县委|局|厅)$")


@dataclass
class Extracted:
    """A metadata value read from the text, with the raw lines it came from."""

    value: object
    lines: tuple[int, int]


def _iso(year, month, day=None) -> str:
    return f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def extract_metadata(lines: list[Line]) -> dict[str, Extracted]:
    """Read the notice's own statement of its metadata from its first lines."""
    found: dict[str, Extracted] = {}
    head = lines[:40]
    for line in head[:15]:
        match = _DOC_NUMBER.match(line.text.replace(" ", ""))
        if match and "doc_number" not in found:
            number = match.group("number")
            value = f"{match.group('prefix')}〔{match.group('year')}〕{number}号" if number else None
            found["doc_number"] = Extracted(value, (line.no, line.no))
    title = _extract_title(head)
    if title:
        found["title"] = title
        issuers = _issuers_from_title(title.value)
        if issuers:
            found["issuers"] = Extracted(issuers, title.lines)
    for index, line in enumerate(head):
        match = _FULL_DATE.match(line.text.replace(" ", ""))
        if match and "date_issued" not in found:
            found["date_issued"] = Extracted(_iso(*match.groups()), (line.no, line.no))
        published = _PUBLISHED.search(line.text)
        if not published and line.text.replace(" ", "") == "发布时间：" and index + 1 < len(head):
            nxt = head[index + 1]
            iso = _ISO_DATE.match(nxt.text.strip())
            if iso:
                found.setdefault("date_published", Extracted(_iso(*iso.groups()), (line.no, nxt.no)))
        elif published:
            found.setdefault("date_published", Extracted(_iso(*published.groups()), (line.no, line.no)))
    for line in reversed(lines[-15:]):
        match = _PRINTED.search(line.text.replace(" ", ""))
        if match:
            found["date_printed"] = Extracted(_iso(*match.groups()), (line.no, line.no))
            break
    if title:
        kind = "rectification_plan" if "整改" in title.value else "campaign_plan" if "实施方案" in title.value or "攻坚" in title.value else None
        if kind:
            found["kind"] = Extracted(kind, title.lines)
    return found


def _extract_title(head: list[Line]) -> Extracted | None:
    """The document title: `[issuer]关于…的通知`, or a plan title on a web page."""
    for index, line in enumerate(head):
        if "关于" not in line.text or "，" in line.text or len(line.text) > 80 or "《" in line.text.split("关于")[0]:
            continue
        start = index
        if line.text.startswith("关于") and index > 0 and _ISSUER_SUFFIX.search(head[index - 1].text.replace(" ", "")):
            start = index - 1
        end = _title_end(head, index)
        text = " ".join(line.text for line in head[start:end + 1]).replace(" 关于", "关于")
        return Extracted(_tidy_title(text), (head[start].no, head[end].no))
    for line in head[:10]:
        if line.text.endswith("方案") and len(line.text) > 8:
            return Extracted(_tidy_title(line.text), (line.no, line.no))
    return None


def _title_end(head: list[Line], start: int) -> int:
    """A title may run over up to four lines and ends with its document type."""
    window = range(start, min(start + 5, len(head)))
    for suffixes in (r"(通知|意见|决定|报告|批复)$", r"(方案|办法)$"):
        for end in window:
            if re.search(suffixes, head[end].text):
                return end
    return start


def _tidy_title(text: str) -> str:
    """Remove stray spaces, but keep the one space between two issuers."""
    before, sep, after = text.partition("关于")
    issuers = [p for p in re.split(r"\s+", before.strip()) if p]
    return " ".join(issuers) + sep + squash_spaces(after) if sep else squash_spaces(text)


def _issuers_from_title(title: str) -> list[str]:
    before, sep, _ = title.partition("关于")
    if not sep:
        return []
    return [p for p in before.split() if _ISSUER_SUFFIX.search(p)]


@dataclass
class NoticeMeta:
    """A notice's metadata as published, and where each field comes from."""

    id: str
    title: str
    issuers: list[str]
    doc_number: str | None
    date_issued: str | None
    date_published: str | None
    date_printed: str | None
    region: NoticeRegion
    kind: str
    lists: list[dict]
    sha256: str
    original_file: str | None
    notes: str | None
    meta_file: str
    key_lines: dict = field(default_factory=dict)  # line of each key in meta.yml, for messages
    sources: dict = field(default_factory=dict)  # field -> {"line_start","line_end"} or {"file": meta.yml}

    @property
    def year(self) -> int | None:
        """The notice's year (of the date it bears): deadlines without a year mean this one."""
        date = notice_date(self.date_issued, self.date_published, self.date_printed)
        return int(date[:4]) if date else None

    def published_fields(self) -> dict:
        """The keys of meta.yml a draft can take from the text, in meta.yml's order (`pipeline init`)."""
        return {key: getattr(self, key) for key in (
            "id", "title", "issuers", "doc_number", "date_issued", "date_published", "date_printed", "region", "kind")}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    for key in sorted(set(data) - META_KEYS):
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
        lists=values["lists"], sha256=values["sha256"], original_file=data.get("original_file"),
        notes=data.get("notes"), meta_file=display, key_lines=dict(data.key_lines),
    )


def _id(value, display: str, line: int, regions: dict) -> str:
    expect_type(value, str, display, line, "id", "文本（text）")
    if not ID_PATTERN.match(value):
        raise error("meta.bad-id", display, line,
                    f"id 只能用小写英文字母、数字和连字符（lowercase ASCII, digits, hyphens），实际是：{describe(value)}", "id")
    return value


def _title(value, display: str, line: int, regions: dict) -> str:
    return expect_type(value, str, display, line, "title", "文本（text）").strip()


def _issuers(value, display: str, line: int, regions: dict) -> list[str]:
    expect_type(value, list, display, line, "issuers", "列表（list）")
    for issuer in value:
        expect_type(issuer, str, display, line, "issuers", "机构名称（text）")
    return [issuer.strip() for issuer in value]


def _doc_number(value, display: str, line: int, regions: dict) -> str | None:
    if value is None:
        return None
    return expect_type(value, str, display, line, "doc_number", "文本或留空（text or empty）").strip() or None


def _date(key: str):
    def check(value, display: str, line: int, regions: dict) -> str | None:
        return as_date(value, display, line, key)
    return check


def _kind(value, display: str, line: int, regions: dict) -> str:
    if value not in NOTICE_KINDS:
        raise error("meta.bad-kind", display, line,
                    f"kind 应为 {' 或 '.join(NOTICE_KINDS)}（整改方案 / 实施方案），实际是：{describe(value)}", "kind")
    return value


def _sha256(value, display: str, line: int, regions: dict) -> str:
    return expect_type(value, str, display, line, "sha256", "文本（text）").strip().lower()


def _region(value, display: str, line: int, regions: dict) -> NoticeRegion:
    expect_type(value, dict, display, line, "region", "映射（mapping: province, city, county）")
    result = {}
    for level in ("province", "city", "county"):
        name = value.get(level)
        if name is None:
            if level != "county":
                raise error("meta.region-missing-level", display, line,
                            f"region 缺少“{level}”（missing region.{level}）。", f"region.{level}")
            result[level] = None
            continue
        expect_type(name, str, display, value.line_of(level), f"region.{level}", "地名（place name）")
        if name not in regions:
            raise error("meta.unknown-region", display, value.line_of(level),
                        f"地区“{name}”不在 content/regions.yml 中：请先在那里添加它（unknown region）。", f"region.{level}")
        result[level] = name
    for child, parent in (("county", "city"), ("city", "province")):
        if result[child] and regions[result[child]].parent != result[parent]:
            raise error("meta.region-parent", display, value.line_of(child),
                        f"“{result[child]}”在 regions.yml 中属于“{regions[result[child]].parent}”，不属于“{result[parent]}”"
                        "（region does not belong to its parent）。", f"region.{child}")
    return NoticeRegion(result["province"], result["city"], result["county"],
                        regions[lowest_region(result["city"], result["county"])].id)


def _lists(value, display: str, line: int, regions: dict) -> list[dict]:
    expect_type(value, list, display, line, "lists", "列表（list）")
    lists = []
    for index, entry in enumerate(value):
        entry_line = value.line_of(index) if isinstance(value, LineList) else line
        expect_type(entry, dict, display, entry_line, f"lists 第{index + 1}项", "映射（mapping: title, declared_count）")
        unknown = sorted(set(entry) - {"title", "declared_count"})
        if unknown:
            raise error("meta.unknown-key", display, entry.line_of(unknown[0]),
                        f"lists 中未知的键“{unknown[0]}”（unknown key）：可用 title、declared_count。", unknown[0])
        title = entry.get("title")
        if title is not None:
            expect_type(title, str, display, entry.line_of("title"), "lists.title", "文本（text）")
        count = entry.get("declared_count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            raise error("meta.bad-declared-count", display, entry.line_of("declared_count"),
                        f"declared_count 应为整数或留空（integer or empty），实际是：{describe(count)}", "declared_count")
        lists.append({"title": title, "declared_count": count, "line": entry_line})
    return lists


# Each key of meta.yml and how it is checked; every check raises a problem naming the key's line.
_CHECKS = {
    "id": _id, "title": _title, "issuers": _issuers, "doc_number": _doc_number,
    "date_issued": _date("date_issued"), "date_published": _date("date_published"),
    "date_printed": _date("date_printed"), "region": _region, "kind": _kind, "lists": _lists, "sha256": _sha256,
}


def attach_sources(meta: NoticeMeta, extracted: dict[str, Extracted]) -> None:
    """Each metadata field points to the notice's lines when they agree, else to meta.yml."""
    for key in ("title", "issuers", "doc_number", "date_issued", "date_published", "date_printed", "kind"):
        value = getattr(meta, key)
        found = extracted.get(key)
        if value in (None, [], ""):
            continue
        if found is not None and found.value == value:
            meta.sources[key] = {"line_start": found.lines[0], "line_end": found.lines[1]}
        else:
            meta.sources[key] = {"file": meta.meta_file}
