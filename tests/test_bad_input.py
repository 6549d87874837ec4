"""Bad input gets a clear message, never a traceback or a half-written site.

Product rule: whatever an editor puts in content/ (or hands to `parse`), the
command line names the file (and line where there is one) and a problem code
documented in docs/problems.md, exits 1, and leaves any earlier output/
exactly as it was.  Tests compare (file, line, code), never message text;
they run the command line in this process on a private copy of the project.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import (
    ZHENGZHOU,
    assert_fails_with,
    build,
    copy_project,
    index_of,
    leftovers,
    line_number,
    load_problems,
    notice_dir,
    replace_once,
    rewrite_raw,
    run_cli,
    set_meta_line,
    sha256_file,
    snapshot,
)

META = f"content/notices/{ZHENGZHOU}/meta.yml"
RAW = f"content/notices/{ZHENGZHOU}/notice.txt"


@pytest.fixture
def project(tmp_path):
    """A throw-away copy of the project, with the one notice the tests break."""
    return copy_project(tmp_path / "project", notices=(ZHENGZHOU,))


@pytest.fixture
def zhengzhou(project):
    """The folder of the notice whose files the build tests break."""
    return notice_dir(project, ZHENGZHOU)


# --- parse: files that are not a notice ---------------------------------------

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
GBK_TEXT = ("整改任务" * 10 + "\n").encode("gbk") * 3
GBK_ON_LINE_3 = "标题\n正文\n".encode("utf-8") + "整改任务".encode("gbk") + b"\n"
PROSE = (
    "今天天气很好，我们一起去公园散步。公园里有很多花，红的、黄的、白的，非常漂亮。\n\n"
    "孩子们在草地上玩耍，老人们在树下下棋，大家都很开心。\n"
)

# (file name, bytes, line the message must point to or None, problem code)
NOT_A_NOTICE = [
    ("empty.txt", b"", None, "source.empty"),
    ("blank.txt", b"  \n\t\r\n   \n", None, "source.empty"),
    ("fullwidth-blank.txt", "\u3000\u3000\n\u3000\n".encode("utf-8"), None, "source.empty"),
    ("picture.txt", PNG_HEADER, 3, "source.binary"),
    ("gbk.txt", GBK_TEXT, 1, "source.not-utf8"),
    ("gbk-on-line-3.txt", GBK_ON_LINE_3, 3, "source.not-utf8"),
    ("prose.txt", PROSE.encode("utf-8"), None, "notice.no-layout"),
]


@pytest.mark.parametrize("name, data, line, code", NOT_A_NOTICE, ids=[case[0] for case in NOT_A_NOTICE])
def test_parse_refuses_what_is_not_a_notice(tmp_path, name, data, line, code):
    """Empty, blank, binary, GBK and layout-less files each get their own problem."""
    path = tmp_path / name
    path.write_bytes(data)
    assert_fails_with(run_cli("parse", path), str(path), line, code)


def test_parse_of_a_missing_file(tmp_path):
    """A mistyped path says the file does not exist, not FileNotFoundError."""
    path = tmp_path / "no-such-notice.txt"
    assert_fails_with(run_cli("parse", path), str(path), None, "source.not-found")


def test_parse_of_a_folder(tmp_path):
    """Passing a folder instead of a file says so."""
    assert_fails_with(run_cli("parse", tmp_path), str(tmp_path), None, "source.is-folder")


# --- parse: a valid notice saved by Windows Notepad ---------------------------

SAMPLE_NOTICE = (Path(__file__).parent / "fixtures" / "sample-notice.txt").read_text(encoding="utf-8")


def test_bom_and_crlf_still_parse(tmp_path):
    """A UTF-8 file with a BOM and Windows line ends is valid input, line numbers intact."""
    path = tmp_path / "notepad.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE_NOTICE.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("parse", path, "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["problem"] for r in records] == [
        "示例街道道路扬尘污染问题突出。", "示例工地物料露天堆放。", "示例河道两岸垃圾随意倾倒。"]
    assert records[0]["source"]["line_start"] == SAMPLE_NOTICE.split("\n").index("1. 示例街道道路扬尘污染问题突出。") + 1
    assert records[0]["deadline"]["date"] == "2020-12-31"
    assert [u["name"] for u in records[2]["responsible_units"]] == ["各区政府", "市城管局"]


# --- build: a broken meta.yml -------------------------------------------------

def drop_kind(folder):
    set_meta_line(folder, "kind", "")
    return None


def wrong_kind(folder):
    return line_number(set_meta_line(folder, "kind", "kind: 整改"), "kind:")


def lists_as_text(folder):
    meta = folder / "meta.yml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^lists:\n(?:[- ] .*\n)+", "lists: 省委“三散”污染治理专项督察反馈意见整改任务清单\n", text)
    meta.write_text(text, encoding="utf-8")
    return line_number(meta, "lists:")


def uppercase_chinese_id(folder):
    return line_number(set_meta_line(folder, "id", "id: Zhengzhou-郑州"), "id:")


def impossible_date(folder):
    return line_number(set_meta_line(folder, "date_issued", "date_issued: '2020-13-45'"), "date_issued:")


def city_not_in_regions(folder):
    replace_once(folder / "meta.yml", "  city: 郑州市", "  city: 开封市")
    return line_number(folder / "meta.yml", "  city:")


def unbalanced_bracket(folder):
    """The bracket opens on the issuers line: that is the line to look at, not where YAML noticed."""
    replace_once(folder / "meta.yml", "issuers:\n- 郑州市人民政府", "issuers: [郑州市人民政府")
    return line_number(folder / "meta.yml", "issuers:")


def unknown_key(folder):
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    return line_number(meta, "colour:")


# (edit → the line it broke, the problem code)
BROKEN_META = [
    (drop_kind, "meta.missing-key"),
    (wrong_kind, "meta.bad-kind"),
    (lists_as_text, "yaml.wrong-type"),
    (uppercase_chinese_id, "meta.bad-id"),
    (impossible_date, "yaml.invalid-date"),
    (city_not_in_regions, "meta.unknown-region"),
    (unbalanced_bracket, "yaml.syntax"),
    (unknown_key, "meta.unknown-key"),
]


@pytest.mark.parametrize("edit, code", BROKEN_META, ids=[case[0].__name__ for case in BROKEN_META])
def test_broken_meta_is_one_problem_on_its_line(project, zhengzhou, edit, code):
    """Each kind of meta.yml mistake is one problem: meta.yml, the line to change, its code."""
    line = edit(zhengzhou)
    assert load_problems(project) == [(META, line, code)]


def test_broken_meta_stops_the_build_and_writes_nothing(project, zhengzhou, tmp_path):
    """On the command line: exit 1, file:line and code, no traceback, no output folder."""
    line = unknown_key(zhengzhou)
    result = build(project, tmp_path / "out")
    assert_fails_with(result, META, line, "meta.unknown-key")
    assert not (tmp_path / "out").exists()


def test_every_mistake_in_meta_is_reported_in_one_run(project, zhengzhou):
    """Three mistakes in one meta.yml: three problems at once, in the order of the file's keys."""
    id_line = uppercase_chinese_id(zhengzhou)
    kind_line = wrong_kind(zhengzhou)
    colour_line = unknown_key(zhengzhou)
    assert sorted(load_problems(project)) == sorted([
        (META, id_line, "meta.bad-id"), (META, kind_line, "meta.bad-kind"), (META, colour_line, "meta.unknown-key")])


