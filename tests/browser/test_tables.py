"""Issue tables on a phone and on a laptop.

Below 600 px every issues table is a list of cards (number, title, lead
unit, deadline, status): a citizen sees the status and the deadline of each
item without scrolling sideways.  At 1366 px the table keeps its columns and
nothing (a status badge, a long unit name) sticks out of its cell.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import sitekit

pytestmark = pytest.mark.browser

# page types whose pages show issues tables, each a different form of the table
TABLE_PAGES = ["notice", "unit", "region", "county", "issues", "issues_subset"]
PHONES = {"360x740": sitekit.SMALL_PHONE, "390x844": sitekit.MOBILE}

CARDS_JS = """() => {
  const width = window.innerWidth;
  const rows = [...document.querySelectorAll('table.issues tbody tr')].filter(r => !r.hidden);
  const problems = [];
  const visible = (el) => { const r = el && el.getBoundingClientRect(); return r && r.width > 0 && r.height > 0; };
  for (const row of rows) {
    const seq = row.querySelector('td.seq');
    const cells = {};
    for (const td of row.cells) cells[td.getAttribute('data-label') || (td.classList.contains('seq') ? 'seq' : 'title')] = td;
    for (const name of ['seq', 'title', '牵头单位', '整改时限', '状态']) {
      const td = cells[name];
      if (!td && name === '状态' && row.closest('table').classList.contains('no-st')) continue;
      if (!visible(td)) { problems.push(`row ${seq && seq.textContent}: no visible ${name}`); continue; }
      const r = td.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) problems.push(`row ${seq.textContent}: ${name} at ${Math.round(r.left)}–${Math.round(r.right)} px, window ${width} px`);
    }
    if (problems.length > 8) break;
  }
  const scrollers = [...document.querySelectorAll('.table-scroll')].filter(s => s.querySelector('table.issues') && s.scrollWidth > s.clientWidth + 1)
    .map(s => `${s.getAttribute('aria-label') || s.getAttribute('aria-labelledby')}: scrolls ${s.scrollWidth} > ${s.clientWidth} px`);
  return {rows: rows.length, problems, scrollers, pageWidth: document.documentElement.scrollWidth};
}"""

CELL_OVERFLOW_JS = """() => {
  const problems = [];
  let cells = 0;
  for (const td of document.querySelectorAll('td, th')) {
    cells += 1;
    const box = td.getBoundingClientRect();
    for (const el of td.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 20)}» ` +
                      `${Math.round(r.left)}–${Math.round(r.right)} px outside its cell ${Math.round(box.left)}–${Math.round(box.right)} px`);
        break;
      }
    }
    if (td.scrollWidth > td.clientWidth + 1) problems.push(`cell «${td.textContent.trim().slice(0, 20)}» content ${td.scrollWidth} px > ${td.clientWidth} px`);
    if (problems.length > 8) break;
  }
  return {cells, problems};
}"""


@pytest.mark.parametrize("viewport", list(PHONES))
@pytest.mark.parametrize("page_type", TABLE_PAGES)
def test_phone_tables_are_cards_with_status_and_deadline(open_page, page_type, viewport):
    loaded = open_page(page_type, PHONES[viewport])
    info = loaded.page.evaluate(CARDS_JS)
    assert info["rows"] > 0, f"{page_type} page {loaded.url} has no issue rows"
    problems = info["problems"] + info["scrollers"]
    if info["pageWidth"] > PHONES[viewport]["width"]:
        problems.append(f"page scrolls sideways: {info['pageWidth']} px")
    if problems:
        pytest.fail(f"{page_type} page {loaded.url} at {viewport} ({info['rows']} rows):\n  " + "\n  ".join(problems),
                    pytrace=False)


@pytest.mark.parametrize("page_type", TABLE_PAGES + ["home", "units", "about", "corrections"])
def test_nothing_overflows_its_cell_on_a_laptop(open_page, page_type):
    loaded = open_page(page_type, sitekit.DESKTOP)
    info = loaded.page.evaluate(CELL_OVERFLOW_JS)
    assert info["cells"] > 0, f"{page_type} page {loaded.url} has no table"
    if info["problems"]:
        pytest.fail(f"{page_type} page {loaded.url} at 1366x768 ({info['cells']} cells):\n  " + "\n  ".join(info["problems"]),
                    pytrace=False)


def test_the_all_issues_table_is_a_table_on_a_laptop(open_page):
    """The cards are for phones only: at 1366 px each row is a table row with its seven columns side by side."""
    loaded = open_page("issues", sitekit.DESKTOP)
    tops = loaded.page.evaluate("() => [...document.querySelector('#issues-table tbody tr').cells]"
                                ".map(td => Math.round(td.getBoundingClientRect().top))")
    assert len(tops) == 7 and len(set(tops)) == 1


OPTIONS_JS = """name => [...document.querySelector('#issue-filters select[name=' + name + ']').options].slice(1)
  .map(o => ({value: o.value, text: o.textContent, disabled: o.disabled}))"""


def test_facet_counts_follow_the_active_filters(open_page, site):
    """With 状态 = 长期坚持 chosen, each region and year choice counts only the 长期坚持 items it holds,
    and a choice that would show nothing is disabled (not a way to an empty table)."""
    issues = json.loads((site.out / "data" / "issues.json").read_text(encoding="utf-8"))
    notices = {n["id"]: n for n in json.loads((site.out / "data" / "notices.json").read_text(encoding="utf-8"))}
    ongoing = [i for i in issues if i["status"]["category"] == "ongoing"]
    loaded = open_page("issues", sitekit.DESKTOP)
    page = loaded.page
    before = {o["value"]: o["text"] for o in page.evaluate(OPTIONS_JS, "region")}
    assert before["shangqiu"] == f"商丘市（{sum(1 for i in issues if notices[i['notice']]['region']['id'] == 'shangqiu')}）"
    page.select_option("#issue-filters select[name=status]", "ongoing")
    # the script loads every page's rows (issues/rows/N.json) first, then counts
    expect(page.locator("#result-count")).to_have_text(f"筛选出 {len(ongoing)} 项（共 {len(issues)} 项）")
    regions = {o["value"]: o for o in page.evaluate(OPTIONS_JS, "region")}
    expected = sum(1 for i in ongoing if notices[i["notice"]]["region"]["id"] == "shangqiu")
    assert regions["shangqiu"]["text"] == f"商丘市（{expected}）"
    years = {o["value"]: o for o in page.evaluate(OPTIONS_JS, "year")}
    assert years["none"]["text"] == f"无具体日期（{len(ongoing)}）"
    assert {v for v, o in years.items() if o["disabled"]} == {v for v in years if v != "none"}
    assert page.locator("#result-count").text_content() == f"筛选出 {len(ongoing)} 项（共 {len(issues)} 项）"


def test_the_unit_choices_wait_in_a_template_until_the_form_is_used(open_page, site):
    """One option a unit would be styled at load on a phone; they become choices at the first focus, or at
    once when the address carries a filter (?unit=…), with their counts."""
    units = json.loads((site.out / "data" / "units.json").read_text(encoding="utf-8"))
    loaded = open_page("issues", sitekit.MOBILE)
    page = loaded.page
    assert page.evaluate(OPTIONS_JS, "unit") == []
    page.focus("#issue-filters select[name=unit]")
    assert len(page.evaluate(OPTIONS_JS, "unit")) == len(units) == 160
    busiest = max(units, key=lambda u: (u["issue_count"], u["id"]))
    page.goto(loaded.url + "?unit=" + busiest["id"])
    expect(page.locator("#result-count")).to_have_text(f"筛选出 {busiest['issue_count']} 项（共 269 项）")
    assert page.eval_on_selector("#issue-filters select[name=unit]", "s => s.value") == busiest["id"]
