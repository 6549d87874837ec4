"""Normalise the free-text deadline (整改时限 / 完成时限) of a rectification item.

Notices write deadlines by hand: "2020年10月底", "20193月底前" (a lost 年),
"十月底前", "上半年", "立即整改，长期坚持" ...  The site needs something it can
sort and filter on, so every deadline is reduced to a :class:`Deadline`: the
dates it mentions (ISO strings, in text order) plus a coarse kind.

Pure functions, standard library only; never raises on any input string.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

KIND_DATE = "date"
KIND_ONGOING = "ongoing"
KIND_DONE = "done"
KIND_UNKNOWN = "unknown"

DONE_MARKERS = ("已经完成", "已完成", "已整改完成", "已办结")
ONGOING_MARKERS = ("立即整改", "立行立改", "长期坚持", "持续推进", "持续整改", "常态化", "长期")

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_NUMERAL_RUN = re.compile(r"[〇零一二三四五六七八九十]+(?=[年月日号])")
_CHINESE_TENS = re.compile(r"([一二三四五六七八九]?)十([一二三四五六七八九]?)")
_WHITESPACE = re.compile(r"\s+")

_QUARTER_NUMBERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_TEN_DAY_PERIOD_DAY = {"上旬": 10, "中旬": 20}  # 下旬 means the month's last day

# One alternation scanned left to right, so matches come out in text order.
# Alternatives are ordered: at a given position the first that fits wins,
# and the bare "Y年" (which only sets the year context) comes last.
_DATE_EXPRESSION = re.compile(
    r"""
    (?P<month_form>
        (?: (?<![0-9])(?P<month_year>[0-9]{4})年
          | (?<![0-9])(?P<glued_year>199[0-9]|20[0-9]{2})(?=[0-9]{1,2}月)  # lost 年
          | (?<![0-9])
        )
        (?P<month>[0-9]{1,2})月
        (?: (?P<day>[0-9]{1,2})[日号]
          | (?P<month_part>上旬|中旬|下旬|底|末|份)
          | (?![0-9])
        )
    )
  | (?P<year_end>
        (?: (?<![0-9])(?P<year_end_year>[0-9]{4})年 | (?<![0-9])年 )
        年?[底末]
    )
  | (?P<half_form>
        (?: (?<![0-9])(?P<half_year>[0-9]{4})年? )?
        (?P<half>上半年|下半年)
    )
  | (?P<quarter_form>
        (?: (?<![0-9])(?P<quarter_year>[0-9]{4})年 )?
        第?(?P<quarter>(?<![0-9])[1-4]|[一二三四])季度
    )
  | (?<![0-9])(?P<bare_year>[0-9]{4})年
    """,
    re.VERBOSE,
)

_YEAR_GROUPS = ("month_year", "glued_year", "year_end_year", "half_year",
                "quarter_year", "bare_year")


@dataclass(frozen=True)
class Deadline:
    """A deadline as written, plus the dates it mentions and a coarse kind."""

    text: str
    date: str | None
    kind: str
    milestones: tuple[str, ...]

    @property
    def year(self) -> str | None:
        """The year of the (last) date, for filtering by year; None when undated."""
        return self.date[:4] if self.date else None

    def to_dict(self) -> dict:
        """Plain JSON-friendly form for templates and the search index."""
        return {
            "text": self.text,
            "date": self.date,
            "kind": self.kind,
            "milestones": list(self.milestones),
        }


def normalise_deadline(text: str | None, default_year: int | None) -> Deadline:
    """Reduce a free-text deadline to a :class:`Deadline`.

    ``default_year`` (the notice's year) dates expressions such as "10月底前"
    that omit the year and follow no other year in the text.
    """
    original = _stripped(text)
    canonical = canonical_form(original)
    milestones = tuple(_unique_in_order(d.isoformat() for d in find_dates(canonical, default_year)))
    if milestones:
        return Deadline(original, milestones[-1], KIND_DATE, milestones)
    return Deadline(original, None, classify_undated(canonical), ())


def _stripped(text: str | None) -> str:
    """Missing deadlines become '' so callers never special-case None."""
    if text is None:
        return ""
    return str(text).strip()


def canonical_form(text: str) -> str:
    """Rewrite the text so one set of ASCII-digit patterns covers every spelling.

    Full-width digits become ASCII, all whitespace goes (notices contain
    "2020 年底"), and Chinese numerals before 年/月/日/号 become Arabic.
    """
    ascii_digits = text.translate(_FULL_WIDTH_DIGITS)
    without_spaces = _WHITESPACE.sub("", ascii_digits)
    return _CHINESE_NUMERAL_RUN.sub(_arabic_for_chinese_run, without_spaces)


def _arabic_for_chinese_run(match: re.Match) -> str:
    """Replace one numeral run, leaving it untouched if it is not a number."""
    value = chinese_numeral_to_arabic(match.group())
    return match.group() if value is None else value


def chinese_numeral_to_arabic(numeral: str) -> str | None:
    """'十二' -> '12', '三十一' -> '31', '二〇二〇' -> '2020' (years are read digit by digit)."""
    if "十" not in numeral:
        return "".join(str(_CHINESE_DIGITS[ch]) for ch in numeral)
    tens_form = _CHINESE_TENS.fullmatch(numeral)
    if tens_form is None:
        return None
    tens, units = tens_form.groups()
    value = (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)
    return str(value)


def find_dates(canonical: str, default_year: int | None) -> list[date]:
    """Every date the canonical text mentions, in text order.

    A year-less expression borrows the nearest preceding year in the text,
    else ``default_year``; with neither it is skipped.
    """
    context_year = default_year
    dates = []
    for match in _DATE_EXPRESSION.finditer(canonical):
        explicit_year = _explicit_year(match)
        if explicit_year is not None:
            context_year = explicit_year
        if context_year is None:
            continue
        found = _date_for_expression(match, context_year)
        if found is not None:
            dates.append(found)
    return dates


def impossible_dates(text: str | None, default_year: int | None) -> list[str]:
    """Date expressions in the text that name no real day (2023年2月30日, 13月底): printed as they are written.

    They yield no date, so the deadline looks unknown; the checks warn about each one."""
    found = []
    context_year = default_year
    for match in _DATE_EXPRESSION.finditer(canonical_form(_stripped(text))):
        explicit_year = _explicit_year(match)
        if explicit_year is not None:
            context_year = explicit_year
        if context_year is None or match.group("bare_year") is not None:
            continue
        if _date_for_expression(match, context_year) is None:
            found.append(match.group())
    return found


def _explicit_year(match: re.Match) -> int | None:
    """The year written inside this expression, if any."""
    for group in _YEAR_GROUPS:
        if match.group(group) is not None:
            return int(match.group(group))
    return None


def _date_for_expression(match: re.Match, year: int) -> date | None:
    """The calendar date one matched expression stands for (None if invalid)."""
    if match.group("month_form") is not None:
        return _month_form_date(match, year)
    if match.group("year_end") is not None:
        return _valid_date(year, 12, 31)
    if match.group("half_form") is not None:
        return _last_day_of_month(year, 6 if match.group("half") == "上半年" else 12)
    if match.group("quarter_form") is not None:
        return _last_day_of_month(year, 3 * _QUARTER_NUMBERS[match.group("quarter")])
    return None  # a bare "Y年" only sets the year context


def _month_form_date(match: re.Match, year: int) -> date | None:
    """'M月D日' is that day; '上旬'/'中旬' the 10th/20th; anything else the month's end."""
    month = int(match.group("month"))
    if match.group("day") is not None:
        return _valid_date(year, month, int(match.group("day")))
    part = match.group("month_part")
    if part in _TEN_DAY_PERIOD_DAY:
        return _valid_date(year, month, _TEN_DAY_PERIOD_DAY[part])
    return _last_day_of_month(year, month)


def _last_day_of_month(year: int, month: int) -> date | None:
    """Month-end deadlines ("月底") fall on the month's last day, leap years included."""
    try:
        return date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, OverflowError):
        return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    """Impossible dates written by hand (2月30日, 13月) yield nothing rather than an error."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _unique_in_order(items):
    """Drop repeated dates but keep the order they were first mentioned in."""
    return list(dict.fromkeys(items))


def classify_undated(canonical: str) -> str:
    """Kind of a deadline without any date: already done, ongoing, or unknown."""
    if any(marker in canonical for marker in DONE_MARKERS):
        return KIND_DONE
    if any(marker in canonical for marker in ONGOING_MARKERS):
        return KIND_ONGOING
    return KIND_UNKNOWN
