"""How long one newspaper PDF takes to lay out: the floor under a rebuild after one update.

    .venv/bin/python -m bench.pdf_layout ROOT [--edition ID] [--runs 3] [--as-of 2026-11-22]

An update changes its item's generated 督办公开 edition, so a rebuild lays that edition's PDF out again
(pipeline/site/newspaper.py); the build goes on beside it, but cannot end before it.  This lays out one
edition of ROOT (default: the one with the most rows) the way a build's worker does: in a fresh Python
process that imports WeasyPrint and calls `newspaper.lay_out`.  Each run times the process from start to
end and the layout inside it; first the runs one at a time, then as many again two at once (as the worker
shares the machine's 2 cores with the build).  Prints medians.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .workdirs import REPO, build_env

LAY = "lay"  # the child's command: lay out the job pickled in a file, print the seconds it took


def edition_job(root: Path, as_of: str, edition_id: str | None, folder: Path) -> tuple[tuple, int]:
    """The layout job of one edition of `root` (its print page, as a build renders it) and its rows."""
    from pipeline.build import model_of
    from pipeline.cache import BuildCache
    from pipeline.inputs.content import load_content
    from pipeline.settings import read_settings
    from pipeline.site.newspaper import STYLESHEET, page_values, print_template
    from pipeline.site.views import edition_views

    settings = read_settings(root, as_of=as_of, history=False, environ={})
    model = model_of(load_content(settings, cache=BuildCache(None)), settings)
    views = edition_views(model)
    edition = (model.editions_by_id[edition_id] if edition_id
               else max(model.editions, key=lambda e: len(views[e.id]["rows"])))
    html = print_template(settings.theme).render(**page_values(edition, views[edition.id], settings, model))
    css = (settings.theme / STYLESHEET).read_text(encoding="utf-8")
    return (html, css, str(settings.theme), str(folder / "edition.pdf"), "0" * 64), len(views[edition.id]["rows"])


def start_layout(job_file: Path) -> tuple[subprocess.Popen, float]:
    return subprocess.Popen([sys.executable, "-m", "bench.pdf_layout", LAY, str(job_file)], cwd=REPO,
                            env=build_env(), stdout=subprocess.PIPE, text=True), time.perf_counter()


def finish_layout(process: subprocess.Popen, started: float) -> tuple[float, float]:
    """(seconds of the whole process, seconds of the layout inside it)."""
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"the layout failed ({process.returncode})")
    return time.perf_counter() - started, float(out)


def lay(job_file: Path) -> None:
    from pipeline.site.newspaper import lay_out

    job = pickle.loads(job_file.read_bytes())
    started = time.perf_counter()
    lay_out(job)
    print(f"{time.perf_counter() - started:.3f}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [LAY]:
        lay(Path(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--edition", default=None, help="an edition's id (default: the one with the most rows)")
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        job, rows = edition_job(args.root, args.as_of, args.edition, folder)
        job_file = folder / "job.pickle"
        job_file.write_bytes(pickle.dumps(job))
        alone = [finish_layout(*start_layout(job_file)) for _ in range(args.runs)]
        paired = []
        for _ in range(args.runs):
            both = [start_layout(job_file), start_layout(job_file)]
            paired.extend(finish_layout(*started) for started in both)
    print(f"one edition of {rows} rows; medians of {args.runs} runs one at a time, "
          f"{2 * args.runs} two at once")
    print("| | process | layout |\n|---|---|---|")
    for name, times in (("one at a time", alone), ("two at once", paired)):
        print(f"| {name} | {statistics.median(t[0] for t in times):.2f} s "
              f"| {statistics.median(t[1] for t in times):.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
