"""督办公开 edition files (content/disclosures/*.yml): the valid fixtures load, and each mistake has its code
and line.  Every edition here is fictional test data in a private copy of the project (tests/fixtures/disclosures/).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import AS_OF, ROOT, copy_project
from pipeline.inputs.content import load_content
from pipeline.problems import PipelineError
from pipeline.settings import read_settings

FIXTURES = ROOT / "tests" / "fixtures" / "disclosures"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("disclosures") / "project", notices=("zhengzhou-2017-178",))
    shutil.copytree(FIXTURES, project / "content" / "disclosures")
    return project


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    shutil.copytree(pristine, tmp_path / "project")
    return tmp_path / "project"


def load(project: Path):
    return load_content(read_settings(project, as_of=AS_OF, environ={}))


def problems(project: Path) -> list[tuple[str, int | None, str]]:
    try:
        load(project)
    except PipelineError as exc:
        return [(p.file, p.line, p.code) for p in exc.problems]
    return []


def edit(project: Path, name: str, old: str, new: str) -> str:
    path = project / "content" / "disclosures" / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return f"content/disclosures/{name}.yml"


def line_of(project: Path, name: str, text: str) -> int:
    lines = (project / "content" / "disclosures" / f"{name}.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_the_fixtures_load_and_handling_rows_take_the_list_rows_cells(project):
    editions = {e.id: e for e in load(project).editions}
    assert sorted(editions) == ["demo-sanluanwu-2", "demo-tuchu-1", "demo-tuchu-1-handling"]
    listed, handled = editions["demo-tuchu-1"], editions["demo-tuchu-1-handling"]
    assert listed.title == "郑州市突出问题督办企业名单（第 1 期）"
    assert handled.title == "郑州市突出问题督办企业查处整改情况（第 1 期）"
    assert listed.columns == ("序号", "市", "县（区）", "污染源名称", "主要问题")
    assert handled.columns == ("序号", "市", "县（区）", "污染源名称", "主要问题", "查处情况", "整改（进展）情况", "整改期限")
    assert [r.cells["县（区）"] for r in listed.rows] == ["中牟县", "中牟县", "巩义市"]  # 县(区) is the same column
    assert handled.rows[1].cells == {
        "序号": "2", "市": "郑州市", "县（区）": "中牟县", "污染源名称": "样例建材厂（虚构）",
        "主要问题": "（虚构示例）原料露天堆放未覆盖", "查处情况": "（虚构示例）责令停产整治",
        "整改（进展）情况": "（虚构示例）未按期完成覆盖", "整改期限": "2017年10月15日前"}
    assert handled.rows[1].extra == {"乡镇（街道）": "示例镇（虚构）", "完成情况": "未按要求完成整改"}
    assert [(p.channel, p.date, p.detail) for p in listed.publications] == [
        ("web", "2017-10-09", None), ("newspaper", "2017-10-10", "郑州日报 第3版"), ("tv", "2017-10-12", "郑州新闻")]


def test_an_unknown_list_type_is_named(project):
    name = edit(project, "demo-sanluanwu-2", "type: 散乱污问题企业", "type: 散乱污企业")
    assert problems(project) == [(name, 3, "disclosure.unknown-type")]


def test_wrong_and_missing_columns_are_reported_on_their_rows(project):
    name = edit(project, "demo-tuchu-1", "  污染源名称: 样例建材厂（虚构）\n", "  企业名称: 样例建材厂（虚构）\n")
    row = line_of(project, "demo-tuchu-1", "序号: 2")
    assert problems(project) == [(name, row + 3, "disclosure.unknown-column"), (name, row, "disclosure.missing-column")]


def test_a_duplicate_number_names_the_second_row(project):
    name = edit(project, "demo-tuchu-1", "序号: 3", "序号: 2")
    assert problems(project) == [(name, line_of(project, "demo-tuchu-1", "巩义市") - 2, "disclosure.duplicate-number")]


def test_a_handling_row_that_refers_to_no_list_row(project):
    name = edit(project, "demo-tuchu-1-handling", "序号: 3", "序号: 4")
    assert problems(project) == [(name, line_of(project, "demo-tuchu-1-handling", "序号: 4"), "disclosure.unknown-row")]


def test_a_copied_cell_must_equal_the_list(project):
    name = edit(project, "demo-tuchu-1-handling", "污染源名称: 演示耐火材料有限公司（虚构）", "污染源名称: 演示耐火材料厂")
    assert problems(project) == [(name, line_of(project, "demo-tuchu-1-handling", "序号: 3"), "disclosure.row-differs")]


def test_a_publication_before_the_ministry_published_is_impossible(project):
    name = edit(project, "demo-tuchu-1", "web: {date: 2017-10-09,", "web: {date: 2017-09-28,")
    assert problems(project) == [(name, line_of(project, "demo-tuchu-1", "web:"), "disclosure.date-order")]


def test_a_letter_before_its_list_was_published_is_impossible(project):
    name = edit(project, "demo-tuchu-1-handling", "letter: 2017-10-10", "letter: 2017-09-01")
    assert problems(project)[0] == (name, line_of(project, "demo-tuchu-1-handling", "letter:"), "disclosure.date-order")


def test_a_date_after_the_build_date(project):
    name = edit(project, "demo-tuchu-1", "tv: {date: 2017-10-12,", "tv: {date: 2027-10-12,")
    assert problems(project) == [(name, line_of(project, "demo-tuchu-1", "tv:"), "disclosure.in-future")]


def test_a_date_outside_the_holiday_calendar_is_an_error(project):
    name = edit(project, "demo-sanluanwu-2", "ministry_published: 2017-10-16", "ministry_published: 2003-06-02")
    assert problems(project) == [(name, line_of(project, "demo-sanluanwu-2", "ministry_published"),
                                  "disclosure.calendar-year")]


def test_an_unknown_result_and_a_row_of_another_city(project):
    handling = edit(project, "demo-tuchu-1-handling", "完成情况: 已完成整改", "完成情况: 基本完成")
    listing = edit(project, "demo-sanluanwu-2", "  市: 郑州市", "  市: 洛阳市")
    assert sorted(problems(project)) == sorted([
        (handling, line_of(project, "demo-tuchu-1-handling", "基本完成"), "disclosure.unknown-result"),
        (listing, line_of(project, "demo-sanluanwu-2", "序号: 1"), "disclosure.city-mismatch")])


def test_three_mistakes_in_one_file_are_reported_in_one_run(project):
    name = edit(project, "demo-sanluanwu-2", "batch: 2", "batch: 第二期")
    edit(project, "demo-sanluanwu-2", "region: 郑州市", "region: 郑州\ncolour: red")
    assert sorted(problems(project)) == [(name, 4, "disclosure.bad-batch"), (name, 5, "disclosure.unknown-region"),
                                         (name, 6, "disclosure.unknown-key")]


def test_an_unknown_kind_and_a_reserved_file_name(project):
    name = edit(project, "demo-sanluanwu-2", "kind: list", "kind: 清单")
    shutil.copy(project / "content" / "disclosures" / "demo-tuchu-1.yml",
                project / "content" / "disclosures" / "plan-demo.yml")
    assert sorted(problems(project)) == [(name, 2, "disclosure.unknown-kind"),
                                         ("content/disclosures/plan-demo.yml", 1, "disclosure.bad-id")]


def test_the_editor_guides_examples_are_valid_editions(project):
    """The two YAML examples of content/README.md §8 load as a list and its handling status."""
    guide = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 8. 督办公开"):guide.index("## 9. ")]
    examples = [block for block in section.split("```yaml\n")[1:]]
    folder = project / "content" / "disclosures"
    for name in [p.name for p in folder.iterdir()]:
        (folder / name).unlink()
    (folder / "zhengzhou-tuchu-3.yml").write_text(examples[0].split("```")[0], encoding="utf-8")
    (folder / "zhengzhou-tuchu-3-handling.yml").write_text(examples[1].split("```")[0], encoding="utf-8")
    editions = {e.id: e for e in load(project).editions}
    assert editions["zhengzhou-tuchu-3"].title == "郑州市突出问题督办企业名单（第 3 期）"
    assert editions["zhengzhou-tuchu-3-handling"].rows[0].extra["完成情况"] == "整改中"
