"""Notice metadata: what the text states of itself, and where each published field comes from.

`extract_metadata` reads title, issuers, document number and dates from the
head of a notice (with the lines they come from).  `NoticeMeta` holds what
the editor confirmed in meta.yml (read by inputs/meta.py) or, for a lone
file, what the text states; `attach_sources` says for each field whether the
notice's lines state it or only meta.yml does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.records import NoticeRegion, notice_date
from .source import Line, squash_spaces

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
    period = _campaign_period(lines[:120])
    if period:
        found["period"] = period
    if title:
        kind = "rectification_plan" if "整改" in title.value else "campaign_plan" if "实施方案" in title.value or "攻坚" in title.value else None
        if kind:
            found["kind"] = Extracted(kind, title.lines)
    return found


_PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?至(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")


def _campaign_period(lines: list[Line]) -> Extracted | None:
    """The period a campaign plan states for itself ("2017年10月至2018年3月"), with its lines.

    It is the plan's period, shown on the notice, never an item's deadline.
    """
    joined, line_of = "", []
    for line in lines:
        text = line.text.replace(" ", "")
        joined += text
        line_of += [line.no] * len(text)
    match = _PERIOD.search(joined)
    if not match:
        return None
    return Extracted(match.group(), (line_of[match.start()], line_of[match.end() - 1]))


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
    source_url: str | None = None
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
