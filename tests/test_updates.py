"""Progress update files: one small fixture per validation rule, asserting code, file and line.

Every update written here is test data (fictional text, made-up phone numbers)
in a private copy of the project; none is ever published.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import AS_OF, copy_project
from pipeline.inputs.content import load_content
from pipeline.problems import PipelineError
from pipeline.settings import read_settings

ITEM = "luanchuan-2019-07-l1-3"  # deadline 2019-04-30 (overdue as of AS_OF)
OTHER = "luanchuan-2019-07-l1-4"
FICTION = "测试样例（虚构）：已完成示例工作。"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("updates") / "project", notices=("luanchuan-2019-07",))


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    import shutil
    shutil.copytree(pristine, tmp_path / "project")
    return tmp_path / "project"


def write_update(project: Path, name: str, front: str, body: str = FICTION) -> str:
    """content/updates/NAME.md with this front matter (its first key is on line 2); returns its display path."""
    folder = project / "content" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return f"content/updates/{name}.md"


def problems(project: Path) -> list[tuple[str, int | None, str]]:
    try:
        load_content(read_settings(project, as_of=AS_OF, environ={}))
    except PipelineError as exc:
        return [(p.file, p.line, p.code) for p in exc.problems]
    return []


def loaded(project: Path):
    return load_content(read_settings(project, as_of=AS_OF, environ={})).updates


def test_a_valid_update_becomes_a_record(project):
    write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\ntitle: 十一月进展")
    (update,) = loaded(project)
    assert (update.id, update.issues, update.date, update.status, update.status_label, update.title) == (
        "2026-11-01-a", (ITEM,), "2026-11-01", "in_progress", "推进中", "十一月进展")
    assert update.html == "<p>测试样例（虚构）：已完成示例工作。</p>"


def test_markdown_is_sanitised(project):
    body = '**要点**\n\n<script>alert(1)</script>[链接](javascript:alert(1)) <img src=x onerror=alert(1)>'
    write_update(project, "2026-11-01-a", f"items: {ITEM}\ndate: 2026-11-01\nstatus: 推进中", body)
    (update,) = loaded(project)
    assert "<script" not in update.html and "javascript:" not in update.html and "<img" not in update.html
    assert "<strong>要点</strong>" in update.html


@pytest.mark.parametrize("front, line, code", [
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 完成啦", 4, "update.unknown-status"),
    ("items: [luanchuan-2019-07-l1-999]\ndate: 2026-11-01\nstatus: 推进中", 2, "update.unknown-item"),
    (f"items: [{ITEM}]\ndate: 2019-06-30\nstatus: 推进中", 3, "update.before-notice"),
    (f"items: [{ITEM}]\ndate: 2026-11-23\nstatus: 推进中", 3, "update.in-future"),
    (f"items: [{ITEM}]\ndate: 2026-02-30\nstatus: 推进中", 3, "update.bad-date"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\nstatus: 已销号", 5, "yaml.duplicate-key"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: no", 4, "update.unknown-status"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\ntitle: 2026", 5, "yaml.wrong-type"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\npublicity:\n  start: 2026-11-01\n  end: 2026-11-07\n"
     "  department: no", 8, "yaml.wrong-type"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\nowner: 某人", 5, "update.unknown-key"),
    (f"items: [{ITEM}]\nstatus: 推进中", 2, "update.missing-key"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\nsource_url: www.example.org", 5, "update.bad-url"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\npublicity:\n  start: 2026-11-07\n  end: 2026-11-01",
     7, "update.publicity-order"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\npublicity:\n  start: 2026-11-01\n  end: 2026-11-07\n"
     "  days: 5", 8, "update.publicity-days"),
    (f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\npublicity:\n  start: 2026-11-01\n  end: 2026-11-07\n"
     "  days: '007'", 8, "update.publicity-days"),
    (f"items: [{ITEM}]\ndate: 2026-11-10\nstatus: 已销号", 4, "update.closed-without-publicity"),
    (f"items: [{ITEM}]\ndate: 2026-11-05\nstatus: 已销号\npublicity: {{start: 2026-11-01, end: 2026-11-07}}", 4,
     "update.closed-too-early"),
])
def test_each_rule_names_its_code_file_and_line(project, front, line, code):
    shown = write_update(project, "2026-11-01-a", front)
    assert problems(project) == [(shown, line, code)]


def test_numbers_with_a_leading_zero_stay_as_written(project):
    """YAML 1.1 would read 010 as 8; a phone number or a days count must never change silently."""
    write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\n"
                                          "publicity: {start: 2026-11-01, end: 2026-11-07, phone: 01012345678}")
    (update,) = loaded(project)
    assert update.publicity.phone == "01012345678"


def test_the_file_name_is_the_permanent_link(project):
    shown = write_update(project, "2026-11-01-Zhengzhou", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中")
    assert problems(project) == [(shown, None, "update.bad-file-name")]


def test_no_front_matter_and_no_text(project):
    folder = project / "content" / "updates"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("items: x\n", encoding="utf-8")
    shown = write_update(project, "b", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中", body="")
    assert problems(project) == [("content/updates/a.md", 1, "update.no-front-matter"), (shown, 6, "update.empty-text")]


def test_a_status_going_back_needs_a_reason(project):
    write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 已完成待验收")
    later = write_update(project, "2026-11-10-b", f"items: [{ITEM}]\ndate: 2026-11-10\nstatus: 推进中")
    assert problems(project) == [(later, 4, "update.backwards")]
    write_update(project, "2026-11-10-b", f"items: [{ITEM}]\ndate: 2026-11-10\nstatus: 推进中\nreason: 验收时发现仍有问题（虚构）")
    assert problems(project) == []


def test_a_failed_check_returns_to_rectification_without_a_reason(project):
    write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 销号公示中\n"
                                          "publicity: {start: 2026-11-01, end: 2026-11-07}")
    write_update(project, "2026-11-05-b", f"items: [{ITEM}]\ndate: 2026-11-05\nstatus: 退回重新整改")
    assert problems(project) == []


def test_closed_after_a_publicity_period_that_ended(project):
    write_update(project, "2026-11-01-a", f"items: [{ITEM}, {OTHER}]\ndate: 2026-11-01\nstatus: 销号公示中\n"
                                          "publicity: {start: 2026-11-01, end: 2026-11-07, days: 7, phone: '0000-0000000'}")
    write_update(project, "2026-11-09-b", f"items: [{ITEM}]\ndate: 2026-11-09\nstatus: 已销号")
    first, second = loaded(project)
    assert (first.publicity.start, first.publicity.end, first.publicity.days, first.publicity.phone) == (
        "2026-11-01", "2026-11-07", 7, "0000-0000000")
    assert second.status == "closed"


def test_evidence_files_carry_their_checksum(project):
    files = project / "content" / "updates" / "files"
    files.mkdir(parents=True)
    (files / "proof.txt").write_text("虚构的证明材料\n", encoding="utf-8")
    shown = write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\nevidence:\n"
                                                  "  - label: 照片\n    file: updates/files/proof.txt\n    sha256: abc")
    assert problems(project) == [(shown, 8, "update.evidence-changed")]
    write_update(project, "2026-11-01-a", f"items: [{ITEM}]\ndate: 2026-11-01\nstatus: 推进中\nevidence:\n"
                                          "  - label: 照片\n    file: updates/files/missing.txt\n")
    assert problems(project) == [(shown, 7, "update.evidence-missing")]


def test_three_mistakes_in_one_file_are_reported_together(project):
    shown = write_update(project, "2026-11-01-a", "items: [luanchuan-2019-07-l1-999]\ndate: 2026-13-01\nstatus: 完成\n"
                                                  "extra: 1")
    assert sorted(problems(project)) == [(shown, 3, "update.bad-date"), (shown, 4, "update.unknown-status"),
                                         (shown, 5, "update.unknown-key")]


def test_new_update_scaffolds_a_file_the_build_refuses_until_filled_in(project):
    from helpers import run_cli
    result = run_cli("new-update", ITEM, "--date", "2026-11-20", root=project)
    assert result.returncode == 0, result.stderr
    path = project / "content" / "updates" / f"2026-11-20-{ITEM}.md"
    assert problems(project) == [(f"content/updates/2026-11-20-{ITEM}.md", 20, "update.unfinished")]  # the text line
    text = path.read_text(encoding="utf-8").replace("【请填写】（如：2026年11月整改进展）", "十一月进展")
    path.write_text(text.replace("【请填写】写明本期整改进展", "测试样例（虚构）"), encoding="utf-8")
    (update,) = loaded(project)
    assert (update.issues, update.date, update.status, update.title) == ((ITEM,), "2026-11-20", "in_progress", "十一月进展")
    assert run_cli("new-update", ITEM, "--date", "2026-11-20", root=project).returncode == 0
    assert (project / "content" / "updates" / f"2026-11-20-{ITEM}-2.md").is_file()


def test_new_update_refuses_an_unknown_item(project):
    from helpers import assert_fails_with, run_cli
    assert_fails_with(run_cli("new-update", "nowhere-l1-1", root=project), "new-update", None, "update.unknown-item")
    assert not (project / "content" / "updates").exists()


@pytest.mark.parametrize("guide", ["README.md", "content/README.md"])
def test_the_documented_example_is_a_valid_update(guide, tmp_path):
    """The complete example the README and the editor guide show is accepted as it stands."""
    import re
    from helpers import ROOT
    text = (ROOT / guide).read_text(encoding="utf-8")
    example = re.search(r"```markdown\n(---\nitems: .*?)```", text, re.S).group(1)
    project = copy_project(tmp_path / "p", notices=("zhengzhou-2017-178",))
    (project / "content" / "updates").mkdir()
    (project / "content" / "updates" / "2026-11-20-example.md").write_text(example, encoding="utf-8")
    (update,) = load_content(read_settings(project, as_of=AS_OF, environ={})).updates
    assert (update.issues, update.status, update.publicity.days) == (("zhengzhou-2017-178-l1-1",), "publicity", 7)
