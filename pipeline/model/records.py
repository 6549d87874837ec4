"""The site's records: notices, issues, units and regions as frozen, typed values.

The notice stages (pipeline/notices/) make `Notice` and `Issue` records; the
site model (site.py) gathers them with `Unit`s and `Region`s.  Facts that
follow from one record alone (its URL, its printed number, its summary, a
notice's date) are properties here, so every output reads the same rule.
Facts that need the whole site (status as of a date, unit and region
aggregates) belong to `SiteModel`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from . import urls
from .deadlines import Deadline, normalise_deadline

# Fields of an issue that hold what the notice printed, in the order the site shows them.
FIELD_ORDER = ("targets", "measures", "leaders", "lead_units", "cooperating_units", "responsible_units",
               "responsible_persons", "deadline")
UNIT_FIELDS = ("lead_units", "cooperating_units", "responsible_units")
UNIT_ROLES = (("lead_units", "lead", "牵头单位"), ("cooperating_units", "cooperating", "配合单位"),
              ("responsible_units", "responsible", "责任单位"))
FIELD_NAMES_ZH = {
    "title": "标题", "problem": "问题/任务", "section": "所属部分", "targets": "整改目标", "measures": "整改措施",
    "leaders": "责任领导", "lead_units": "牵头单位", "cooperating_units": "配合单位",
    "responsible_units": "责任单位", "responsible_persons": "责任人", "deadline": "整改时限",
}
ISSUE_KIND_LABELS = {"item": "整改事项", "subtask": "子任务", "section-task": "分节任务"}
NOTICE_KINDS = {"rectification_plan": "整改方案", "campaign_plan": "实施方案"}


def notice_date(issued: str | None, published: str | None, printed: str | None) -> str | None:
    """The date a notice bears: issued (成文日期), else published, else printed.

    Its year dates deadlines that omit the year, files the notice in the
    archive, and is the date lists show.
    """
    return issued or published or printed


@dataclass(frozen=True)
class UnitRef:
    """A unit as one field of one issue names it: `name` after aliases, `printed` as in the notice."""

    id: str
    name: str
    printed: str
    collective: bool
    note: str | None = None

    @property
    def url(self) -> str:
        return urls.unit_url(self.id)


@dataclass(frozen=True)
class Person:
    """责任人 / 主体责任 / 监管责任: the label as printed and the text after it."""

    label: str
    text: str


@dataclass(frozen=True)
class LineRange:
    line_start: int
    line_end: int


@dataclass(frozen=True)
class SourceLines:
    """Where a record is printed: the raw notice file and its line range."""

    file: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class FieldSource:
    """Where one field's value comes from: raw lines, and `via` when not printed in the item itself.

    via: shared (another task's block, `ref` its id), default (declared for the
    whole list), correction (`ref` is corrections.yml:line).
    """

    line_start: int | None = None
    line_end: int | None = None
    via: str | None = None
    ref: str | None = None
    ref_seq: str | None = None

    @property
    def ref_url(self) -> str | None:
        return urls.issue_url(self.ref) if self.via == "shared" else None


@dataclass(frozen=True)
class Correction:
    """An editor's fix of one field: the value as parsed from the notice, the value published, why and when."""

    field: str
    reason: str
    date: str
    original: str | None  # the field as read from the notice, in the form an editor reads it
    corrected: str | None  # the same after the correction
    file: str
    line: int | None

    @property
    def field_label(self) -> str:
        return FIELD_NAMES_ZH.get(self.field, self.field)


