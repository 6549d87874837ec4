"""`python -m pipeline import-list`: supervision lists (督办问题清单) copied as text → a list edition's rows.

The fixtures in tests/fixtures/lists/ are fictional (虚构) and written for these tests, 3–5 rows each:
tsv-merged-header.txt: tab-separated, 省(市) merged over two header lines, a title before, a 注： after,
    Excel's trailing empty cells and spaces inside cells;
cells-subheaders.txt: one cell per line (from a PDF), 省(市) followed by its sub-headers 省 and 市, a spaced-out
    heading, blank lines, full-width and dotted 序号, a 说明： after;
cells-no-subheaders.txt: 省（市） without sub-headers, a page number and the header repeated on the next page;
tasks.txt: the tasks type (所属专项方案 / 任务要求 / 问题描述);
cells-short-row.txt: row 3 lacks its 县（区）; tsv-extra-cell.txt: row 2 has a cell too many;
missing-column.txt: no 县（区） column; unknown-heading.txt: a 联系人 column;
several-cities.txt: a ministry list of three cities; duplicate-number.txt: 序号 2 twice.
Tests compare codes, lines, fields and row values, never message text.
"""
from __future__ import annotations

import json

import pytest
import yaml

from helpers import ROOT
from pipeline.__main__ import main
from pipeline.inputs.table_text import batch_from_title, clean_cell, import_list, parse_list_text

FIXTURES = ROOT / "tests" / "fixtures" / "lists"
ENTERPRISES, TASKS = "突出问题督办企业", "大气专项治理任务突出问题"
COLUMNS = ("序号", "市", "县（区）", "污染源名称", "主要问题")


def rows(*values: tuple) -> list[dict]:
    return [dict(zip(COLUMNS, (number, *cells))) for number, *cells in values]


MERGED_ROWS = rows(
    (1, "示例市", "甲县", "示例铸造有限公司（虚构）", "（虚构示例）露天堆放未覆盖"),
    (2, "示例市", "乙区", "示例化工有限公司（虚构）", "（虚构示例）使用Cr VI原料未申报"),
    (3, "示例市", "甲县", "示例建材厂（虚构）", "（虚构示例）无组织排放严重"),
)
BASIC_ROWS = rows(
    (1, "示例市", "甲县", "示例铸造有限公司（虚构）", "（虚构示例）露天堆放未覆盖"),
    (2, "示例市", "乙区", "示例化工有限公司（虚构）", "（虚构示例）废气未收集处理"),
    (3, "示例市", "甲县", "示例建材厂（虚构）", "（虚构示例）无组织排放严重"),
)
HEADER = "序号\t市\t县（区）\t污染源名称\t主要问题"


def read(name: str, list_type: str = ENTERPRISES, **options):
    return import_list(FIXTURES / name, name, list_type, **options)


def parse(text: str, list_type: str = ENTERPRISES, **options):
    return parse_list_text(text.split("\n"), "pasted.txt", list_type, **options)


def problems(found) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.line, p.field) for p in found.problems]


def line_text(name: str, line: int) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")[line - 1]


# --- the two forms -------------------------------------------------------------------------------------------

def test_tab_separated_with_a_merged_header_over_two_lines():
    found = read("tsv-merged-header.txt")
    assert problems(found) == []
    assert found.rows == MERGED_ROWS
    assert (found.title, found.batch, found.region) == ("示例市突出问题督办企业名单（第3期）", 3, "示例市")
    assert found.notes == ["注：以上企业均为虚构示例，仅供测试。"]


def test_cell_per_line_with_merged_header_and_its_sub_headers():
    found = read("cells-subheaders.txt", "散乱污问题企业")
    assert problems(found) == []
    assert found.rows == rows(
        (1, "示例市", "甲县", "示例塑料加工厂（虚构）", "（虚构示例）无环评手续"),
        (2, "示例市", "乙区", "示例家具厂（虚构）", "（虚构示例）喷漆废气直排"),
        (3, "示例市", "甲县", "示例石材加工点（虚构）", "（虚构示例）粉尘无组织排放"),
    )
    assert (found.batch, found.region) == (2, "示例市")  # 第二期
    assert found.notes == ["说明：本名单为虚构示例。"]


def test_cell_per_line_merged_header_without_sub_headers_and_a_page_break():
    found = read("cells-no-subheaders.txt")
    assert problems(found) == []
    assert found.rows == BASIC_ROWS
    assert found.batch is None


def test_sub_headers_after_all_headings_and_a_heading_broken_over_two_lines():
    text = "序号\n省(市)\n县(区)\n污染源\n名称\n主要问题\n省\n市\n1\n示例省\n示例市\n甲县\n甲厂（虚构）\n（虚构示例）问题"
    found = parse(text)
    assert problems(found) == []
    assert found.rows == rows((1, "示例市", "甲县", "甲厂（虚构）", "（虚构示例）问题"))


