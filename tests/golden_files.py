"""Golden files: published data and representative pages of the seed build, committed.

Like Pelican's `tests/output/basic`: a copy of what the build wrote for the
real content at a fixed as-of date lives in `tests/golden/`, and a test
diffs a fresh build against it, so every change to what a reader sees shows
up as a diff in review.  After an intended change, regenerate them with
`invoke golden --update` (or `python tests/golden_files.py --update`) and commit
the new files with the change that explains them.
"""
from __future__ import annotations

import difflib
import json
import sys
import tempfile
from pathlib import Path

if __name__ == "__main__":  # run as a script: the project root is not on the path yet
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import build_real_site  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden"

# Paths inside output/: the four data files and a handful of pages, one of each kind
# (a shared responsibility block, a sub-task, an item split into blocks, a unit with former names), and the
# 督办公开 column: its page, a generated edition with its CSV, the TV archive and one week's script and captions.
GOLDEN_FILES = (
    "data/issues.json",
    "data/notices.json",
    "data/units.json",
    "data/regions.json",
    "index.html",
    "regions/zhengzhou/index.html",
    "notices/luanchuan-2019-07/index.html",
    "notices/shangqiu-2019-0403/index.html",
    "notices/zhengzhou-2017-178/index.html",
    "notices/zhengzhou-2020-0416/index.html",
    "notices/zhengzhou-2020-79/index.html",
    "issues/zhengzhou-2017-178-l1-1/index.html",
    "issues/zhengzhou-2017-178-l1-12-1/index.html",
    "issues/zhengzhou-2020-0416-l3-s4-9/index.html",
    "units/luanchuan-b114fc47/index.html",
    "issues/index.html",
    "regions/zhongmou/index.html",  # a county: its 量化问责 counts
    "disclosure/index.html",
    "disclosure/plan-luanchuan-2019-07/index.html",
    "disclosure/plan-luanchuan-2019-07/plan-luanchuan-2019-07.csv",
    "disclosure/tv/index.html",
    "disclosure/tv/2019-w31/2019-w31.txt",
    "disclosure/tv/2019-w31/2019-w31.srt",
)


def reviewable(path: str, data: bytes) -> bytes:
    """What a golden file holds: the built bytes, but JSON (published compact) one value a line, so a diff
    shows which field of which record changed."""
    if not path.endswith(".json"):
        return data
    return (json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def differences(site: Path, context: int = 3, limit: int = 60) -> dict[str, str]:
    """Golden path → unified diff (at most `limit` lines) for every file that differs."""
    found = {}
    for path in GOLDEN_FILES:
        expected = (GOLDEN / path).read_text(encoding="utf-8").splitlines(keepends=True)
        built = site / path
        if not built.is_file():
            actual = []
        elif path.endswith(".json"):
            actual = reviewable(path, built.read_bytes()).decode("utf-8").splitlines(keepends=True)
        else:
            actual = built.read_text(encoding="utf-8").splitlines(keepends=True)
        if expected != actual:
            diff = difflib.unified_diff(expected, actual, f"tests/golden/{path}", f"build/{path}", n=context)
            found[path] = "".join(list(diff)[:limit])
    return found


def update(site: Path) -> list[str]:
    """Copy the golden files from a built site; returns the paths whose content changed."""
    changed = []
    for path in GOLDEN_FILES:
        target = GOLDEN / path
        new = reviewable(path, (site / path).read_bytes())
        if not target.is_file() or target.read_bytes() != new:
            changed.append(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new)
    return changed


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="golden-") as folder:
        site = Path(folder) / "output"
        build_real_site(site)
        if "--update" in argv:
            changed = update(site)
            print(f"{len(changed)} of {len(GOLDEN_FILES)} golden files changed" + "".join(f"\n  {p}" for p in changed))
            return 0
        found = differences(site)
        for diff in found.values():
            print(diff)
        print(f"{len(found)} of {len(GOLDEN_FILES)} golden files differ from a fresh build")
        return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