def test_yaml_syntax_error_is_explained_in_chinese(project, zhengzhou):
    """A colon inside an unquoted value: the message says, in Chinese, to quote the text."""
    meta = set_meta_line(zhengzhou, "title", "title: 关于印发: 整改方案的通知")
    result = run_cli("report", root=project)
    assert_fails_with(result, META, line_number(meta, "title:"), "yaml.syntax")
    assert "引号" in result.stderr


def test_unquoted_impossible_date(project, zhengzhou):
    """`date_issued: 2020-13-45` without quotes is as much an editor typo as with them."""
    line = line_number(set_meta_line(zhengzhou, "date_issued", "date_issued: 2020-13-45"), "date_issued:")
    assert load_problems(project) == [(META, line, "yaml.invalid-date")]


def test_changed_raw_text_gives_the_new_checksum(project, zhengzhou, tmp_path):
    """The raw text is evidence: a changed byte stops the build and says how to accept it."""
    raw = zhengzhou / "notice.txt"
    raw.write_bytes(raw.read_bytes() + "。".encode("utf-8"))
    result = build(project, tmp_path / "out")
    assert_fails_with(result, META, line_number(zhengzhou / "meta.yml", "sha256:"), "notice.text-changed")
    assert sha256_file(raw) in result.stderr


