"""Does a change alter the built site?  Build a git ref and the working tree, compare every file.

    .venv/bin/python -m bench.same_output a5ff9bf [--as-of 2026-11-22] [--site-url https://example.gov.cn/x/]

Both builds use this checkout's virtual environment, the same as-of date and
the same environment (SITE_URL as given, SITE_AS_OF cleared, PYTHONHASHSEED
fixed); the ref is checked out into a temporary `git worktree`.  Prints the
number of files compared and every path that differs or exists on one side
only; exits 1 if any does.  Used to prove a refactoring changed nothing a
reader sees (a stronger check than the golden files, which hold a sample).
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from .workdirs import REPO, build_env


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(tree: Path, output: Path, as_of: str, site_url: str | None) -> None:
    env = build_env()
    if site_url:
        env["SITE_URL"] = site_url
    # Item pages list the git history of their files, which differs between refs by design: leave it out
    # (refs from before the history existed have no such option and no such section).
    no_history = ["--no-history"] if "--no-history" in (tree / "pipeline" / "__main__.py").read_text() else []
    subprocess.run([sys.executable, "-m", "pipeline", "--root", str(tree), "build", "--output", str(output),
                    "--as-of", as_of, *no_history], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)


def compare(ref: str, as_of: str, site_url: str | None) -> tuple[int, list[str]]:
    with tempfile.TemporaryDirectory(prefix="same-output-") as folder:
        work = Path(folder)
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(work / "ref"), ref], cwd=REPO, check=True)
        try:
            build(work / "ref", work / "before", as_of, site_url)
            build(REPO, work / "after", as_of, site_url)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "ref")], cwd=REPO, check=True)
        before, after = digests(work / "before"), digests(work / "after")
    return len(before.keys() | after.keys()), differing(before, after)


def differing(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The paths (of two `digests`) that exist on one side only or differ in bytes."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ref", help="git commit to compare the working tree with")
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--site-url", default=None, help="build both with this SITE_URL")
    args = parser.parse_args(argv)
    count, changed = compare(args.ref, args.as_of, args.site_url)
    for path in changed:
        print(f"differs: {path}")
    print(f"{count} files compared, {len(changed)} differ ({args.ref} vs working tree, as of {args.as_of}"
          f"{', SITE_URL=' + args.site_url if args.site_url else ''})")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
