"""Content files are read only from inside the project: a symlink may not lead the build elsewhere.

Otherwise a `notice.txt` linked to /etc/passwd, or to another project's
files, would be read and published as if an editor had written it.
"""
from __future__ import annotations

from pathlib import Path

from ..problems import error


def require_inside(path: Path, root: Path, shown: str) -> None:
    """Stop with `input.outside-project` when `path` (or a link on its way) resolves outside `root`."""
    if not (path.exists() or path.is_symlink()):
        return
    if not path.resolve().is_relative_to(root.resolve()):
        raise error("input.outside-project", shown, None,
                    f"“{shown}”是指向项目以外文件的链接，不会被读取：请把文件本身放进项目（link leads outside the project）。")
