"""List pages cut into pages of a bounded number of rows, with the pager each page shows.

A list (all issues, a status or year, a region, a notice, a unit) keeps its URL
for its first page; later pages are `urls.list_page(url, n)`.  Lists made of
groups (a notice's sections, a region's statuses, a unit's notices) are cut
by rows too, and a page that starts inside a group shows the group again,
marked as continued, so every row stays under its heading.
"""
from __future__ import annotations

from typing import NamedTuple

from ..model import urls

# Rows per list page.  Measured on a synthetic project of 2,000 issues (bench/page_sizes.py): a row of the
# all-issues table is 0.8–1.0 KB of HTML (title, lead units, deadline, status, notice, region), a notice's row
# about 0.7 KB; 200 rows are about 200 KB, so a page with its header, filters and pager stays well under the
# 500 KB limit (issue 15) even with long unit lists, and a phone lays out one page quickly.
PAGE_SIZE = 200
PAGER_SPREAD = 2  # page-number links either side of the current page (and always the first and the last)


def pager(url: str, number: int, count: int, rows: int, offset: int, shown: int, page_url=None,
          unit: str = "项") -> dict:
    """The pager of page `number` of `count` for a list at `url` of `rows` rows, this page showing rows
    offset+1 … offset+shown: first/previous/next/last and a window of page numbers (None marks a gap).
    `page_url`(n): the address of page n when it is not `urls.list_page(url, n)`; `unit`: what a row is (项, 行)."""
    at = page_url or (lambda n: urls.list_page(url, n))

    def link(n: int) -> dict:
        return {"number": n, "url": at(n), "current": n == number}

    wanted = sorted({1, count, *range(max(1, number - PAGER_SPREAD), min(count, number + PAGER_SPREAD) + 1)})
    numbers: list[dict | None] = []
    for n in wanted:
        if numbers and numbers[-1] is not None and n > numbers[-1]["number"] + 1:
            numbers.append(None)
        numbers.append(link(n))
    return {
        "number": number, "count": count, "rows": rows, "first_row": offset + 1 if shown else 0,
        "last_row": offset + shown, "unit": unit,
        "first": link(1) if number > 1 else None, "previous": link(number - 1) if number > 1 else None,
        "next": link(number + 1) if number < count else None, "last": link(count) if number < count else None,
        "numbers": numbers,
    }


def paginate(rows: list, url: str, size: int) -> list[dict]:
    """A flat list of rows → its pages: number, url, the rows and the pager."""
    return bucket_pages([rows[start:start + size] for start in range(0, len(rows), size)] or [[]], url)


def bucket_pages(buckets: list[list], url: str, page_url=None, unit: str = "项") -> list[dict]:
    """Rows already cut into pages (page n holds buckets[n-1]) → the pages: number, url, the rows and the
    pager (see `pager` for `page_url` and `unit`)."""
    at = page_url or (lambda n: urls.list_page(url, n))
    total = sum(len(chunk) for chunk in buckets)
    pages, offset = [], 0
    for index, chunk in enumerate(buckets):
        number = index + 1
        pages.append({"number": number, "url": at(number), "rows": chunk,
                      "pager": pager(url, number, len(buckets), total, offset, len(chunk), at, unit)})
        offset += len(chunk)
    return pages


class Line(NamedTuple):
    """A numbered line of a notice's original text: a tuple, a third of the memory of a dict (every line of
    every notice is one, and every item page's excerpt holds its own)."""
    no: int
    text: str


def text_pages(notice_id: str, lines: list[str]) -> list[dict]:
    """A notice's original text → its pages of urls.TEXT_PAGE_LINES numbered lines (Line): the
    first is the notice page's 原文 section (the pager links there), the others text/2/, text/3/ …"""
    numbered = [Line(n, text) for n, text in enumerate(lines, start=1)]
    buckets = [[] for _ in range(urls.text_page_of(len(numbered)) if numbered else 1)]
    for line in numbered:
        buckets[urls.text_page_of(line.no) - 1].append(line)
    at = lambda n: urls.notice_source(notice_id) if n == 1 else urls.notice_text_page(notice_id, n)  # noqa: E731
    pages = bucket_pages(buckets, urls.notice_url(notice_id), at, "行")
    pages[0]["url"] = urls.notice_text_page(notice_id, 1)
    return pages


