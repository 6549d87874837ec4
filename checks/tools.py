"""Where the checkers' tools are: package.json's node_modules, Java, Chromium."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                  "--disable-component-update --disable-sync")


def ensure_node_modules() -> None:
    """`npm ci` once, from package-lock.json (pinned versions; no install scripts, no browser download)."""
    if VNU_JAR.exists() and LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        raise SystemExit("npm not found: install Node.js 18.16 or newer (Debian: apt-get install nodejs npm).")
    if subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT).returncode != 0:
        raise SystemExit("`npm ci` failed (see above): the checkers' tools could not be installed from package-lock.json.")


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise SystemExit("java not found: install Java 11 or newer (Debian: apt-get install default-jre-headless).")
    return found
