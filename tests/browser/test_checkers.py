"""The two checkers run and can fail: an unclosed element fails the Nu HTML Checker, a layout shift
fails the Lighthouse budget (checks/), whose median-of-five rule is shown with a fake audit; bench.page_work
counts a page's nodes.  The seed build passing both checkers is `.ci/run`'s job."""
from __future__ import annotations

from pathlib import Path

from checks import html, lighthouse

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="测试页（测试用）">
<title>测试页</title>{head}</head><body><main>{body}</main></body></html>"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_html_checker_finds_an_unclosed_element(tmp_path):
    write(tmp_path, "good/index.html", PAGE.format(head="", body="<section><h1>标题</h1></section>"))
    write(tmp_path, "bad/index.html", PAGE.format(head="", body="<section><h1>标题</h1>"))
    errors, _ = html.check(tmp_path)
    assert {m["url"].rsplit("/", 2)[-2] for m in errors} == {"bad"}
    assert any("section" in m["message"] for m in errors)
    assert html.main([str(tmp_path / "good")]) == 0 and html.main([str(tmp_path / "bad")]) == 1


def test_lighthouse_fails_a_page_that_shifts(tmp_path):
    write(tmp_path, "shift.js", "window.addEventListener('load', function () { setTimeout(function () {"
                                "var d = document.createElement('div'); d.style.height = '400px';"
                                "document.body.insertBefore(d, document.body.firstChild); }, 300); });")
    write(tmp_path, "index.html", PAGE.format(head='<script src="shift.js"></script>',
                                              body="<h1>标题</h1>" + "<p>正文段落，用来占据视口。</p>" * 20))
    reports = tmp_path / "reports"
    assert lighthouse.main([str(tmp_path), "--page", "", "--reports", str(reports)]) == 1
    report = lighthouse.json.loads((reports / "home.json").read_text(encoding="utf-8"))
    assert report["audits"]["cumulative-layout-shift"]["numericValue"] > lighthouse.MAX_CLS


def _runs(monkeypatch, tbts: list[float]) -> list[float]:
    """Make lighthouse.audit return runs with these total blocking times, in order; returns the ones used."""
    pending = list(tbts)
    used = []

    def fake(base, name, path, reports):
        used.append(pending.pop(0))
        return lighthouse.Audit(name, path, dict.fromkeys(lighthouse.CATEGORIES, 100), 0.0, used[-1])
    monkeypatch.setattr(lighthouse, "audit", fake)
    return used


def test_a_page_over_budget_once_is_measured_five_times_and_the_median_counts(monkeypatch):
    used = _runs(monkeypatch, [40, 999])
    assert lighthouse.audit_with_retries("", "p", "", Path()).tbt == 40 and used == [40]
    used = _runs(monkeypatch, [400, 90, 180, 120, 300])
    assert lighthouse.audit_with_retries("", "p", "", Path()).tbt == 180 and len(used) == 5
    _runs(monkeypatch, [400, 90, 140, 120, 300])
    assert lighthouse.audit_with_retries("", "p", "", Path()).failures == []


def test_page_work_counts_a_page_and_prints_one_row_per_site_and_page(tmp_path, capsys):
    from bench import page_work
    write(tmp_path / "a", "index.html", PAGE.format(head="", body="<p>一</p>"))
    write(tmp_path / "b", "index.html", PAGE.format(head="", body="<p>一</p>" * 50))
    assert page_work.main([str(tmp_path / "a"), str(tmp_path / "b"), "--page", "", "--runs", "1"]) == 0
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines()[2:]]
    nodes = {Path(row[0].lstrip("| ")).name: int(row[-1].rstrip(" |")) for row in rows}
    assert nodes["b"] - nodes["a"] == 49 * 2  # each more <p> is an element and its text
