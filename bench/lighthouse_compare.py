"""Which of two (or more) built sites costs a phone less main-thread work?  Lighthouse on the same pages, alternating.

    .venv/bin/python -m bench.lighthouse_compare SITE_A SITE_B [SITE_C …] --page regions/henan/ [--page …] [--runs 3]

Both sites are served on loopback (bench/server.py) and each page is audited by Lighthouse's mobile run
(checks/lighthouse.py: simulated slow 4G, 4× CPU slowdown) RUNS times, the sites alternating, so a machine
that slows down slows both.  Prints per site and page the median total blocking time, style-and-layout
time and all main-thread work (Lighthouse's mainthread-work-breakdown), with every run's TBT: TBT is the
budget CI checks and the noisiest of the three.  Used to show what `content-visibility` saved (2026-12-02).
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from checks.lighthouse import audit
from checks.tools import ensure_node_modules

from .server import serve


def main_thread(report: Path) -> dict[str, float]:
    """Lighthouse's main-thread work by group (styleLayout, scriptEvaluation, …), in ms."""
    items = json.loads(report.read_text(encoding="utf-8"))["audits"]["mainthread-work-breakdown"]["details"]["items"]
    return {item["group"]: item["duration"] for item in items}


def compare_arguments(doc: str, argv: list[str] | None, runs: int) -> argparse.Namespace:
    """SITE … --page PATH … --runs N: what every compare-the-sites bench takes (this one, bench.page_work)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--page", action="append", required=True, help="site-relative path (repeatable)")
    parser.add_argument("--runs", type=int, default=runs)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = compare_arguments(__doc__, argv, runs=3)
    ensure_node_modules()
    measured: dict[tuple[Path, str], list[tuple[float, float, float]]] = {}
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        bases = {site: stack.enter_context(serve(site)) for site in args.sites}
        for _ in range(args.runs):
            for site in args.sites:
                for page in args.page:
                    result = audit(bases[site], "run", page, Path(folder))
                    work = main_thread(Path(folder) / "run.json")
                    measured.setdefault((site, page), []).append(
                        (result.tbt, work.get("styleLayout", 0.0), sum(work.values())))
                    print(f"run: {site} {page} TBT {result.tbt:.0f} ms, style and layout "
                          f"{work.get('styleLayout', 0.0):.0f} ms", flush=True)
    print("| site | page | TBT ms (median) | style and layout ms | main thread ms | TBT of each run |")
    print("|---|---|---|---|---|---|")
    for (site, page), runs in measured.items():
        tbt, layout, total = (statistics.median(run[i] for run in runs) for i in range(3))
        print(f"| {site} | {page} | {tbt:.0f} | {layout:.0f} | {total:.0f} | {', '.join(f'{r[0]:.0f}' for r in runs)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
