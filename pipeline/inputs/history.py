"""Read the change history of content/ from git, honestly.

A shallow clone (CI services often fetch one commit) holds a boundary commit
that looks as if it added every file at once; its entries would be wrong, so
they are left out and the history is marked incomplete.  The deploy
workflows fetch the whole history (fetch-depth: 0), so the public site is
complete.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..model.history import Change, History

RECORD, FIELD = "\x1e", "\x1f"


def read_history(root: Path, enabled: bool = True, notice_files: dict | None = None, repo_url: str = "") -> History:
    """The history of content/ under `root`; `notice_files` names the files behind each notice."""
    known = {"notice_files": notice_files or {}, "repo_url": repo_url}
    if not enabled:
        return History("off", **known)
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree").strip() != "true":
            return History("unavailable", **known)
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
        log = _git(root, "log", "--relative", f"--format={RECORD}%H{FIELD}%cs{FIELD}%s", "--name-only",
                   "--no-renames", "--", "content")
        status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", "content")
        prefix = _git(root, "rev-parse", "--show-prefix").strip()  # porcelain paths start at the repository's top
    except (OSError, subprocess.CalledProcessError):
        return History("unavailable", **known)
    boundary = _shallow_boundary(root) if shallow else set()
    return History("shallow" if shallow else "complete", _changes(log, boundary), _uncommitted(status, prefix), **known)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout


def _shallow_boundary(root: Path) -> set[str]:
    path = Path(_git(root, "rev-parse", "--path-format=absolute", "--git-path", "shallow").strip())
    return set(path.read_text().split()) if path.is_file() else set()


def _changes(log: str, boundary: set[str]) -> dict[str, tuple[Change, ...]]:
    found: dict[str, list[Change]] = {}
    for record in log.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, date, summary = header.split(FIELD, 2)
        if commit in boundary:
            continue
        for name in filter(None, (n.strip() for n in names.splitlines())):
            found.setdefault(name, []).append(Change(commit, date, summary.strip(), name))
    return {name: tuple(changes) for name, changes in found.items()}


def _uncommitted(status: str, prefix: str) -> tuple[str, ...]:
    return tuple(sorted(line[3:].strip().strip('"').removeprefix(prefix) for line in status.splitlines() if len(line) > 3))
