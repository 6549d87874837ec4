"""Classify repaired lines: numbering markers, field labels, annexes, titles.

A notice is a sequence of lines; this module says what each line *is*
(a section heading 一、/（一）, an item 1./（1）, a field label 牵头单位：,
an annex heading, page footer, or plain text) without deciding what it
belongs to.  It also cuts a notice into parts (the plan, each annex, each
companion plan) at their title lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Line, display_width

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "〇零一二两三四五六七八九十百"

# Field labels as printed (synonyms map to one key). Order: longest first.
LABELS: dict[str, str] = {
    "整改目标": "targets",
    "工作目标": "targets",
    "整改措施": "measures",
    "工作措施": "measures",
    "责任领导": "leaders",
    "牵头单位": "lead_units",
    "牵头部门": "lead_units",
    "配合单位": "cooperating_units",
    "配合部门": "cooperating_units",
    "责任单位": "responsible_units",
    "责任部门": "responsible_units",
    "责任人": "responsible_persons",
    "主体责任": "responsible_persons",
    "监管责任": "responsible_persons",
    "整改时限": "deadline",
    "完成时限": "deadline",
    "整改期限": "deadline",
    "完成时间": "deadline",
}
LIST_FIELDS = ("leaders", "lead_units", "cooperating_units", "responsible_units")


def _label_pattern(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


_LABEL_ALTERNATION = "|".join(_label_pattern(label) for label in sorted(LABELS, key=len, reverse=True))
LABEL_AT_START = re.compile(rf"^(?P<label>{_LABEL_ALTERNATION})\s*(?P<colon>：)?\s*")
LABEL_INLINE = re.compile(rf"(?P<label>{_LABEL_ALTERNATION})\s*：\s*")
# After a label without a colon, these mean the word is part of a sentence.
_NOT_A_LABEL_AFTER = re.compile(r"^(主要负责|的|、|，|。|和|及|等|是|要|也|都|均|分别|负责|员|任务|要求|落实|情况|到位|进行|但|不)")
# Labels that can follow an item's text directly: its fields begin with these.
FIRST_LABELS = ("整改目标", "工作目标", "整改措施", "工作措施")

MARKERS = [
    ("cn", re.compile(rf"^(?P<num>[{CN_NUMERAL}]{{1,4}})\s*[、](?P<rest>.*)$")),
    ("pcn", re.compile(rf"^（\s*(?P<num>[{CN_NUMERAL}]{{1,4}})\s*['’′]?\s*）(?P<rest>.*)$")),
    ("ar", re.compile(r"^(?P<num>\d{1,3})\s*[.、](?P<rest>\s*\S.*)$")),
    ("par", re.compile(r"^（\s*(?P<num>\d{1,2})\s*）(?P<rest>.*)$")),
]
MARKER_RANK = {"cn": 0, "pcn": 1, "ar": 2, "par": 3}
MARKER_PATTERNS = dict(MARKERS)

ANNEX = re.compile(r"^附\s*件\s*\d*\s*$")
FOOTER = re.compile(r"^(主办|督办|抄送|抄报|发送)\s*：|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{0,2}\s*日\s*印发\s*$|^（此件")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{0,2}\s*日)?$|^\d{4}-\d{2}-\d{2}$")
TITLE_SUFFIX = re.compile(r"(方案|清单|办法|分工|细则|规定|计划|问题情形|主要任务)$")
SENTENCE_PUNCT = re.compile(r"[，。；：、！？,;:]")
CLAUSE_PUNCT = re.compile(r"[，。；：！？,;:]")  # as above, but a heading may list things with 、
TERMINAL_PUNCT = "。；！？"
SEPARATOR_END = tuple("、，,；;及和与")


def cn_to_int(numeral: str) -> int | None:
    """十九 → 19, 二十一 → 21, 一〇 → 10; None when not a Chinese numeral."""
    if not numeral or any(ch not in CN_DIGITS and ch not in "十百" for ch in numeral):
        return None
    if "十" not in numeral and "百" not in numeral:
        value = 0
        for ch in numeral:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total, digit = 0, 0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            unit = 10 if ch == "十" else 100
            total += (digit or 1) * unit
            digit = 0
    return total + digit


@dataclass(frozen=True)
class Classified:
    """A line with what it looks like; `rest` is the text after its marker or label."""

    line: Line
    kind: str  # cn | pcn | ar | par | label | annex | footer | text
    number: int | None = None
    numeral: str | None = None
    label: str | None = None
    colon: bool = False
    rest: str = ""

    @property
    def no(self) -> int:
        return self.line.no

    @property
    def text(self) -> str:
        return self.line.text


def classify(line: Line) -> Classified:
    text = line.text
    if ANNEX.match(text):
        return Classified(line, "annex")
    if FOOTER.search(text):
        return Classified(line, "footer")
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            numeral = match.group("num")
            number = int(numeral) if numeral.isdigit() else cn_to_int(numeral)
            if number is not None and number > 0:
                return Classified(line, kind, number, numeral, rest=match.group("rest").strip())
    match = LABEL_AT_START.match(text)
    if match:
        rest = text[match.end():]
        colon = bool(match.group("colon"))
        if colon or not _NOT_A_LABEL_AFTER.match(rest):
            label = re.sub(r"\s+", "", match.group("label"))
            return Classified(line, "label", label=label, colon=colon, rest=rest.strip())
    return Classified(line, "text", rest=text)


def page_width(lines: list[Line]) -> int:
    """Extraction wraps body text at the page width: the 90th percentile of line widths."""
    widths = sorted(display_width(line.text) for line in lines) or [80]
    return widths[min(len(widths) - 1, int(len(widths) * 0.9))]


def short_line_limit(page: int) -> float:
    """Lines narrower than this end a paragraph (a heading, a paragraph's last line).

    Capped for web text, where a line is a whole paragraph and so the
    "page" is very wide.
    """
    return min(0.85 * page, 80)


def is_heading_text(cl: Classified) -> bool:
    """Unpunctuated plain text of title length: a title line or part of one."""
    return (
        cl.kind == "text"
        and display_width(cl.text) <= 90
        and not SENTENCE_PUNCT.search(cl.text)
        and not re.search(r"[《》]", cl.text)
        and not DATE_LINE.match(cl.text)
        and not cl.text.startswith("附件")
    )


def ends_paragraph(cl: Classified | None) -> bool:
    """True where the next line must begin something new (a title can start there)."""
    return (
        cl is None
        or cl.kind != "text"
        or cl.text.endswith(tuple(TERMINAL_PUNCT + "："))
        or cl.text.startswith("附件")
        or bool(DATE_LINE.match(cl.text))
    )


@dataclass
class Part:
    """A self-contained piece of a notice: the plan, an annex, a companion plan."""

    title: str | None
    title_lines: tuple[int, int] | None
    lines: list[Classified]


def split_parts(classified: list[Classified]) -> list[Part]:
    """Cut the notice at annex headings and at plan/list title lines.

    A title is a run of at most four unpunctuated lines that starts a
    paragraph and ends in a document word (…方案, …清单); its lines may be as
    wide as the page, since a long title wraps like any paragraph.
    """
    starts: list[tuple[int, str | None, tuple[int, int] | None, int]] = [(0, None, None, 0)]
    index = 0
    while index < len(classified):
        cl = classified[index]
        previous = classified[index - 1] if index else None
        if cl.kind == "annex":
            title, span, end = _title_block(classified, index + 1)
            starts.append((index, title, span, end))
            index = max(end, index + 1)
            continue
        if is_heading_text(cl) and ends_paragraph(previous):
            title, span, end = _title_block(classified, index)
            if title:
                starts.append((index, title, span, end))
                index = end
                continue
        index += 1
    parts = []
    for position, (start, title, span, body_start) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(classified)
        parts.append(Part(title, span, classified[body_start:stop]))
    return parts


def _title_block(classified: list[Classified], start: int) -> tuple[str | None, tuple[int, int] | None, int]:
    """A run of heading lines ending in a title word (…方案/…清单); else (None, None, start)."""
    end = start
    while end < len(classified) and end - start < 4 and is_heading_text(classified[end]):
        end += 1
    text = "".join(cl.text for cl in classified[start:end]).replace(" ", "")
    if end == start or len(text) > 60 or not TITLE_SUFFIX.search(text):
        return None, None, start
    return text, (classified[start].no, classified[end - 1].no), end
