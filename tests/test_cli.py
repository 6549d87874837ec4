"""The command line's other commands: `init` adds a notice an editor can build at once, `report` sums up."""
from __future__ import annotations

from pathlib import Path

from helpers import assert_fails_with, copy_project, load_problems, run_cli, sha256_file

SAMPLE = Path(__file__).parent / "fixtures" / "sample-notice.txt"  # sample data for tests only


def test_init_adds_a_notice_that_builds(tmp_path):
    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07",))
    text = tmp_path / "sample.txt"
    text.write_bytes(SAMPLE.read_bytes())
    result = run_cli("init", text, "--id", "sample-2020", "--region-city", "郑州市", root=project)
    assert result.returncode == 0, result.stderr
    folder = project / "content" / "notices" / "sample-2020"
    assert (folder / "notice.txt").read_bytes() == text.read_bytes()
    meta = (folder / "meta.yml").read_text(encoding="utf-8")
    assert f"sha256: {sha256_file(text)}" in meta and "title: 示例市关于印发示例整改方案的通知" in meta
    assert load_problems(project) == []
    again = run_cli("init", text, "--id", "sample-2020", root=project)
    assert_fails_with(again, str(folder), None, "init.folder-exists")


def test_report_counts_every_notice(tmp_path):
    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07", "zhengzhou-2020-79"))
    result = run_cli("report", "--quiet", root=project)
    assert result.returncode == 0, result.stderr
    assert "合计 total: 2 个通知 notices, 69 条记录 records, 19 条警告 warnings" in result.stdout


STAGES = ["content", "model", "newspaper PDFs", "views", "data", "broadcasts", "search index", "pages (Pelican)",
          "newspaper PDFs, waited for", "feeds, sitemap"]  # the PDFs are laid out from the first to the second


def test_build_timings_give_each_stage_its_time_and_the_peak_memory_so_far(tmp_path):
    """bench-build reads these lines (bench/build_bench.py's patterns) to say which stage sets the peak."""
    from bench.build_bench import STAGE, STAGE_PEAK

    project = copy_project(tmp_path / "project", notices=("luanchuan-2019-07",))
    result = run_cli("build", "--output", tmp_path / "out", "--as-of", "2026-12-02", "--no-history", "--timings",
                     root=project)
    assert result.returncode == 0, result.stderr
    assert [name for name, _ in STAGE.findall(result.stdout)] == STAGES
    peaks = STAGE_PEAK.findall(result.stdout)
    assert [name for name, _ in peaks] == STAGES
    megabytes = [int(mb) for _, mb in peaks]
    assert megabytes == sorted(megabytes) and megabytes[0] > 0  # a peak so far never falls
