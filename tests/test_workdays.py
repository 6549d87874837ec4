"""China's working days and the 督办公开 deadlines built on them (model/workdays.py, model/disclosure_deadlines.py).

The 2017 National Day holiday is the hard case: Saturday 2017-09-30 was a make-up
working day, and 2017-10-01 to 10-08 (a Sunday included) were all holidays.
"""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.model.disclosure_deadlines import due_date, edition_deadlines
from pipeline.model.disclosures import HANDLING, LIST, Edition, Publication
from pipeline.model.workdays import OutsideCalendar, add_workdays, covered_years, is_workday, next_thursday, \
    workdays_between


def test_a_make_up_saturday_is_a_working_day_and_the_holiday_week_is_not():
    assert is_workday(date(2017, 9, 30)) is True  # Saturday, 调休上班
    assert [is_workday(date(2017, 10, d)) for d in range(1, 10)] == [False] * 8 + [True]
    assert is_workday(date(2017, 9, 24)) is False  # an ordinary Sunday


def test_two_working_days_after_the_friday_before_national_day_end_on_the_monday_after_it():
    assert add_workdays(date(2017, 9, 29), 1) == date(2017, 9, 30)
    assert add_workdays(date(2017, 9, 29), 2) == date(2017, 10, 9)
    assert add_workdays(date(2017, 9, 28), 2) == date(2017, 9, 30)
    assert add_workdays(date(2017, 10, 16), 2) == date(2017, 10, 18)  # an ordinary week


def test_working_days_between_two_dates_skip_the_holiday():
    assert workdays_between(date(2017, 9, 29), date(2017, 10, 9)) == 2
    assert workdays_between(date(2017, 10, 9), date(2017, 9, 29)) == 0


def test_a_date_outside_the_holiday_schedule_is_an_error_never_a_guess():
    first, last = covered_years()
    assert (first, last) == (2004, 2026)
    with pytest.raises(OutsideCalendar) as caught:
        add_workdays(date(2026, 12, 30), 2)  # runs into 2027
    assert caught.value.day.year == 2027
    with pytest.raises(OutsideCalendar):
        is_workday(date(2003, 6, 2))


def test_the_tv_segment_is_the_first_thursday_on_or_after_a_day():
    assert next_thursday(date(2017, 10, 9)) == date(2017, 10, 12)
    assert next_thursday(date(2017, 10, 12)) == date(2017, 10, 12)
    assert next_thursday(date(2017, 10, 13)) == date(2017, 10, 19)


def _edition(kind=LIST, start="2017-09-29", publications=(), notice_id=None) -> Edition:
    return Edition("demo", kind, "突出问题督办企业", 1, "郑州市", "zhengzhou", (), "content/disclosures/demo.yml",
                   ministry_date=start if kind == LIST else None, letter_date=start if kind == HANDLING else None,
                   publications=tuple(publications), notice_id=notice_id)


def test_a_list_is_due_two_working_days_after_the_ministry_published_it_and_on_tv_that_thursday():
    edition = _edition()
    assert [due_date(edition, c) for c in ("web", "newspaper", "tv")] == ["2017-10-09", "2017-10-09", "2017-10-12"]


def test_a_handling_status_is_due_fifteen_calendar_days_after_the_letter():
    edition = _edition(HANDLING, "2017-10-10")
    assert [due_date(edition, c) for c in ("web", "newspaper", "tv")] == ["2017-10-25", "2017-10-25", "2017-10-26"]


def test_each_channel_is_on_time_late_pending_or_overdue():
    edition = _edition(publications=[Publication("web", "2017-10-09"), Publication("newspaper", "2017-10-11")])
    states = {d.channel: (d.state, d.days, d.label) for d in edition_deadlines(edition, "2017-10-11")}
    assert states == {"web": ("on-time", 0, "按时公开"), "newspaper": ("late", 2, "逾期 2 天公开"),
                      "tv": ("pending", 0, "尚未公开，未到期限")}
    later = {d.channel: (d.state, d.days) for d in edition_deadlines(edition, "2017-10-20")}
    assert later["tv"] == ("overdue", 8)


def test_a_generated_edition_has_no_deadlines():
    assert edition_deadlines(_edition(notice_id="zhengzhou-2017-178"), "2017-10-20") == ()