def edition_pages(edition_id: str, rows: list[dict]) -> list[dict]:
    """An edition's table rows (each with its "number", the 序号) → pages 1 … the page of the highest number,
    each with the rows urls.edition_page_of puts there, in the table's order (a page of numbers no row has
    is empty but still there, so the pager has no gaps)."""
    buckets: list[list[dict]] = [[] for _ in range(max([1, *(urls.edition_page_of(r["number"]) for r in rows)]))]
    for row in rows:
        buckets[urls.edition_page_of(row["number"]) - 1].append(row)
    return bucket_pages(buckets, urls.edition_url(edition_id), unit="行")


def paginate_groups(groups: list[dict], url: str, size: int) -> list[dict]:
    """Groups of rows (each a dict with "rows") in order → pages of at most `size` rows in all.

    A group cut by a page boundary appears on each page it spans, with the rows of that page and
    "continued": True on every page after its first, and "total", the group's rows on all pages; a group without rows (a heading over other headings)
    goes on the page of the next row.  Each page: number, url, groups, pager; each group of a page
    also says "page": the number of the page it starts on.
    """
    pages: list[list[dict]] = [[]]
    filled = 0
    pending: list[dict] = []
    for group in groups:
        if not group["rows"]:
            pending.append({**group, "continued": False, "total": 0})
            continue
        taken = 0
        while taken < len(group["rows"]):
            if filled == size:
                pages.append([])
                filled = 0
            part = group["rows"][taken:taken + size - filled]
            pages[-1] += pending
            pending = []
            pages[-1].append({**group, "rows": part, "continued": taken > 0, "total": len(group["rows"])})
            taken += len(part)
            filled += len(part)
    pages[-1] += pending
    total = sum(len(g["rows"]) for g in groups)
    result, offset = [], 0
    for index, members in enumerate(pages):
        number = index + 1
        shown = sum(len(g["rows"]) for g in members)
        result.append({"number": number, "url": urls.list_page(url, number), "groups": members,
                       "pager": pager(url, number, len(pages), total, offset, shown)})
        offset += shown
    return result


def first_page(groups: list[dict], url: str, size: int, whole: str) -> dict:
    """A list its own page shows only the first `size` rows of (paginate_groups' first page: groups cut short
    keep their "total"); the whole list is the all-issues table filtered to it (`whole`, urls.issues_filtered),
    whose script loads every row as data.  The later pages of every region, unit, status and year repeated
    each item's row about nine times, a quarter of the site's bytes at 10,000 issues (issue 15); the all-issues
    list keeps all its pages, so every item is still reachable without JavaScript.

    The page: url, groups, "total" and "shown" rows, "more" (`whole` when rows were left off, else None) and
    "former_pages", how many pages the list had when all of them were HTML: their addresses (list_page) now
    send a reader to `whole`, so no link that was cited breaks."""
    pages = paginate_groups(groups, url, size)
    pager = pages[0]["pager"]
    return {"url": url, "groups": pages[0]["groups"], "total": pager["rows"], "shown": pager["last_row"],
            "more": whole if pager["last_row"] < pager["rows"] else None, "former_pages": len(pages)}


def first_rows(rows: list, url: str, size: int, whole: str) -> dict:
    """first_page of a list without groups; its rows are the page's "rows"."""
    page = first_page([{"rows": rows}], url, size, whole)
    return {**page, "rows": page.pop("groups")[0]["rows"]}


def notice_pages(lists: list[dict], url: str, size: int) -> list[dict]:
    """A notice's task lists (views._notice: each with its sections) → pages of at most `size` item rows.

    Each page: number, url, pager, and "lists": the lists with rows on it, each with the sections of this
    page.  A page that starts inside a list or a section repeats the headings above its first row (the
    list's title, the parent headings, the section's own title marked continued), without their anchors,
    so a reader always sees where a row belongs; anchors stay on the page where each heading first appears.
    """
    groups = [{**section, "list_index": lst["index"]} for lst in lists for section in lst["sections"] or
              [{"title": "", "depth": 0, "path": (), "rows": [], "anchor": None}]]
    by_index = {lst["index"]: lst for lst in lists}
    pages = paginate_groups(groups, url, size)
    started: set[int] = set()  # lists with a row or heading on an earlier page
    for page in pages:
        page["lists"] = []
        for group in page.pop("groups"):
            index = group["list_index"]
            if not page["lists"] or page["lists"][-1]["index"] != index:
                lst = by_index[index]
                page["lists"].append({**lst, "continued": index in started,
                                      "sections": _context(lst["sections"], group) if index in started else []})
            page["lists"][-1]["sections"].append({**group, "anchor": None} if group["continued"] else group)
        started |= {lst["index"] for lst in page["lists"]}
    return pages


