"""Benchmark: our Chinese full-text search against Pagefind's extended build.

    .venv/bin/python -m bench.search_bench [--site real|synthetic|both]
        [--engine ours|pagefind|both] [--queries N] [--runs 3] [--rebuild | --reuse]

For every engine × site × query: median time until the first 10 results are
on screen and bytes fetched until then (cold browser context, see
bench/browser.py), plus recall and precision against substring matching over
the pages' searchable fields (bench/expected.py).  Writes
bench/results/search-<date>.json (raw numbers) and .md (tables), and prints
the summary table.  bench/README.md explains what exactly is counted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

import yaml
from playwright.sync_api import Error as PlaywrightError, sync_playwright

from .browser import ENGINES, Engine, all_result_urls, launch, measure
from .expected import Score, expected_pages, page_texts, score, summarise
from .server import encode_body, serve
from .sites import PAGEFIND_DIR, ensure_pagefind, ensure_site

BENCH = Path(__file__).resolve().parent
QUERIES = BENCH / "queries.yml"
RESULTS = BENCH / "results"
OUR_INDEX_DIR = "search"
PAGEFIND_UI = re.compile(r"^pagefind-(?:[a-z]+-)?(?:ui|highlight)\.(?:js|css)$")
SAMPLE = 5  # missing/unexpected URLs kept per query in the JSON, for diagnosis


def load_queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    """(group, query) pairs in file order."""
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(group, str(query)) for group, queries in groups.items() for query in queries]


def is_index_file(path: Path) -> bool:
    """Part of an engine's index or search runtime: not a .gz twin (file.gz beside file,
    a copy for static hosts) and not one of Pagefind's optional UI bundles."""
    if path.suffix == ".gz" and path.with_suffix("").exists():
        return False
    return not PAGEFIND_UI.match(path.name)


def index_size(folder: Path) -> dict:
    """Files, bytes as stored, and bytes as this server would send them (gzip -9 unless stored as gzip)."""
    files = [p for p in folder.rglob("*") if p.is_file() and is_index_file(p)]
    stored = sum(p.stat().st_size for p in files)
    served = sum(len(encode_body(p.read_bytes(), True)[0]) for p in files)
    return {"files": len(files), "disk_bytes": stored, "gzip_bytes": served}


def engine_index(engine: str, site: Path) -> Path:
    return site / (OUR_INDEX_DIR if engine == "ours" else PAGEFIND_DIR)


def prepare(engine: str, site: Path) -> bool:
    """Make the engine's index and page ready; False (with a message) if it cannot run here."""
    if engine == "pagefind":
        ensure_pagefind(site)
        return True
    if not (site / ENGINES["ours"].page).exists():
        print(f"skip ours on {site}: no {ENGINES['ours'].page} yet", file=sys.stderr)
        return False
    return True


def bench_query(browser, engine: Engine, base: str, site: Path, query: str, runs: int, expected: set[str]) -> dict:
    """Timing runs and the recall/precision of one query on one engine."""
    measured = [measure(browser, engine.url(base, query)) for _ in range(runs)]
    retrieved = all_result_urls(browser, engine, base, site, query)
    result = score(retrieved, expected)
    found = set(retrieved)
    return {
        # The files fetched are the same in every cold run: keep them once, to keep the JSON small.
        "runs": [{**asdict(r), "files": r.files if i == 0 else None} for i, r in enumerate(measured)],
        "median_ms": statistics.median(r.ms for r in measured),
        "median_bytes": statistics.median(r.bytes for r in measured),
        "document_bytes": statistics.median(r.document_bytes for r in measured),
        "shown": measured[-1].shown, "count_text": measured[-1].count_text,
        "retrieved": result.retrieved, "expected": result.expected, "correct": result.correct,
        "recall": result.recall, "precision": result.precision,
        "missing": sorted(expected - found)[:SAMPLE], "unexpected": sorted(found - expected)[:SAMPLE],
    }


def bench_engine(playwright, engine: Engine, site: Path, queries: list[tuple[str, str]], runs: int,
                 pages: dict[str, list[str]]) -> dict:
    """All queries on one engine and site, one browser and one server; a discarded warm-up first."""
    rows = []
    with serve(site) as base:
        browser = launch(playwright)
        try:
            measure(browser, engine.url(base, queries[0][1]))
            for group, query in queries:
                row = {"group": group, "query": query}
                try:
                    row.update(bench_query(browser, engine, base, site, query, runs, expected_pages(pages, query)))
                except PlaywrightError as exc:  # one broken query must not lose the whole run
                    row["error"] = str(exc).splitlines()[0]
                    print(f"  {engine.name:8} {query:12} failed: {row['error']}", flush=True)
                else:
                    print(f"  {engine.name:8} {query:12} {row['median_ms']:7.0f} ms {row['median_bytes'] / 1024:8.1f} KB "
                          f"shown={row['shown']} R={row['retrieved']} E={row['expected']} ∩={row['correct']}", flush=True)
                rows.append(row)
        finally:
            browser.close()
    return {"queries": rows, "summary": summary(rows), "index": index_size(engine_index(engine.name, site))}


