"""Where the benchmark keeps its work, and when a cached build is still valid.

Builds of 10,000 issues take minutes, so each built site carries a stamp: a
hash of every input file that could change its bytes.  A stamp that matches
means the site on disk is what the current sources would produce.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".cache" / "bench"  # git-ignored, outside the folders a build may not write into (publish.py)
AS_OF = "2026-11-22"  # fixed, so statuses (and thus pages) do not change with the date


def tree_hash(paths: list[Path], extra: str = "") -> str:
    """SHA-256 over the names and bytes of every file under `paths` (sorted)."""
    digest = hashlib.sha256(extra.encode())
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(REPO)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def site_sources() -> list[Path]:
    """Everything besides content that shapes a built site."""
    return [REPO / "pipeline", REPO / "themes", REPO / "pelicanconf.py"]


def read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def write_stamp(path: Path, **values: str) -> None:
    stamp = read_stamp(path)
    stamp.update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stamp, indent=1))


def is_current(site: Path, stamp: Path, inputs: str, rebuild: bool, reuse: bool) -> bool:
    """Whether the built `site` can be used as it is.

    `reuse` accepts a stale build (with a warning): a 10,000-issue build takes
    minutes, too long to repeat for every commit while the search is changing.
    """
    if rebuild or not (site / "index.html").exists():
        return False
    if read_stamp(stamp).get("site") == inputs:
        return True
    if reuse:
        print(f"warning: reusing {site}, built from older sources (--reuse)", file=sys.stderr)
    return reuse


def build_env() -> dict[str, str]:
    """The environment a benchmark's builds run in: the caller's, without the settings that change a site's
    bytes (SITE_URL, SITE_AS_OF; the bench passes --as-of), and with a fixed hash seed."""
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "SITE_AS_OF")}
    env["PYTHONHASHSEED"] = "0"
    return env


def build_with_pipeline(root: Path, output: Path) -> None:
    """The project's own build, as a subprocess as `make site` runs it, with the .gz twins an nginx deployment
    builds (PRECOMPRESS): bench/server.py sends them as nginx's gzip_static does."""
    command = [sys.executable, "-m", "pipeline", "--root", str(root), "build",
               "--output", str(output), "--as-of", AS_OF, "--precompress"]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=REPO, check=True)
