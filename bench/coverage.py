"""What a citizen can see, before and after a change: dated items per notice, region pages.

    .venv/bin/python -m bench.coverage 2371185 [--as-of 2026-12-02] [--unknown]

Builds the git ref (in a temporary `git worktree`) and the working tree the
same way as bench.same_output, then prints for each notice how many items
have a deadline with a date, how many are 长期坚持 and how many stay
整改时限不明, and the number of region pages, side by side.  --unknown also
lists every item of the working tree whose deadline stays unknown and why
(a deadline field without a date, no date in its text, or only dates that
are not completion dates, listed), for the closing note of a change.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.same_output import REPO, build
from pipeline.model.deadlines import _DATE_EXPRESSION
from pipeline.model.stated_dates import compact


def counts(site: Path) -> dict:
    issues = json.loads((site / "data" / "issues.json").read_text(encoding="utf-8"))
    per_notice: dict[str, Counter] = {}
    for issue in issues:
        tally = per_notice.setdefault(issue["notice"], Counter())
        tally["items"] += 1
        tally["dated" if issue["deadline"]["date"] else issue["status"]["category"]] += 1
    regions = sorted(p.parent.name for p in (site / "regions").glob("*/index.html"))
    return {"notices": per_notice, "regions": regions, "issues": issues}


def unknown_items(issues: list[dict]) -> list[str]:
    """Each item still 整改时限不明, with why: its deadline field is not a date, its text states no date,
    or the dates its text states are not completion dates (listed, for a reader to check)."""
    lines = []
    for issue in issues:
        if issue["status"]["category"] != "unknown":
            continue
        if issue["deadline"]["text"]:
            lines.append(f"{issue['id']}: 整改时限“{issue['deadline']['text']}” has no date")
            continue
        text, _ = compact("".join([issue["problem"], issue["targets"] or "", *issue["measures"]]))
        dates = [m.group(0) for m in _DATE_EXPRESSION.finditer(text)]
        lines.append(f"{issue['id']}: " + (f"only dates that are not completion dates: {'、'.join(dates)}" if dates
                                           else "its text states no date"))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ref", help="git commit to compare the working tree with")
    parser.add_argument("--as-of", default="2026-12-02")
    parser.add_argument("--unknown", action="store_true", help="list the items whose deadline stays unknown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coverage-") as folder:
        work = Path(folder)
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(work / "ref"), args.ref], cwd=REPO, check=True)
        try:
            build(work / "ref", work / "before", args.as_of, None)
            build(REPO, work / "after", args.as_of, None)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "ref")], cwd=REPO, check=True)
        before, after = counts(work / "before"), counts(work / "after")
    print(f"{'notice':<22} {'items':>5}  {'dated':>11}  {'长期坚持':>9}  {'unknown':>11}   ({args.ref} → working tree)")
    total = Counter()
    for notice in sorted(after["notices"]):
        b, a = before["notices"].get(notice, Counter()), after["notices"][notice]
        print(f"{notice:<22} {a['items']:>5}  {b['dated']:>4} → {a['dated']:>4}  {b['ongoing']:>3} → {a['ongoing']:>3}"
              f"  {b['unknown']:>4} → {a['unknown']:>4}")
        for key in ("items", "dated", "ongoing", "unknown"):
            total[f"b-{key}"] += b[key]
            total[f"a-{key}"] += a[key]
    print(f"{'all':<22} {total['a-items']:>5}  {total['b-dated']:>4} → {total['a-dated']:>4}  "
          f"{total['b-ongoing']:>3} → {total['a-ongoing']:>3}  {total['b-unknown']:>4} → {total['a-unknown']:>4}")
    print(f"region pages: {len(before['regions'])} → {len(after['regions'])}")
    if args.unknown:
        print("\nitems whose deadline stays unknown:")
        print("\n".join(unknown_items(after["issues"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
