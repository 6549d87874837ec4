"""Attack payloads in every text field of every content file come out as text, never as markup or formulas.

The injected site (tests/injection/inject.py, 111 payloads from OWASP's XSS
filter-evasion list, Markdown links and spreadsheet formulas) is parsed page by
page: the only scripts are the theme's, no element has an event handler, no
link or source is a javascript:, vbscript: or data: URL, no element appears
that the real site does not have; the payloads are in the pages as text and in
the JSON exactly as written; no CSV cell starts a formula.
"""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

PAYLOADS = [line for line in (Path(__file__).parent / "injection" / "payloads.txt").read_text(encoding="utf-8").split("\n")
            if line]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(injected_site):
    return {str(p.relative_to(injected_site)): parse(p) for p in sorted(injected_site.rglob("*.html"))}


def test_the_payloads_are_many():
    assert len(PAYLOADS) >= 100


def test_no_page_has_a_script_handler_or_dangerous_url_from_content(pages):
    found = []
    for name, page in pages.items():
        for tag, attrs in page.tags:
            if tag == "script" and "/theme/js/" not in attrs.get("src", ""):
                found.append((name, tag, attrs))
            for attribute, value in attrs.items():
                if attribute.startswith("on"):
                    found.append((name, tag, attribute))
                cleaned = "".join(value.split()).lower()
                if attribute in URL_ATTRIBUTES and cleaned.startswith(DANGEROUS_SCHEMES) and value != "data:,":
                    found.append((name, tag, attribute, value))
    assert found == []
    assert len(pages) > 400


def test_no_element_appears_that_the_real_site_does_not_have(pages, built_site):
    real = {tag for path in built_site.rglob("*.html") for tag, _ in parse(path).tags}
    injected = {tag for page in pages.values() for tag, _ in page.tags}
    assert injected - real == set()


def test_every_payload_is_published_as_text(pages, injected_site):
    text = " ".join(" ".join(page.text) for page in pages.values()).split()
    joined = " ".join(text)
    assert [p for p in PAYLOADS if " ".join(p.split()) not in joined] == []


def test_json_keeps_each_payload_exactly_as_written(injected_site):
    """Corrected titles and their reasons come from YAML unchanged: each payload is one of them, exactly."""
    issues = json.loads((injected_site / "data" / "issues.json").read_text(encoding="utf-8"))
    written = {i["title"] for i in issues} | {c["reason"] for i in issues for c in i["corrections"]}
    assert [p for p in PAYLOADS if len(p) <= 500 and p.strip() not in written] == []


def test_no_csv_cell_starts_a_formula(injected_site):
    cells = 0
    for path in injected_site.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    cells += 1
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    assert cells > 10_000


def test_feeds_are_well_formed_and_hold_payloads_as_text(injected_site):
    titles = []
    for path in injected_site.rglob("*.atom.xml"):
        root = ET.parse(path).getroot()
        assert [e.tag for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "iframe", "object")] == []
        titles += [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<" in (t or "") for t in titles)
