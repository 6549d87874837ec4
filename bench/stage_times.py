"""Is a change faster?  Build a git ref and the working tree alternately and compare each stage's time.

    .venv/bin/python -m bench.stage_times REF [--root ROOT [--update]] [--runs 3] [--as-of 2026-12-02] [-- BUILD OPTIONS]

The ref is checked out into a temporary `git worktree`; each builds its own checkout's project, or both
build ROOT's content (a synthetic project from bench-build, say) with its own checkout's theme and pelicanconf.py,
with `--timings --no-history`, plus the build options given
after `--` (e.g. `--pdf-cache DIR`; each side gets its own copy of a `--cache` or `--pdf-cache` folder's
path with `-ref` appended, so neither warms the other's).  A first build of each fills its caches and is
not counted.  The runs alternate, ref first, so a machine
that slows down slows both; prints the median seconds of every stage and of the whole build, side by side,
and their ratio.  With `--update` each counted run is a rebuild after one more progress update (written
into both sides' copies of ROOT's content), as `bench.one_update` times it.
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

from .build_bench import STAGE
from .one_update import add_update, published_items
from .workdirs import REPO, build_env

CACHE_OPTIONS = ("--cache", "--pdf-cache")


def timed_build(tree: Path, root: Path, output: Path, as_of: str, options: list[str]) -> dict[str, float]:
    """Each stage's seconds (from `build --timings`) and the whole build's, as a process started in `tree`."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), "build", "--output", str(output),
                           "--as-of", as_of, "--no-history", "--timings", *options],
                          cwd=tree, env=build_env(), check=True, capture_output=True, text=True, encoding="utf-8")
    stages = {name: float(value) for name, value in STAGE.findall(done.stdout)}
    return {**stages, "whole build": time.perf_counter() - started}


def ref_options(options: list[str]) -> list[str]:
    """The same options with the ref's own cache folders."""
    return [value + "-ref" if i and options[i - 1] in CACHE_OPTIONS else value for i, value in enumerate(options)]


def side_root(root: Path, checkout: Path, folder: Path) -> Path:
    """ROOT's content with this side's own theme and pelicanconf.py, so a change to the theme is compared too
    (and a template that reads a view of the new code does not break the old)."""
    folder.mkdir()
    shutil.copytree(root / "content", folder / "content", copy_function=_link)  # the build reads no link out of it
    (folder / "themes").symlink_to(checkout / "themes")
    (folder / "pelicanconf.py").symlink_to(checkout / "pelicanconf.py")
    return folder


def _link(source: str, target: str) -> None:
    """A hard link where the file system allows, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ref", help="git commit to compare the working tree with")
    parser.add_argument("--root", type=Path, default=None, help="the project both build (default: each its own)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-12-02")
    parser.add_argument("--update", action="store_true",
                        help="before each counted run, add one more fictional progress update to both sides' "
                             "content (bench.one_update's), so each build is a rebuild after one update")
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if args.update and not args.root:
        parser.error("--update writes into the content: give --root (each side builds a copy of it)")
    runs: dict[str, list[dict[str, float]]] = {"ref": [], "tree": []}
    with tempfile.TemporaryDirectory(prefix="stage-times-") as folder:
        work = Path(folder)
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(work / "ref"), args.ref], cwd=REPO, check=True)
        try:
            ref_root = side_root(args.root.resolve(), work / "ref", work / "root-ref") if args.root else work / "ref"
            tree_root = side_root(args.root.resolve(), REPO, work / "root-tree") if args.root else REPO
            items: list[str] = []  # the site's item ids, read once after run 0 (an update adds none)
            for run in range(args.runs + 1):  # run 0 fills the caches and is not counted
                if run and args.update:
                    items = items or published_items(work / "out-tree")
                    for side_root_folder in (ref_root, tree_root):
                        add_update(side_root_folder, items, run)
                ref = timed_build(work / "ref", ref_root, work / "out-ref", args.as_of, ref_options(options))
                tree = timed_build(REPO, tree_root, work / "out-tree", args.as_of, options)
                if run:
                    runs["ref"].append(ref)
                    runs["tree"].append(tree)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "ref")], cwd=REPO, check=True)
    print(f"median seconds of {args.runs} runs each, alternating; {args.ref} vs the working tree; "
          f"project {args.root or 'each its own'}; options {' '.join(options) or 'none'}")
    print("| stage | ref | working tree | ratio |\n|---|---|---|---|")
    for stage in runs["tree"][0]:
        before = statistics.median(run.get(stage, 0.0) for run in runs["ref"])
        after = statistics.median(run[stage] for run in runs["tree"])
        print(f"| {stage} | {before:.2f} | {after:.2f} | {after / before:.2f} |" if before else
              f"| {stage} | — | {after:.2f} | — |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