@dataclass(frozen=True)
class Block:
    """One of several target/measure/unit blocks printed under one item (one per county, say)."""

    text: str | None
    source: LineRange
    targets: str | None = None
    measures: tuple[str, ...] | None = None
    leaders: tuple[str, ...] | None = None
    lead_units: tuple[UnitRef, ...] | None = None
    cooperating_units: tuple[UnitRef, ...] | None = None
    responsible_units: tuple[UnitRef, ...] | None = None
    responsible_persons: tuple[Person, ...] | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class Issue:
    """One numbered item of a notice (or a sub-task / section task that names its own units)."""

    id: str
    notice: str
    list_index: int
    list_title: str | None
    kind: str  # item | subtask | section-task
    seq: str  # the number as printed
    number: int
    parent: str | None
    parent_seq: str | None
    section: str | None
    sections: tuple[str, ...]
    title: str | None
    problem: str
    targets: str | None
    measures: tuple[str, ...]
    leaders: tuple[str, ...]
    lead_units: tuple[UnitRef, ...]
    cooperating_units: tuple[UnitRef, ...]
    responsible_units: tuple[UnitRef, ...]
    responsible_persons: tuple[Person, ...]
    deadline: Deadline
    blocks: tuple[Block, ...]
    source: SourceLines
    field_sources: Mapping[str, FieldSource]
    corrections: tuple[Correction, ...]
    table_row: TableRow | None = None  # the row of the plan's task table that restates this task

    @property
    def url(self) -> str:
        return urls.issue_url(self.id)

    @property
    def label(self) -> str:
        """The number as the notice prints it: 17, 17（2） for a sub-task, （3） for a section task."""
        if self.kind == "subtask":
            return f"{self.parent_seq}（{self.seq}）"
        if self.kind == "section-task":
            return f"（{self.seq}）"
        return self.seq

    @property
    def summary(self) -> str:
        """What a list shows for the issue: its title, else its problem text."""
        return self.title or self.problem

    @property
    def deadline_stated_in_text(self) -> bool:
        """No 整改时限 field: the deadline is the completion dates the task's own text states."""
        source = self.field_sources.get("deadline")
        return source is not None and source.via == "text"

    def correction_of(self, field: str) -> Correction | None:
        """The editor's correction of `field`, if any: pages show the original wording beside the corrected value."""
        return next((c for c in self.corrections if c.field == field), None)

    @property
    def deadline_text(self) -> str:
        """The deadline as lists and results show it: the printed text, else 未写明."""
        return self.deadline.text or "未写明"

    @property
    def lead(self) -> tuple[UnitRef, ...]:
        """Who leads: the lead units, or the responsible units where no lead is printed."""
        return self.lead_units or self.responsible_units

    @property
    def unit_ids(self) -> list[str]:
        """Every unit the item's own fields name, sorted."""
        return sorted({u.id for key in UNIT_FIELDS for u in getattr(self, key)})

    @property
    def block_unit_ids(self) -> set[str]:
        return {u.id for block in self.blocks for key in UNIT_FIELDS for u in getattr(block, key) or ()}


def lowest_region(city: str | None, county: str | None) -> str | None:
    """The region a notice belongs to and is shown under: its county, else its city."""
    return county or city


@dataclass(frozen=True)
class NoticeRegion:
    """The region a notice belongs to, as meta.yml states it; `id` is the lowest level's."""

    province: str | None
    city: str | None
    county: str | None
    id: str

    @property
    def name(self) -> str | None:
        return lowest_region(self.city, self.county)

    @property
    def url(self) -> str:
        return urls.region_url(self.id)


@dataclass(frozen=True)
class ListSummary:
    """One task list of a notice as notices.json publishes it."""

    index: int
    title: str | None
    item_count: int
    section_task_count: int
    record_count: int
    declared_count: int | None
    declared_line: int | None
    declared_file: str | None
    numbering: str  # continuous | per-section
    line_start: int
    line_end: int


@dataclass(frozen=True)
class TableRow:
    """A row of a plan's task table (类别、重点工作、主要任务 as printed together, 完成时限, 工程措施)."""

    heading: str
    time: str
    measures: str
    line_start: int
    line_end: int
    issue: str | None = None  # the numbered task it restates, where its 主要任务 is that task's title
    reason: str | None = None

    @property
    def completion(self) -> str | None:
        """The 完成时限 as a date where it is one (…前); 全年, 采暖季 and …起 are not."""
        if not self.time.endswith("前"):
            return None
        return normalise_deadline(self.time, None).date


@dataclass(frozen=True)
class StatedPeriod:
    """A campaign period as the notice states it ("2017年10月至2018年3月"), with its lines."""

    text: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class Notice:
    id: str
    title: str
    issuers: tuple[str, ...]
    doc_number: str | None
    date_issued: str | None
    date_published: str | None
    date_printed: str | None
    region: NoticeRegion
    kind: str
    lists: tuple[ListSummary, ...]
    issue_count: int
    sha256: str
    original_file: str | None
    notes: str | None
    metadata_sources: Mapping[str, Mapping]
    warning_count: int
    source_url: str | None = None  # the official publication, where meta.yml gives it
    period: StatedPeriod | None = None
    table_rows: tuple[TableRow, ...] = ()  # the plan's task table, row by row (notices/task_table.py)

    @property
    def url(self) -> str:
        return urls.notice_url(self.id)

    @property
    def updates_feed_url(self) -> str:
        return urls.updates_feed("notices", self.id)

    @property
    def source_file(self) -> str:
        return urls.notice_text(self.id)

    @property
    def kind_label(self) -> str:
        return NOTICE_KINDS[self.kind]

    @property
    def date(self) -> str | None:
        """See `notice_date`."""
        return notice_date(self.date_issued, self.date_published, self.date_printed)

    @property
    def public_date(self) -> str | None:
        """The date the notice went public: published, else issued, else printed (feeds, recency)."""
        return self.date_published or self.date_issued or self.date_printed

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def short_name(self) -> str:
        """栾川县2019年整改方案（文号）: how tables and results name a notice."""
        doc = f"（{self.doc_number}）" if self.doc_number else ""
        return f"{self.region.name}{self.year or ''}年{self.kind_label}{doc}"
