"""督办公开 editions: the three list types of the ministry's templates, their columns and titles, and the records.

The templates are the annexes of 郑政文〔2017〕178号 (附件2: the supervision
lists, 附件3: their handling status).  Every column, heading and title the
site, the data files, the newspaper PDF and the importer use comes from
`LIST_TYPES`; nothing else spells them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from . import urls

LIST = "list"  # 附件2: a supervision list the ministry published
HANDLING = "handling"  # 附件3: the city's handling and rectification status of a list's rows
KINDS = (LIST, HANDLING)

NUMBER = "序号"
CITY = "市"
COUNTY = "县（区）"
TOWNSHIP = "乡镇（街道）"  # not a template column: optional, for the 量化问责 counts per township
INVESTIGATION = "查处情况"
PROGRESS = "整改（进展）情况"
TERM = "整改期限"
ORIGINAL_NUMBER = "原序号"  # not a template column: the ministry's own number of a row kept by import-list --city
PLAN = "专项方案"  # the tasks table's column naming the plan a row belongs to
RESULT = "完成情况"  # not a template column: the structured result the 量化问责 counts read

# 完成情况 of a handling row: one of these, so the counts never read free text.
RESULTS = {
    "已完成整改": "按要求完成整改",
    "整改中": "在整改期限内，仍在整改",
    "未按要求完成整改": "整改期限已过或验收未通过，未按要求完成整改",
}
NOT_AS_REQUIRED = "未按要求完成整改"


def normalise_heading(text) -> str:
    """One spelling of a heading: printed spaced out (污  染  源  名  称) or with ASCII brackets (县(区)), editors'
    files and pasted tables name the same column."""
    return re.sub(r"\s+", "", str(text)).replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class ListType:
    name: str  # as editors write it: 突出问题督办企业
    key: str  # in URLs and data
    list_title: str  # 附件2's title after the city name
    handling_title: str  # 附件3's
    columns: tuple[str, ...]  # 附件2's columns, 序号 first
    handling_columns: tuple[str, ...]  # what 附件3 adds after them

    @property
    def problem_column(self) -> str:
        """主要问题 (the enterprise lists) or 存在问题 (the tasks list): the last column of 附件2's table."""
        return self.columns[-1]

    @property
    def subject_column(self) -> str:
        """What a row is about: 污染源名称 or 任务要求, the column before the problem."""
        return self.columns[-2]

    @property
    def all_handling_columns(self) -> tuple[str, ...]:
        return self.columns + self.handling_columns


_ENTERPRISE = (NUMBER, CITY, COUNTY, "污染源名称", "主要问题")
LIST_TYPES = {t.name: t for t in (
    ListType("突出问题督办企业", "enterprises", "突出问题督办企业名单", "突出问题督办企业查处整改情况",
             _ENTERPRISE, (INVESTIGATION, PROGRESS, TERM)),
    ListType("散乱污问题企业", "scattered", "散乱污问题企业名单", "散乱污问题企业查处整改情况",
             _ENTERPRISE, (INVESTIGATION, PROGRESS, TERM)),
    ListType("大气专项治理任务突出问题", "tasks", "大气专项治理任务突出问题清单", "大气专项治理任务突出问题整改情况",
             (NUMBER, CITY, COUNTY, PLAN, "任务要求", "存在问题"), (PROGRESS, TERM)),
)}
PLAN_TYPE = "大气专项治理任务突出问题"  # the type of the editions generated from the rectification plans

CHANNELS = {"web": "市政府网站", "newspaper": "郑州日报", "tv": "郑州电视台"}  # 一网、一报、一台


@dataclass(frozen=True)
class Row:
    """One row of a table: its cells by column heading, and the line of the file it came from."""

    cells: dict[str, str]
    line: int | None
    extra: dict[str, str] = field(default_factory=dict)  # 乡镇（街道）, 完成情况: kept beside the template's columns
    issue_id: str | None = None  # a generated row: the rectification item it restates

    @property
    def number(self) -> str:
        return self.cells[NUMBER]


@dataclass(frozen=True)
class Publication:
    """Where and when an edition appeared on one channel; date None = not yet."""

    channel: str  # web | newspaper | tv
    date: str | None
    detail: str | None = None  # 郑州日报 第3版 / 郑州新闻
    url: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Edition:
    id: str
    kind: str  # LIST | HANDLING
    list_type: str  # a key of LIST_TYPES
    batch: int | None  # 第 X 期; None for a generated edition
    region: str  # the city (or county) named in the title
    region_id: str
    rows: tuple[Row, ...]
    source_file: str  # the file it was read from, as editors see it (content/disclosures/x.yml or a notice)
    ministry_date: str | None = None  # list: the day the ministry published it
    letter_date: str | None = None  # the day the 督办函 was issued
    list_id: str | None = None  # handling: the list edition whose rows it reports on
    publications: tuple[Publication, ...] = ()
    notice_id: str | None = None  # generated from this rectification notice
    note: str | None = None
    key_lines: Mapping[str, int] = field(default_factory=dict)  # the line of each key of its file, for problems

    @property
    def template(self) -> ListType:
        return LIST_TYPES[self.list_type]

    @property
    def generated(self) -> bool:
        return self.notice_id is not None

    @property
    def columns(self) -> tuple[str, ...]:
        t = self.template
        return t.columns if self.kind == LIST else t.all_handling_columns

    def searched(self, heading: str) -> bool:
        """Whether search holds this column's cells: every column of a published table; only the plan of
        a generated edition, whose rows are the notice's items, searched as issues already."""
        return heading == PLAN if self.generated else True

    @property
    def title(self) -> str:
        """As the templates title it: 郑州市突出问题督办企业名单（第 3 期）."""
        t = self.template
        name = t.list_title if self.kind == LIST else t.handling_title
        return f"{self.region}{name}{self.batch_label}"

    @property
    def batch_label(self) -> str:
        return f"（第 {self.batch} 期）" if self.batch is not None else ""

    @property
    def url(self) -> str:
        return urls.edition_url(self.id)

    def publication(self, channel: str) -> Publication:
        for p in self.publications:
            if p.channel == channel:
                return p
        return Publication(channel, None)

    @cached_property
    def rows_by_number(self) -> dict[str, Row]:
        return {row.number: row for row in self.rows}
