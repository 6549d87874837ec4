"""Completion dates a task's own text states: "10月底前", "确保2017年10月20日前完成…", "年底前".

Campaign plans print no 整改时限 field; their tasks say in their text by when
something must be done.  A date counts only where the text makes it a
completion date:

- it names a day, a month-end or a year-end and is followed by 前 / 以前 / 之前
  or a completion verb (完成, 建成, 实现, 达到 …), or
- it is a month-end or year-end (底/末) or a half year (上半年), which is a
  point things must be done by even without 前 ("2020年底，污水处理率达到98%"),
- a bare year stands for its end, and only where the text makes it a target:
  with a completion verb or 前 ("2017年完成替换1000辆", "确保2022年前完成转型提质"), or
  opening a clause that sets a target ("。2020年，全市煤炭消费量控制在…", "，2020年全部整治到位",
  "2020年力争…累计达到…"); never before the
  notice's year ("在2019年完成规划编制的基础上" is history).

Not completion dates: the start of something (10月1日起, 从9月起, 自…以来),
either end of a period (采暖季（2017年11月15日-2018年3月15日）, 2017年10月至2018年3月),
a date something is measured at (截至2018年10月29日), titles of documents
(《河南省2017年…实施方案》), and any date in a year before the plan's.  Each rule has a test on a real sentence
(tests/test_stated_dates.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .deadlines import _DATE_EXPRESSION, _FULL_WIDTH_DIGITS, _date_for_expression, _explicit_year

COMPLETION_VERBS = ("完成", "全部完成", "全面完成", "基本完成", "建成", "全部建成", "全面建成", "实现", "达到", "达标")
BEFORE = ("前", "以前", "之前")
STARTS = ("起", "开始", "以来", "至", "到", "-", "—", "－", "~", "～", "、")
OPENING = ("至", "到", "-", "—", "－", "~", "～", "自", "从", "截至", "截止", "截止到")


@dataclass(frozen=True)
class StatedDate:
    date: str  # ISO
    phrase: str  # as printed, without spaces: "2017年10月底前"
    start: int  # offsets in the compact text
    end: int


def compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace (line breaks cut dates: "2018年3\\n月"), full-width digits as ASCII,
    and for each kept character its offset in `text`."""
    kept, offsets = [], []
    for offset, char in enumerate(text.translate(_FULL_WIDTH_DIGITS)):
        if not char.isspace():
            kept.append(char)
            offsets.append(offset)
    return "".join(kept), offsets


def stated_completion_dates(text: str, notice_year: int | None) -> list[StatedDate]:
    """The completion dates `text` states, in text order (each date once)."""
    found: list[StatedDate] = []
    context_year = notice_year
    for match in _DATE_EXPRESSION.finditer(text):
        explicit = _explicit_year(match)
        if explicit is not None:
            context_year = explicit
        if context_year is None or _inside_title(text, match.start()):
            continue
        if notice_year is not None and context_year < notice_year:
            continue  # a date before the plan's year describes the past ("2009年10月1日前生产的机械")
        after = text[match.end():match.end() + 4]
        before = text[max(0, match.start() - 3):match.start()]
        if after.startswith(STARTS) or before.endswith(OPENING):
            continue
        marker = _completion_marker(match, text, after, before, notice_year, context_year)
        if marker is None:
            continue
        bare = match.group("bare_year") is not None
        day = date(context_year, 12, 31) if bare else _date_for_expression(match, context_year)
        if day is None:
            continue
        iso = day.isoformat()
        if iso not in {d.date for d in found}:
            found.append(StatedDate(iso, text[match.start():match.end() + len(marker)], match.start(),
                                    match.end() + len(marker)))
    return found


CLAUSE_START = ("。", "；", "：", "，")
CLAUSE_END = re.compile(r"[。；]")
TARGET_WORDS = ("达到", "完成", "到位", "实现", "控制在", "降至", "下降", "提高到", "达标", "清零", "力争")


def _completion_marker(match, text: str, after: str, before: str, notice_year: int | None,
                       year: int) -> str | None:
    """What makes the date a completion date ("" where the form itself does), or None."""
    marker = next((m for m in BEFORE + COMPLETION_VERBS if after.startswith(m)), None)
    if match.group("bare_year") is not None:
        if notice_year is not None and year < notice_year:
            return None
        if marker is not None:
            return marker
        opens_clause = not before or before.endswith(CLAUSE_START)
        # "。2020年，全市…控制在…" and "，2020年全部整治到位": a year opening a clause that sets a target
        sets_target = (after.startswith("，")
                       or any(word in _clause_after(text, match.end()) for word in TARGET_WORDS))
        return "" if opens_clause and sets_target else None
    if match.group("year_end") or match.group("half_form") or match.group("month_part") in ("底", "末"):
        return marker if marker in BEFORE else ""
    if match.group("month_form") or match.group("quarter_form"):
        return marker
    return None


def _clause_after(text: str, offset: int) -> str:
    """The text from `offset` to the end of its sentence or clause (。；)."""
    end = CLAUSE_END.search(text, offset)
    return text[offset:end.start() if end else len(text)]


def _inside_title(text: str, offset: int) -> bool:
    """Inside 《…》: the name of a document, not a date of this task."""
    return text.count("《", 0, offset) > text.count("》", 0, offset)

