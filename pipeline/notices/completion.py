"""Read a published completion notice (整改完成情况公示 / 销号公示) into the update it stands for.

Local governments publish these in a few recurring shapes, damaged like the
notices (broken lines, stray spaces, ASCII or full-width punctuation):

- labelled fields: 问题编号 / 整改任务 / 整改目标 / 整改时限 / 责任单位 /
  整改情况 or 整改完成情况 (sometimes a numbered list 1、2、3、) / 整改结论,
  then 公示时间：…至…，共N天, 受理部门, 联系电话;
- prose: "现将…第二十七项…整改完成情况予以公示，公示时间为…至…（共7天）。
  如有异议，请于公示期内向某某局反映，联系电话：…".

The lines are joined before anything is looked for, so a label or a date
broken across lines is still found; each finding keeps the raw line it
starts on.  Labels are a list of synonyms per field, not one province's
wording, and a field that is not found stays empty (reported, never guessed).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model.deadlines import canonical_form
from .source import CJK_CHAR, clean_lines, squash_spaces
from .structure import cn_to_int

# field → labels that introduce it (longest first where one contains another)
LABELS = {
    "number": ("反馈问题编号", "交办问题编号", "问题编号", "问题序号", "序号", "编号"),
    "task": ("整改任务", "问题内容", "问题描述", "存在问题", "反馈问题", "交办问题", "具体问题", "问题名称"),
    "target": ("整改目标", "整改要求"),
    "deadline": ("整改时限", "完成时限", "整改期限"),
    "units": ("责任单位", "牵头单位", "整改责任单位"),
    "progress": ("整改完成情况", "整改落实情况", "整改措施落实情况", "整改进展情况", "完成情况", "整改情况"),
    "conclusion": ("整改结论", "验收结论", "验收意见", "销号意见"),
    "period": ("公示时间", "公示期限", "公示期", "公示日期"),
    "department": ("受理部门", "受理单位", "联系单位", "监督单位"),
    "phone": ("联系电话", "监督电话", "举报电话", "受理电话", "电话"),
}
_LABEL_TO_FIELD = {label: key for key, labels in LABELS.items() for label in labels}
_LABEL_WORDS = "|".join(sorted(map(re.escape, _LABEL_TO_FIELD), key=len, reverse=True))
_LONG_LABELS = "|".join(sorted((re.escape(w) for w in _LABEL_TO_FIELD if len(w) >= 4), key=len, reverse=True))
# A label starts a line or a sentence (after an optional point number); a long label (整改完成情况：) is
# also recognised right after a value a line break ran into it.
_LABEL = re.compile("(?:(?:^|(?<=[。；\n]))\\s*(?:[0-9]+[、.]|[一二三四五六七八九十]+、|（[一二三四五六七八九十0-9]+）)?\\s*("
                    + _LABEL_WORDS + ")|(" + _LONG_LABELS + "))\\s*[：:]")
_NUMERAL = r"[0-9]+|[一二三四五六七八九十百零〇两]+"
_ITEM_NUMBER = re.compile(rf"第\s*({_NUMERAL})\s*[项号条](?!目标)|序号\s*[：:为]?\s*({_NUMERAL})")
_DAY = r"(?:(?P<{p}y>\d{{4}})\s*[年.\-/])?\s*(?P<{p}m>\d{{1,2}})\s*[月.\-/]\s*(?P<{p}d>\d{{1,2}})\s*[日号]?"
# the end may leave out the year and the month it shares with the start (11月20日至26日)
_END_DAY = r"(?:(?P<by>\d{4})\s*[年.\-/])?\s*(?:(?P<bm>\d{1,2})\s*[月.\-/])?\s*(?P<bd>\d{1,2})\s*[日号]?"
_PERIOD = re.compile(_DAY.format(p="a") + r"\s*(?:至|到|—+|－|-|~|～)\s*" + _END_DAY)
_DAYS = re.compile(rf"共\s*({_NUMERAL})\s*个?\s*(工作日|天|日)")
_PHONE = re.compile(r"(?<![0-9])(?:0\d{2,3}[-－—\s]?\d{7,8}(?:[-－—]\d{1,4})?|1[3-9]\d{9}|\d{7,8})(?![0-9])")
_DEPARTMENT = re.compile(rf"向\s*([{CJK_CHAR}（）0-9]{{2,40}}?)\s*(?:书面)?(?:反映|提出|反馈|举报)")
NEAR = 40  # characters between 公示 and the start of its period (公示时间为 / 公示期：自 …)
_NOT_BODY = ("公示时间", "公示期", "公示日期", "异议", "联系电话", "监督电话", "举报电话", "受理部门", "受理单位", "特此公示")


@dataclass
class CompletionDraft:
    """What a completion notice states; None where it does not say (never filled in)."""

    item_numbers: list[int] = field(default_factory=list)
    item_text: str | None = None  # the number as printed (第二十七项)
    start: str | None = None
    end: str | None = None
    days: int | None = None  # counted from the dates, both ends included
    stated_days: int | None = None  # as the notice writes it (共7天)
    days_unit: str | None = None  # 天 | 工作日
    fields: dict = field(default_factory=dict)  # labelled fields: task, target, deadline, units, progress, conclusion
    text: str = ""  # the completion text: 整改情况 (and 整改结论), or the prose body
    department: str | None = None
    phone: str | None = None
    lines: dict = field(default_factory=dict)  # finding → raw line number
    notes: list[str] = field(default_factory=list)  # what an editor must check

    @property
    def item_number(self) -> int | None:
        return self.item_numbers[0] if self.item_numbers else None

    @property
    def is_completion_notice(self) -> bool:
        return self.start is not None and self.end is not None


class Joined:
    """The cleaned lines as one text, remembering the raw line each character came from."""

    def __init__(self, raw_lines: list[str]):
        parts, owners = [], []
        previous = 0
        for line in clean_lines(raw_lines):
            text = line.text
            new_paragraph = line.no > previous + 1 or _indented(raw_lines[line.no - 1])
            previous = line.no
            if parts and (new_paragraph or not _continues(parts[-1], text)):
                parts.append("\n")
                owners.append(line.no)
            parts.append(text)
            owners.extend([line.no] * len(text))
        self.text = "".join(parts)
        self.owners = owners

    def line_at(self, offset: int) -> int | None:
        return self.owners[min(offset, len(self.owners) - 1)] if self.owners else None


def _indented(raw: str) -> bool:
    """A paragraph's first line is indented (two full-width spaces, or spaces) in most published texts."""
    return raw.startswith(("\u3000", "  ", "\t"))


