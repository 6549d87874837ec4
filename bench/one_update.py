"""How long publishing one progress update takes: the build before and after adding one update file.

    .venv/bin/python -m bench.one_update [--runs 3] [--as-of 2026-12-02]

A copy of the project (all of content/, the theme, pelicanconf.py) in a
temporary folder is built, then one fictional update file (test data, never
published) is added and the site is built again, alternately, RUNS times each;
prints the medians side by side and their ratio.  There is no incremental
build yet (the scaling issue adds one), so a one-update rebuild is a full build.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UPDATE = """---
items: [zhengzhou-2017-178-l1-1]
date: 2026-11-20
status: 销号公示中
publicity: {start: 2026-11-20, end: 2026-11-26, days: 7, department: 示例受理部门（虚构）, phone: "0000-0000000"}
---
基准测试用的虚构进展（benchmark only, fictional）。
"""


def timed_build(project: Path, output: Path, as_of: str, *options: str) -> float:
    """Wall seconds of one build of `project` as of `as_of` without history (plus `options`), as a process."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("SITE_AS_OF", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(output),
                    "--as-of", as_of, "--no-history", *options], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-12-02")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "project"
        for name in ("content", "themes"):
            shutil.copytree(REPO / name, project / name)
        shutil.copy2(REPO / "pelicanconf.py", project / "pelicanconf.py")
        update = project / "content" / "updates" / "2026-11-20-bench.md"
        before, after = [], []
        for _ in range(args.runs):
            update.unlink(missing_ok=True)
            before.append(timed_build(project, Path(work) / "site", args.as_of))
            update.parent.mkdir(parents=True, exist_ok=True)
            update.write_text(UPDATE, encoding="utf-8")
            after.append(timed_build(project, Path(work) / "site", args.as_of))
    b, a = statistics.median(before), statistics.median(after)
    print(f"full build, no update:        median {b:.1f} s  runs {', '.join(f'{t:.1f}' for t in before)}")
    print(f"rebuild after one update:     median {a:.1f} s  runs {', '.join(f'{t:.1f}' for t in after)}")
    print(f"ratio rebuild / full build:   {a / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