def test_the_tasks_type():
    found = read("tasks.txt", TASKS)
    assert problems(found) == []
    assert found.batch == 1  # （第 1 期）
    assert [list(row) for row in found.rows] == [["序号", "市", "县（区）", "专项方案", "任务要求", "存在问题"]] * 3
    assert found.rows[1] == {"序号": 2, "市": "示例市", "县（区）": "乙区", "专项方案": "示例燃煤治理专项方案（虚构）",
                             "任务要求": "（虚构示例）淘汰燃煤锅炉", "存在问题": "（虚构示例）2台锅炉未拆除"}


# --- rows that do not fit ------------------------------------------------------------------------------------

def test_a_row_lacking_a_cell_is_refused_never_shifted():
    found = read("cells-short-row.txt")
    assert problems(found) == [("import.row-cells", 16, "序号 3")]
    assert line_text("cells-short-row.txt", 16) == "3"
    assert found.rows == []


def test_a_tab_separated_row_with_an_extra_cell():
    assert problems(read("tsv-extra-cell.txt")) == [("import.row-cells", 3, "序号 2")]


def test_text_after_the_last_row_that_is_not_a_note():
    text = f"{HEADER}\n".replace("\t", "\n") + "1\n示例市\n甲县\n甲厂\n问题一\n2\n示例市\n乙区\n乙厂\n问题二\n以上名单已公布。"
    assert problems(parse(text)) == [("import.row-cells", 11, "序号 2")]


def test_a_line_break_inside_an_excel_cell():
    text = f"{HEADER}\n1\t示例市\t甲县\t甲厂\t\"第一行\n第二行\"\n2\t示例市\t甲县\t乙厂\t问题"
    assert problems(parse(text)) == [("import.row-cells", 2, "序号 1"), ("import.row-cells", 3, "序号 1")]
    last = f"{HEADER}\n1\t示例市\t甲县\t甲厂\t问题\n2\t示例市\t甲县\t乙厂\t\"第一行\n第二行\""
    assert problems(parse(last)) == [("import.row-cells", 3, "序号 2")]


def test_a_row_after_the_notes_is_not_lost():
    text = f"{HEADER}\n1\t示例市\t甲县\t甲厂\t问题\n注：\t示例\n2\t示例市\t甲县\t乙厂\t问题"
    assert problems(parse(text)) == [("import.rows-after-notes", 4, "序号 2")]


# --- headers and numbers -------------------------------------------------------------------------------------

def test_a_missing_column():
    assert problems(read("missing-column.txt")) == [("import.missing-column", 1, "县（区）")]


def test_an_unknown_heading():
    assert problems(read("unknown-heading.txt")) == [("import.unknown-column", 1, "联系人")]


def test_the_wrong_type_names_the_columns_it_lacks():
    assert problems(read("tasks.txt")) == [("import.unknown-column", 2, "所属专项方案"),
                                           ("import.unknown-column", 2, "任务要求"),
                                           ("import.missing-column", 2, "污染源名称")]


def test_no_header_and_no_rows():
    assert problems(parse("示例市突出问题督办企业名单\n示例文字")) == [("import.no-header", None, None)]
    assert problems(parse("名单\n序号\n市")) == [("import.no-rows", 2, None)]


def test_a_duplicate_number():
    assert problems(read("duplicate-number.txt")) == [("import.number-order", 4, "序号 2")]


def test_duplicates_and_gaps_one_cell_per_line():
    head = HEADER.replace("\t", "\n")
    duplicate = f"{head}\n1\n示例市\n甲县\n甲厂\n问题\n1\n示例市\n甲县\n甲厂\n问题\n2\n示例市\n乙区\n乙厂\n问题"
    assert problems(parse(duplicate)) == [("import.number-order", 11, "序号 1")]
    gap = f"{head}\n1\n示例市\n甲县\n甲厂\n问题\n3\n示例市\n乙区\n乙厂\n问题"
    assert problems(parse(gap)) == [("import.number-order", 11, "序号 3")]


def test_every_problem_of_a_file_in_one_run():
    text = "序号\t市\t县（区）\t联系人\t污染源名称\t主要问题\n1\t示例市\t甲县\t张某\t甲厂\t问题\n3\t示例市\t甲县\t乙厂\t问题"
    assert problems(parse(text)) == [("import.unknown-column", 1, "联系人"), ("import.number-order", 3, "序号 3"),
                                     ("import.row-cells", 3, "序号 3")]


# --- cities --------------------------------------------------------------------------------------------------

def test_a_list_of_several_cities_needs_city():
    assert problems(read("several-cities.txt")) == [("import.several-cities", 4, "市")]


def test_city_keeps_that_citys_rows_renumbered():
    found = read("several-cities.txt", city="示例市")
    assert problems(found) == []
    assert (found.region, found.batch) == ("示例市", 5)
    assert found.rows == [
        {"序号": 1, "市": "示例市", "县（区）": "甲县", "污染源名称": "示例铸造有限公司（虚构）",
         "主要问题": "（虚构示例）露天堆放未覆盖", "原序号": 2},
        {"序号": 2, "市": "示例市", "县（区）": "乙区", "污染源名称": "示例化工有限公司（虚构）",
         "主要问题": "（虚构示例）废气未收集处理", "原序号": 4},
    ]