def _continues(before: str, after: str) -> bool:
    """A line that does not end a sentence runs on into the next (a break from the PDF's page width),
    unless the next starts a label or a numbered point."""
    starts_new = _LABEL.match(after) or re.match(r"^(?:[0-9]+[、.]|（[0-9一二三四五六七八九十]+）)", after)
    return not before.endswith(tuple("。；：:！？")) and not starts_new


def read_completion(raw_lines: list[str], as_of: str) -> CompletionDraft:
    joined = Joined(raw_lines)
    text = joined.text
    draft = CompletionDraft()
    _labelled_fields(joined, draft)
    _item_numbers(joined, draft)
    _period(joined, draft)
    _contacts(joined, draft)
    draft.text = _completion_text(draft, text)
    if draft.is_completion_notice and draft.end < as_of:
        draft.notes.append(f"公示期已于 {draft.end} 结束：请核实公示期内无异议、确已销号，再发布“已销号”。")
    return draft


def _labelled_fields(joined: Joined, draft: CompletionDraft) -> None:
    """Each label's value runs to the next label (or the end)."""
    found = list(_LABEL.finditer(joined.text))
    for index, match in enumerate(found):
        label = match.group(1) or match.group(2)
        key = _LABEL_TO_FIELD[label]
        end = found[index + 1].start() if index + 1 < len(found) else len(joined.text)
        value = joined.text[match.end():end].strip()
        if key not in draft.fields and value:
            draft.fields[key] = value
            draft.lines[key] = joined.line_at(match.start(1 if match.group(1) else 2))


def _item_numbers(joined: Joined, draft: CompletionDraft) -> None:
    labelled = draft.fields.get("number")
    if labelled:
        numbers = re.findall(_NUMERAL, canonical_form(labelled))
        if numbers:
            draft.item_numbers.append(_number(numbers[-1]))
            draft.item_text = labelled
            return
    for match in _ITEM_NUMBER.finditer(joined.text):
        number = _number(match.group(1) or match.group(2))
        if number and number not in draft.item_numbers:
            draft.item_numbers.append(number)
            draft.item_text = draft.item_text or match.group().replace(" ", "")
            draft.lines.setdefault("number", joined.line_at(match.start()))
    if len(draft.item_numbers) > 1:
        draft.notes.append(f"原文提到多个编号（{'、'.join(map(str, draft.item_numbers))}）：请确认公示的是哪几项。")


