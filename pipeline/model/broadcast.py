"""一台: the weekly TV script (播报稿) for the Thursday segment, written from the records of that week.

A week is an ISO week (Monday to Sunday); its script airs on its Thursday.
A week has content when, in it, a rectification notice was issued (its items
are read out), the ministry published a supervision list, a handling status
was published, an item was reported completed, or an item's dated deadline
passed without a reported completion.  Every sentence restates a record; no
week is padded to reach the segment's 3 minutes: a short week says it is
short, an empty week has no script.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .captions import describe_duration, duration_ms, spoken_length
from .disclosures import COUNTY, HANDLING, LIST, PROGRESS as PROGRESS_COLUMN, RESULT, Edition
from .records import Issue, Notice
from .status import COMPLETION, issue_status
from . import urls

MIN_SECONDS = 180  # 郑政文〔2017〕178号: 每周四……不少于3分钟的专题报道


@dataclass(frozen=True)
class Section:
    heading: str  # for the page; not read aloud
    paragraphs: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()  # (label, site URL) of the records it restates
    paired: bool = False  # links[i] is the record paragraphs[i + 1] restates (one a paragraph after the lead)


@dataclass(frozen=True)
class Script:
    week: str  # 2017-w39
    monday: str
    sunday: str
    air_date: str  # the week's Thursday
    opening: str
    sections: tuple[Section, ...]
    closing: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return (self.opening, *(p for s in self.sections for p in s.paragraphs), self.closing)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    @property
    def url(self) -> str:
        return urls.broadcast_url(self.week)

    @cached_property
    def characters(self) -> int:
        """The characters read aloud (captions.spoken_length)."""
        return spoken_length(self.text)

    @cached_property
    def duration_ms(self) -> int:
        """The reading time at the stated pace (captions.READING_PACE); the last caption ends here."""
        return duration_ms(self.text)

    @property
    def duration_label(self) -> str:
        return describe_duration(self.duration_ms)

    @property
    def short(self) -> bool:
        """Under the segment's 3 minutes: the page says so, nothing pads it."""
        return self.duration_ms < MIN_SECONDS * 1000


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-w{week:02d}"


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def cn_date(iso: str) -> str:
    """2017-09-22 → 2017年9月22日, as an announcer reads it."""
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def notice_day(notice: Notice) -> str | None:
    """The day a notice counts as issued: its date, or where the text gives only a month or a year
    (2019年7月  日), the last day of it: the first day by which it had certainly been issued."""
    found = notice.date
    if not found or len(found) == 10:
        return found
    if len(found) == 7:
        year, month = (int(p) for p in found.split("-"))
        following = date(year + month // 12, month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return f"{found[:4]}-12-31"


def cn_period(iso: str) -> str:
    """A date as precise as the record gives it: 2019年7月, 2017年9月22日."""
    parts = [int(p) for p in iso.split("-")]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日"))


def weekly_scripts(model, column: str, site_name: str) -> tuple[Script, ...]:
    """A script for every week up to the build date's that has content, oldest first."""
    days = _event_days(model)
    as_of = date.fromisoformat(model.as_of)
    mondays = sorted({week_bounds(date.fromisoformat(d))[0] for d in days if d <= model.as_of})
    scripts = []
    for monday in mondays:
        if monday > as_of:
            continue
        sections = _sections(model, monday, monday + timedelta(days=6))
        if sections:
            scripts.append(_script(monday, sections, column, site_name))
    return tuple(scripts)


def _event_days(model) -> set[str]:
    days = {notice_day(n) for n in model.notices if notice_day(n)}
    days |= {e.ministry_date for e in model.editions if e.ministry_date}
    days |= {_handling_day(e) for e in model.editions if e.kind == HANDLING and _handling_day(e)}
    days |= {u.date for u in model.updates}
    days |= {i.deadline.date for i in model.issues if i.deadline.date and len(i.deadline.date) == 10}
    return days


def _handling_day(edition: Edition) -> str | None:
    """A handling status is news the week it was published on the website (else the week of its 督办函)."""
    if edition.generated:
        return None
    return edition.publication("web").date or edition.letter_date


def _script(monday: date, sections: list[Section], column: str, site_name: str) -> Script:
    sunday = monday + timedelta(days=6)
    thursday = monday + timedelta(days=3)
    opening = (f"观众朋友们，欢迎收看《{column}》专题报道。本期播报{cn_date(monday.isoformat())}"
               f"至{cn_date(sunday.isoformat())}生态环境问题整改的公开情况。")
    closing = f"以上是本期专题报道的全部内容。各项整改的原文、进展和数据，可以在“{site_name}”网站查询。感谢收看。"
    return Script(week_key(monday), monday.isoformat(), sunday.isoformat(), thursday.isoformat(), opening,
                  tuple(sections), closing)


def _sections(model, monday: date, sunday: date) -> list[Section]:
    first, last = monday.isoformat(), sunday.isoformat()

    def within(day: str | None) -> bool:
        return bool(day) and first <= day <= last

    sections = []
    for notice in sorted((n for n in model.notices if within(notice_day(n))), key=lambda n: (notice_day(n), n.id)):
        sections.append(_notice_section(notice, model.issues_by_notice[notice.id]))
    for edition in (e for e in model.editions if e.kind == LIST and within(e.ministry_date)):
        sections.append(_list_section(edition))
    for edition in (e for e in model.editions if e.kind == HANDLING and within(_handling_day(e))):
        sections.append(_handling_section(edition))
    done = [u for u in model.updates if within(u.date) and u.status in COMPLETION]
    if done:
        sections.append(_completed_section(done, model))
    overdue = [i for i in model.issues if within(i.deadline.date)
               and (notice_day(model.notices_by_id[i.notice]) or last) <= last  # not before the plan existed
               and issue_status(i.deadline, last, model.updates_by_issue[i.id]).overdue]
    if overdue:
        sections.append(_overdue_section(overdue, model, last))
    return sections


def _item_sentence(issue: Issue) -> str:
    return f"第{issue.label}项，{_clause(issue.summary)}，整改时限：{_clause(issue.deadline_text)}。"


def _clause(text: str) -> str:
    """A record's text as part of a sentence: no final full stop, no line breaks."""
    return " ".join(str(text).split()).rstrip("。；;，, ")


def _notice_section(notice: Notice, issues: list[Issue]) -> Section:
    number = f"（{notice.doc_number}）" if notice.doc_number else ""
    lead = (f"{cn_period(notice.date)}，{_clause(notice.title)}{number}印发，"
            f"列出整改事项{len(issues)}项。各项内容如下。")
    return Section(f"新印发的整改方案：{notice.short_name}", (lead, *(_item_sentence(i) for i in issues)),
                   ((notice.short_name, notice.url),))


def _list_section(edition: Edition) -> Section:
    lead = f"{cn_date(edition.ministry_date)}，环境保护部公开{edition.title}，共{len(edition.rows)}个问题。"
    subject, problem = edition.template.subject_column, edition.template.problem_column
    rows = [f"序号{r.number}，{r.cells[COUNTY]}，{_clause(r.cells[subject])}，{_clause(r.cells[problem])}。"
            for r in edition.rows]
    return Section(f"督办问题清单：{edition.title}", (lead, *rows), ((edition.title, edition.url),))


def _handling_section(edition: Edition) -> Section:
    lead = f"{edition.title}已经公开，涉及{len(edition.rows)}个问题。"
    subject = edition.template.subject_column
    rows = [f"序号{r.number}，{_clause(r.cells[subject])}，{r.extra.get(RESULT, '')}，"
            f"整改进展：{_clause(r.cells[PROGRESS_COLUMN])}。" for r in edition.rows]
    return Section(f"查处整改情况：{edition.title}", (lead, *rows), ((edition.title, edition.url),))


def _completed_section(updates, model) -> Section:
    lines, links = [f"本周报告完成整改的事项{len({i for u in updates for i in u.issues})}项。"], []
    for update in updates:
        for issue_id in update.issues:
            issue = model.issues_by_id[issue_id]
            notice = model.notices_by_id[issue.notice]
            lines.append(f"{notice.short_name}第{issue.label}项，{_clause(issue.summary)}，"
                         f"{cn_date(update.date)}报告{update.status_label}。")
            links.append((f"{notice.short_name}第{issue.label}项", update.url_on(issue_id)))
    return Section("报告完成整改的事项", tuple(lines), tuple(links), paired=True)


def _overdue_section(issues: list[Issue], model, last: str) -> Section:
    lead = f"截至{cn_date(last)}，有{len(issues)}项整改任务本周到达整改时限，尚未报告完成。"
    lines, links = [lead], []
    for issue in issues:
        notice = model.notices_by_id[issue.notice]
        lines.append(f"{notice.short_name}，{_item_sentence(issue)}")
        links.append((f"{notice.short_name}第{issue.label}项", issue.url))
    return Section("到达整改时限、尚未报告完成的事项", tuple(lines), tuple(links), paired=True)
