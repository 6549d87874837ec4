"""Work shared out over the cores: same results in the same order as in one process, errors kept."""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from helpers import copy_project, replace_once, wait_until

from pipeline.build import Background
from pipeline.inputs import content
from pipeline.problems import PipelineError, error
from pipeline.settings import read_settings
from pipeline.workers import cores, parallel_map, running_beside


def pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_parallel_map_keeps_the_order_of_the_items_and_uses_workers():
    results = parallel_map(pid_and_square, range(20))
    assert [square for _, square in results] == [x * x for x in range(20)]
    assert ({pid for pid, _ in results} != {os.getpid()}) == (cores() > 1)


def test_parallel_map_stays_in_this_process_when_asked_or_for_one_item():
    assert parallel_map(pid_and_square, [3], parallel=True) == [(os.getpid(), 9)]
    assert {pid for pid, _ in parallel_map(pid_and_square, range(5), parallel=False)} == {os.getpid()}


def test_parallel_map_passes_partial_arguments():
    assert parallel_map(partial(pow, exp=3), [1, 2, 3]) == [1, 8, 27]


def load(project, monkeypatch, threshold):
    monkeypatch.setattr(content, "PARALLEL_PARSE_BYTES", threshold)
    return content.load_content(read_settings(project, as_of="2026-12-02"))


def test_notices_parsed_in_workers_equal_those_parsed_in_process(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    here, there = load(project, monkeypatch, float("inf")), load(project, monkeypatch, 0)
    assert [r.notice.id for r in there.notices] == [r.notice.id for r in here.notices]
    assert [r.issues for r in there.notices] == [r.issues for r in here.notices]
    assert [r.notice for r in there.notices] == [r.notice for r in here.notices]
    assert [r.errors for r in there.notices] == [r.errors for r in here.notices]


def test_an_error_found_in_a_worker_is_reported_like_one_found_in_process(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    meta = project / "content" / "notices" / "luanchuan-2019-07" / "meta.yml"
    replace_once(meta, "  county: 栾川县", "  county: 不存在县")
    codes = {}
    for threshold in (float("inf"), 0):
        monkeypatch.setattr(content, "PARALLEL_PARSE_BYTES", threshold)
        try:
            content.load_content(read_settings(project, as_of="2026-12-02"))
        except content.PipelineError as exc:
            codes[threshold] = [(p.code, p.file, p.line) for p in exc.problems]
    assert codes[0] == codes[float("inf")]
    assert [code for code, _, _ in codes[0]] == ["meta.unknown-region"]
    assert codes[0][0][1:] == ("content/notices/luanchuan-2019-07/meta.yml", 14)


def resident_mb(_) -> tuple[int, float]:
    """This process's id and resident memory."""
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return os.getpid(), kb / 1024


def test_fresh_workers_do_not_carry_this_process_s_memory():
    """A forked worker counts the build's memory as its own (650 MB a PDF worker at 10,000 issues); a fresh
    one (spawned) does not."""
    ballast = bytearray(300 * 1024 * 1024)  # 300 MB held by this process while the workers run
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    fresh = parallel_map(resident_mb, range(4), fresh=True)
    assert max(mb for _, mb in fresh) < 150
    assert os.getpid() not in {pid for pid, _ in fresh}
    del ballast


def test_with_another_thread_alive_workers_are_spawned_not_forked():
    """A forked child of a process with other threads can hang on a lock one of them held (it did in CI,
    after the browser tests had started Playwright's threads); so workers are then new interpreters."""
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        results = parallel_map(pid_and_square, range(6))
    finally:
        release.set()
        other.join()
    assert [square for _, square in results] == [x * x for x in range(6)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_background_jobs_run_beside_the_work_and_what_they_raise_stops_the_build():
    background = Background()
    ran = []
    background(lambda: ran.append("job"))
    background.beside(lambda: ran.append("work"))
    assert sorted(ran) == ["job", "work"]
    background(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        background.beside(lambda: ran.append("more work"))
    assert ran[-1] == "more work"
    background.beside(lambda: None)  # a failed job is not run again


def write_pid(path: str) -> None:
    Path(path).write_text(str(os.getpid()), encoding="utf-8")


def fail(_) -> None:
    raise ValueError("a worker failed")


@pytest.mark.parametrize("fresh", [False, True], ids=["forked", "fresh"])
def test_running_beside_works_in_another_process_while_the_block_runs(tmp_path, fresh):
    """Even one item: it takes another core while this process does the block's work (a PDF and the pages)."""
    assert cores() > 1, "with one core the items run after the block"
    target = tmp_path / "pid"
    with running_beside(write_pid, [str(target)], fresh=fresh):
        wait_until(target.exists, "the worker's file, while the block runs")
    assert int(target.read_text(encoding="utf-8")) != os.getpid()


def test_running_beside_raises_what_a_worker_raised():
    with pytest.raises(ValueError):
        with running_beside(fail, [1, 2]):
            pass


def lack_a_font(_) -> None:
    raise error("pdf.no-cjk-font", "themes/gov/print/edition.css", None, "no Chinese font installed")


def test_a_problem_found_in_a_fresh_worker_reaches_the_build_with_its_code():
    """A PDF worker that finds no WeasyPrint or no Chinese font (newspaper.lay_out) stops the build with the
    problem's code and file, as if found in the build's own process."""
    with pytest.raises(PipelineError) as raised:
        with running_beside(lack_a_font, [1], fresh=True):
            pass
    assert [(p.code, p.file) for p in raised.value.problems] == [("pdf.no-cjk-font", "themes/gov/print/edition.css")]


def test_a_failure_in_the_block_stops_the_workers():
    with pytest.raises(KeyboardInterrupt):
        with running_beside(time.sleep, [600]):
            wait_until(lambda: len(multiprocessing.active_children()) == 1, "the worker")
            raise KeyboardInterrupt  # Ctrl-C while the pages render
    wait_until(lambda: multiprocessing.active_children() == [], "the worker stopped", timeout=10)