def _number(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else cn_to_int(numeral.replace("两", "二"))


def _period(joined: Joined, draft: CompletionDraft) -> None:
    """The first date range after a mention of 公示 (a range elsewhere is a deadline, not the period)."""
    for mention in re.finditer("公示", joined.text):
        window = canonical_form(joined.text[mention.start(): mention.start() + 200])
        match = _PERIOD.search(window)
        if not match or match.start() > NEAR:
            continue
        start, end = _day(match, "a", None, None), None
        if start:
            end = _day(match, "b", start.year, start.month)
        if not (start and end):
            continue
        draft.start, draft.end = start.isoformat(), end.isoformat()
        draft.days = (end - start).days + 1
        draft.lines["period"] = joined.line_at(mention.start())
        stated = _DAYS.search(window[match.end():match.end() + 20])
        if stated:
            draft.stated_days, draft.days_unit = _number(stated.group(1)), "工作日" if stated.group(2) == "工作日" else "天"
            if draft.days_unit == "天" and draft.stated_days != draft.days:
                draft.notes.append(f"原文写“共{draft.stated_days}天”，但 {draft.start} 至 {draft.end} 共 {draft.days} 天：请核对原文。")
            elif draft.days_unit == "工作日":
                draft.notes.append(f"原文写“共{draft.stated_days}个工作日”：days 按日历天数（{draft.days} 天）记录。")
        if end < start:
            draft.notes.append("公示期结束日早于开始日：请核对原文。")
        return


def _day(match: re.Match, prefix: str, year: int | None, month: int | None) -> dt.date | None:
    """The day a match names; a missing year or month is the start's (None if there is none)."""
    written_year, written_month = match.group(prefix + "y"), match.group(prefix + "m")
    try:
        return dt.date(int(written_year) if written_year else year, int(written_month) if written_month else month,
                       int(match.group(prefix + "d")))
    except (TypeError, ValueError):
        return None


def _contacts(joined: Joined, draft: CompletionDraft) -> None:
    department = draft.fields.get("department")
    if not department:
        found = _DEPARTMENT.search(joined.text)
        department = found.group(1) if found else None
    draft.department = _first_clause(department) if department else None
    phone_text = draft.fields.get("phone") or _after_phone_word(joined.text)
    phone = _PHONE.search(phone_text or "")
    draft.phone = re.sub(r"[－—\s]", "-", phone.group()) if phone else None


def _after_phone_word(text: str) -> str | None:
    found = re.search(r"(?:电话|联系方式)\s*[：:为]?\s*(.{0,40})", text)
    return found.group(1) if found else None


def _first_clause(value: str) -> str:
    return squash_spaces(re.split(r"[，。；\n]", value, maxsplit=1)[0])


def _completion_text(draft: CompletionDraft, text: str) -> str:
    """整改情况 (with 整改结论) where labelled; else the prose without the title and the 公示 sentences."""
    progress = draft.fields.get("progress")
    if progress:
        parts = [_paragraphs(progress)]
        if draft.fields.get("conclusion"):
            parts.append("整改结论：" + squash_spaces(draft.fields["conclusion"]))
        return "\n\n".join(parts)
    paragraphs = text.split("\n")
    if len(paragraphs) > 1 and len(paragraphs[0]) <= 40 and "。" not in paragraphs[0]:
        paragraphs = paragraphs[1:]  # the title
    kept = []
    for paragraph in paragraphs:
        sentences = [s for s in re.findall(r"[^。]+。?", paragraph)
                     if not any(word in s for word in _NOT_BODY) and not _is_signature(s)]
        if sentences:
            kept.append(squash_spaces("".join(sentences)))
    return "\n\n".join(kept)


def _paragraphs(value: str) -> str:
    """A numbered list (1、2、3、 or （1）) becomes one Markdown list item per point."""
    points = re.split(r"(?:^|(?<=[。；\n]))\s*(?:([0-9]+)[、.]|（([0-9一二三四五六七八九十]+)）)", value)
    if len(points) < 4:
        return squash_spaces(value)
    lead = squash_spaces(points[0])
    items = [squash_spaces(points[i + 2]) for i in range(1, len(points) - 2, 3) if points[i + 2].strip()]
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    return f"{lead}\n\n{listed}" if lead else listed


def _is_signature(sentence: str) -> bool:
    """The issuing office and date at the end (某某局 2026年11月20日)."""
    return bool(re.fullmatch(rf"[{CJK_CHAR}（）]{{2,30}}\s*\d{{4}}年\d{{1,2}}月\d{{1,2}}日", sentence.strip()))
