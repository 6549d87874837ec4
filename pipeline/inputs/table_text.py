"""Supervision lists (督办问题清单) copied as text → the rows of a list edition, with every problem found.

The ministry publishes its lists as tables on a web page or in a PDF; editors copy them as tab-separated rows
(from Excel or a web table) or one cell per line (from a PDF), with a title before and notes after.  This module
finds the header, maps its headings to the template columns of `LIST_TYPES`, splits the cells into rows at their
序号 and refuses, with file, line and code, every row whose cells do not fit the header, so that no cell is ever
shifted into another column of a published list; `python -m pipeline import-list` prints the rows as the YAML of
a list edition (content/disclosures/<id>.yml) for the editor to check.  Pure functions: text in, rows out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model.disclosures import CITY, COUNTY, LIST, LIST_TYPES, NUMBER, ORIGINAL_NUMBER, ListType, normalise_heading
from ..notices.source import PAGE_NUMBER, read_raw_lines
from ..problems import Diagnostics, Problem, collecting, error

PROVINCE = "省"  # read and dropped: the templates have no province column
PROBLEM = "问题"  # 主要问题 in the enterprise lists, 存在问题 in the tasks list

# Every heading the tables use, by what its column holds (normalised spelling): the one place of the synonyms.
HEADINGS = {
    NUMBER: ("序号", "编号", "序"),
    CITY: ("市", "地市", "城市", "设区市"),
    COUNTY: ("县（区）", "县（市、区）", "区县", "县区", "县（市）", "区（县）"),
    "污染源名称": ("污染源名称", "企业名称", "单位名称", "企业（单位）名称", "问题企业名称"),
    PROBLEM: ("主要问题", "存在问题", "问题", "问题描述", "主要环境问题"),
    "专项方案": ("专项方案", "所属专项方案"),
    "任务要求": ("任务要求",),
    PROVINCE: ("省", "省份"),
}
ROLE_OF = {heading: role for role, names in HEADINGS.items() for heading in names}
# A merged heading spans several data columns: (what each holds, the sub-headers that may be printed under it).
MERGED = {"省（市）": ((PROVINCE, CITY), ("省", "市"))}

NUMBER_CELL = re.compile(r"([0-9０-９]{1,6})\s*[.、．]?")
# 注：/备注：/说明：/附件1 after the table start the notes, which are not cells (附近…, 注意… are text).
NOTE = re.compile(r"(注|备注|说明|附件?)\s*(?:[:：、.．（(\d一二三四五六七八九十]|$)")
BATCH = re.compile(r"第\s*([0-9０-９]+|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*期")
_DIGITS = "一二三四五六七八九"


@dataclass
class Header:
    roles: list[str | None]  # what each data column holds (a key of HEADINGS); None: an unknown heading
    places: list[tuple[int, str]]  # (line, heading as printed) of each data column
    line: int  # the header's first line
    end: int  # index of the first line after the header
    cells: list[str] = field(default_factory=list)  # cell per line: the normalised header cells, in order


@dataclass
class RawRow:
    number: int
    line: int  # of its 序号
    cells: list[str]  # as copied, 序号 first


@dataclass
class ImportedList:
    file: str
    list_type: str
    title: str | None = None
    batch: int | None = None
    region: str | None = None
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def row_number(cell: str) -> int | None:
    """A row starts with its 序号: digits, ASCII or full-width, perhaps followed by . or 、 (None if not one)."""
    found = NUMBER_CELL.fullmatch(cell.strip())
    return int(found.group(1)) if found else None


def clean_cell(text: str) -> str:
    """Strip; drop the spaces extraction leaves inside Chinese text, keep one between ASCII words; nothing else.

    A cell is published as the ministry wrote it, so no other character is touched.
    """
    def space(run: re.Match) -> str:
        return " " if run.string[run.start() - 1].isascii() and run.string[run.end()].isascii() else ""
    return re.sub(r"\s+", space, text.strip())


def batch_from_title(title: str) -> int | None:
    """The 期 a title names: （第3期）, （第 3 期）, 第三期, 第十二期."""
    found = BATCH.search(title)
    if not found:
        return None
    text = found.group(1)
    if text[0] not in _DIGITS + "十":
        return int(text)
    tens, ten, ones = text.rpartition("十")
    value = (_DIGITS.index(tens) + 1 if tens else 1) * 10 if ten else 0
    return value + (_DIGITS.index(ones) + 1 if ones else 0)


def find_header(lines: list[str]) -> int | None:
    """The header starts at the first line holding a 序号 heading; the lines before it are the title."""
    return next((index for index, line in enumerate(lines)
                 if any(ROLE_OF.get(normalise_heading(cell)) == NUMBER for cell in line.split("\t"))), None)


def _add_heading(header: Header, heading: str, line: int, printed: str) -> None:
    """A merged heading adds a column for each part; an unknown heading still holds a column (role None)."""
    roles = MERGED[heading][0] if heading in MERGED else (ROLE_OF.get(heading),)
    header.roles.extend(roles)
    header.places.extend([(line, printed.strip())] * len(roles))


def tsv_header(lines: list[str], start: int) -> Header:
    """The header of tab-separated rows: one line, or two when a merged cell (省（市）) has sub-headers under it.

    Excel copies a merged cell as the heading followed by empty cells: those belong to it.  An empty heading
    elsewhere takes the sub-header under it.
    """
    top = lines[start].rstrip().split("\t")  # without Excel's trailing empty cells
    below = lines[start + 1].split("\t") if start + 1 < len(lines) else []  # sub-headers: every filled cell a heading
    filled = [normalise_heading(c) for c in below if c.strip()]
    sub = below if len(below) > 1 and filled and all(c in ROLE_OF or c in MERGED for c in filled) else []
    header = Header([], [], start + 1, start + (2 if sub else 1))
    index = 0
    while index < len(top):
        heading = normalise_heading(top[index])
        printed, line = top[index], start + 1
        if not heading and index < len(sub) and sub[index].strip():
            heading, printed, line = normalise_heading(sub[index]), sub[index], start + 2
        _add_heading(header, heading, line, printed)
        index += 1
        for _ in range(len(MERGED[heading][0]) - 1 if heading in MERGED else 0):
            if index < len(top) and not top[index].strip():
                index += 1
    return header


def cell_header(lines: list[str], start: int) -> Header | None:
    """The header of a cell-per-line text: the heading lines from 序号 to the first row's number (None: no row).

    Sub-headers printed after a merged heading (省（市） then 省, 市, right after it or after the other headings)
    are part of it; a heading broken over two lines (污染源 / 名称) is read as one.
    """
    cells = [(i, lines[i]) for i in range(start, len(lines)) if lines[i].strip()]
    first = next((k for k, (_, text) in enumerate(cells) if row_number(text) is not None), None)
    if first is None:
        return None
    header = Header([], [], start + 1, cells[first][0], [normalise_heading(text) for _, text in cells[:first]])
    pending: list[str] = []
    k = 0
    while k < first:
        (index, text), heading = cells[k], header.cells[k]
        k += 1
        if pending and heading == pending[0]:
            pending.pop(0)
            continue
        if heading not in ROLE_OF and heading not in MERGED and k < first:
            joined = heading + header.cells[k]
            if joined in ROLE_OF or joined in MERGED:
                heading, text, k = joined, text.strip() + cells[k][1].strip(), k + 1
        _add_heading(header, heading, index + 1, text)
        pending = list(MERGED[heading][1]) if heading in MERGED else pending
    return header


def tsv_rows(lines: list[str], header: Header, diag: Diagnostics, name: str) -> tuple[list[RawRow], int]:
    """Tab-separated rows up to the notes, and where the notes start.

    The table ends at a note line (注：…) or after its last line with a tab; a line without tabs before that is
    a cell broken over two lines (a line break inside an Excel cell), an error rather than a lost row.
    """
    end = next((i for i in range(header.end, len(lines)) if NOTE.match(lines[i].strip())), len(lines))
    last = max((i for i in range(header.end, end) if "\t" in lines[i] and lines[i].strip()), default=header.end - 1)
    width, rows = len(header.roles), []
    for index in range(header.end, last + 1):
        if not lines[index].strip():
            continue
        cells = lines[index].split("\t")
        number = row_number(cells[0])
        if number is None:
            after = f"序号 {rows[-1].number} 的行" if rows else "表头"
            diag.error("import.row-cells", name, index + 1, f"{after}之后的这一行不以序号开头：是单元格内的换行把一行"
                       "拆成了两行，还是表中的分组标题（a line not starting with a row number）？请改正后再导入。",
                       field=f"序号 {rows[-1].number}" if rows else None)
            continue
        if len(cells) > width and not "".join(cells[width:]).strip():
            cells = cells[:width]  # Excel's trailing empty cells
        if any(cell.lstrip().startswith('"') and cell.count('"') % 2 for cell in cells):  # Excel quotes a cell
            diag.error("import.row-cells", name, index + 1, "单元格内有换行，一行被拆成了几行（a line break inside"
                       " a cell）：请先在 Excel 中去掉单元格内的换行再复制。", field=f"序号 {number}")  # with line breaks
        _check_order(rows, number, index + 1, diag, name)
        rows.append(RawRow(number, index + 1, cells))
    return rows, last + 1


def cell_rows(lines: list[str], header: Header, diag: Diagnostics, name: str) -> tuple[list[RawRow], int]:
    """Cells one per line, split into rows at the cell that is the next 序号, up to the notes.

    A number out of order right after a complete row starts a row (reported): a duplicate or a gap.  A
    header repeated on a later page of the PDF and page numbers (- 3 -) are skipped.
    """
    width, rows, index = len(header.roles), [], header.end
    while index < len(lines):
        text = lines[index].strip()
        if not text or PAGE_NUMBER.match(text):
            index += 1
            continue
        if NOTE.match(text):
            break
        repeat = _repeated_header(lines, index, header.cells)
        if repeat:
            index = repeat
            continue
        number = row_number(text)
        if not rows or (number is not None and (number == rows[-1].number + 1 or len(rows[-1].cells) >= width)):
            _check_order(rows, number, index + 1, diag, name)
            rows.append(RawRow(number, index + 1, [text]))
        else:
            rows[-1].cells.append(text)
        index += 1
    return rows, index


def _repeated_header(lines: list[str], index: int, cells: list[str]) -> int | None:
    """The index after the header's cells if they are repeated from `index` on (a new page), else None."""
    seen = 0
    while index < len(lines) and seen < len(cells):
        if lines[index].strip():
            if normalise_heading(lines[index]) != cells[seen]:
                return None
            seen += 1
        index += 1
    return index if seen == len(cells) and cells else None


