"""量化问责 counts: the supervised problems not rectified as required, per township and per county.

郑政文〔2017〕178号's quantified-accountability rules count, for each township
(第八–十条) and each county (第十一–十三条), the problems the ministry handed
down that were not rectified as required (第六条（一）), and measure them
against thresholds.  The site shows those counts, the thresholds and the
rules' own text with its line, read from the handling editions' 完成情况;
it never names a person and never says anyone is to be held accountable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .disclosures import COUNTY, LIST, NOT_AS_REQUIRED, RESULT, TOWNSHIP, Edition, Row

SOURCE_DOC = "郑政文〔2017〕178号"
COUNTED = "第六条"  # defines what is counted: its clause （一）
NO_TOWNSHIP = "未注明乡镇（街道）"


@dataclass(frozen=True)
class Rule:
    article: str
    level: str  # township | county
    threshold: int  # the count must exceed this; 0: any problem at all

    @property
    def threshold_label(self) -> str:
        return "有 1 个及以上" if self.threshold == 0 else f"超过 {self.threshold} 个"


RULES = (
    Rule("第八条", "township", 0), Rule("第九条", "township", 1), Rule("第十条", "township", 2),
    Rule("第十一条", "county", 2), Rule("第十二条", "county", 4), Rule("第十三条", "county", 6),
)
LEVELS = {"township": "乡镇（办事处）", "county": "县（市、区）"}


@dataclass(frozen=True)
class Quote:
    article: str
    line: int  # the clause's first line in the notice's original text
    text: str


@dataclass(frozen=True)
class Counted:
    """One supervised problem counted: the list row and the handling edition that reported it."""

    edition: Edition  # the list
    row: Row
    handling: Edition


@dataclass(frozen=True)
class CountyCounts:
    county: str
    problems: tuple[Counted, ...]
    townships: tuple[tuple[str, int], ...]  # (township, count), most first

    @property
    def total(self) -> int:
        return len(self.problems)


def rule_quotes(lines: tuple[str, ...]) -> dict[str, Quote]:
    """Each article's clause （一） as printed, with its line: 第六条 says what is counted, 第八–十三条 the thresholds."""
    found = {}
    for article in (COUNTED, *(r.article for r in RULES)):
        start = next((i for i, text in enumerate(lines) if text.strip().startswith(article)), None)
        if start is None:
            continue
        quote = _first_clause(lines, start)
        if quote:
            found[article] = Quote(article, quote[0] + 1, quote[1])
    return found


def _first_clause(lines: tuple[str, ...], start: int) -> tuple[int, str] | None:
    """The clause marked (一) after line `start`, joined across the lines it is broken over."""
    for index in range(start, min(start + 12, len(lines))):
        text = lines[index].strip()
        if re.match(r"^[（(]一[）)]", text):
            parts = [text]
            follow = index + 1
            while not re.search(r"[;；。]$", parts[-1]) and follow < len(lines) and follow < index + 6:
                if lines[follow].strip():
                    parts.append(lines[follow].strip())
                follow += 1
            return index, "".join(parts)
    return None


def county_counts(county: str, city: str, editions: tuple[Edition, ...], latest_handling,
                  spellings: tuple[str, ...] = ()) -> CountyCounts:
    """The list rows of `city`'s editions in `county` (or another spelling of it, 郑州高新区) whose newest
    handling row says 未按要求完成整改."""
    names = {county, *spellings}
    counted = []
    for edition in editions:
        if edition.kind != LIST or edition.region != city:
            continue
        for row in edition.rows:
            if row.cells[COUNTY] not in names:
                continue
            handled = latest_handling(edition.id, row.number)
            if handled and handled[1].extra.get(RESULT) == NOT_AS_REQUIRED:
                counted.append(Counted(edition, row, handled[0]))
    townships: dict[str, int] = {}
    for item in counted:
        name = item.row.extra.get(TOWNSHIP) or NO_TOWNSHIP
        townships[name] = townships.get(name, 0) + 1
    return CountyCounts(county, tuple(counted), tuple(sorted(townships.items(), key=lambda kv: (-kv[1], kv[0]))))
