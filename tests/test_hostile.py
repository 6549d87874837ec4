"""The hostile corpus (tests/hostile/): damaged content files, one defect each.

Each case replaces one file of a one-notice project.  A defect gives its
problem code, naming the damaged file, with exit status 1, never a traceback
or an internal error, and the published site stays byte for byte as it was;
a legal file builds into the same records as the original.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

import pytest

from helpers import AS_OF, copy_project, notice_dir, run_cli, snapshot
from pipeline.inputs.content import load_content
from pipeline.problems import PipelineError
from pipeline.settings import content_settings

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_corpus  # noqa: E402

NOTICE = "luanchuan-2019-07"
CASES = make_corpus.all_cases()
TARGETS = {"meta": f"content/notices/{NOTICE}/meta.yml", "notice": f"content/notices/{NOTICE}/notice.txt",
           "corrections": f"content/notices/{NOTICE}/corrections.yml", "regions": "content/regions.yml",
           "aliases": "content/units/aliases.yml"}
WARNINGS = {"deadline.impossible-date"}
FAILING = sorted(path for path, (_, code) in CASES.items() if code and code not in WARNINGS)
BUILDING = sorted(path for path, (_, code) in CASES.items() if not code or code in WARNINGS)


def test_the_corpus_is_large_and_its_files_are_what_the_generator_makes():
    assert len(CASES) >= 150
    expected = json.loads((Path(__file__).parent / "hostile" / "expected.json").read_text(encoding="utf-8"))
    assert expected == {path: code for path, (_, code) in CASES.items()}
    on_disk = {str(p.relative_to(make_corpus.FOLDER)): p.read_bytes() for p in make_corpus.FOLDER.rglob("*") if p.is_file()}
    assert on_disk == {path: content for path, (content, _) in CASES.items() if len(content) <= make_corpus.LARGE}


def install(project: Path, path: str) -> str:
    """Put the case in place of its file; a new notice text gets its checksum, as an editor accepting it would."""
    family = path.split("/")[0]
    target = project / TARGETS[family]
    target.write_bytes(CASES[path][0])
    if family == "notice":
        meta = target.parent / "meta.yml"
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        meta.write_text(re.sub(r"(?m)^sha256: .*$", f"sha256: {digest}", meta.read_text(encoding="utf-8")),
                        encoding="utf-8")
    return TARGETS[family]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One project's site, built once; every failing case must leave it exactly so."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", notices=(NOTICE,))
    out = project.parent / "site"
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=project).returncode == 0
    return out, snapshot(out), stats(out)


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.parametrize("path", FAILING)
def test_a_defect_is_a_coded_problem_and_changes_nothing(tmp_path, published, path):
    out, _, before = published
    project = copy_project(tmp_path / "project", notices=(NOTICE,))
    target = install(project, path)
    result = run_cli("build", "--output", out, "--as-of", AS_OF, root=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    code = CASES[path][1]
    named = [line for line in result.stderr.splitlines() if f"[{code}]" in line]
    assert named, result.stderr
    damaged = TARGETS["meta"] if code in ("meta.unknown-region", "notice.text-changed") or (
        code == "list.count-mismatch" and path.startswith("meta/")) else target
    assert any(line.startswith(damaged) for line in named), result.stderr
    assert stats(out) == before


def test_after_every_defect_the_site_is_byte_for_byte_the_first(published):
    out, first, _ = published
    assert snapshot(out) == first


def load(project: Path):
    try:
        return load_content(content_settings(project))
    except PipelineError as exc:
        pytest.fail("\n".join(str(p) for p in exc.problems))


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return load(copy_project(tmp_path_factory.mktemp("original") / "project", notices=(NOTICE,)))


@pytest.mark.parametrize("path", BUILDING)
def test_a_legal_file_gives_the_same_records(tmp_path, original, path):
    project = copy_project(tmp_path / "project", notices=(NOTICE,))
    install(project, path)
    content = load(project)
    issues, before = content.notices[0].issues, original.notices[0].issues
    code = CASES[path][1]
    if code:
        assert code in {p.code for p in content.notices[0].warnings}
        return
    assert [i.id for i in issues] == [i.id for i in before]
    if path.startswith("aliases/"):  # without aliases, units keep their printed names: other ids, same records
        return
    assert {u.id for i in issues for u in i.lead_units} == {u.id for i in before for u in i.lead_units}
    changed = [i.id for i, j in zip(issues, before) if (i.title, i.problem) != (j.title, j.problem)]
    assert changed == (["luanchuan-2019-07-l1-2"] if "script-tag" in path else [])


def test_a_link_out_of_the_project_is_refused(tmp_path):
    project = copy_project(tmp_path / "project", notices=(NOTICE,))
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    raw = notice_dir(project, NOTICE) / "notice.txt"
    raw.unlink()
    os.symlink(secret, raw)
    result = run_cli("build", "--output", tmp_path / "out", root=project)
    assert result.returncode == 1 and f"{TARGETS['notice']}: 错误 error [input.outside-project]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_notice_folder_linked_from_elsewhere_is_refused(tmp_path):
    project = copy_project(tmp_path / "project", notices=(NOTICE,))
    elsewhere = tmp_path / "elsewhere"
    notice_dir(project, NOTICE).rename(elsewhere)
    os.symlink(elsewhere, notice_dir(project, NOTICE))
    result = run_cli("build", "--output", tmp_path / "out", root=project)
    assert result.returncode == 1 and "[input.outside-project]" in result.stderr
