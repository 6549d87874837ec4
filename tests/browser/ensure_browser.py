"""Find or install the Chromium the browser tests need; `invoke test` (so `make test`) runs this first.

    .venv/bin/python tests/browser/ensure_browser.py

Why: the browser tests used to skip themselves when /usr/bin/chromium was
missing, so a fresh machine showed a green run that had left out a third of
the suite. Now a browser is found or installed before pytest starts, in this
order, and the run stops with a message naming what is missing when none can be:

1. Debian's Chromium (/usr/bin/chromium) when present: what CI uses.
2. As root with apt-get: install Debian's chromium and fonts-noto-cjk (the
   pages are Chinese; without CJK fonts the layout tests measure tofu).
3. Otherwise Playwright's own Chromium (`python -m playwright install
   chromium`); `sitekit.launch_chromium` then launches it. Its download does
   not work everywhere, so it is checked by launching it.

The tests in tests/browser/ also serve the site with Debian's nginx
(test_headers.py, deploy/nginx.conf) and run the checkers of checks/ (Java
for the Nu HTML Checker, Node.js for Lighthouse, both from package.json via
`npm ci`); these are installed the same way, as root with apt, or their
absence stops the run.

SKIP_BROWSER=1 is the only way to leave the browser tests out: then nothing is
looked for here, and conftest.py deselects them and says how many.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script or imported by a test
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitekit  # noqa: E402

if str(sitekit.ROOT) not in sys.path:  # checks/ lives at the project root
    sys.path.insert(0, str(sitekit.ROOT))

APT_PACKAGES = ["chromium", "fonts-noto-cjk"]
NGINX = Path("/usr/sbin/nginx")


def skip_requested() -> bool:
    """True when SKIP_BROWSER is set to anything but "" or "0": the one explicit opt-out."""
    return os.environ.get("SKIP_BROWSER", "") not in ("", "0")


def plan(debian_present: bool, root: bool, apt: bool) -> list[str]:
    """The ways to get a browser, in the order to try them: "debian", "apt", "playwright".

    Pure, so the order can be tested without installing anything.
    """
    if debian_present:
        return ["debian"]
    return (["apt"] if root and apt else []) + ["playwright"]


def install_apt(packages=tuple(APT_PACKAGES), expect: Path = sitekit.CHROMIUM) -> str | None:
    """Install Debian packages (default: chromium and fonts-noto-cjk); None on success, else why not."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
        if subprocess.run(command, env=env).returncode != 0:
            return f"`{' '.join(command)}` failed"
    return None if expect.exists() else f"apt-get installed {packages[0]} but {expect} is missing"


def ensure_checkers() -> str | None:
    """Java and Node.js for checks/ (as root with apt when missing), then package.json's tools with `npm ci`."""
    for command, package in (("java", "default-jre-headless"), ("npm", "npm")):
        if shutil.which(command):
            continue
        if os.geteuid() == 0 and shutil.which("apt-get"):
            print(f"ensure_browser: {command} missing, trying apt …", file=sys.stderr, flush=True)
            install_apt((package,) + (("nodejs",) if package == "npm" else ()), Path("/usr/bin") / command)
        if not shutil.which(command):
            return (f"no {command} for the checkers of checks/ (tests/browser/test_checkers.py): install Debian's {package} "
                    "as root, or run with SKIP_BROWSER=1 to skip the browser tests.")
    from checks.tools import ensure_node_modules  # noqa: E402 - the project root is on sys.path under pytest and here

    ensure_node_modules()
    return None


def ensure_nginx() -> str | None:
    """Debian's nginx for test_headers.py: present, or installed as root with apt; else what to do."""
    if NGINX.exists() or shutil.which("nginx"):
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"ensure_browser: {NGINX} missing, trying apt …", file=sys.stderr, flush=True)
        if install_apt(("nginx",), NGINX) is None:
            return None
    return (f"no nginx for tests/browser/test_headers.py: {NGINX} is missing.\n"
            "Install Debian's nginx as root (apt-get install nginx), or run with SKIP_BROWSER=1 to skip the browser tests.")


def ensure_pdf_tools() -> str | None:
    """Poppler's pdfinfo, pdffonts and pdftotext, with which tests/test_disclosure_site.py reads the newspaper
    PDFs, and Pango and a Chinese font, with which WeasyPrint makes them: present, or installed as root with apt."""
    missing = [] if shutil.which("pdffonts") else ["poppler-utils"]
    if not any(Path(d).glob("libpango-1.0.so*") for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                                                             "/usr/lib")):
        missing += ["libpango-1.0-0", "libpangoft2-1.0-0"]
    if not missing:
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"ensure_browser: {', '.join(missing)} missing, trying apt …", file=sys.stderr, flush=True)
        if install_apt(tuple(missing) + ("fonts-noto-cjk",), Path("/usr/bin/pdffonts")) is None:
            return None
    return (f"the newspaper PDFs and their tests need {', '.join(missing)}: install them as root "
            f"(apt-get install {' '.join(missing)} fonts-noto-cjk).")


def install_playwright() -> str | None:
    """Install Playwright's Chromium and check it launches; None on success, else why not."""
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    if subprocess.run(command).returncode != 0:
        return f"`{' '.join(command)}` failed"
    return launch_error()


def launch_error() -> str | None:
    """None when sitekit.launch_chromium starts a browser, else the first line of Playwright's error."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            sitekit.launch_chromium(playwright).close()
    except Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


def count_browser_tests() -> str:
    """How many browser tests there are ("103"), for the failure message; "" when unknown."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/browser"],
                            cwd=sitekit.ROOT, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "SKIP_BROWSER"})
    match = re.search(r"(\d+) tests? collected", result.stdout)
    return match.group(1) if match else ""


def missing_message(reasons: list[str], count: str = "") -> str:
    """What is missing and the two ways out; shared with the `browser` fixture in conftest.py."""
    tests = f"the {count} browser tests" if count else "the browser tests (tests/browser/)"
    return ("no Chromium for the browser tests: " + "; ".join(reasons) + ".\n"
            f"Install Debian's {' and '.join(APT_PACKAGES)} as root "
            f"(apt-get install {' '.join(APT_PACKAGES)}), "
            f"or run with SKIP_BROWSER=1 to skip {tests}.")


def ensure() -> str | None:
    """Try each way in `plan` order; None once a browser is there, else the failure message."""
    steps = plan(sitekit.CHROMIUM.exists(), os.geteuid() == 0, shutil.which("apt-get") is not None)
    reasons = [f"{sitekit.CHROMIUM} is missing"]
    if "apt" not in steps and "debian" not in steps:
        reasons.append("cannot install it with apt-get (" + ("no apt-get" if os.geteuid() == 0 else "not root") + ")")
    for step in steps:
        if step == "debian":
            return None
        print(f"ensure_browser: {sitekit.CHROMIUM} missing, trying {step} …", file=sys.stderr, flush=True)
        error = install_apt() if step == "apt" else install_playwright()
        if error is None:
            return None
        reasons.append(error)
    return missing_message(reasons, count_browser_tests())


def main() -> int:
    if skip_requested():
        print("ensure_browser: SKIP_BROWSER is set, the browser tests will be skipped", file=sys.stderr)
        message = ensure_pdf_tools()
        if message:
            print(message, file=sys.stderr)
        return 1 if message else 0
    message = ensure() or ensure_nginx() or ensure_checkers() or ensure_pdf_tools()
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
