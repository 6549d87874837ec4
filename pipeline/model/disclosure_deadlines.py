"""When each 督办公开 edition was due on each channel (一网、一报、一台), and whether it was met.

The rules are those of 郑政文〔2017〕178号 (lines 2088–2097 of its text):
a supervision list within 2 working days of the day the ministry published
it, on the website and in the newspaper; the handling status within 15 days
(calendar days: the text says 15日, not 15个工作日) of the 督办函; and the
TV's weekly Thursday segment.  This module is the one place those rules
live: the edition pages, `invoke check-deadlines` and the about page read
`RULES` and `edition_deadlines`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .disclosures import CHANNELS, HANDLING, LIST, Edition
from .workdays import add_workdays, next_thursday

LIST_WORKDAYS = 2
HANDLING_DAYS = 15

RULES = {
    LIST: f"环境保护部公开督办问题清单之日起 {LIST_WORKDAYS} 个工作日内（不含公开当日；遇法定节假日顺延，调休上班日计入）",
    HANDLING: f"督办函印发后 {HANDLING_DAYS} 日内（自然日，不含印发当日）",
    "tv": "网站和报纸的期限当天或之后的第一个星期四",
}
RULE_LINES = {LIST: 2088, HANDLING: 2092, "tv": 2096}  # where 郑政文〔2017〕178号 says so

STATES = {
    "on-time": "按时公开",
    "late": "逾期公开",
    "pending": "尚未公开，未到期限",
    "overdue": "逾期未公开",
}


@dataclass(frozen=True)
class ChannelDeadline:
    channel: str  # web | newspaper | tv
    due: str  # YYYY-MM-DD, the last day allowed
    published: str | None
    state: str  # a key of STATES
    days: int  # late: days after the due date it appeared; overdue: days past due as of the build; else 0
    detail: str | None = None
    url: str | None = None

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def label(self) -> str:
        if self.state == "late":
            return f"逾期 {self.days} 天公开"
        if self.state == "overdue":
            return f"已逾期 {self.days} 天，尚未公开"
        return STATES[self.state]


def clock_start(edition: Edition) -> str | None:
    """The date the deadlines count from: the ministry's publication (a list) or the 督办函 (handling)."""
    return edition.ministry_date if edition.kind == LIST else edition.letter_date


def due_date(edition: Edition, channel: str) -> str | None:
    """The last day allowed on `channel`; None for an edition the rules do not cover (generated, no date).

    Raises workdays.OutsideCalendar when a working day falls in a year the holiday schedule lacks.
    """
    start = clock_start(edition)
    if edition.generated or not start:
        return None
    first = date.fromisoformat(start)
    due = add_workdays(first, LIST_WORKDAYS) if edition.kind == LIST else first + timedelta(days=HANDLING_DAYS)
    return (next_thursday(due) if channel == "tv" else due).isoformat()


def edition_deadlines(edition: Edition, as_of: str) -> tuple[ChannelDeadline, ...]:
    """Each channel's due date and state as of the build date; none for a generated edition."""
    found = []
    for channel in CHANNELS:
        due = due_date(edition, channel)
        if due is None:
            continue
        pub = edition.publication(channel)
        state, days = _state(due, pub.date, as_of)
        found.append(ChannelDeadline(channel, due, pub.date, state, days, pub.detail, pub.url))
    return tuple(found)


def _state(due: str, published: str | None, as_of: str) -> tuple[str, int]:
    if published:
        late = _days(due, published)
        return ("late", late) if late > 0 else ("on-time", 0)
    past = _days(due, as_of)
    return ("overdue", past) if past > 0 else ("pending", 0)


def _days(earlier: str, later: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days
