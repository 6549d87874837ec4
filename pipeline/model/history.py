"""The changes to each content file, as git recorded them: what an item page lists under 修改记录.

Read by inputs/history.py; here only the records and the one rule for which
files stand behind an item.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Change:
    commit: str
    date: str  # the day the change was committed
    summary: str  # the commit message's first line
    file: str  # the content file as editors name it (content/…)


@dataclass(frozen=True)
class History:
    """`state`: complete | shallow (a clone without older commits) | unavailable (no git, or not a repository)
    | off (the build was told not to read it).  `uncommitted` lists content files changed since the last commit."""

    state: str
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)  # file → newest first
    uncommitted: tuple[str, ...] = ()
    notice_files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # notice id → its text, meta, corrections
    repo_url: str = ""  # the public repository, for links to commits

    def commit_url(self, commit: str) -> str | None:
        return f"{self.repo_url}/commit/{commit}" if self.repo_url else None

    @property
    def complete(self) -> bool:
        return self.state == "complete"

    def of(self, files) -> list[Change]:
        """The changes to any of `files`, newest first, each commit and file once."""
        found = {(c.commit, c.file): c for name in files for c in self.changes.get(name, ())}
        return sorted(found.values(), key=lambda c: (c.date, c.commit, c.file), reverse=True)