def _check_order(rows: list[RawRow], number: int, line: int, diag: Diagnostics, name: str) -> None:
    """序号 runs on by one from the first row's: a duplicate or gap means a row was copied twice or lost."""
    expected = rows[-1].number + 1 if rows else number
    if number != expected:
        kind = "重复或倒序（duplicate or out of order）" if number < expected else "跳号（a gap）"
        diag.error("import.number-order", name, line, f"序号 {number} 应为 {expected}：{kind}。"
                   "请对照原表检查是否漏复制或多复制了行。", field=f"序号 {number}")


def check_cells(rows: list[RawRow], width: int, diag: Diagnostics, name: str) -> None:
    """Every row has exactly the header's count of cells: a missing or extra cell is never guessed at."""
    for row in rows:
        if len(row.cells) != width:
            diag.error("import.row-cells", name, row.line,
                       f"序号 {row.number} 的行（从第 {row.line} 行起）应有 {width} 个单元格，实有 {len(row.cells)} 个"
                       f"（row {row.number}: expected {width} cells, found {len(row.cells)}）。请对照原表补上漏复制的"
                       "单元格或删去多余的文字；单元格不会被自动挪动。", field=f"序号 {row.number}")


def check_after_notes(lines: list[str], notes_at: int, following: int, diag: Diagnostics, name: str) -> None:
    """A row after the notes (a 注 line copied into the middle of the table) would be lost: report the first."""
    for index in range(notes_at, len(lines)):
        if row_number(lines[index].split("\t")[0]) == following:
            diag.error("import.rows-after-notes", name, index + 1, f"表后注释（第 {notes_at + 1} 行起）之后还有序号 "
                       f"{following} 的行（a row after the notes）：请把注释移到表格之后再导入。", field=f"序号 {following}")
            return


