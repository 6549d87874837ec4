"""Publishing never loses a site and never touches a folder the build did not make.

The output guard, the lock, the recovery after a crash between the two renames
of the swap, SIGKILLs at random moments, and SIGTERM/SIGINT stopping a build.
A small project (one notice) keeps each build near a second.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import AS_OF, ROOT, assert_fails_with, copy_project, leftovers, run_cli, snapshot, wait_until
from pipeline.publish import MARKER, old_site, publishing, recover, swap_in


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("small") / "project", notices=("luanchuan-2019-07",))


@pytest.fixture(scope="module")
def reference(small, tmp_path_factory) -> dict[str, bytes]:
    """Every file of the small project's site: what any complete build writes."""
    out = tmp_path_factory.mktemp("reference") / "site"
    result = run_cli("build", "--output", out, "--as-of", AS_OF, root=small)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


def build_process(project: Path, out: Path, tmp: Path) -> subprocess.Popen:
    """The build as its own process (TMPDIR private, to see anything it leaves in the temp folder)."""
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONHASHSEED": "0"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(out),
                             "--as-of", AS_OF], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)


# --- the guard ------------------------------------------------------------------

@pytest.mark.parametrize("where", ["root", "content", "above-root"])
def test_the_project_and_its_folders_are_never_an_output(small, where):
    target, shown = {"root": (small, "."), "content": (small / "content", "content"),
                     "above-root": (small.parent, str(small.parent))}[where]
    before = snapshot(small)
    assert_fails_with(run_cli("build", "--output", target, root=small), shown, None, "output.protected")
    assert snapshot(small) == before


