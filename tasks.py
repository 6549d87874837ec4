"""Invoke tasks: `invoke --list`. The Makefile calls these inside .venv."""
import os
import sys

from invoke import task

PY = sys.executable


@task(help={"as_of": "report status as of this date (YYYY-MM-DD); default today in China or $SITE_AS_OF",
            "output": "build into this folder instead of output/"})
def build(c, as_of=None, output=None):
    """Parse every notice, write output/data/*.json|csv and the Pelican site into output/."""
    # The build replaces this process, so SIGINT/SIGTERM sent to `invoke build` (or forwarded by
    # `make site`) reach the build itself, which then removes its staging and leaves output/ as it was.
    output = os.path.abspath(output) if output else None
    os.chdir(os.path.dirname(os.path.abspath(__file__)))  # `python -m pipeline` runs from the project
    os.execv(PY, build_command(as_of, output))


SNAPSHOTS = "snapshots"  # dated data snapshots kept between builds (git-ignored; the deploy workflows cache it)
PDF_CACHE = ".cache/newspaper"  # newspaper PDFs by content hash, reused while their page is unchanged (git-ignored)
BUILD_CACHE = ".cache/build"  # parse results and search shards by content hash (pipeline/cache.py; git-ignored)


def build_command(as_of=None, output=None) -> list[str]:
    return ([PY, "-m", "pipeline", "build", "--snapshots", SNAPSHOTS, "--pdf-cache", PDF_CACHE, "--cache", BUILD_CACHE] + (["--as-of", as_of] if as_of else [])
            + (["--output", output] if output else []))


@task(help={"quiet": "counts only, without the warning lines"})
def parse(c, quiet=False):
    """Report per notice: items, share of items with each field, warnings (file:line)."""
    c.run(f"{PY} -m pipeline report{' --quiet' if quiet else ''}", pty=False)


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build, then serve output/ on http://localhost:PORT/."""
    c.run(" ".join(build_command()), pty=False)
    print(f"http://localhost:{port}/")
    c.run(f"{PY} -m http.server {port} --bind 127.0.0.1 --directory output", pty=False)


@task(help={"as_of": "check as of this date (YYYY-MM-DD); default today in China"})
def check_deadlines(c, as_of=None):
    """What the 督办公开 column must publish on each channel, and by when; fails when something is overdue."""
    c.run(f"{PY} -m pipeline check-deadlines{f' --as-of {as_of}' if as_of else ''}", pty=False)


@task(help={"items": "the item id(s) the update reports on, comma-separated", "date": "default: today in China"})
def new_update(c, items, date=None):
    """Start a progress update in content/updates/ for ITEMS (see content/README.md)."""
    ids = " ".join(i.strip() for i in items.split(",") if i.strip())
    c.run(f"{PY} -m pipeline new-update {ids}{' --date ' + date if date else ''}", pty=False)


@task(help={"dest": "where the web server reads the site", "site": "the finished build (default output/)"})
def publish(c, dest, site=None):
    """Copy a finished build to DEST atomically: a copy beside DEST, then swapped in."""
    c.run(f"{PY} -m pipeline publish {dest}{' --site ' + site if site else ''}", pty=False)


@task(help={"k": "only tests matching this expression"})
def test(c, k=None):
    """Run the whole test suite; first find or install Chromium for the browser tests.

    tests/browser/ensure_browser.py stops the run with what is missing rather than
    let the browser tests skip; SKIP_BROWSER=1 leaves them out explicitly.
    """
    c.run(f"{PY} tests/browser/ensure_browser.py", pty=False)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{PY} -m pytest -q{selection}", pty=False, env={**os.environ, "PYTHONHASHSEED": "0"})


@task(help={"site": "real, synthetic or both (default both)", "engine": "ours, pagefind or both (default both)",
            "queries": "only the first N queries", "runs": "timed runs per query (default 3)",
            "rebuild": "rebuild the benchmark sites even if unchanged",
            "reuse": "use the built benchmark sites even if their sources changed"})
def bench_search(c, site="both", engine="both", queries=None, runs=3, rebuild=False, reuse=False):
    """Benchmark our search against Pagefind (bench/README.md); installs bench/requirements.txt first."""
    c.run(f"{PY} -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt", pty=False)
    options = f" --site {site} --engine {engine} --runs {runs}"
    options += f" --queries {queries}" if queries else ""
    options += " --rebuild" if rebuild else ""
    options += " --reuse" if reuse else ""
    c.run(f"{PY} -m bench.search_bench{options}", pty=False)


@task(help={"sizes": "issue counts, comma-separated (default 1000,10000,50000)",
            "runs": "runs per size (median): N, or per size as 1000:3,10000:1"})
def bench_build(c, sizes="1000,10000,50000", runs="1"):
    """The whole build at each size, stage by stage, beside bare Pelican; results in bench/results/."""
    c.run(f"{PY} -m bench.build_bench --sizes {sizes} --runs {runs}", pty=False)


@task(help={"update": "rewrite tests/golden/ from a fresh build (after an intended change)"})
def golden(c, update=False):
    """Compare a fresh seed build with the golden files in tests/golden/, or rewrite them."""
    c.run(f"{PY} tests/golden_files.py{' --update' if update else ''}", pty=False)


@task(help={"site": "the built site to check (default output/)"})
def check_html(c, site="output"):
    """W3C Nu HTML Checker over every page of the built site; errors fail (checks/html.py)."""
    c.run(f"{PY} -m checks.html {site}", pty=False)


@task(help={"site": "the built site to check (default output/)", "reports": "where to keep the JSON reports"})
def check_lighthouse(c, site="output", reports="reports/lighthouse"):
    """Lighthouse (mobile) on one page of each type against the budgets (checks/lighthouse.py)."""
    c.run(f"{PY} -m checks.lighthouse {site} --reports {reports}", pty=False)
