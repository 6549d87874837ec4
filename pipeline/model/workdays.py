"""China's working days, for the 督办公开 deadlines: official holidays and make-up working days included.

"2 个工作日内" counts working days as the State Council's holiday schedule
sets them: weekends are off unless they are make-up working days (调休上班,
e.g. Saturday 2017-09-30), weekdays are on unless they are holidays (e.g.
2017-10-02…06).  The schedule comes from the pinned `chinesecalendar`
package, which covers the years in `covered_years()`; a date outside them
raises `OutsideCalendar`, which the build reports with the file and line of
the date: never a guess from weekends alone.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

THURSDAY = 3  # date.weekday()


class OutsideCalendar(Exception):
    """A date in a year the holiday schedule does not cover."""

    def __init__(self, day: date):
        first, last = covered_years()
        self.day = day
        super().__init__(f"{day.year} 年不在节假日数据范围（{first}–{last} 年）内"
                         f"（no holiday schedule for {day.year}: covered {first}–{last}）")


def covered_years() -> tuple[int, int]:
    """The first and last year whose official schedule the calendar package holds."""
    years = sorted(d.year for d in chinese_calendar.holidays)
    return years[0], years[-1]


def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise OutsideCalendar(day) from None


def add_workdays(start: date, count: int) -> date:
    """The `count`-th working day after `start` (start itself not counted): the last day of "N 个工作日内"."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_workday(day)
    return count


def next_thursday(day: date) -> date:
    """The first Thursday on or after `day`: the weekly TV segment that can carry it."""
    return day + timedelta(days=(THURSDAY - day.weekday()) % 7)
