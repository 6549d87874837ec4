"""The two benchmark sites, built by the real pipeline, and Pagefind's index of each.

Both live under .cache/bench/ and are rebuilt only when their inputs change
(see workdirs.tree_hash), because the synthetic one takes minutes.  The
Pagefind index and its harness page are written into these copies only,
never into output/ or the theme.
"""
from __future__ import annotations

import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from pipeline.outputs.files import write_gzip_twins

from .workdirs import REPO, WORK, build_with_pipeline, is_current, read_stamp, site_sources, tree_hash, write_stamp

HARNESS = Path(__file__).resolve().parent / "pagefind-bench.html"
HARNESS_NAME = "pagefind-bench.html"
PAGEFIND_DIR = "pagefind"


def ensure_real_site(rebuild: bool = False, reuse: bool = False) -> Path:
    """The repository's own content, built as `make site` would with a fixed as-of date."""
    site, stamp = WORK / "real" / "site", WORK / "real" / "stamp.json"
    inputs = tree_hash([REPO / "content", *site_sources()])
    if not is_current(site, stamp, inputs, rebuild, reuse):
        build_with_pipeline(REPO, site)
        write_stamp(stamp, site=inputs, pagefind="")
    return site


def ensure_site(name: str, rebuild: bool = False, reuse: bool = False) -> Path:
    """Site `name` ("real" or "synthetic"), built if needed."""
    real = ensure_real_site(rebuild, reuse)
    if name == "real":
        return real
    from .synthetic import ensure_synthetic_site
    return ensure_synthetic_site(real / "data" / "issues.json", rebuild, reuse)


def stamp_of(site: Path) -> Path:
    return site.parent / "stamp.json"


def ensure_pagefind(site: Path) -> Path:
    """Run Pagefind's extended CLI over `site` once per build, then (re)write the harness page.

    The harness is written after indexing so Pagefind never indexes it.
    """
    stamp = stamp_of(site)
    version = metadata.version("pagefind")
    current = read_stamp(stamp)
    if current.get("pagefind") != f"{version}:{current.get('site')}" or not (site / PAGEFIND_DIR).exists():
        (site / HARNESS_NAME).unlink(missing_ok=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", PAGEFIND_DIR]
        print("$", " ".join(command), flush=True)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"pagefind indexed {site} in {time.perf_counter() - started:.0f}s", flush=True)
        write_gzip_twins(site / PAGEFIND_DIR)  # as the site build does for ours: no on-the-fly cost for either
        write_stamp(stamp, pagefind=f"{version}:{current.get('site')}")
    (site / HARNESS_NAME).write_bytes(HARNESS.read_bytes())
    return site / PAGEFIND_DIR
