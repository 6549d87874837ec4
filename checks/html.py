"""The W3C Nu HTML Checker (vnu.jar) over every page of a built site: errors fail, warnings are listed.

    .venv/bin/python -m checks.html [SITE]        (default output/)

One known false alarm is filtered: checking files, vnu gives each page a
file: origin, so it reports every stylesheet and script as violating the
pages' `'self'` Content-Security-Policy; served over HTTP they do not.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .tools import ROOT, VNU_JAR, ensure_node_modules, java

FILE_ORIGIN_FALSE_ALARM = ".*Resource violates Content Security Policy.*"


def check(site: Path) -> tuple[list[dict], list[dict]]:
    """(errors, warnings) of every HTML page under `site`."""
    ensure_node_modules()
    result = subprocess.run([java(), "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", "--exit-zero-always",
                             "--filterpattern", FILE_ORIGIN_FALSE_ALARM, str(site)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    warnings = [m for m in messages if m not in errors]
    return errors, warnings


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").replace(site.resolve().as_uri() + "/", "")
    return f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message.get('message')}"


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "output"
    pages = len(list(site.rglob("*.html")))
    errors, warnings = check(site)
    for message in warnings:
        print(f"warning: {describe(message, site)}")
    for message in errors:
        print(f"error: {describe(message, site)}")
    print(f"Nu HTML Checker: {pages} pages, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors or not pages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
