"""Diagnostics that name the file and line, so editors can fix their input.

Every problem found in content is a `Problem` (an error stops the build, a
warning is reported).  `PipelineError` carries one or more errors up to the
command line, which prints them and exits non-zero: never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    level: str  # "error" or "warning"
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "错误 error" if self.level == "error" else "警告 warning"
        return f"{where}: {label}: {self.message}"

    def to_dict(self) -> dict:
        return {"level": self.level, "file": self.file, "line": self.line, "message": self.message}


class PipelineError(Exception):
    """One or more content errors; the build must stop."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def error(file: str, line: int | None, message: str) -> PipelineError:
    return PipelineError(Problem("error", file, line, message))


class ProblemList:
    """Anything holding `problems` can tell its errors from its warnings."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


@dataclass
class Diagnostics(ProblemList):
    """Collects problems while a notice is processed, so all are shown at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem("error", file, line, message))

    def warn(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem("warning", file, line, message))
