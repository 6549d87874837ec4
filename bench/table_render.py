"""How long the theme takes to render one issues table of 200 rows (a list page's), theme against theme.

    .venv/bin/python -m bench.table_render THEME [THEME ...] [--rounds 5] [--runs 30]

Each THEME is a theme folder (themes/gov, or the same folder in a worktree of an older commit:
`git worktree add /tmp/old REV` then `/tmp/old/themes/gov`).  The themes take turns, round after round, so
a busy machine slows them alike; prints each one's median milliseconds a table and whether every theme
wrote the same HTML.  The rows are made up here (bench data, never published), shaped as views.table_row's.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

import jinja2
from pelican.settings import get_settings_from_file

from pipeline.model import urls

ROOT = Path(__file__).resolve().parent.parent

ROWS = 200
TABLE = '{% import "macros.html" as m with context %}{{ m.issue_table(rows, "事项", "notice") }}'


def environment(theme: Path) -> jinja2.Environment:
    """The theme's templates with pelicanconf.py's JINJA_ENVIRONMENT (read by Pelican's own loader) and the
    globals a table reads."""
    options = get_settings_from_file(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme / "templates")), **options)
    env.globals.update(SITEURL="../../..", URLS=urls, AS_OF="2026-12-02")
    return env


def made_up_rows(count: int = ROWS) -> list[dict]:
    units = [SimpleNamespace(name="市生态环境局", url="units/u-1/"), SimpleNamespace(name="市水利局", url="units/u-2/")]
    status = SimpleNamespace(category="overdue", category_label="已过整改时限")
    return [{"id": f"b-{n}", "url": f"issues/b-{n}/", "seq": str(n), "summary": "加强散煤治理" * (1 + n % 4),
             "lead": units[:1 + n % 2], "lead_is_responsible": n % 5 == 0, "deadline_text": "2019年9月底前",
             "status": status, "notice_url": "notices/b/", "notice_short": "示例市整改方案"}
            for n in range(1, count + 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("themes", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30, help="tables rendered per theme per round")
    args = parser.parse_args(argv)
    rows = made_up_rows()
    templates = {theme: environment(theme).from_string(TABLE) for theme in args.themes}
    seconds: dict[Path, list[float]] = {theme: [] for theme in args.themes}
    html = {}
    for _ in range(args.rounds):
        for theme, template in templates.items():
            for _ in range(args.runs):
                started = time.perf_counter()
                html[theme] = template.render(rows=rows)
                seconds[theme].append(time.perf_counter() - started)
    for theme, times in seconds.items():
        print(f"{theme}: {statistics.median(times) * 1000:.2f} ms a table of {ROWS} rows (median of {len(times)})")
    print("same HTML" if len(set(html.values())) == 1 else "the themes wrote different HTML")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
