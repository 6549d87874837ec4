"""`invoke bench-build`: the whole build at 1,000 / 10,000 / 50,000 issues, stage by stage, beside bare Pelican.

For each size, in one run on this machine:
  - a synthetic project of that many issues (bench/synthetic.py: 500-item notices recombined from the real
    notices' paragraphs) built by the project's own pipeline (`build --timings`, no history);
  - bare Pelican 4 (its default theme) building as many plain Markdown articles of about 1.5 KB of Chinese,
    made from the same paragraphs;
each measured for wall time, peak memory (GNU time's maximum resident set size: the build or its largest
worker) and output size (also per issue, search/ per issue, the largest HTML page), medians of `--runs` runs.
The project is built twice a run: from an empty PDF cache and build cache (every newspaper PDF laid out,
every file parsed and every search shard built: the full build), then again with the caches that build
filled, as CI (which keeps .cache/newspaper/ and .cache/build/) and `make site` build.  Each stage's time
and the build's peak memory when the stage ended come from `build --timings`.
Results go to bench/results/build-DATE.{md,json} (build-DATE-2 … if those exist) with the machine and the commit.

    .venv/bin/python -m bench.build_bench [--sizes 1000,10000,50000] [--runs 1 | --runs 1000:3,10000:1] [--name N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from .synthetic import ITEMS_PER_NOTICE, SEED, load_pools, notice_regions, write_root
from .workdirs import AS_OF, REPO, WORK

RESULTS = REPO / "bench" / "results"
SEED_RECORDS = REPO / "tests" / "golden" / "data" / "issues.json"  # the seed build's records: the paragraphs' pool
ARTICLE_BYTES = 1500
STAGE = re.compile(r"^阶段 stage (.+): ([\d.]+) s(?:, peak \d+ MB)?$", re.M)
STAGE_PEAK = re.compile(r"^阶段 stage (.+): [\d.]+ s, peak (\d+) MB$", re.M)


def measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and standard output of one command, under GNU time."""
    report = WORK / "time.txt"
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(report), *command], cwd=cwd,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    seconds, kilobytes = report.read_text().split()[-2:]
    return float(seconds), int(kilobytes) / 1024, result.stdout


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pipeline_run(root: Path, output: Path, caches: Path | None = None) -> dict:
    """One full build (into an emptied `output`); with `caches`, the PDFs, parsed files and search shards
    an earlier build left in its pdf/ and build/ are reused, not made again, as CI's kept caches and
    `make site` do."""
    shutil.rmtree(output, ignore_errors=True)
    cache = ["--pdf-cache", str(caches / "pdf"), "--cache", str(caches / "build")] if caches else []
    seconds, peak, stdout = measured([sys.executable, "-m", "pipeline", "--root", str(root), "build", "--output",
                                      str(output), "--as-of", AS_OF, "--no-history", "--timings", *cache], REPO)
    pages = [p for p in output.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {"seconds": seconds, "peak_mb": peak, "bytes": folder_bytes(output),
            "files": sum(1 for p in output.rglob("*") if p.is_file()),
            "search_bytes": folder_bytes(output / "search"),
            "largest_page_bytes": largest.stat().st_size, "largest_page": str(largest.relative_to(output)),
            "stages": {name: float(value) for name, value in STAGE.findall(stdout)},
            "stage_peaks": {name: float(value) for name, value in STAGE_PEAK.findall(stdout)}}


def write_pelican_project(folder: Path, articles: int, issues_json: Path) -> None:
    """`articles` Markdown articles of about ARTICLE_BYTES of Chinese each, and a minimal pelicanconf.py."""
    shutil.rmtree(folder, ignore_errors=True)
    content = folder / "content"
    content.mkdir(parents=True)
    pools = load_pools(issues_json, notice_regions(issues_json))
    texts = pools.problems + pools.targets + pools.measures
    rng = random.Random(SEED)
    for number in range(1, articles + 1):
        body = ""
        while len(body.encode("utf-8")) < ARTICLE_BYTES:
            body += rng.choice(texts) + "\n\n"
        (content / f"item-{number:05d}.md").write_text(
            f"Title: 整改事项 {number}\nDate: 2019-07-01\nCategory: 整改\nSlug: item-{number:05d}\n\n{body}",
            encoding="utf-8")
    (folder / "pelicanconf.py").write_text(
        'SITENAME = "bare"\nSITEURL = ""\nTIMEZONE = "Asia/Shanghai"\nDEFAULT_LANG = "zh"\n'
        "RELATIVE_URLS = True\n", encoding="utf-8")


def pelican_run(folder: Path) -> dict:
    output = folder / "output"
    shutil.rmtree(output, ignore_errors=True)
    pelican = Path(sys.executable).parent / "pelican"
    seconds, peak, _ = measured([str(pelican), "content", "-o", str(output), "-s", "pelicanconf.py", "-q"], folder)
    return {"seconds": seconds, "peak_mb": peak, "bytes": folder_bytes(output)}


def median_of(runs: list[dict]) -> dict:
    keys = [k for k in runs[0] if isinstance(runs[0][k], (int, float))]
    found = {k: statistics.median(r[k] for r in runs) for k in keys}
    found.update({k: v for k, v in runs[0].items() if isinstance(v, str)})
    for stages in ("stages", "stage_peaks"):
        if stages in runs[0]:
            found[stages] = {name: statistics.median(r[stages][name] for r in runs) for name in runs[0][stages]}
    return found


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(int(memory) / 1024 ** 2, 1),
            "python": platform.python_version(), "system": platform.platform()}


