"""Resident memory after each stage of a build, without writing a site: where a build's peak comes from.

    .venv/bin/python -m bench.stage_memory ROOT [--views]

ROOT is a project folder (e.g. one bench.build_bench wrote under .cache/bench/build-bench/).  Prints, after
content, model, page views, published records and the search index files, this process's resident size and
its peak so far (Linux /proc).  `--views`: also which lines of the page views' code allocated the memory the
views hold (tracemalloc, traced only while the views are built).  For where the time goes, profile a real build:
`python -m cProfile -o build.prof -m pipeline --root ROOT build --output OUT --no-history`.
"""
from __future__ import annotations

import argparse
import resource
import tracemalloc
from pathlib import Path

from pipeline.inputs.content import load_content
from pipeline.model.broadcast import weekly_scripts
from pipeline.model.site import build_model
from pipeline.outputs.data import published_data
from pipeline.outputs.search import index_files
from pipeline.settings import read_settings
from pipeline.site.views import build_views


def report(label: str) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        current = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{label}: resident {current // 1024} MB, peak {peak // 1024} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--views", action="store_true", help="where the views' memory was allocated")
    args = parser.parse_args(argv)
    report("start")
    settings = read_settings(args.root, as_of="2026-12-02")
    content = load_content(settings)
    report("content")
    model = build_model(content.notices, content.aliases, content.regions, settings.as_of, content.updates, {},
                        content.editions)
    report("model")
    if args.views:
        tracemalloc.start()
    views = build_views(model, weekly_scripts(model, settings.column, settings.site_name))
    report("page views")
    if args.views:
        print_allocations(tracemalloc.take_snapshot())
        tracemalloc.stop()
    published = published_data(model)
    report("published records")
    files = dict(index_files(model))
    report("search index files")
    del views, published, files
    return 0


def print_allocations(snapshot: tracemalloc.Snapshot, top: int = 25) -> None:
    """The lines of the pipeline's code that allocated most of what is still held, in MB."""
    mine = snapshot.filter_traces([tracemalloc.Filter(True, "*/pipeline/*")])
    stats = mine.statistics("lineno")
    print(f"held by the views: {sum(s.size for s in stats) / 2**20:.0f} MB (pipeline code), top lines:")
    for stat in stats[:top]:
        frame = stat.traceback[0]
        print(f"  {stat.size / 2**20:7.1f} MB {stat.count:9,} blocks  {frame.filename.split('/pipeline/')[-1]}:{frame.lineno}")


if __name__ == "__main__":
    raise SystemExit(main())
