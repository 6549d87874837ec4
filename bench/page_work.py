"""How much main-thread work a page costs a phone, by Chromium's own counters: steadier than Lighthouse's TBT.

    .venv/bin/python -m bench.page_work SITE_A [SITE_B …] --page issues/ [--page …] [--runs 9]

Each run opens the page in a fresh context at phone width (412 × 823, as Lighthouse's mobile run), waits for
the load event and a moment more, and reads Chrome's Performance.getMetrics: the time spent on style
recalculation, layout and script, all main-thread tasks, and the DOM's nodes.  Unthrottled, so about a quarter
of what Lighthouse's 4× slowdown reports; the sites alternate, so a machine that slows down slows all of them.
Prints the medians.  TBT (checks/lighthouse.py) depends on where the long tasks fall against first paint,
which moves from run to run; these counters say whether a change removed work (2026-12-03, 15 runs: rows
without data-*, the unit choices in a <template> and the Chinese collator made at the first sort took the
all-issues page from 332 to 263 ms of tasks, script 34 → 5 ms, style 30 → 25 ms).
"""
from __future__ import annotations

import statistics
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS
from .lighthouse_compare import compare_arguments
from .server import serve

PHONE = {"width": 412, "height": 823}
SETTLE_MS = 800
COUNTERS = {"RecalcStyleDuration": "style ms", "LayoutDuration": "layout ms", "ScriptDuration": "script ms",
            "TaskDuration": "all tasks ms", "Nodes": "DOM nodes"}


def page_counters(browser, url: str) -> dict[str, float]:
    """Chromium's counters after one cold load of `url` (durations in ms)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Performance.enable")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    finally:
        context.close()
    return {name: metrics[name] * (1000 if name.endswith("Duration") else 1) for name in COUNTERS}


def main(argv: list[str] | None = None) -> int:
    args = compare_arguments(__doc__, argv, runs=9)
    measured: dict[tuple[Path, str], list[dict[str, float]]] = {}
    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        bases = {site: stack.enter_context(serve(site)) for site in args.sites}
        for _ in range(args.runs):
            for site in args.sites:
                for page in args.page:
                    measured.setdefault((site, page), []).append(page_counters(browser, bases[site] + page))
        browser.close()
    print("| site | page | " + " | ".join(COUNTERS.values()) + " |")
    print("|---|---|" + "---|" * len(COUNTERS))
    for (site, page), runs in measured.items():
        print(f"| {site} | {page} | "
              + " | ".join(f"{statistics.median(run[name] for run in runs):.0f}" for name in COUNTERS) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
