"""Search index: issues, notices and editions as text fields, cut into character bigrams, in shards.

Chinese has no spaces to split words on.  So every field is normalised (per
code point: NFKC, lower case, whitespace and control characters dropped) and
cut into overlapping character bigrams, each stored with its offset.  A query
term of n ≥ 2 characters matches a field exactly when its bigrams occur at
consecutive offsets, which gives substring semantics with no word
segmentation to get wrong; a one-character term uses a second, position-free
index of single characters.  The browser does the same normalisation and
tokenisation (themes/gov/static/js/search-tokens.js; a test compares the two
on every field of the site).

Files, under output/search/ (each .gz a gzip stream in postings.py's format):
  manifest.json            fields, ranked fields, facets, shard counts and the build's version
                           stamp (search.html carries it, so a query needs no extra round trip,
                           and search.js names no field or facet itself)
  bi/NNN.bin.gz            bigram shards, by FNV-1a hash of the bigram
  uni/NNN.bin.gz           single-character shards, by hash of the character
  docs/N.json.gz           what the result list shows, for documents N×6 … N×6+5 (DOCS_PER_FILE)
  filter/FACET/ID.bin.gz   the document numbers in each filter value
Documents are numbered newest notice first, and within a notice in list
order, so "then recency" is a sort by number.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from ..cache import MISSING, BuildCache, content_key_of
from ..model import urls
from ..model.disclosures import Edition
from ..model.records import UNIT_ROLES, Issue, Notice
from ..model.site import SiteModel
from ..model.status import Status
from .postings import (DOCS_PER_FILE, CharacterPostings, document_file, PositionalPostings, TokenColumns, compressed_json, filter_bytes, shard_bytes,
                       shard_count, shards)

SHARDS = "search-shards"  # the build cache's kind for the shard files
MANIFEST = "manifest.json"
FIELDS = ("title", "problem", "body")
RANKED_FIELDS = ("title", "problem")  # a hit here ranks first (search.js applies it, read from the manifest)
SEPARATOR = "\x1f"  # between two values of one field: no bigram spans it
# Whitespace as JavaScript's \s defines it, so both sides drop the same characters.
WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)}
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060"}
FACETS = ("city", "notice", "unit", "status", "year", "kind")


def _dropped(char: str) -> bool:
    code = ord(char)
    return char in WHITESPACE or char in INVISIBLE or code < 0x20 or 0x7F <= code < 0xA0


def normalize(text: str) -> str:
    """The searchable form of a text: what both index and query are compared in."""
    out = []
    for char in text:
        for folded in unicodedata.normalize("NFKC", char).lower():
            if not _dropped(folded):
                out.append(folded)
    return "".join(out)


def field_string(values: list[str]) -> str:
    """One field's values, normalised and joined so no bigram crosses from one to the next."""
    return SEPARATOR.join(normalize(v) for v in values)


def bigrams(field: str) -> list[tuple[str, int]]:
    """Every two adjacent characters of a field with the offset of the first."""
    return [(field[i:i + 2], i) for i in range(len(field) - 1)
            if field[i] != SEPARATOR and field[i + 1] != SEPARATOR]


def characters(field: str) -> list[str]:
    return sorted(set(field) - {SEPARATOR})


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over code points; search-tokens.js computes the same."""
    value = 0x811C9DC5
    for char in token:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(token: str, shards: int) -> int:
    return fnv1a(token) % shards


# -- documents -------------------------------------------------------------

def _unit_texts(units) -> list[str]:
    texts = []
    for unit in units or ():
        texts.append(unit.name)
        if unit.printed and unit.printed != unit.name:
            texts.append(unit.printed)
        if unit.note:
            texts.append(unit.note)
    return texts


def labelled_body(issue: Issue) -> list[tuple[str, str]]:
    """An issue's text fields other than title and problem, each with the label a result shows."""
    body = [("清单", issue.list_title or "")]
    body += [("分节", s) for s in issue.sections]
    body += [("整改目标", issue.targets or "")] + [("整改措施", m) for m in issue.measures]
    body += [("责任领导", x) for x in issue.leaders]
    for key, _, label in UNIT_ROLES:
        body += [(label, x) for x in _unit_texts(getattr(issue, key))]
    body += [("责任人", person.text) for person in issue.responsible_persons]
    body.append(("整改时限", issue.deadline.text or ""))
    for block in issue.blocks:
        body.append(("分项", block.text or ""))
        for key, _, label in UNIT_ROLES:
            body += [(f"分项{label}", x) for x in _unit_texts(getattr(block, key))]
        body.append(("分项整改时限", block.deadline.text if block.deadline else ""))
    if issue.table_row:
        body += [("附表任务", issue.table_row.heading), ("附表工程措施", issue.table_row.measures)]
    return [(label, text) for label, text in body if text]


