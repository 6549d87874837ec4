"""Invoke tasks: `invoke --list`. The Makefile calls these inside .venv."""
import os
import sys

from invoke import task

PY = sys.executable


@task(help={"as_of": "report status as of this date (YYYY-MM-DD); default today or $SITE_AS_OF"})
def build(c, as_of=None):
    """Parse every notice, write output/data/*.json|csv and the Pelican site into output/."""
    option = f" --as-of {as_of}" if as_of else ""
    c.run(f"{PY} -m pipeline build{option}", pty=False)


@task(help={"quiet": "counts only, without the warning lines"})
def parse(c, quiet=False):
    """Report per notice: items, share of items with each field, warnings (file:line)."""
    c.run(f"{PY} -m pipeline report{' --quiet' if quiet else ''}", pty=False)


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build, then serve output/ on http://localhost:PORT/."""
    build(c)
    print(f"http://localhost:{port}/")
    c.run(f"{PY} -m http.server {port} --bind 127.0.0.1 --directory output", pty=False)


@task(help={"k": "only tests matching this expression"})
def test(c, k=None):
    """Run the whole test suite."""
    selection = f" -k {k!r}" if k else ""
    c.run(f"{PY} -m pytest -q{selection}", pty=False, env={**os.environ, "PYTHONHASHSEED": "0"})
