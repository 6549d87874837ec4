"""How long publishing one progress update takes: a rebuild from the build cache against a full build.

    .venv/bin/python -m bench.one_update [--issues N] [--runs 3] [--as-of 2026-12-02]

The project is a copy of this one (content/, the theme, pelicanconf.py) or, with `--issues N`, a synthetic
project of N issues (bench/synthetic.py, as bench-build makes them), in .cache/bench/one-update/.  A first
build fills the newspaper PDF cache and the build cache (pipeline/cache.py).  Then each run adds one more
fictional progress update (benchmark data, never published; a different item each run, so the item's
generated edition and its PDF change every time) and builds twice:

- the rebuild: `--cache` and `--pdf-cache`, as `make site` and CI build;
- a full build of the same content: `--pdf-cache` only, a copy of the PDF cache as the rebuild found it
  (so both lay out the changed edition's PDF; nothing parsed or indexed is reused).

It prints both medians side by side, their ratio, and whether the two builds of every run are
byte-identical (every file compared); exits 1 if one is not.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .synthetic import ITEMS_PER_NOTICE, write_root
from .same_output import differing, digests
from .workdirs import REPO, WORK, build_env

SEED_RECORDS = REPO / "tests" / "golden" / "data" / "issues.json"
UPDATE = """---
items: [{item}]
date: 2026-11-{day:02d}
status: 推进中
---
基准测试用的虚构进展（benchmark only, fictional）：第 {run} 次。
"""


def add_update(project: Path, items: list[str], run: int) -> None:
    """Run `run`'s fictional progress update, on a different item each run (so its edition's PDF changes)."""
    update = project / "content" / "updates" / f"2026-11-{run:02d}-bench.md"
    update.parent.mkdir(parents=True, exist_ok=True)
    update.write_text(UPDATE.format(item=items[run * 7 % len(items)], day=run, run=run), encoding="utf-8")


def published_items(site: Path) -> list[str]:
    """The ids of a built site's items, in its data's order."""
    return [issue["id"] for issue in json.loads((site / "data" / "issues.json").read_text("utf-8"))]


def timed_build(project: Path, output: Path, as_of: str, *options: str) -> float:
    """Wall seconds of one build of `project` as of `as_of` without history (plus `options`), as a process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "build", "--output", str(output),
                    "--as-of", as_of, "--no-history", *options], cwd=REPO, env=build_env(), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def make_project(folder: Path, issues: int | None) -> Path:
    """A copy of this project, or a synthetic one of `issues` issues; progress updates are left out."""
    if folder.exists():
        shutil.rmtree(folder)
    if issues:
        write_root(SEED_RECORDS, folder, notices=max(1, issues // ITEMS_PER_NOTICE))
    else:
        shutil.copytree(REPO / "content", folder / "content", ignore=shutil.ignore_patterns("updates"))
        shutil.copytree(REPO / "themes", folder / "themes")
        shutil.copy2(REPO / "pelicanconf.py", folder / "pelicanconf.py")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=None, help="a synthetic project of this many issues")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-12-02")
    args = parser.parse_args(argv)
    work = WORK / "one-update"
    project = make_project(work / "project", args.issues)
    cached = ["--pdf-cache", str(work / "pdf-cache"), "--cache", str(work / "build-cache")]
    full = ["--pdf-cache", str(work / "pdf-cache-full")]
    for folder in (work / "pdf-cache", work / "pdf-cache-full", work / "build-cache"):
        shutil.rmtree(folder, ignore_errors=True)
    first = timed_build(project, work / "rebuilt", args.as_of, *cached)
    items = published_items(work / "rebuilt")
    rebuilds, fulls, unequal = [], [], []
    for run in range(1, args.runs + 1):
        add_update(project, items, run)
        shutil.rmtree(work / "pdf-cache-full", ignore_errors=True)  # both builds lay out the changed PDF
        shutil.copytree(work / "pdf-cache", work / "pdf-cache-full")
        rebuilds.append(timed_build(project, work / "rebuilt", args.as_of, *cached))
        fulls.append(timed_build(project, work / "full", args.as_of, *full))
        unequal += [f"run {run}: {name}" for name in differing(digests(work / "rebuilt"), digests(work / "full"))]
    r, f = statistics.median(rebuilds), statistics.median(fulls)
    print(f"project: {f'{args.issues:,} synthetic issues' if args.issues else 'this repository'}; "
          f"first build (empty caches) {first:.1f} s")
    print(f"rebuild after one update, from the caches:  median {r:.1f} s  runs {', '.join(f'{t:.1f}' for t in rebuilds)}")
    print(f"full build of the same content (PDF cache): median {f:.1f} s  runs {', '.join(f'{t:.1f}' for t in fulls)}")
    print(f"ratio rebuild / full build: {r / f:.2f}")
    print("byte-identical: " + ("yes, every run" if not unequal else f"NO: {len(unequal)} files, e.g. {unequal[:5]}"))
    return 1 if unequal else 0


if __name__ == "__main__":
    sys.exit(main())
