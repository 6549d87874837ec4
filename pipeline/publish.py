"""Put a finished build in place without ever losing a site or touching what the build did not make.

- **Guard.** Every build writes MARKER into what it produces.  A build refuses
  an output folder that holds files but no marker (someone else's folder),
  the project root or any folder above it, and the project's own folders
  (content/, themes/, pipeline/ …): nothing is touched.
- **Lock.** One build at a time per output folder (`.<name>.lock` beside it);
  a dead build's lock is released by the system.
- **Staging.** Everything a build writes, Pelican's page sources included,
  lives in one folder beside the output, `.<name>.building-<pid>`; holding the
  lock, a build removes what a killed build left there.
- **Swap.** The old site is renamed to `.<name>.old`, the new one to the
  output's name, then the old one is removed.  If a build dies between the two
  renames, the next one puts the previous site back before anything else.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .problems import error

MARKER = ".rectification-site"
MARKER_TEXT = ("本文件夹由 python -m pipeline build 生成，重新生成时会被整个替换。\n"
               "Built by `python -m pipeline build`; the next build replaces this whole folder.\n")
HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}  # held while the staging folder is made: it must not be left behind
PROJECT_FOLDERS = ("content", "themes", "pipeline", "tests", "docs", "bench", "deploy", ".git", ".venv")


@dataclass(frozen=True)
class Staging:
    site: Path  # becomes the output
    pages: Path  # Pelican's page sources


def check_output(output: Path, root: Path, display) -> None:
    """Refuse an output folder the build must not replace (problem codes output.*).

    The project's own `output/` (git-ignored, documented as the built site) is
    always the build's, also when an older build left it without a marker.
    """
    output, root = output.resolve(), root.resolve()
    shown = display(output)
    if output == root or output in root.parents:
        raise error("output.protected", shown, None,
                    "输出文件夹不能是项目文件夹本身或它的上级文件夹：构建会整个替换输出文件夹"
                    "（the output cannot be the project folder or a folder above it）。请用默认的 output/。")
    for name in PROJECT_FOLDERS:
        folder = root / name
        if output == folder or folder in output.parents:
            raise error("output.protected", shown, None,
                        f"输出文件夹不能在项目的 {name}/ 中（the output cannot be inside {name}/）。请用默认的 output/。")
    if output.exists() and not output.is_dir():
        raise error("output.not-a-folder", shown, None, "输出位置已有一个文件，不是文件夹（a file, not a folder）。")
    if output.is_dir() and output != root / "output" and any(output.iterdir()) and not (output / MARKER).is_file():
        raise error("output.not-ours", shown, None,
                    f"这个文件夹里已有文件，但不是本程序生成的（没有 {MARKER}），构建不会替换它"
                    "（a folder with files the build did not make）。请换一个空文件夹或默认的 output/。")


@contextmanager
def publishing(output: Path):
    """Staging folders for one build; on success the site replaces `output`, on any failure nothing changes."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with _locked(output):
        recover(output)
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)  # until the cleanup below is armed
        try:
            folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-", dir=output.parent))
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            raise
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a signal that came meanwhile is raised here
            staging = Staging(folder / "site", folder / "pages")
            staging.site.mkdir()
            staging.pages.mkdir()
            with _temporary_files_in(folder / "tmp"):
                yield staging
            (staging.site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap_in(staging.site, output)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _temporary_files_in(folder: Path):
    """Libraries' temporary files (ctypes' library lookup when WeasyPrint loads Pango, say) go inside the
    staging folder: removed with it, and by the next build's recover() when a kill left it behind."""
    folder.mkdir()
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before


def old_site(output: Path) -> Path:
    return output.parent / f".{output.name}.old"


def swap_in(site: Path, output: Path) -> None:
    """Two renames; recover() mends a crash between them."""
    old = old_site(output)
    if output.exists():
        os.replace(output, old)
    os.replace(site, output)
    shutil.rmtree(old, ignore_errors=True)


def recover(output: Path) -> None:
    """Undo what a killed build left: the previous site back in place, stale staging removed.

    Only called with the lock held, so no other build is using what it removes.
    """
    old = old_site(output)
    if old.exists():
        if output.exists():
            shutil.rmtree(old, ignore_errors=True)  # the new site was in place; the old one was being removed
        else:
            os.replace(old, output)  # died between the renames: the previous site comes back
    for stale in output.parent.glob(f".{output.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def _locked(output: Path):
    lock = output.parent / f".{output.name}.lock"
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise error("output.busy", str(output), None,
                        "另一个构建正在写这个输出文件夹，请等它结束后再试（another build is writing this output）。") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def copy_into_place(site: Path, dest: Path, root: Path, display) -> int:
    """`invoke publish DEST`: copy a finished build to where the web server reads it, atomically.

    The copy goes into a build's staging folder beside DEST and is swapped in
    by `publishing`, so an interrupted copy leaves the previous site intact; DEST is
    guarded like an output folder (never the project, never a folder the
    build did not make).  Returns the number of files copied.
    """
    site, dest = site.resolve(), dest.resolve()
    if not (site / MARKER).is_file():
        raise error("publish.not-a-build", display(site), None,
                    f"这里没有完整的构建结果（缺少 {MARKER}）：请先运行 make site（not a finished build）。")
    check_output(dest, root, display)
    if dest == (root / "output").resolve() or dest == site:
        raise error("output.protected", display(dest), None, "发布位置不能是构建输出文件夹本身（publish to another folder）。")
    with publishing(dest) as staging:  # the build's own lock, recovery, staging and swap
        shutil.copytree(site, staging.site, dirs_exist_ok=True)
    return sum(1 for p in dest.rglob("*") if p.is_file())