def issue_fields(issue: Issue) -> dict[str, list[str]]:
    """Every text field of an issue record, as published in issues.json, by search field."""
    return {"title": [issue.title] if issue.title else [],
            "problem": [issue.problem] if issue.problem else [],
            "body": [text for _, text in labelled_body(issue)]}


def labelled_notice_body(notice: Notice) -> list[tuple[str, str]]:
    body = [("文号", notice.doc_number or "")] + [("发布机构", x) for x in notice.issuers]
    body += [("清单", lst.title or "") for lst in notice.lists]
    return [(label, text) for label, text in body if text]


def notice_fields(notice: Notice) -> dict[str, list[str]]:
    """A notice's own text fields in notices.json: title, document number, issuers, list titles."""
    return {"title": [notice.title], "problem": [], "body": [text for _, text in labelled_notice_body(notice)]}


def search_documents(model: SiteModel) -> list[dict]:
    """Every searchable document, numbered newest notice first, each notice before its issues."""
    documents = []
    for notice in model.newest_first:
        documents.append(_notice_document(notice))
        documents += [_issue_document(issue, notice, model.status(issue))
                      for issue in model.issues_by_notice[notice.id]]
    documents += [_edition_document(edition, model) for edition in model.editions]
    for number, document in enumerate(documents):
        document["n"] = number
    return documents


def labelled_edition_body(edition: Edition) -> list[tuple[str, str]]:
    """An edition's searched cells (Edition.searched) other than its problems, each with its column
    heading; a generated edition's plan titles once each."""
    problem = edition.template.problem_column
    cells = [(heading, text) for r in edition.rows for heading, text in (*r.cells.items(), *r.extra.items())
             if text and heading != problem and edition.searched(heading)]
    return list(dict.fromkeys(cells)) if edition.generated else cells


def edition_fields(edition: Edition) -> dict[str, list[str]]:
    problem = edition.template.problem_column
    return {"title": [edition.title],
            "problem": [r.cells[problem] for r in edition.rows if r.cells.get(problem) and edition.searched(problem)],
            "body": [text for _, text in labelled_edition_body(edition)]}


def _edition_document(edition: Edition, model: SiteModel) -> dict:
    notice = model.notices_by_id[edition.notice_id] if edition.generated else None
    return {
        "kind": "edition", "url": edition.url, "fields": edition_fields(edition),
        "body_labels": [label for label, _ in labelled_edition_body(edition)],
        "label": "督办公开", "heading": edition.title,
        "notice": ({"title": notice.short_name, "url": notice.url} if notice
                   else {"title": "督办公开专栏", "url": urls.DISCLOSURE}),
        "region": edition.region, "row_count": len(edition.rows),
        "date": edition.ministry_date or edition.letter_date or "",
        "facets": {"city": edition.region_id, "kind": "edition", "notice": edition.notice_id},
    }


def _notice_document(notice: Notice) -> dict:
    return {
        "kind": "notice", "url": notice.url, "fields": notice_fields(notice),
        "body_labels": [label for label, _ in labelled_notice_body(notice)],
        "label": notice.kind_label, "heading": notice.title,
        "notice": {"title": notice.short_name, "url": notice.url},
        "region": notice.region.name,
        "date": notice.public_date or "", "issue_count": notice.issue_count,
        "facets": {"city": notice.region.id, "notice": notice.id, "kind": "notice"},
    }


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _issue_document(issue: Issue, notice: Notice, status: Status) -> dict:
    return {
        "kind": issue.kind, "url": issue.url, "fields": issue_fields(issue),
        "body_labels": [label for label, _ in labelled_body(issue)],
        "label": f"第{issue.label}项", "heading": _shorten(issue.summary),
        "notice": {"title": notice.short_name, "url": notice.url},
        "region": notice.region.name, "deadline": issue.deadline_text,
        "status": {"category": status.category, "label": status.category_label},
        "facets": {"city": notice.region.id, "notice": notice.id, "kind": issue.kind,
                   "status": status.category, "year": issue.deadline.year or "none",
                   "unit": sorted(set(issue.unit_ids) | issue.block_unit_ids)},
    }