def _context(sections: list[dict], group: dict) -> list[dict]:
    """The headings above `group` in its list (parents first), repeated without anchors on a later page."""
    above = []
    for depth in range(1, len(group["path"])):
        prefix = group["path"][:depth]
        for section in sections:
            if section["path"] == prefix:
                if section["anchor"] != group["anchor"]:
                    above.append({**section, "rows": [], "anchor": None, "continued": True})
                break
    return above


# Characters of a weekly TV script (model/broadcast.py) one web page shows; the .txt and .srt keep the whole
# script.  Measured on a synthetic project of 2,000 issues (bench/page_sizes.py): a script's page was 480 KB
# for 150,000 characters, about 3.3 bytes of HTML a character (UTF-8 Chinese, <p> tags, the links of the
# sections); 60,000 characters are about 200 KB with the header, facts and pager, the size of a list page,
# well under the 500 KB limit (issue 15), and a 761,145-character week at 10,000 issues is 13 pages.
SCRIPT_PAGE_CHARS = 60_000
SCRIPT_LINK_CHARS = 10  # a source link ("本节依据") weighs its label, its URL and this much markup, in characters


def script_pages(script, limit: int | None = None) -> list[dict]:
    """A TV script → its web pages of at most `limit` (SCRIPT_PAGE_CHARS) characters, cut only between
    paragraphs; a paragraph longer than the limit is a page of its own.  A section's source links go with
    the paragraph that restates each record (Section.paired: one a paragraph after the lead), else all with
    its last paragraph, and weigh as much as they print, so no page is only links.  Each page: number, url,
    pager (unit 段: the paragraphs, opening and closing included), "opening"/"closing" (whether it shows
    them) and "sections": those with paragraphs on it, each {heading, paragraphs, links (of those
    paragraphs), continued (it began on an earlier page: the heading is repeated, marked （续）),
    links_continued (some of its links are on an earlier page)}."""
    limit = limit or SCRIPT_PAGE_CHARS
    rows = [("opening", None, script.opening, ())]
    for index, section in enumerate(script.sections):
        last = len(section.paragraphs) - 1
        for n, text in enumerate(section.paragraphs):
            if section.paired:
                links = section.links[n - 1:n] if n else ()
            else:
                links = section.links if n == last else ()
            rows.append(("p", index, text, tuple(links)))
    rows.append(("closing", None, script.closing, ()))
    buckets: list[list[tuple]] = [[]]
    filled = 0
    for row in rows:
        weight = len(row[2]) + sum(len(label) + len(url) + SCRIPT_LINK_CHARS for label, url in row[3])
        if buckets[-1] and filled + weight > limit:
            buckets.append([])
            filled = 0
        buckets[-1].append(row)
        filled += weight
    url = urls.broadcast_url(script.week)
    at = lambda n: urls.broadcast_page(script.week, n)  # noqa: E731
    pages, offset, seen, linked = [], 0, set(), set()
    for number, chunk in enumerate(buckets, start=1):
        sections: list[dict] = []
        for _, index, text, links in chunk:
            if index is None:
                continue
            if not sections or sections[-1]["index"] != index:
                sections.append({"index": index, "heading": script.sections[index].heading, "paragraphs": [],
                                 "links": [], "continued": index in seen, "links_continued": index in linked})
            sections[-1]["paragraphs"].append(text)
            sections[-1]["links"] += links
        seen |= {s["index"] for s in sections}
        linked |= {s["index"] for s in sections if s["links"]}
        pages.append({"number": number, "url": at(number), "opening": chunk[0][0] == "opening",
                      "closing": chunk[-1][0] == "closing", "sections": sections, "offset": offset,
                      "pager": pager(url, number, len(buckets), len(rows), offset, len(chunk), at, "段")})
        offset += len(chunk)
    return pages
