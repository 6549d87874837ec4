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

from ..problems import error
from ..notices.source import Line, squash_spaces
from ..inputs.yamlio import LineList, as_date, describe, expect_type, load_yaml

KINDS = {"rectification_plan": "整改方案", "campaign_plan": "实施方案"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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
    region: dict
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
        """The notice's year: deadlines without a year mean this one."""
        for value in (self.date_issued, self.date_published, self.date_printed):
            if value:
                return int(value[:4])
        return None

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def published_fields(self) -> dict:
        """The metadata keys shared by meta.yml and notices.json, in that order."""
        return {key: getattr(self, key) for key in (
            "id", "title", "issuers", "doc_number", "date_issued", "date_published", "date_printed", "region", "kind")}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_meta(path: Path, display: str, regions: dict) -> NoticeMeta:
    """Read and check meta.yml; every problem names the key and its line."""
    data = load_yaml(path, display)
    if not isinstance(data, dict):
        raise error(display, 1, "meta.yml 应为“键: 值”的映射（expected a mapping of keys to values）。")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise error(display, None, f"缺少必填项“{key}”（missing required key {key}）。参见 content/README.md。")
    unknown = sorted(set(data) - META_KEYS)
    if unknown:
        raise error(display, data.line_of(unknown[0]), f"未知的键“{unknown[0]}”（unknown key）。可用的键：{', '.join(sorted(META_KEYS))}")
    line = data.line_of
    notice_id = expect_type(data["id"], str, display, line("id"), "id", "文本（text）")
    if not ID_PATTERN.match(notice_id):
        raise error(display, line("id"), f"id 只能用小写英文字母、数字和连字符（lowercase ASCII, digits, hyphens），实际是：{describe(notice_id)}")
    title = expect_type(data["title"], str, display, line("title"), "title", "文本（text）").strip()
    issuers = expect_type(data["issuers"], list, display, line("issuers"), "issuers", "列表（list）")
    for issuer in issuers:
        expect_type(issuer, str, display, line("issuers"), "issuers", "机构名称（text）")
    doc_number = data.get("doc_number")
    if doc_number is not None:
        expect_type(doc_number, str, display, line("doc_number"), "doc_number", "文本或留空（text or empty）")
    kind = data["kind"]
    if kind not in KINDS:
        raise error(display, line("kind"), f"kind 应为 {' 或 '.join(KINDS)}（整改方案 / 实施方案），实际是：{describe(kind)}")
    sha = expect_type(data["sha256"], str, display, line("sha256"), "sha256", "文本（text）")
    return NoticeMeta(
        id=notice_id,
        title=title,
        issuers=[i.strip() for i in issuers],
        doc_number=doc_number.strip() if doc_number else None,
        date_issued=as_date(data.get("date_issued"), display, line("date_issued"), "date_issued"),
        date_published=as_date(data.get("date_published"), display, line("date_published"), "date_published"),
        date_printed=as_date(data.get("date_printed"), display, line("date_printed"), "date_printed"),
        region=_region(data["region"], display, line("region"), regions),
        kind=kind,
        lists=_lists(data["lists"], display, line("lists")),
        sha256=sha.strip().lower(),
        original_file=data.get("original_file"),
        notes=data.get("notes"),
        meta_file=display,
        key_lines=dict(data.key_lines),
    )


def _region(value, display: str, line: int, regions: dict) -> dict:
    expect_type(value, dict, display, line, "region", "映射（mapping: province, city, county）")
    result = {}
    for level in ("province", "city", "county"):
        name = value.get(level)
        if name is None:
            if level != "county":
                raise error(display, line, f"region 缺少“{level}”（missing region.{level}）。")
            result[level] = None
            continue
        expect_type(name, str, display, value.line_of(level), f"region.{level}", "地名（place name）")
        if name not in regions:
            raise error(display, value.line_of(level), f"地区“{name}”不在 content/regions.yml 中：请先在那里添加它（unknown region）。")
        result[level] = name
    for child, parent in (("county", "city"), ("city", "province")):
        if result[child] and regions[result[child]]["parent"] != result[parent]:
            raise error(display, value.line_of(child),
                        f"“{result[child]}”在 regions.yml 中属于“{regions[result[child]]['parent']}”，不属于“{result[parent]}”"
                        "（region does not belong to its parent）。")
    lowest = result["county"] or result["city"]
    result["id"] = regions[lowest]["id"]
    return result


def _lists(value, display: str, line: int) -> list[dict]:
    expect_type(value, list, display, line, "lists", "列表（list）")
    lists = []
    for index, entry in enumerate(value):
        entry_line = value.line_of(index) if isinstance(value, LineList) else line
        expect_type(entry, dict, display, entry_line, f"lists 第{index + 1}项", "映射（mapping: title, declared_count）")
        unknown = sorted(set(entry) - {"title", "declared_count"})
        if unknown:
            raise error(display, entry.line_of(unknown[0]), f"lists 中未知的键“{unknown[0]}”（unknown key）：可用 title、declared_count。")
        title = entry.get("title")
        if title is not None:
            expect_type(title, str, display, entry.line_of("title"), "lists.title", "文本（text）")
        count = entry.get("declared_count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            raise error(display, entry.line_of("declared_count"), f"declared_count 应为整数或留空（integer or empty），实际是：{describe(count)}")
        lists.append({"title": title, "declared_count": count, "line": entry_line})
    return lists


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


def load_regions(path: Path, display: str) -> dict:
    """content/regions.yml: name → {id, name, parent}."""
    data = load_yaml(path, display)
    expect_type(data, list, display, 1, "regions.yml", "列表（list of regions）")
    regions = {}
    for index, entry in enumerate(data):
        line = data.line_of(index)
        expect_type(entry, dict, display, line, "地区条目", "映射（mapping: id, name, parent）")
        for key in ("id", "name"):
            if key not in entry:
                raise error(display, line, f"地区条目缺少“{key}”（missing {key}）。")
            expect_type(entry[key], str, display, entry.line_of(key), key, "文本（text）")
        if entry["name"] in regions:
            raise error(display, entry.line_of("name"), f"地区“{entry['name']}”写了两次（listed twice），第 {regions[entry['name']]['line']} 行已有。")
        if not ID_PATTERN.match(entry["id"]):
            raise error(display, entry.line_of("id"), f"地区 id 只能用小写字母、数字和连字符（lowercase ASCII id）：{describe(entry['id'])}")
        parent = entry.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise error(display, entry.line_of("parent"), f"parent 应为一个地区名称（text），实际是：{describe(parent)}")
        if parent is not None and parent not in regions:
            later = any(isinstance(e, dict) and e.get("name") == parent for e in data[index + 1:])
            hint = "须写在本条之前（parent must be listed first）" if later else "不在本表中，请先添加它（unknown parent region）"
            raise error(display, entry.line_of("parent"), f"上级地区“{parent}”{hint}。")
        regions[entry["name"]] = {"id": entry["id"], "name": entry["name"], "parent": parent, "line": line}
    ids = [r["id"] for r in regions.values()]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise error(display, None, f"地区 id 重复（duplicate id）：{', '.join(sorted(duplicates))}")
    return regions
