"""Shared helpers for the tests: building the site, copying and editing the project.

They copy the project into a temporary folder, edit its content files the
way an editor would (plain text edits, so comments and layout stay), and run
the command line as a subprocess, exactly as `make site` does.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"
ZHENGZHOU = "zhengzhou-2020-79"
SHANGQIU = "shangqiu-2019-0403"


def build_real_site(out: Path) -> None:
    """`python -m pipeline build --output OUT --as-of AS_OF` for the real content; fails loudly.

    SITE_URL and SITE_AS_OF are cleared, so the build is the same whatever the shell exports.
    """
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "SITE_AS_OF")}
    subprocess.run([sys.executable, "-m", "pipeline", "build", "--output", str(out), "--as-of", AS_OF],
                   cwd=ROOT, check=True, capture_output=True, env=env)


def copy_project(dest: Path) -> Path:
    """A private copy of everything a build reads: content, theme and Pelican settings."""
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "themes", dest / "themes")
    shutil.copy2(ROOT / "pelicanconf.py", dest / "pelicanconf.py")
    return dest


def notice_dir(project: Path, notice_id: str) -> Path:
    return project / "content" / "notices" / notice_id


def run_cli(*args, root: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m pipeline [--root ROOT] ARGS…` from the checkout, output as text."""
    command = [sys.executable, "-m", "pipeline"]
    if root is not None:
        command += ["--root", str(root)]
    command += [str(arg) for arg in args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)


def build(project: Path, output: Path) -> subprocess.CompletedProcess:
    return run_cli("build", "--output", output, "--as-of", AS_OF, root=project)


def assert_clean_failure(result: subprocess.CompletedProcess, file: str, line: int | None = None,
                         code: int | None = 1) -> None:
    """Failed with a message naming `file` (and `file:line`), never a traceback."""
    assert result.returncode != 0, result.stdout
    if code is not None:
        assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert file in result.stderr, result.stderr
    if line is not None:
        assert f"{file}:{line}:" in result.stderr, result.stderr


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


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, keyed by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
