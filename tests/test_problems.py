"""Problems are data: every code the pipeline can report is documented once, with its level and fix.

docs/problems.md is what an editor reads when a build stops; a code used in
the code but missing there (or documented but never used) fails here.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from pipeline.problems import Diagnostics, Problem

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "problems.md"
ROW = re.compile(r"^\| `(?P<code>[a-z0-9]+\.[a-z0-9-]+)` \| (?P<level>error|warning) \|", re.M)


def documented() -> dict[str, str]:
    return {m["code"]: m["level"] for m in ROW.finditer(DOCS.read_text(encoding="utf-8"))}


def used() -> dict[str, str]:
    """Code → level of every problem made in pipeline/: error(...), diag.error/warn(...), Problem(...), and the
    code handed to yamlio.as_day(value, file, line, key, CODE, example)."""
    found = {}
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            first = node.args[0]
            if name in ("error", "warn", "Problem", "Refused") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found[first.value] = _level(name, node)
            elif name == "as_day" and len(node.args) > 4 and isinstance(node.args[4], ast.Constant):
                found[node.args[4].value] = "error"
    return found


def _level(name: str, call: ast.Call) -> str:
    """warn(...) is a warning, error(...) an error, Problem(code, LEVEL, ...) what its second argument says."""
    if name != "Problem":
        return "warning" if name == "warn" else "error"  # Refused becomes an error
    level = call.args[1]
    value = level.value if isinstance(level, ast.Constant) else {"ERROR": "error", "WARNING": "warning"}[level.id]
    return value


def test_every_code_used_is_documented_and_every_documented_code_is_used():
    codes = used()
    docs = documented()
    assert len(codes) >= 60
    assert sorted(set(codes) - set(docs)) == [], "add these to docs/problems.md"
    assert sorted(set(docs) - set(codes)) == [], "documented but never reported"


def test_documented_levels_are_the_levels_reported():
    docs = documented()
    assert {code: level for code, level in used().items() if docs.get(code) != level} == {}


def test_a_problem_prints_file_line_level_and_code():
    problem = Problem("meta.unknown-key", "error", "content/notices/x/meta.yml", 12, "未知的键“colour”", "colour")
    assert str(problem) == "content/notices/x/meta.yml:12: 错误 error [meta.unknown-key]: 未知的键“colour”"
    assert str(Problem("source.empty", "error", "a.txt", None, "文件为空")) == "a.txt: 错误 error [source.empty]: 文件为空"


def test_diagnostics_keep_errors_and_warnings_apart():
    diag = Diagnostics()
    diag.warn("list.empty-field", "a.txt", 3, "…", "leaders")
    diag.error("list.numbering-gap", "a.txt", 9, "…")
    assert [(p.code, p.level) for p in diag.errors] == [("list.numbering-gap", "error")]
    assert [(p.code, p.field) for p in diag.warnings] == [("list.empty-field", "leaders")]