def column_of(role: str | None, template: ListType) -> str | None:
    """The template column a heading fills (None: dropped, like the province, or not in this template)."""
    if role == PROBLEM:
        return template.problem_column
    return role if role in template.columns else None


def check_header(header: Header, template: ListType, diag: Diagnostics, name: str) -> list[str | None]:
    """The column each data column fills; unknown, duplicated and missing headings are errors."""
    columns, seen = [], set()
    for role, (line, printed) in zip(header.roles, header.places):
        column = column_of(role, template)
        if role is None or (column is None and role != PROVINCE):
            what = "未知的列名" if role is None else f"“{template.name}”清单没有的列"
            diag.error("import.unknown-column", name, line,
                       f"{what}“{printed or '（空白）'}”（unknown column heading）。可用的列：{'、'.join(template.columns)}；"
                       "请检查 --type 是否选对，或把列名改成其中之一。", field=printed)
        elif column and column in seen:
            diag.error("import.duplicate-column", name, line,
                       f"列“{column}”出现了两次（“{printed}”）（column given twice）。", field=column)
        seen.add(column)
        columns.append(column)
    for column in template.columns:
        if column not in seen:
            diag.error("import.missing-column", name, header.line,
                       f"表头中没有“{column}”列（missing column）：{template.name}清单应有 {'、'.join(template.columns)}。",
                       field=column)
    return columns