def test_folder_name_must_equal_id(project, zhengzhou):
    """A renamed folder would change every URL; the build refuses it."""
    zhengzhou.rename(zhengzhou.with_name("zhengzhou-2020-80"))
    meta = "content/notices/zhengzhou-2020-80/meta.yml"
    assert load_problems(project) == [(meta, line_number(project / meta, "id:"), "notice.folder-not-id")]


# --- build: broken shared tables ----------------------------------------------

@pytest.mark.parametrize(("entry", "parent_line", "code"), [
    # a parent that is not listed is pointed out on its line
    ("- id: lankao\n  name: 兰考县\n  parent: 开封市\n", "  parent: 开封市", "regions.unknown-parent"),
    # `parent: [郑州市]` is a shape mistake and deserves a file:line problem too
    ("- id: ruzhou\n  name: 汝州市\n  parent: [郑州市]\n", "  parent: [郑州市]", "regions.bad-parent"),
], ids=["unknown-parent", "parent-as-list"])
def test_region_with_a_bad_parent(project, entry, parent_line, code):
    """regions.yml: a bad parent is reported on its line, never as an internal error."""
    regions = project / "content" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8") + entry, encoding="utf-8")
    assert load_problems(project) == [("content/regions.yml", line_number(regions, parent_line), code)]


def test_every_mistake_in_regions_is_reported_in_one_run(project):
    regions = project / "content" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8")
                       + "- id: Kaifeng\n  name: 开封市\n  parent: 河南省\n- name: 兰考县\n  parent: 开封市\n"
                       + "- id: xinzheng\n  name: 新郑市\n  parent: 郑州市\n  colour: red\n", encoding="utf-8")
    assert load_problems(project) == [
        ("content/regions.yml", line_number(regions, "- id: Kaifeng"), "regions.bad-id"),
        ("content/regions.yml", line_number(regions, "- name: 兰考县"), "regions.missing-key"),
        ("content/regions.yml", line_number(regions, "  colour: red"), "regions.unknown-key"),
    ]


def test_alias_entry_without_name(project):
    """aliases.yml: an entry without the current name is pointed out on its line."""
    aliases = project / "content" / "units" / "aliases.yml"
    text = aliases.read_text(encoding="utf-8")
    aliases.write_text(text + "  - region: 郑州市\n    formerly: [市某某局]\n", encoding="utf-8")
    assert load_problems(project) == [("content/units/aliases.yml", len(text.split("\n")), "aliases.missing-key")]


def test_comment_only_aliases_file_is_an_empty_table(project):
    """An aliases.yml with nothing but comments is valid: no alias, no internal error."""
    (project / "content" / "units" / "aliases.yml").write_text("# 暂无别名\n", encoding="utf-8")
    assert load_problems(project) == []


# --- build: output is replaced whole or not at all ----------------------------

def first_build(project, out):
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


def assert_untouched(out, before):
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.fixture
def small_project(tmp_path):
    """The smallest real notice (31 items), so a whole build takes a second."""
    return copy_project(tmp_path / "small", notices=("luanchuan-2019-07",))


def test_failed_build_leaves_output_untouched(small_project, tmp_path):
    """A content error after a good build leaves the previous site byte for byte."""
    out = tmp_path / "site"
    before = first_build(small_project, out)
    assert "data/issues.json" in before
    folder = notice_dir(small_project, "luanchuan-2019-07")
    line = line_number(set_meta_line(folder, "kind", "kind: 整改"), "kind:")
    assert_fails_with(build(small_project, out), "content/notices/luanchuan-2019-07/meta.yml", line, "meta.bad-kind")
    assert_untouched(out, before)