def table(results: dict) -> str:
    lines = ["| issues | project build | with caches | peak memory | output | per issue | search/ per issue | "
             "largest page | files | bare Pelican | its memory | its output | ratio | ratio with caches |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, r in results["sizes"].items():
        p, w, b, n = r["pipeline"], r["cached"], r["pelican"], int(size)
        with_cache = f"{w['seconds']:.1f} s" if w else "—"  # --cold-only: not built
        lines.append(f"| {n:,} | {p['seconds']:.1f} s | {with_cache} | {max(p['peak_mb'], w['peak_mb'] if w else 0):.0f} MB | "
                     f"{p['bytes'] / 1e6:.0f} MB | {p['bytes'] / n / 1e3:.1f} KB | {p['search_bytes'] / n / 1e3:.2f} KB | "
                     f"{p['largest_page_bytes'] / 1e3:.0f} KB ({p['largest_page']}) | {int(p['files']):,} | "
                     f"{b['seconds']:.1f} s | {b['peak_mb']:.0f} MB | {b['bytes'] / 1e6:.0f} MB | "
                     f"{p['seconds'] / b['seconds']:.1f}× | " + (f"{w['seconds'] / b['seconds']:.1f}× |" if w else "— |"))
    for kind, title in (("pipeline", "no caches"), ("cached", "caches kept from the build before")):
        built = {size: r[kind] for size, r in results["sizes"].items() if r[kind]}
        for stages, what, figure in (("stages", "median seconds", "{:.1f}"),
                                     ("stage_peaks", "peak memory in MB when the stage ended", "{:.0f}")):
            if not any(run.get(stages) for run in built.values()):
                continue  # results of a version that did not print it
            lines += ["", f"Stages of the project build, {title} ({what}):", ""]
            names = list(next(iter(built.values()))[stages])
            lines.append("| issues | " + " | ".join(names) + " |")
            lines.append("|---|" + "---|" * len(names))
            for size, run in built.items():
                lines.append(f"| {int(size):,} | " + " | ".join(figure.format(run[stages].get(n, 0)) for n in names) + " |")
    m = results["machine"]
    lines += ["", f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
              f"{m['system']}; runs per size: {results['runs']}; date {results['date']}; commit {results['commit']}."]
    return "\n".join(lines) + "\n"


def runs_per_size(spec: str, sizes: list[int]) -> dict[int, int]:
    """"3" → 3 runs of every size; "1000:3,10000:1" → per size (a size not named gets 1)."""
    if ":" not in spec:
        return {size: int(spec) for size in sizes}
    given = {int(k): int(v) for k, v in (part.split(":") for part in spec.split(","))}
    return {size: given.get(size, 1) for size in sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="issue counts, comma-separated (multiples of 500)")
    parser.add_argument("--runs", default="1", help="runs per size: N, or per size as 1000:3,10000:1")
    parser.add_argument("--name", help="results file name in bench/results/ (default build-DATE)")
    parser.add_argument("--cold-only", action="store_true", help="skip the second build with the caches (halves a run)")
    args = parser.parse_args(argv)
    issues_json = SEED_RECORDS
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = runs_per_size(args.runs, sizes)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    results = {"date": dt.date.today().isoformat(), "runs": {str(s): runs[s] for s in sizes}, "commit": commit,
               "machine": machine(), "sizes": {}}
    for size in sizes:
        work = WORK / "build-bench"
        root, bare, cache = work / f"root-{size}", work / f"pelican-{size}", work / f"caches-{size}"
        write_root(issues_json, root, notices=max(1, size // ITEMS_PER_NOTICE))
        write_pelican_project(bare, size, issues_json)
        ours, cached, theirs = [], [], []
        for _ in range(runs[size]):  # in turn, so all three see the same machine
            shutil.rmtree(cache, ignore_errors=True)
            ours.append(pipeline_run(root, work / f"site-{size}", caches=cache))  # fills the empty caches
            if not args.cold_only:
                cached.append(pipeline_run(root, work / f"site-{size}", caches=cache))
            theirs.append(pelican_run(bare))
        results["sizes"][str(size)] = {"pipeline": median_of(ours), "cached": median_of(cached) if cached else None,
                                       "pelican": median_of(theirs)}  # --cold-only: no cached build
        print(table(results), flush=True)
        # after each size, so that a long run cut short keeps what it measured
        write_results(results, RESULTS / args.name if args.name else unused_stem(RESULTS / f"build-{results['date']}"))
    return 0


def unused_stem(stem: Path) -> Path:
    """`stem`, or stem-2, stem-3 … if results of that name exist: a second run the same day keeps the first's."""
    number = 1
    candidate = stem
    while candidate.with_suffix(".md").exists() or candidate.with_suffix(".json").exists():
        number += 1
        candidate = stem.with_name(f"{stem.name}-{number}")
    return candidate


def write_results(results: dict, stem: Path) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text("# Build benchmark (bench/build_bench.py)\n\n" + table(results), encoding="utf-8")
    print(f"results: {stem}.md, {stem}.json", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