def select_city(records: list[dict], lines: list[int], city: str | None, diag: Diagnostics, name: str) -> list[dict]:
    """One city's rows: with --city the rows of that city, renumbered, each keeping the ministry's 序号 as 原序号."""
    cities = {}
    for record, line in zip(records, lines):
        cities.setdefault(record[CITY], line)
    listed = "、".join(c or "（空）" for c in cities)
    if city is None and len(cities) > 1:
        second = list(cities)[1]
        diag.error("import.several-cities", name, cities[second],
                   f"清单含有多个市的行：{listed}（rows of several cities）。请用 --city 选出本市的行，如 --city {second}。",
                   field=CITY)
    if city is None:
        return records
    kept = [record for record in records if record[CITY] == city]
    if not kept:
        diag.error("import.city-not-found", name, None,
                   f"没有“市”为“{city}”的行（no row of this city）。清单中的市：{listed}。", field=CITY)
    return [{**record, NUMBER: n, ORIGINAL_NUMBER: record[NUMBER]} for n, record in enumerate(kept, start=1)]


def parse_list_text(lines: list[str], name: str, list_type: str, batch: int | None = None,
                    city: str | None = None) -> ImportedList:
    """The rows of one list edition from the copied text, and every problem of it (rows only if there is none)."""
    template, diag = LIST_TYPES[list_type], Diagnostics()
    found = ImportedList(name, list_type, problems=diag.problems)
    start = find_header(lines)
    if start is None:
        diag.error("import.no-header", name, None,
                   f"没有找到表头（no header found）：表头应含“序号”，{template.name}清单的列为 {'、'.join(template.columns)}。")
        return found
    found.title = " ".join(clean_cell(line) for line in lines[:start] if line.strip()) or None
    found.batch = batch if batch is not None else batch_from_title(found.title or "")
    tsv = "\t" in lines[start]
    header = tsv_header(lines, start) if tsv else cell_header(lines, start)
    columns = check_header(header, template, diag, name) if header else []
    rows, notes_at = (tsv_rows if tsv else cell_rows)(lines, header, diag, name) if header else ([], len(lines))
    if not rows:
        diag.error("import.no-rows", name, start + 1, "表头之后没有以序号开头的行（no rows after the header）。")
        return found
    check_cells(rows, len(header.roles), diag, name)
    check_after_notes(lines, notes_at, rows[-1].number + 1, diag, name)
    found.notes = [clean_cell(line) for line in lines[notes_at:] if line.strip()]
    diag.problems.sort(key=lambda problem: problem.line or 0)  # in the order of the file
    if diag.errors:
        return found
    records = [{**{c: clean_cell(v) for c, v in zip(columns, row.cells) if c}, NUMBER: row.number} for row in rows]
    records = [{c: r[c] for c in template.columns if c in r} for r in records]  # in the template's order
    kept = select_city(records, [row.line for row in rows], city, diag, name)
    if not diag.errors:
        found.rows, found.region = kept, city or records[0][CITY]
    return found


