"""Benchmark: the content stage (reading and parsing every notice) in this process and in workers, side by side.

    .venv/bin/python -m bench.parse_bench ROOT [--runs 3]

Prints the median seconds of each way and their ratio; ROOT is a project folder
(e.g. one bench.build_bench wrote under .cache/bench/build-bench/).
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pipeline.inputs import content
from pipeline.settings import read_settings


def timed_load(root: Path, parallel: bool) -> float:
    saved = content.PARALLEL_PARSE_BYTES
    content.PARALLEL_PARSE_BYTES = 0 if parallel else float("inf")
    try:
        started = time.perf_counter()
        content.load_content(read_settings(root, as_of="2026-12-02"))
        return time.perf_counter() - started
    finally:
        content.PARALLEL_PARSE_BYTES = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    serial, parallel = [], []
    for _ in range(args.runs):  # alternating, so both ways see the same noise
        serial.append(timed_load(args.root, False))
        parallel.append(timed_load(args.root, True))
    s, p = statistics.median(serial), statistics.median(parallel)
    print(f"content stage, median of {args.runs}: in process {s:.2f} s, in workers {p:.2f} s, ratio {s / p:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
