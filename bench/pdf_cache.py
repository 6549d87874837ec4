"""What the newspaper PDFs cost a seed build, and what the PDF cache saves: builds with an empty cache and with a
warm one, alternately, in one run; prints the medians and their ratio.

    .venv/bin/python -m bench.pdf_cache [--runs 3]

Both builds are of this checkout's content as of one fixed date, without history, each into a fresh folder.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from . import one_update
from .one_update import REPO

AS_OF = "2026-12-02"


def timed_build(output: Path, cache: Path) -> float:
    return one_update.timed_build(REPO, output, AS_OF, "--pdf-cache", str(cache))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="pdf-cache-bench-") as tmp:
        work = Path(tmp)
        warm_cache = work / "warm"
        timed_build(work / "prime", warm_cache)
        for run in range(args.runs):
            cold.append(timed_build(work / f"cold-{run}", work / f"empty-{run}"))
            warm.append(timed_build(work / f"warm-{run}", warm_cache))
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"seed build, every PDF laid out: median {cold_median:.1f} s ({', '.join(f'{t:.1f}' for t in cold)})")
    print(f"seed build, PDFs from the cache: median {warm_median:.1f} s ({', '.join(f'{t:.1f}' for t in warm)})")
    print(f"ratio {cold_median / warm_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