def test_failed_render_leaves_output_untouched(small_project, tmp_path):
    """A failure late in the build (a broken page template) names the template and its line, and
    leaves no half-written site."""
    out = tmp_path / "site"
    before = first_build(small_project, out)
    template = small_project / "themes" / "gov" / "templates" / "index.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text + "{% for x in %}\n", encoding="utf-8")
    result = build(small_project, out)
    assert_fails_with(result, "themes/gov/templates/index.html", len(text.split("\n")), "theme.template-error")
    assert_untouched(out, before)


# --- build: nothing lost -------------------------------------------------------

def test_missing_item_is_a_numbering_gap(project, zhengzhou):
    """An item lost from the raw text is reported at the next item, by number."""
    raw = rewrite_raw(zhengzhou, lambda lines: lines[:index_of(lines, "5. ")] + lines[index_of(lines, "5. ") + 1:])
    assert load_problems(project) == [
        (RAW, line_number(raw, "6. "), "list.numbering-gap"),
        (RAW, _declared_line(raw, "（共38项）"), "list.count-mismatch"),
    ]


def _declared_line(raw, text: str) -> int:
    return next(n for n, t in enumerate(raw.read_text(encoding="utf-8").split("\n"), 1) if text in t)


def test_repeated_item_is_a_duplicate(project, zhengzhou):
    """An item printed twice is reported at the second copy."""
    def duplicate_7(lines):
        at = index_of(lines, "7. ")
        return lines[:at + 1] + [lines[at]] + lines[at + 1:]

    raw = rewrite_raw(zhengzhou, duplicate_7)
    assert (RAW, line_number(raw, "7. ", occurrence=2), "list.duplicate-number") in load_problems(project)


def test_declared_count_must_match(project, zhengzhou):
    """（共39项） over a 38-item list is reported on the line that declares it."""
    raw = rewrite_raw(zhengzhou, lambda lines: [t.replace("（共38项）", "（共39项）") for t in lines])
    assert load_problems(project) == [(RAW, _declared_line(raw, "（共39项）"), "list.count-mismatch")]


# --- build: the good case ------------------------------------------------------

def test_build_of_the_real_content(seed_build):
    """The real content builds, says what it built, and writes JSON with Excel-ready CSV twins."""
    out, stdout = seed_build
    summary = re.search(r"(\d+) 个通知 notices, (\d+) 条记录 issues, (\d+) 个单位 units", stdout)
    assert summary, stdout
    assert [int(n) for n in summary.groups()] == [5, 269, 160]
    for name, count in zip(("notices", "issues", "units"), summary.groups()):
        records = json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == int(count)
        csv_text = (out / "data" / f"{name}.csv").read_text(encoding="utf-8")
        assert csv_text.startswith("\ufeffid,")
    assert leftovers(out) == []


# --- editor mistakes that used to pass silently --------------------------------

def test_duplicate_key_in_meta_is_named(project, zhengzhou):
    """Two `kind:` lines would silently keep the last one; the editor must choose."""
    meta = zhengzhou / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "kind: campaign_plan\n", encoding="utf-8")
    assert load_problems(project) == [(META, len(meta.read_text(encoding="utf-8").rstrip("\n").split("\n")),
                                       "yaml.duplicate-key")]


def test_county_under_the_wrong_city(tmp_path):
    """栾川县 belongs to 洛阳市 in regions.yml; writing it under 郑州市 is a mistake."""
    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07",))
    meta = project / "content" / "notices" / "luanchuan-2019-07" / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("city: 洛阳市", "city: 郑州市"), encoding="utf-8")
    assert load_problems(project) == [
        ("content/notices/luanchuan-2019-07/meta.yml", line_number(meta, "  county: 栾川县"), "meta.region-parent")]


def test_bad_as_of_date_is_a_problem_not_an_internal_error(project, tmp_path):
    result = run_cli("build", "--output", tmp_path / "out", "--as-of", "2023-02-30", root=project)
    assert_fails_with(result, "--as-of", None, "settings.bad-as-of")
