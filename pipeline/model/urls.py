"""Every address of the site: ids → site-relative URLs and the files they are saved as.

URLs come from stable ids (never from titles), end in `/` for pages, and are
relative to the site root; `absolute` prefixes SITE_URL for feeds and the
sitemap.  Nothing else in the pipeline or the theme spells a path.
"""
from __future__ import annotations

import re
from urllib.parse import quote

# Every id (notice, region) is lowercase ASCII, so URLs are stable and readable.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Pages that exist once.
HOME = ""
ISSUES_INDEX = "issues/"
UNITS_INDEX = "units/"
ARCHIVES = "archives/"
ABOUT = "about/"
DISCLOSURE = "disclosure/"  # the 督办公开 column: its editions live under it
BROADCASTS = "disclosure/tv/"  # the weekly TV scripts (一台)
CORRECTIONS = "corrections/"
SEARCH = "search.html"
NOT_FOUND = "404.html"
SEARCH_INDEX = "search/"
NOTICES_FEED = "feeds/notices.atom.xml"
UPDATES_FEED = "feeds/updates.atom.xml"
CHANGES = "changes/"  # 本周变化: what changed in the last 7 days
OVERDUE = "overdue/"  # every item past its deadline and not completed
SNAPSHOTS = "data/snapshots/"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
HEADERS = "_headers"
DATA_NAMES = ("notices", "issues", "units", "regions", "updates")


def sitemap_part(number: int) -> str:
    """One part of a sitemap too long for one file (sitemap.xml is then their index)."""
    return f"sitemaps/{number}.xml"