def test_a_folder_with_other_files_is_refused_and_kept(small, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    assert_fails_with(run_cli("build", "--output", folder, root=small), str(folder), None, "output.not-ours")
    assert snapshot(folder) == {"holiday.jpg": b"\xff\xd8 not ours"}


def test_a_folder_the_build_made_is_replaced(small, reference, tmp_path):
    out = tmp_path / "site"
    for _ in range(2):
        assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    assert snapshot(out) == reference and MARKER in reference
    assert leftovers(out) == []


# --- the swap and its crash points ---------------------------------------------------

def site_folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def test_a_crash_between_the_renames_gets_the_previous_site_back(tmp_path):
    """Killed after `output` became `.output.old` and before the new site took its place."""
    out = tmp_path / "output"
    site_folder(old_site(out), "previous")
    site_folder(tmp_path / ".output.building-99-x" / "site", "half-written")
    recover(out)
    assert snapshot(out) == {"index.html": b"previous"}
    assert leftovers(out) == []


def test_a_crash_after_the_second_rename_keeps_the_new_site(tmp_path):
    """Killed after the new site was in place, before the old one was removed."""
    out = tmp_path / "output"
    site_folder(out, "new")
    site_folder(old_site(out), "previous")
    recover(out)
    assert snapshot(out) == {"index.html": b"new"}
    assert leftovers(out) == []


def test_swap_replaces_the_site_in_two_renames(tmp_path):
    out = site_folder(tmp_path / "output", "previous")
    swap_in(site_folder(tmp_path / "new", "new"), out)
    assert snapshot(out) == {"index.html": b"new"} and leftovers(out) == []


def test_a_failure_inside_publishing_leaves_everything_as_it_was(tmp_path):
    out = site_folder(tmp_path / "output", "previous")
    with pytest.raises(RuntimeError):
        with publishing(out) as staging:
            (staging.site / "index.html").write_text("half", encoding="utf-8")
            raise RuntimeError("a step failed")
    assert snapshot(out) == {"index.html": b"previous"} and leftovers(out) == []


def test_one_build_at_a_time(tmp_path):
    out = tmp_path / "output"
    with publishing(out):
        with pytest.raises(Exception) as second:
            with publishing(out):
                pass
    assert second.value.problems[0].code == "output.busy"


# --- kills and signals ------------------------------------------------------------------

def test_kills_at_random_moments_never_leave_a_broken_site(small, reference, tmp_path):
    """20 SIGKILLs during builds: the site is always the complete previous one (or, killed between the
    renames, back in place at the next start); the next build cleans up everything."""
    out, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    rng = random.Random(20261202)
    for _ in range(20):
        process = build_process(small, out, temp)
        time.sleep(rng.uniform(0.05, 1.6))
        process.kill()
        process.wait()
        published = out if out.exists() else old_site(out)
        assert snapshot(published) == reference
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    assert snapshot(out) == reference
    assert leftovers(out) == [] and list(temp.iterdir()) == []


def catches(pid: int, signum: int) -> bool:
    """Whether process `pid` has installed a handler for `signum` (Linux: SigCgt in /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught, 16) >> (signum - 1) & 1)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_command_starts_exits_130_and_says_so(small, tmp_path, signum):
    """From the moment the command can catch a signal (its first lines install a handler, before the
    pipeline's imports) an interruption is reported, never a traceback or a silent kill."""
    out, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    process = build_process(small, out, temp)
    wait_until(lambda: catches(process.pid, signal.SIGTERM), "the build's handler for SIGTERM")
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not out.exists() and leftovers(out) == [] and list(temp.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_build_and_leaves_the_site(small, reference, tmp_path, signum):
    out, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    process = build_process(small, out, temp)
    wait_until(lambda: leftovers(out) != [], "the build's staging folder")  # the build is writing
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert snapshot(out) == reference
    assert leftovers(out) == [] and list(temp.iterdir()) == []


def test_make_site_killed_by_its_pid_stops_the_build(tmp_path):
    """`kill <pid of make>` (SIGTERM): make passes it on, invoke has become the build, the build stops."""
    out = tmp_path / "site"
    script = tmp_path / "Makefile"
    script.write_text(f"site:\n\t{Path(sys.executable).parent / 'invoke'} --search-root {ROOT} build --output {out}\n",
                      encoding="utf-8")
    process = subprocess.Popen(["make", "-s", "-f", str(script), "site"], cwd=tmp_path, env={
        **os.environ, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: leftovers(out) != [], "the build's staging folder")  # invoke has become the build
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "interrupted" in stderr, stderr
    assert not out.exists() and leftovers(out) == []


KILL_AFTER_RENAME = """
import os, signal, sys
import pipeline.publish as publish
from pipeline.__main__ import main
real, done = os.replace, []
def replace(source, target):
    real(source, target)
    done.append(target)
    if len(done) == {after}:
        os.kill(os.getpid(), signal.SIGKILL)
publish.os.replace = replace
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("after", [1, 2], ids=["between-the-renames", "before-the-old-site-is-removed"])
def test_a_kill_at_each_crash_point_of_the_swap(small, reference, tmp_path, after):
    """SIGKILL right after the first rename (no `output` at all for a moment) and after the second."""
    out = tmp_path / "site"
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_RENAME.format(after=after), "--root", str(small),
                             "build", "--output", str(out), "--as-of", AS_OF], cwd=ROOT, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(old_site(out)) == reference
    assert (not out.exists()) if after == 1 else snapshot(out) == reference
    assert run_cli("build", "--output", out, "--as-of", AS_OF, root=small).returncode == 0
    assert snapshot(out) == reference and leftovers(out) == []


# --- invoke publish DEST ---------------------------------------------------------------

def test_publish_copies_a_finished_build_into_place(small, reference, tmp_path):
    built = tmp_path / "built"
    assert run_cli("build", "--output", built, "--as-of", AS_OF, root=small).returncode == 0
    dest = tmp_path / "www" / "site"
    for _ in range(2):  # a first publish, then one replacing it
        result = run_cli("publish", dest, "--site", built, root=small)
        assert result.returncode == 0, result.stderr
    assert snapshot(dest) == reference
    assert leftovers(dest) == []


def test_publish_refuses_what_is_not_a_build_and_folders_it_did_not_make(small, tmp_path):
    assert_fails_with(run_cli("publish", tmp_path / "www", "--site", tmp_path, root=small), str(tmp_path), None,
                      "publish.not-a-build")
    built = tmp_path / "built"
    assert run_cli("build", "--output", built, "--as-of", AS_OF, root=small).returncode == 0
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "holiday.jpg").write_bytes(b"not ours")
    assert_fails_with(run_cli("publish", theirs, "--site", built, root=small), str(theirs), None, "output.not-ours")
    assert snapshot(theirs) == {"holiday.jpg": b"not ours"}


def test_an_interrupted_publish_leaves_the_previous_site(small, tmp_path):
    """A copy killed before its swap leaves only staging, which the next publish removes."""
    built = tmp_path / "built"
    assert run_cli("build", "--output", built, "--as-of", AS_OF, root=small).returncode == 0
    dest = tmp_path / "www"
    assert run_cli("publish", dest, "--site", built, root=small).returncode == 0
    before = snapshot(dest)
    stale = tmp_path / ".www.building-99999-x"
    (stale / "site").mkdir(parents=True)
    (stale / "site" / "index.html").write_text("half a copy", encoding="utf-8")
    assert snapshot(dest) == before
    assert run_cli("publish", dest, "--site", built, root=small).returncode == 0
    assert not stale.exists() and snapshot(dest) == before