# -- postings --------------------------------------------------------------

def build_shards(documents: list[dict]) -> dict[str, list[dict[str, TokenColumns]]]:
    """The bigram and character shards (postings.py describes their format), in one pass over the documents."""
    bi, uni = PositionalPostings(len(FIELDS)), CharacterPostings()
    for document in documents:
        strings = [field_string(document["fields"][field]) for field in FIELDS]
        for field, string in enumerate(strings):
            bi.add(document["n"], field, bigrams(string))
        uni.add(document["n"], [set(characters(string)) for string in strings])
    return {"bi": shards(bi.entries, shard_count(bi.count), shard_of),
            "uni": shards(uni.entries, shard_count(uni.count), shard_of)}


# -- filters ---------------------------------------------------------------

def filter_lists(documents: list[dict], regions) -> dict[str, dict[str, list[int]]]:
    """Facet → value → the numbers of the documents it keeps."""
    lists: dict[str, dict[str, list[int]]] = {facet: defaultdict(list) for facet in FACETS}
    for document in documents:
        for facet, value in document["facets"].items():
            if facet == "city" or value is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                lists[facet][v].append(document["n"])
    for region in regions:  # a region includes the regions inside it
        inside = set(region.descendants)
        kept = [d["n"] for d in documents if d["facets"]["city"] in inside]
        if kept:
            lists["city"][region.id] = kept
    return {facet: dict(values) for facet, values in lists.items()}


# -- writing ---------------------------------------------------------------

def _result_document(document: dict) -> dict:
    """What a result shows: everything but the facets, which live in filter/, and its number, which is implied."""
    return {key: value for key, value in document.items() if key not in ("facets", "n")}


def shard_files(documents: list[dict], cache: BuildCache) -> tuple[dict[str, bytes], dict[str, int]]:
    """The bigram and character shard files by path, and how many of each kind.  They depend only on the
    documents' numbers and fields: a rebuild that changed no searched text (a progress update) takes them
    from the cache."""
    key = content_key_of(json.dumps([d["n"], d["fields"]], ensure_ascii=False, sort_keys=True) for d in documents)
    cached = cache.get(SHARDS, key)
    if cached is MISSING:
        built, files = build_shards(documents), {}
        for kind, parts in built.items():
            width = len(str(len(parts) - 1))
            for number, part in enumerate(parts):
                files[f"{kind}/{number:0{width}d}.bin.gz"] = shard_bytes(part)
        cached = files, {kind: len(parts) for kind, parts in built.items()}
        cache.put(SHARDS, key, cached)
    return cached


def index_files(model: SiteModel, cache: BuildCache | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of output/search/ as (path, bytes), one at a time (at 50,000 issues they are 80 MB), the
    manifest last: it names the build's version stamp, a hash of every file before it."""
    documents = search_documents(model)
    shards, counts = shard_files(documents, cache or BuildCache(None))
    digests: dict[str, bytes] = {}

    def stamped(name: str, data: bytes) -> tuple[str, bytes]:
        digests[name] = hashlib.sha256(data).digest()
        return name, data

    for name, data in shards.items():  # as built or cached, then the documents and the filters
        yield stamped(name, data)
    for first in range(0, len(documents), DOCS_PER_FILE):
        chunk = documents[first:first + DOCS_PER_FILE]
        yield stamped(document_file(first), compressed_json([_result_document(d) for d in chunk]))
    for facet, values in filter_lists(documents, model.regions).items():
        for value, numbers in values.items():
            yield stamped(f"filter/{facet}/{value}.bin.gz", filter_bytes(numbers))
    version = hashlib.sha256(b"".join(name.encode() + b"\0" + digests[name] for name in sorted(digests)))
    manifest = {"version": version.hexdigest()[:12], "documents": len(documents), "fields": list(FIELDS),
                "ranked": list(RANKED_FIELDS), **counts,
                "docs_per_file": DOCS_PER_FILE, "facets": list(FACETS)}
    yield MANIFEST, (json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
                     + "\n").encode("utf-8")


def write_search_index(model: SiteModel, folder: Path, cache: BuildCache | None = None) -> dict:
    """Write output/search/ file by file; returns the manifest (the last file)."""
    for name, data in index_files(model, cache):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return json.loads(data)