def notice_url(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def notice_text(notice_id: str) -> str:
    """The original text, byte for byte."""
    return f"notices/{notice_id}.txt"


def notice_download(notice_id: str, suffix: str) -> str:
    """A notice's own issues as data: suffix json or csv."""
    return f"notices/{notice_id}/issues.{suffix}"


def line_anchor(line: int) -> str:
    """The id of a line of the original text on its notice page."""
    return f"L{line}"


def list_anchor(index: int) -> str:
    """The id of a task list's section on its notice page."""
    return f"list-{index}"


def section_anchor(list_index: int, position: int) -> str:
    """The id of the `position`-th section (from 1) of a task list on its notice page."""
    return f"{list_anchor(list_index)}-section-{position}"


def part_anchor(list_index: int, position: int) -> str:
    """The id of the `position`-th heading (from 1) of a task list that only holds other headings (三、…)."""
    return f"{list_anchor(list_index)}-part-{position}"


# Lines of a notice's original text a page shows: the notice page the first TEXT_PAGE_LINES, then text pages
# notices/ID/text/2/, text/3/ … of as many each.  Measured on a synthetic project of 2,000 issues
# (bench/page_sizes.py): a line is about 180 bytes of HTML (anchor, number link, text; the seed notices' lines
# are 28–127 bytes of text), and a notice page with its first 200 items is about 128 KB without the text;
# 1,000 lines are about 180 KB, so page 1 stays near 310 KB, well under the 500 KB limit (issue 15), with
# room for a task table (附表) or lines twice as long, and a text page is about the size of a list page.
TEXT_PAGE_LINES = 1000


def text_page_of(line: int) -> int:
    """The text page (from 1) that holds `line` of a notice's original text."""
    return (line - 1) // TEXT_PAGE_LINES + 1


def notice_text_page(notice_id: str, number: int) -> str:
    """Text page `number` of a notice's original text: the first is on the notice page itself."""
    return notice_url(notice_id) if number == 1 else f"{notice_url(notice_id)}text/{number}/"


SOURCE_ANCHOR = "source"  # the original text's section on the notice page


def notice_source(notice_id: str) -> str:
    """The original text's first page: its section of the notice page."""
    return f"{notice_url(notice_id)}#{SOURCE_ANCHOR}"


def notice_line(notice_id: str, line: int) -> str:
    """One line of the original text, on the page that holds it."""
    return f"{notice_text_page(notice_id, text_page_of(line))}#{line_anchor(line)}"


def notice_list(notice_id: str, index: int) -> str:
    return f"{notice_url(notice_id)}#{list_anchor(index)}"


def notice_lines(notice_id: str, start: int, end: int) -> str:
    """The original text, lines start–end highlighted, on the page that holds line `start` (a range that
    runs past the end of that page is highlighted there up to its last line)."""
    return f"{notice_text_page(notice_id, text_page_of(start))}?hl={start}-{end}#{line_anchor(start)}"


def correction_anchor(issue_id: str, field: str) -> str:
    """The id of one correction's row on the corrections page."""
    return f"{issue_id}-{field}".replace("_", "-")


def correction_url(issue_id: str, field: str) -> str:
    return f"{CORRECTIONS}#{correction_anchor(issue_id, field)}"


def issue_url(issue_id: str) -> str:
    return f"issues/{issue_id}/"


def unit_url(unit_id: str) -> str:
    return f"units/{unit_id}/"


def region_url(region_id: str) -> str:
    return f"regions/{region_id}/"


def issues_by_status(category: str) -> str:
    return f"issues/status/{category}/"


def issues_by_year(year: str | None) -> str:
    """Issues whose deadline falls in `year`; None: those without a dated deadline."""
    return f"issues/year/{year or 'none'}/"


def list_page(url: str, number: int) -> str:
    """Page `number` (from 1) of a paginated list at `url`: the first keeps the list's own URL, the others are
    `url` + page/N/ (issues/ → issues/page/2/, regions/zhengzhou/ → regions/zhengzhou/page/2/)."""
    return url if number == 1 else f"{url}page/{number}/"


FILTERS = ("region", "notice", "unit", "status", "year")  # the all-issues table's filters, in the form's order
FILTERS_ANCHOR = "filter-h"  # the filters' heading: a filtered address opens there, the choices and the count in view


def issues_filtered(**choices: str) -> str:
    """The all-issues table with its filters set (issues/?region=henan&status=overdue#filter-h): the whole of a region's,
    a unit's, a status's or a year's list, which their own pages show only the first page of (a year None: no
    dated deadline).  The table's script (issues-table.js) reads the same names."""
    unknown = set(choices) - set(FILTERS)
    if unknown:
        raise ValueError(f"not a filter of the all-issues table: {sorted(unknown)}")
    values = {**choices, **({"year": choices["year"] or "none"} if "year" in choices else {})}
    query = "&".join(f"{name}={quote(values[name], safe='')}" for name in FILTERS if name in values)
    return f"{ISSUES_INDEX}?{query}#{FILTERS_ANCHOR}" if query else ISSUES_INDEX


def issues_rows(number: int) -> str:
    """The rows of page `number` of the all-issues list as data, for its filters (issues/rows/2.json)."""
    return f"{ISSUES_INDEX}rows/{number}.json"


def region_feed(region_id: str) -> str:
    return f"feeds/regions/{region_id}.atom.xml"


def unit_feed(unit_id: str) -> str:
    return f"feeds/units/{unit_id}.atom.xml"


def updates_feed(kind: str, record_id: str) -> str:
    """Progress updates of one region, unit or notice (kind: regions | units | notices)."""
    return f"feeds/updates/{kind}/{record_id}.atom.xml"


def update_anchor(update_id: str) -> str:
    return f"u-{update_id}"


def update_url(issue_id: str, update_id: str) -> str:
    """One update in the timeline of one item's page."""
    return f"{issue_url(issue_id)}#{update_anchor(update_id)}"


def evidence_file(content_path: str) -> str:
    """An evidence file under content/ as published (content/updates/files/a.pdf → files/updates/files/a.pdf)."""
    return f"files/{content_path}"


SNAPSHOT_NAME = "issues.json.gz"  # issues.json as published that day, gzip-compressed (a sixth of the bytes)


def snapshot_file(date: str, name: str = SNAPSHOT_NAME) -> str:
    """The data as published on `date`, kept so it can be cited later (`name`: the file's name in the archive,
    so a snapshot archived as plain issues.json keeps the address it was published at)."""
    return f"{SNAPSHOTS}{date}/{name}"


def edition_url(edition_id: str) -> str:
    """One 督办公开 edition: a supervision list or its handling status."""
    return f"{DISCLOSURE}{edition_id}/"


# Rows of an edition's table a page shows (as paging.PAGE_SIZE: a 500-row edition was 535–554 KB of HTML on
# one page, 200 rows are about 220 KB).  Page N holds the rows numbered (N-1)*EDITION_PAGE_ROWS+1 … N*EDITION_PAGE_ROWS
# (序号 are unique positive integers), so a link to a row needs only its number, even in a handling
# edition that reports on some rows of its list.
EDITION_PAGE_ROWS = 200


def edition_page_of(number: str | int) -> int:
    """The page (from 1) of an edition's table that holds the row numbered `number` (its 序号)."""
    return (int(number) - 1) // EDITION_PAGE_ROWS + 1


def edition_row_anchor(number: str | int) -> str:
    return f"row-{number}"


def edition_row(edition_id: str, number: str | int) -> str:
    """One row of an edition's table, on the page that holds it."""
    return f"{list_page(edition_url(edition_id), edition_page_of(number))}#{edition_row_anchor(number)}"


def edition_download(edition_id: str, suffix: str) -> str:
    """An edition's table as data (csv, json), as the newspaper's PDF (pdf), or its source file (yml)."""
    return f"{edition_url(edition_id)}{edition_id}.{suffix}"


def broadcast_url(week: str) -> str:
    """The Thursday TV script of one ISO week (2017-w39)."""
    return f"{BROADCASTS}{week}/"


def broadcast_page(week: str, number: int) -> str:
    """Page `number` (from 1) of a week's script on the web (site/paging.script_pages cuts it by whole
    paragraphs): the first is the script's own page, then disclosure/tv/WEEK/page/2/ …"""
    return list_page(broadcast_url(week), number)


def broadcast_file(week: str, suffix: str) -> str:
    """The script as plain text (txt) or its captions (srt)."""
    return f"{broadcast_url(week)}{week}.{suffix}"


def data_file(name: str, suffix: str) -> str:
    """data/issues.json and its CSV twin, and so on for DATA_NAMES."""
    return f"data/{name}.{suffix}"


def saved_as(url: str) -> str:
    """The file a URL is served from: a folder URL's index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def absolute(base: str, url: str) -> str:
    """`base` is SITE_URL with a trailing slash, or "/" for a site-relative address."""
    return base + url
