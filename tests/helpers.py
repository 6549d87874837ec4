"""Shared helpers for the tests: building the site, copying and editing the project.

They copy the project into a temporary folder, edit its content files the
way an editor would (plain text edits, so comments and layout stay), and run
the command line, in this process (fast) or as a subprocess (where the test
is about the process: its exit status, its environment).  Tests compare
problems by (file, line, code), never by message text.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pipeline.__main__ import main
from pipeline.inputs.content import load_content
from pipeline.problems import PipelineError
from pipeline.settings import content_settings

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"
ZHENGZHOU = "zhengzhou-2020-79"
SHANGQIU = "shangqiu-2019-0403"


def build_real_site(out: Path, hash_seed: str = "0") -> str:
    """`python -m pipeline build --output OUT --as-of AS_OF` for the real content, as `make site` runs it
    (a process of its own); fails loudly, returns what it printed.

    The seed site is the notices and tables of content/ without its progress updates and 督办公开 editions:
    editors add them dated after AS_OF (which a build as of AS_OF rightly refuses), and a pushed update must
    not fail the tests that guard the pages; `make site` in .ci/run checks the updates as of today.  The history is
    left out too (it changes with every commit; tests/test_progress_site.py checks it).
    SITE_URL, SITE_AS_OF and SITE_OWNER are cleared, so the build is the same whatever the shell exports.
    """
    project = out.parent / f"{out.name}-project"
    if not project.exists():
        copy_project(project)  # without content/updates/
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "SITE_AS_OF", "SITE_OWNER")}
    env["PYTHONHASHSEED"] = hash_seed
    result = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(out),
                             "--as-of", AS_OF, "--no-history"], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copy_project(dest: Path, notices: tuple[str, ...] | None = None) -> Path:
    """A private copy of everything a build reads: content, theme and Pelican settings.

    `notices`: copy only these notice folders (a smaller project builds faster).  Editors' progress updates
    (content/updates/) and 督办公开 editions (content/disclosures/) are never copied: they name items and
    dates after AS_OF; tests that need them write their own (fictional) ones.
    """
    keep = None if notices is None else {"notices", *notices}
    shutil.copytree(ROOT / "content", dest / "content", ignore=lambda folder, names: _left_out(folder, names, keep))
    shutil.copytree(ROOT / "themes", dest / "themes")
    shutil.copy2(ROOT / "pelicanconf.py", dest / "pelicanconf.py")
    return dest


EDITORS_PUBLISHED = ("updates", "disclosures")  # what editors push week by week; tests write their own


def _left_out(folder: str, names: list[str], keep: set[str] | None) -> list[str]:
    if Path(folder) == ROOT / "content":
        return [n for n in names if n in EDITORS_PUBLISHED]
    if keep is not None and Path(folder).name == "notices":
        return [n for n in names if n not in keep]
    return []


def notice_dir(project: Path, notice_id: str) -> Path:
    return project / "content" / "notices" / notice_id


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def _argv(args, root: Path | None) -> list[str]:
    return (["--root", str(root)] if root is not None else []) + [str(arg) for arg in args]


def run_cli(*args, root: Path | None = None) -> CliResult:
    """`python -m pipeline [--root ROOT] ARGS…`, run in this process; exit status and output as text."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(_argv(args, root))
        except SystemExit as exc:  # argparse
            code = exc.code
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(*args, root: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The same as a real process, for tests about the process itself (exit status, environment)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline", *_argv(args, root)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


def build(project: Path, output: Path) -> CliResult:
    return run_cli("build", "--output", output, "--as-of", AS_OF, root=project)


def load_problems(project: Path) -> list[tuple[str, int | None, str]]:
    """(file, line, code) of every error loading `project`'s content reports; [] when it loads."""
    try:
        load_content(content_settings(project))
    except PipelineError as exc:
        return [(p.file, p.line, p.code) for p in exc.problems]
    return []


def assert_fails_with(result, file: str, line: int | None, code: str) -> None:
    """Exit status 1 and the problem `file:line: 错误 error [code]`, never a traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    where = f"{file}:{line}" if line else file
    assert f"{where}: 错误 error [{code}]" in result.stderr, result.stderr


def line_number(path: Path, prefix: str, occurrence: int = 1) -> int:
    """1-based number of the `occurrence`-th line of `path` starting with `prefix`."""
    seen = 0
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if text.startswith(prefix):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"no line starting with {prefix!r} in {path}")


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a text file like an editor: `old` must occur exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_meta_line(folder: Path, key: str, new_line: str) -> Path:
    """Replace the top-level line `key: …` of a notice's meta.yml."""
    meta = folder / "meta.yml"
    text = meta.read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^{re.escape(key)}:.*$", new_line, text)
    assert count == 1, f"{key} not found once in {meta}"
    meta.write_text(text, encoding="utf-8")
    return meta


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rewrite_raw(folder: Path, transform) -> Path:
    """Change notice.txt with `transform(lines) -> lines` and record its new sha256 in meta.yml.

    This is what an editor does when a raw text really must be replaced; the
    build then checks the text itself, not the checksum.
    """
    raw = folder / "notice.txt"
    lines = transform(raw.read_text(encoding="utf-8").split("\n"))
    raw.write_text("\n".join(lines), encoding="utf-8")
    set_meta_line(folder, "sha256", f"sha256: {sha256_file(raw)}")
    return raw


def index_of(lines: list[str], prefix: str) -> int:
    """0-based index of the first line starting with `prefix`."""
    return next(i for i, text in enumerate(lines) if text.startswith(prefix))


def leftovers(output: Path) -> list[str]:
    """What a build left beside its output besides its lock file: staging, a previous site (none expected)."""
    return sorted(p.name for p in output.parent.glob(f".{output.name}.*") if p.name != f".{output.name}.lock")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, keyed by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class TableParser(HTMLParser):
    """The first <table> for which `wanted(attributes)` is true: its header cells' text, and for each body row
    its cells' text (stripped) and the addresses of the links in it (`links[i]` for `rows[i]`)."""

    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[list[str]] = []
        self._part = None  # "table", "head" or "body" inside the table; "done" after it
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and self._part is None and self.wanted(a):
            self._part = "table"
        elif self._part in ("table", "head", "body") and tag in ("thead", "tbody"):
            self._part = "head" if tag == "thead" else "body"
        elif self._part == "body" and tag == "tr":
            self.rows.append([])
            self.links.append([])
        elif self._part in ("head", "body") and tag in ("th", "td"):
            self._cell = ""
        elif self._part == "body" and tag == "a":
            self.links[-1].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "table" and self._part in ("table", "head", "body"):
            self._part = "done"
        elif tag in ("th", "td") and self._cell is not None:
            (self.headers if self._part == "head" else self.rows[-1]).append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def wait_until(condition, what: str, timeout: float = 60) -> None:
    """Poll `condition` until it holds: a signal sent on evidence, not after a guessed sleep (a loaded
    machine takes seconds to import what a quiet one imports in half a second)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not seen within {timeout} s: {what}"
        time.sleep(0.01)
