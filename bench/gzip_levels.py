"""How long the gzip twins take and how small they are, per level and per way of using the cores.

    .venv/bin/python -m bench.gzip_levels SITE [--levels 1,4,6,9] [--runs 3]

SITE is a built site (e.g. a synthetic project built with `python -m pipeline build`).  Its text files
(pipeline.outputs.files.TEXT_SUFFIXES) are copied to a scratch folder, and each level is compressed there
`--runs` times in three ways: one thread; `write_gzip_twins` with its threads (zlib releases the GIL);
a process pool over chunks of the files.  Prints the median wall time of each, the CPU time of the one
thread (the work itself, whatever else the machine runs) and the total bytes of the twins (the same for every
way: the bytes depend only on the level).  pipeline/outputs/files.py's GZIP_LEVEL cites what this printed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.outputs.files import GZIP_WORKERS, TEXT_SUFFIXES, write_gzip_twin, write_gzip_twins


def text_files(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*")) if p.suffix in TEXT_SUFFIXES and p.is_file()]


def copy_text(site: Path, scratch: Path) -> list[Path]:
    """The site's text files (not its twins, PDFs or images) under `scratch`, in the same layout."""
    copies = []
    for path in text_files(site):
        target = scratch / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copies.append(target)
    return copies


def _chunk(paths: list[str], level: int) -> None:
    for path in paths:
        write_gzip_twin(Path(path), level)


def in_processes(scratch: Path, level: int, workers: int = GZIP_WORKERS) -> int:
    """The alternative to threads: the files in `workers * 4` chunks, one process per core."""
    paths = [str(p) for p in text_files(scratch)]
    chunks = [paths[i::workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_chunk, chunks, [level] * len(chunks)))
    return len(paths)


WAYS = {
    "1 thread": lambda scratch, level: write_gzip_twins(scratch, level, workers=1),
    f"{GZIP_WORKERS} threads": lambda scratch, level: write_gzip_twins(scratch, level),
    f"{GZIP_WORKERS} processes": in_processes,
}


def twin_bytes(scratch: Path) -> int:
    return sum(p.stat().st_size for p in scratch.rglob("*.gz"))


def remove_twins(scratch: Path) -> None:
    for twin in scratch.rglob("*.gz"):
        twin.unlink()


def measure(scratch: Path, levels: list[int], runs: int) -> list[dict]:
    rows = []
    for level in levels:
        row = {"level": level}
        for way, run in WAYS.items():
            seconds, cpu = [], []
            for _ in range(runs):
                remove_twins(scratch)
                started, cpu_started = time.perf_counter(), time.process_time()
                run(scratch, level)
                seconds.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            row[way] = statistics.median(seconds)
            if way == "1 thread":  # the work itself, whatever else the machine is doing
                row["cpu"] = statistics.median(cpu)
        row["bytes"] = twin_bytes(scratch)
        remove_twins(scratch)
        rows.append(row)
        print(table(rows[-1:], header=len(rows) == 1), end="", flush=True)
    return rows


def table(rows: list[dict], header: bool = True) -> str:
    lines = []
    if header:
        lines += ["| level | CPU (s) | " + " | ".join(f"{way} (s)" for way in WAYS) + " | twins (MB) |",
                  "|---|---|" + "---|" * len(WAYS) + "---|"]
    for row in rows:
        lines.append(f"| {row['level']} | {row['cpu']:.2f} | " + " | ".join(f"{row[way]:.2f}" for way in WAYS)
                     + f" | {row['bytes'] / 1e6:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--levels", default="1,4,6,9")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gzip-levels-") as folder:
        scratch = Path(folder)
        files = copy_text(args.site, scratch)
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files):,} text files, {size / 1e6:.1f} MB, {os.cpu_count()} cores, medians of {args.runs} runs")
        measure(scratch, [int(level) for level in args.levels.split(",")], args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
