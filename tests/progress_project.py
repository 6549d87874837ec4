"""A private git repository with one notice and fictional progress updates, for the progress tests.

The project is a copy of one notice (栾川) committed to a fresh repository
with fixed dates; the updates and the correction are fictional test data
(虚构) that exist only in the temporary folder, never in content/.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import AS_OF, copy_project, run_cli_process

SITE = "https://example.org/site/"
REPO = "https://git.example.org/org/site"
NOTICE = "luanchuan-2019-07"
CLOSED, SHOWN, BOTH = f"{NOTICE}-l1-3", f"{NOTICE}-l1-5", f"{NOTICE}-l1-4"
ATOM = "{http://www.w3.org/2005/Atom}"

UPDATES = {
    "2026-11-01-progress": f"items: [{CLOSED}, {BOTH}]\ndate: 2026-11-01\nstatus: 推进中",
    "2026-11-10-publicity": f"items: [{CLOSED}]\ndate: 2026-11-10\nstatus: 销号公示中\npublicity:\n  start: 2026-11-10\n"
                            "  end: 2026-11-16\n  days: 7\n  department: 示例受理部门（虚构）\n  phone: '0000-0000000'",
    "2026-11-18-closed": f"items: [{CLOSED}]\ndate: 2026-11-18\nstatus: 已销号",
    "2026-11-20-shown": f"items: [{SHOWN}]\ndate: 2026-11-20\nstatus: 销号公示中\n"
                        "publicity: {start: 2026-11-20, end: 2026-11-26, days: 7}",
}
CORRECTION = ("- item: l1-3\n  field: title\n  value: 测试用标题（虚构）\n  reason: 测试用更正（虚构）\n  date: 2026-11-20\n")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T10:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T10:00:00+08:00")
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def write_updates(project: Path, names) -> None:
    folder = project / "content" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.md").write_text(f"---\n{UPDATES[name]}\n---\n测试样例（虚构）：{name}。\n", encoding="utf-8")


def build(project: Path, out: Path, *extra) -> str:
    result = run_cli_process("build", "--output", out, "--as-of", AS_OF, *extra, root=project,
                             env={"SITE_URL": SITE, "REPO_URL": REPO})
    assert result.returncode == 0, result.stderr
    return result.stdout


def make_repo(project: Path) -> tuple[Path, dict]:
    """The repository: the notice (2026-11-01), the updates (11-18), a correction (11-20); its commits."""
    copy_project(project, notices=(NOTICE,))
    git(project, "init", "-q", "-b", "main")
    commits = {"initial": commit(project, "发布栾川通知", "2026-11-01")}
    write_updates(project, UPDATES)
    commits["updates"] = commit(project, "报送整改进展（测试）", "2026-11-18")
    (project / "content" / "notices" / NOTICE / "corrections.yml").write_text(CORRECTION, encoding="utf-8")
    commits["correction"] = commit(project, "更正第3项标题（测试）", "2026-11-20")
    return project, commits