def import_list(path: Path, name: str, list_type: str, batch: int | None = None, city: str | None = None,
                output: Path | None = None) -> ImportedList:
    """Read the file (refusing binary and non-UTF-8 text) and parse it; refuse to overwrite `output`."""
    diag, lines = Diagnostics(), None
    with collecting(diag):
        lines = read_raw_lines(path, name)
    found = parse_list_text(lines, name, list_type, batch, city) if lines else ImportedList(name, list_type)
    with collecting(diag):
        if output is not None and output.exists():
            raise error("import.exists", str(output), None,
                        "文件已存在，不会覆盖（file exists; not overwritten）：请换一个文件名，或先核对并删除旧文件。")
    found.problems = diag.problems + found.problems
    return found


def _scalar(value) -> str:
    """A value as YAML writes it, quoted wherever YAML would read it as something else."""
    return yaml.safe_dump(value, allow_unicode=True, width=10**6).removesuffix("...\n").strip()


def edition_yaml(found: ImportedList) -> str:
    """The list edition as content/disclosures/<id>.yml holds it: the rows in template order, dates to fill in."""
    batch = "null  # 【请填写】第几期（标题中未写明 no batch in the title）" if found.batch is None else found.batch
    source, title, *notes = (" ".join(text.split()) for text in (Path(found.file).name, found.title or "", *found.notes))
    head = [f"# 督办问题清单：由 python -m pipeline import-list 从 {source} 导入。"
            "请核对每一行，并填写标有【请填写】的日期。"]
    head += [f"# 原标题：{title}"] if title else []
    head += [f"# 表后注释（未导入）：{note}" for note in notes]  # comments: one line each, whatever the text holds
    head += [f"kind: {LIST}", f"type: {_scalar(found.list_type)}", f"batch: {batch}",
             f"region: {_scalar(found.region)}",
             "ministry_published: null  # 【请填写】环境保护部公开日期 YYYY-MM-DD",
             "letter: null  # 督办函印发日期（如有）",
             "published:\n  web: {date: null, url: null}\n  newspaper: {date: null, detail: null}",
             "  tv: {date: null, detail: null}"]
    rows = yaml.safe_dump({"rows": found.rows}, allow_unicode=True, sort_keys=False, width=10**6)
    return "\n".join(head) + "\n" + rows


def edition_json(found: ImportedList) -> dict:
    """What --json prints: the rows read and every problem."""
    return {"title": found.title, "type": found.list_type, "batch": found.batch, "region": found.region,
            "rows": found.rows, "problems": [p.to_dict() for p in found.problems]}
