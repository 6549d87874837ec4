"""What each query should find, and how close each engine comes.

The reference is plain substring matching over exactly the text the pages
mark as searchable (`data-pagefind-body` elements), in the normalised form
our engine compares in (pipeline.outputs.search.normalize).  It has no notion of
words, so it is the ideal for a search that promises substring semantics;
Pagefind's word segmentation is measured against the same reference.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.outputs.search import normalize

MARK = "data-pagefind-body"
SKIPPED_TAGS = {"script", "style", "template"}
# the pages of each kind of search document: an issue, a notice (its first page holds what is searched) and
# an edition (its table in pages of urls.EDITION_PAGE_ROWS rows, all one document); disclosure/tv/ is not one
PAGE_GLOBS = ("issues/*/index.html", "notices/*/index.html", "disclosure/*/index.html", "disclosure/*/page/*/index.html")
NOT_DOCUMENTS = ("disclosure/tv/",)


class MarkedTexts(HTMLParser):
    """Collect the full text content of each element carrying `data-pagefind-body`.

    Tracks only the open marked elements (by counting nested tags of the
    same name), so unclosed <p>/<li> elsewhere in the page cannot confuse it.
    Text inside a nested marked element counts for both elements.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._open: list[list] = []  # [tag, depth of that tag, index in texts]
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        for entry in self._open:
            if entry[0] == tag:
                entry[1] += 1
        if any(name == MARK for name, _ in attrs):
            self._open.append([tag, 1, len(self.texts)])
            self.texts.append("")

    def handle_endtag(self, tag) -> None:
        if tag in SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        for entry in self._open:
            if entry[0] == tag:
                entry[1] -= 1
        self._open = [entry for entry in self._open if entry[1] > 0]

    def handle_data(self, data) -> None:
        if self._skipping:
            return
        for _, _, index in self._open:
            self.texts[index] += data


def marked_texts(html: str) -> list[str]:
    parser = MarkedTexts()
    parser.feed(html)
    parser.close()
    return parser.texts


def normalize_url(url: str) -> str:
    """Site-relative path of the document's first page, without host, query or index.html:
    'issues/x-l1-3/', and 'disclosure/plan-x/' for 'disclosure/plan-x/page/2/'."""
    path = urlsplit(url).path.lstrip("/")
    path = path[: -len("index.html")] if path.endswith("index.html") else path
    return re.sub(r"page/\d+/$", "", path)


def page_texts(site: Path) -> dict[str, list[str]]:
    """Normalised marked texts of every issue, notice and edition, by normalised URL.

    Pages without any marked element are left out (with a warning): until
    the templates carry the markup there is nothing defined to search.
    """
    pages: dict[str, list[str]] = {}
    unmarked = 0
    for pattern in PAGE_GLOBS:
        for path in sorted(site.glob(pattern)):
            url = normalize_url(path.relative_to(site).as_posix())
            if url in NOT_DOCUMENTS:
                continue
            texts = marked_texts(path.read_text(encoding="utf-8"))
            if not texts:
                unmarked += 1
                continue
            pages.setdefault(url, []).extend(normalize(t) for t in texts)
    if unmarked:
        print(f"warning: {unmarked} issue/notice/edition pages in {site} have no {MARK} element; "
              "they are left out of the expected results", file=sys.stderr)
    return pages


def query_terms(query: str) -> list[str]:
    return [t for t in (normalize(term) for term in query.split()) if t]


def expected_pages(pages: dict[str, list[str]], query: str) -> set[str]:
    """Pages where every query term is a substring of at least one marked text."""
    terms = query_terms(query)
    return {url for url, texts in pages.items()
            if terms and all(any(term in text for text in texts) for term in terms)}


@dataclass
class Score:
    """Retrieved-vs-expected counts for one query."""
    retrieved: int
    expected: int
    correct: int

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        """1 for nothing found when nothing was expected; undefined (None) for nothing found
        when something was expected, which recall already counts against the engine."""
        if self.retrieved:
            return self.correct / self.retrieved
        return 1.0 if not self.expected else None


def score(retrieved: list[str], expected: set[str]) -> Score:
    found = set(retrieved)
    return Score(len(found), len(expected), len(found & expected))


def summarise(scores: list[Score]) -> dict:
    """Micro-averaged recall and precision over queries, and the worst single query."""
    retrieved = sum(s.retrieved for s in scores)
    expected = sum(s.expected for s in scores)
    correct = sum(s.correct for s in scores)
    recalls = [s.recall for s in scores if s.recall is not None]
    return {
        "recall_micro": correct / expected if expected else None,
        "recall_min": min(recalls) if recalls else None,
        "precision_micro": correct / retrieved if retrieved else (1.0 if not expected else 0.0),
        "precision_min": min((s.precision for s in scores if s.precision is not None), default=None),
    }
