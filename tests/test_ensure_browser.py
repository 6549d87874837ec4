"""How `make test` gets a browser (tests/browser/ensure_browser.py), without installing anything.

Why: the order (Debian's Chromium, apt as root, Playwright's download) and the
failure message are what keep the browser tests from silently not running on
a fresh machine; the installers themselves are replaced by fakes here.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import ensure_browser  # noqa: E402


@pytest.mark.parametrize("debian, root, apt, expected", [
    (True, False, False, ["debian"]),
    (True, True, True, ["debian"]),
    (False, True, True, ["apt", "playwright"]),
    (False, False, True, ["playwright"]),   # not root: apt cannot be used
    (False, True, False, ["playwright"]),   # root, but no apt-get
])
def test_plan_order(debian, root, apt, expected):
    assert ensure_browser.plan(debian, root, apt) == expected


@pytest.fixture
def no_debian_chromium(monkeypatch, tmp_path):
    """No /usr/bin/chromium, and every installer recorded instead of run."""
    monkeypatch.setattr(ensure_browser.sitekit, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.delenv("SKIP_BROWSER", raising=False)
    monkeypatch.setattr(ensure_browser, "count_browser_tests", lambda: "103")
    calls = []
    monkeypatch.setattr(ensure_browser, "install_apt", lambda: calls.append("apt") or "`apt-get update -qq` failed")
    monkeypatch.setattr(ensure_browser, "install_playwright", lambda: calls.append("playwright") or "download failed")
    return calls


def test_not_root_falls_back_to_playwright(no_debian_chromium, monkeypatch):
    monkeypatch.setattr(ensure_browser.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(ensure_browser, "install_playwright", lambda: no_debian_chromium.append("playwright"))
    assert ensure_browser.ensure() is None
    assert no_debian_chromium == ["playwright"]


def test_nothing_works_names_what_is_missing(no_debian_chromium, monkeypatch):
    monkeypatch.setattr(ensure_browser.os, "geteuid", lambda: 0)
    monkeypatch.setattr(ensure_browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    message = ensure_browser.ensure()
    assert no_debian_chromium == ["apt", "playwright"]
    assert "chromium is missing" in message and "download failed" in message
    assert "fonts-noto-cjk" in message and "SKIP_BROWSER=1 to skip the 103 browser tests" in message


def test_main_fails_without_a_browser_and_passes_with_skip_browser(no_debian_chromium, monkeypatch, capsys):
    monkeypatch.setattr(ensure_browser.os, "geteuid", lambda: 1000)
    assert ensure_browser.main() == 1
    assert "no Chromium for the browser tests" in capsys.readouterr().err
    monkeypatch.setenv("SKIP_BROWSER", "1")
    assert ensure_browser.main() == 0
    assert no_debian_chromium == ["playwright"]  # SKIP_BROWSER looked for nothing


def test_debian_chromium_present_installs_nothing(no_debian_chromium, monkeypatch, tmp_path):
    (tmp_path / "chromium").touch()
    assert ensure_browser.ensure() is None
    assert no_debian_chromium == []