def summary(all_rows: list[dict]) -> dict:
    """Medians over queries of the per-query medians, the slowest query, and the quality figures.

    Failed queries are counted apart and left out of every figure.
    """
    rows = [r for r in all_rows if "error" not in r]
    ms = [r["median_ms"] for r in rows]
    return {
        "queries": len(rows),
        "failed": len(all_rows) - len(rows),
        "median_bytes": statistics.median(r["median_bytes"] for r in rows),
        "median_ms": statistics.median(ms),
        "max_ms": max(ms),
        "document_bytes": statistics.median(r["document_bytes"] for r in rows),
        **summarise([Score(r["retrieved"], r["expected"], r["correct"]) for r in rows]),
    }


def separator(head: str) -> str:
    return "|" + "---|" * (head.count("|") - 1)


def fmt(value, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def summary_table(results: list[dict]) -> str:
    head = ("| engine | site | queries | bytes to first 10 (KB, median) | time to first 10 (ms, median) "
            "| time (ms, max) | recall micro | recall min | precision micro | precision min "
            "| index on disk (KB) | index gzip (KB) | search page HTML (KB) |")
    lines = [head, separator(head)]
    for r in results:
        s, ix = r["summary"], r["index"]
        failed = f" ({s['failed']} failed)" if s.get("failed") else ""
        lines.append(f"| {r['engine']} | {r['site']} | {s['queries']}{failed} | {s['median_bytes'] / 1024:.1f} "
                     f"| {s['median_ms']:.0f} | {s['max_ms']:.0f} | {fmt(s['recall_micro'])} | {fmt(s['recall_min'])} "
                     f"| {fmt(s['precision_micro'])} | {fmt(s['precision_min'])} | {ix['disk_bytes'] / 1024:.0f} "
                     f"| {ix['gzip_bytes'] / 1024:.0f} | {s['document_bytes'] / 1024:.1f} |")
    return "\n".join(lines)


def query_table(results: list[dict]) -> str:
    head = ("| engine | site | group | query | ms (median) | KB (median) | shown | retrieved | expected | correct "
            "| recall | precision |")
    lines = [head, separator(head)]
    for r in results:
        for q in r["queries"]:
            if "error" in q:
                lines.append(f"| {r['engine']} | {r['site']} | {q['group']} | {q['query']} | failed: {q['error']} |")
                continue
            lines.append(f"| {r['engine']} | {r['site']} | {q['group']} | {q['query']} | {q['median_ms']:.0f} "
                         f"| {q['median_bytes'] / 1024:.1f} | {q['shown']} | {q['retrieved']} | {q['expected']} | {q['correct']} "
                         f"| {fmt(q['recall'], 2)} | {fmt(q['precision'], 2)} |")
    return "\n".join(lines)


def merged(path: Path, results: list[dict]) -> list[dict]:
    """Today's earlier results with this run's replacing the same engine × site,
    so `--engine ours` after a full run keeps Pagefind's numbers."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        earlier = []
    fresh = {(r["engine"], r["site"]) for r in results}
    order = {"ours": 0, "pagefind": 1, "real": 0, "synthetic": 1}
    combined = [r for r in earlier if (r["engine"], r["site"]) not in fresh] + results
    return sorted(combined, key=lambda r: (order[r["site"]], order[r["engine"]]))


def write_results(results: list[dict], meta: dict) -> tuple[Path, list[dict]]:
    """Write (merged) JSON and Markdown for today; returns the stem and all results in them."""
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"search-{meta['date']}"
    results = merged(stem.with_suffix(".json"), results)
    stem.with_suffix(".json").write_text(json.dumps({**meta, "results": results}, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    stem.with_suffix(".md").write_text(
        f"# Search benchmark {meta['date']}\n\nPagefind {meta['pagefind']}, {meta['browser']}; "
        f"times and bytes are medians of each query's timed runs (see `runs` in the JSON).\n\n## Summary\n\n{summary_table(results)}\n\n## Per query\n\n{query_table(results)}\n",
        encoding="utf-8")
    return stem, results


def choices(value: str, options: tuple[str, ...]) -> list[str]:
    return list(options) if value == "both" else [value]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", choices=("real", "synthetic", "both"), default="both")
    parser.add_argument("--engine", choices=("ours", "pagefind", "both"), default="both")
    parser.add_argument("--queries", type=int, default=None, help="only the first N queries")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (median)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the sites even if unchanged")
    parser.add_argument("--reuse", action="store_true", help="use built sites even if their sources changed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    queries = load_queries()[: args.queries]
    results = []
    with sync_playwright() as playwright:
        browser_version = launch_version(playwright)
        for site_name in choices(args.site, ("real", "synthetic")):
            site = ensure_site(site_name, args.rebuild, args.reuse)
            pages = page_texts(site)
            for engine_name in choices(args.engine, ("ours", "pagefind")):
                if not prepare(engine_name, site):
                    continue
                print(f"{engine_name} on {site_name} ({len(queries)} queries × {args.runs} runs)", flush=True)
                result = bench_engine(playwright, ENGINES[engine_name], site, queries, args.runs, pages)
                results.append({"engine": engine_name, "site": site_name, "runs": args.runs,
                                "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
                                "marked_pages": len(pages), **result})
    meta = {"date": dt.date.today().isoformat(), "pagefind": metadata.version("pagefind"), "browser": browser_version}
    if not results:
        print("nothing was measured", file=sys.stderr)
        return 1
    stem, everything = write_results(results, meta)
    print()
    print(summary_table(everything))
    print(f"\nwrote {stem}.json and {stem}.md")
    return 0


def launch_version(playwright) -> str:
    browser = launch(playwright)
    try:
        return f"Chromium {browser.version}"
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
