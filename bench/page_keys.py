"""What the page cache costs a rebuild: the digests of the records, the keys of the kept pages by template,
and writing the kept pages back out from a build cache.

    .venv/bin/python -m bench.page_keys ROOT [--cache DIR] [--as-of 2026-11-22] [--runs 3]

ROOT is a project (e.g. .cache/bench/build-bench/root-10000); --cache the build cache a build of it with
`--cache` filled (default: none, and the writing is not timed).  Medians of the runs, in this process,
without history, as `build` computes them (pipeline/site/page_cache.py).
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pipeline.build import model_of
from pipeline.cache import BuildCache
from pipeline.inputs.content import load_content
from pipeline.model.broadcast import weekly_scripts
from pipeline.settings import read_settings
from pipeline.site.page_cache import PAGE_INPUTS, PageCache, theme_stamp
from pipeline.site.pages import page_specs
from pipeline.site.pelican import template_settings
from pipeline.site.views import build_views


def one_run(settings, model, views, specs) -> dict[str, float]:
    """Seconds of each part of keeping the pages, once."""
    times: dict[str, float] = defaultdict(float)
    pages = PageCache(BuildCache(settings.cache), model, views,
                      theme_stamp(settings.theme, settings.pelicanconf, template_settings(settings, model)))
    started = time.perf_counter()
    pages.shared
    times["digests of records, rows, text pages"] = time.perf_counter() - started
    for spec in specs:
        started = time.perf_counter()
        pages.page_key(spec)
        times[f"keys: {spec.kind}"] += time.perf_counter() - started
    if settings.cache:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            pages.write_kept(specs, Path(folder))  # the keys again, then each page read and written
            times["write_kept (keys and files)"] = time.perf_counter() - started
            times["kept pages found"] = pages.kept
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    settings = read_settings(args.root, as_of=args.as_of, history=False, cache=args.cache, environ={})
    model = model_of(load_content(settings, cache=BuildCache(settings.cache)), settings)
    views = build_views(model, weekly_scripts(model, settings.column, settings.site_name))
    specs = [spec for spec in page_specs(model, views, settings.column) if spec.kind in PAGE_INPUTS]
    runs = [one_run(settings, model, views, specs) for _ in range(args.runs)]
    print(f"{len(specs):,} kept pages of {len(model.issues):,} issues; median of {args.runs} runs")
    for part in runs[0]:
        value = statistics.median(run[part] for run in runs)
        print(f"{part:40} {value:,.0f}" if part == "kept pages found" else f"{part:40} {value:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
