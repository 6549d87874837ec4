"""Time the fast test suite (everything but tests/browser/) of a git ref and of the working tree, side by side.

    .venv/bin/python -m bench.suite_time a5ff9bf [--runs 3]

Runs alternate (ref, tree, ref, tree …) so both see the same machine load;
prints each run's wall time, the medians and their ratio.  Both use this
checkout's virtual environment.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ignore=tests/browser"]


def timed_run(tree: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(COMMAND, cwd=tree, capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    return time.perf_counter() - started, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ref")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="suite-time-") as folder:
        ref_tree = Path(folder) / "ref"
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(ref_tree), args.ref], cwd=REPO, check=True)
        times: dict[str, list[float]] = {args.ref: [], "working tree": []}
        try:
            for run in range(args.runs):
                for name, tree in ((args.ref, ref_tree), ("working tree", REPO)):
                    seconds, summary = timed_run(tree)
                    times[name].append(seconds)
                    print(f"run {run + 1} {name}: {seconds:.1f} s ({summary})", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(ref_tree)], cwd=REPO, check=True)
    before, after = (statistics.median(t) for t in times.values())
    print(f"median {args.ref}: {before:.1f} s; working tree: {after:.1f} s; ratio {after / before:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