def test_a_city_not_in_the_list():
    assert problems(read("several-cities.txt", city="无此市")) == [("import.city-not-found", None, "市")]


# --- small rules ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, batch", [("示例市名单（第3期）", 3), ("示例市名单（第 3 期）", 3), ("第三期", 3),
                                          ("第十二期", 12), ("第二十期", 20), ("第１５期", 15), ("示例市名单", None)])
def test_batch_from_the_title(title, batch):
    assert batch_from_title(title) == batch


@pytest.mark.parametrize("cell, clean", [(" 示例  化工 ", "示例化工"), ("使用 Cr VI  原料", "使用Cr VI原料"),
                                         ("PM2.5\u3000超标", "PM2.5超标"), ("a  b", "a b"), ("（a）", "（a）")])
def test_cell_text(cell, clean):
    assert clean_cell(cell) == clean


# --- the command line ----------------------------------------------------------------------------------------

def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import-list", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_edition_yaml(capsys):
    code, out, _ = run(capsys, FIXTURES / "tsv-merged-header.txt", "--type", ENTERPRISES)
    assert code == 0
    edition = yaml.safe_load(out)
    assert edition["rows"] == MERGED_ROWS
    assert [list(row) for row in edition["rows"]] == [list(COLUMNS)] * 3
    assert {k: edition[k] for k in ("kind", "type", "batch", "region", "ministry_published", "letter")} == {
        "kind": "list", "type": ENTERPRISES, "batch": 3, "region": "示例市", "ministry_published": None, "letter": None}
    assert edition["published"] == {"web": {"date": None, "url": None}, "newspaper": {"date": None, "detail": None},
                                    "tv": {"date": None, "detail": None}}


def test_cli_quotes_what_yaml_would_misread(capsys, tmp_path):
    source = tmp_path / "list.txt"
    source.write_text(f"{HEADER}\n1\t示例市\tno\t2017-10-01\t1.5\n2\t示例市\t'甲'\t# x\t: y\n3\t示例市\tnull\tyes\t[x",
                      encoding="utf-8")
    code, out, _ = run(capsys, source, "--type", ENTERPRISES, "--batch", "7")
    assert code == 0
    edition = yaml.safe_load(out)
    assert edition["batch"] == 7
    assert edition["rows"] == rows((1, "示例市", "no", "2017-10-01", "1.5"), (2, "示例市", "'甲'", "# x", ": y"),
                                   (3, "示例市", "null", "yes", "[x"))


def test_cli_city_and_json(capsys):
    code, out, _ = run(capsys, FIXTURES / "several-cities.txt", "--type", ENTERPRISES, "--city", "示例市", "--json")
    assert code == 0
    found = json.loads(out)
    assert (found["title"], found["type"], found["batch"], found["region"]) == (
        "示例省突出问题督办企业名单（第5期）", ENTERPRISES, 5, "示例市")
    assert [(r["序号"], r["原序号"]) for r in found["rows"]] == [(1, 2), (2, 4)] and found["problems"] == []


def test_cli_reports_problems_like_the_build(capsys):
    path = FIXTURES / "cells-short-row.txt"
    code, out, err = run(capsys, path, "--type", ENTERPRISES)
    assert (code, out) == (1, "")
    assert f"{path}:16: 错误 error [import.row-cells]" in err and "Traceback" not in err
    code, out, err = run(capsys, path, "--type", ENTERPRISES, "--json")
    assert code == 1 and [(p["code"], p["line"]) for p in json.loads(out)["problems"]] == [("import.row-cells", 16)]


def test_cli_writes_a_new_file_and_never_overwrites(capsys, tmp_path):
    target = tmp_path / "disclosures" / "example-3.yml"
    code, _, _ = run(capsys, FIXTURES / "cells-no-subheaders.txt", "--type", ENTERPRISES, "--output", target)
    assert code == 0 and yaml.safe_load(target.read_text(encoding="utf-8"))["rows"] == BASIC_ROWS
    target.write_text("kept", encoding="utf-8")
    code, _, err = run(capsys, FIXTURES / "cells-no-subheaders.txt", "--type", ENTERPRISES, "--output", target)
    assert code == 1 and f"{target}: 错误 error [import.exists]" in err
    assert target.read_text(encoding="utf-8") == "kept"


def test_cli_unreadable_input(capsys, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("序号\t市\n".encode("gbk"))
    code, _, err = run(capsys, gbk, "--type", ENTERPRISES)
    assert code == 1 and f"{gbk}:1: 错误 error [source.not-utf8]" in err


@pytest.mark.parametrize("args", [("--type", "企业"), ("--type", ENTERPRISES, "--batch", "0"), ()])
def test_cli_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(["import-list", str(FIXTURES / "tasks.txt"), *args])
    assert exit_.value.code == 2
