"""Problems found in content, as data: a stable code, the file and line, a message for editors.

Every error and warning is a `Problem` whose `code` (e.g. `meta.unknown-key`)
is listed with its meaning and its fix in docs/problems.md; tests compare
codes, never message text.  An error stops the build, a warning is
reported.  Stages collect problems in `Diagnostics` so an editor sees every
mistake of a file in one run; `PipelineError` carries them up to the
command line, which prints them and exits 1: never a traceback.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str  # stable, documented in docs/problems.md
    level: str  # ERROR or WARNING
    file: str
    line: int | None
    message: str  # Chinese, with the English in brackets
    field: str | None = None  # the key or field concerned, where there is one

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "错误 error" if self.level == ERROR else "警告 warning"
        return f"{where}: {label} [{self.code}]: {self.message}"

    def to_dict(self) -> dict:
        return {"code": self.code, "level": self.level, "file": self.file, "line": self.line,
                "field": self.field, "message": self.message}


class PipelineError(Exception):
    """One or more content errors; the build must stop."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def error(code: str, file: str, line: int | None, message: str, field: str | None = None) -> PipelineError:
    """An error that stops the stage at once (nothing after it could be checked)."""
    return PipelineError(Problem(code, ERROR, file, line, message, field))


class ProblemList:
    """Anything holding `problems` can tell its errors from its warnings."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]


@dataclass
class Diagnostics(ProblemList):
    """Collects problems while content is read, so all are shown at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, code: str, file: str, line: int | None, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(code, ERROR, file, line, message, field))

    def warn(self, code: str, file: str, line: int | None, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(code, WARNING, file, line, message, field))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_errors(self) -> None:
        """Stop here if anything so far was an error, reporting all of them."""
        if self.errors:
            raise PipelineError(self.errors)


@contextmanager
def collecting(diag: Diagnostics):
    """Record the errors a check raises and go on, so one run reports every mistake of a file."""
    try:
        yield
    except PipelineError as exc:
        diag.extend(exc.problems)
