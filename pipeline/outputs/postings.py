"""The search index's own file format: delta-coded varint postings in gzip-compressed shards.

Why not lunr's serialised index: lunr.js was only ever a posting store here
(results rank by field, then recency, never by lunr's score), and its format
repeats every document's field vectors in every shard and spells each
posting as `"17":{"at":[3]}`: 223 MB at 10,000 issues.  The same postings as
runs of small integers, gzipped, are about a twentieth of that, and writing
them is a single pass over the documents instead of a lunr.py build per shard.
tests/test_search_format.py proves they hold exactly what lunr.py indexes.

Every file is a gzip stream (search.js inflates it with DecompressionStream,
or reads it as is when a host already did).  A shard or a filter list holds
unsigned LEB128 varints:

  shard        token count, then per token (in code point order): its UTF-8 byte
               length, the bytes, its entry count E, its offset count O, then its
               columns: E docs, E codes, O offsets
  bigram entry doc; code (occurrences − 1) × fields + field; that many offsets
  character    doc; code mask (O is 0)
  filter list  count, doc, doc, …

Within a token the entries run in document order and, in a bigram shard, in
field order within a document.  `doc` is the difference from the previous
entry's document (so the first is the number itself, and a second field of
the same document has 0); `field` indexes the manifest's fields; the offsets
of one field ascend and each after the first is the difference from the one
before; `mask` has bit i set when the character occurs in field i.  A token's
entries are stored column by column (all its docs, then all codes, then all
offsets) because like numbers side by side compress better: 7.6 % fewer bytes
than entry by entry at 10,000 issues (bench/results/search-size-2026-12-02.md).
Result documents are JSON, DOCS_PER_FILE consecutive documents to a file.
"""
from __future__ import annotations

import gzip
import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

GZIP_LEVEL = 9  # the files are written once and fetched many times: smallest wins
TARGET_SHARD_POSTINGS = 6_000  # ≈ 15 KB gzipped at the seed site's density (16 shards before MIN_SHARDS)
MIN_SHARDS = 64  # a small site's shards stay small: a query fetches one shard a bigram (bench/results/search-*)
MAX_SHARDS = 4096
# gzip finds the labels, keys and texts consecutive documents repeat: at 10,000 issues 754 bytes a document
# 4 to a file, 687 at 6 (bench/results/search-size-2026-12-02.md); a query's ten results fetch a little more.
DOCS_PER_FILE = 6


def document_file(n: int) -> str:
    """The file under output/search/ that holds result document `n`, at index n % DOCS_PER_FILE."""
    return f"docs/{n // DOCS_PER_FILE}.json.gz"


def gzipped(data: bytes) -> bytes:
    """A reproducible gzip stream (no name, no time)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def compressed_json(value) -> bytes:
    return gzipped(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8"))


def varints(numbers, out: bytearray) -> None:
    """Append unsigned LEB128 varints."""
    for number in numbers:
        varint(number, out)


def varint(number: int, out: bytearray) -> None:
    """Append one unsigned LEB128 varint."""
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)


class Postings(NamedTuple):
    """One token's entries as a shard stores them, column by column (the layout above), as read back."""
    docs: list[int]
    codes: list[int]
    offsets: list[int]


def shard_bytes(part: dict[str, TokenColumns]) -> bytes:
    """One shard in the varint layout above, gzipped."""
    out = bytearray()
    varints((len(part),), out)
    for token in sorted(part):
        encoded = token.encode("utf-8")
        columns = part[token]
        varints((len(encoded),), out)
        out += encoded
        varints((columns.entries, columns.offset_count), out)
        out += columns.docs
        out += columns.codes
        out += columns.offsets
    return gzipped(bytes(out))


def filter_bytes(numbers: list[int]) -> bytes:
    """Ascending document numbers, delta-coded, gzipped."""
    out = bytearray()
    varints((len(numbers),), out)
    varints(delta_coded(numbers), out)
    return gzipped(bytes(out))


def shard_count(postings: int) -> int:
    """A power of two so that a shard holds about TARGET_SHARD_POSTINGS, and at least MIN_SHARDS."""
    count = MIN_SHARDS
    while count < MAX_SHARDS and postings / count > TARGET_SHARD_POSTINGS:
        count *= 2
    return count


class TokenColumns:
    """One token's columns while the index is built, already as varints: 1–2 bytes an integer where an
    array of them took 4 (at 50,000 issues the postings were the search stage's largest object)."""

    __slots__ = ("docs", "codes", "offsets", "entries", "offset_count", "last_doc")

    def __init__(self):
        self.docs, self.codes, self.offsets = bytearray(), bytearray(), bytearray()
        self.entries = self.offset_count = self.last_doc = 0

    def add(self, doc: int, code: int, offsets=()) -> None:
        """An entry of document `doc` (documents in ascending order): its code and ascending offsets."""
        varint(doc - self.last_doc, self.docs)
        varint(code, self.codes)
        previous = 0
        for offset in offsets:
            varint(offset - previous, self.offsets)
            previous = offset
        self.last_doc = doc
        self.entries += 1
        self.offset_count += len(offsets)


class PositionalPostings:
    """token → columns for the bigram shards, filled document by document in ascending order."""

    def __init__(self, fields: int):
        self.fields = fields
        self.entries: dict[str, TokenColumns] = defaultdict(TokenColumns)
        self.count = 0

    def add(self, doc: int, field: int, tokens: list[tuple[str, int]]) -> None:
        """A field's (token, offset) pairs, offsets ascending."""
        by_token: dict[str, list[int]] = defaultdict(list)
        for token, offset in tokens:
            by_token[token].append(offset)
        for token, offsets in by_token.items():
            self.entries[token].add(doc, (len(offsets) - 1) * self.fields + field, offsets)
            self.count += len(offsets)


class CharacterPostings:
    """token → columns for the character shards: which fields of which document hold the character."""

    def __init__(self):
        self.entries: dict[str, TokenColumns] = defaultdict(TokenColumns)
        self.count = 0

    def add(self, doc: int, fields_characters: list[set[str]]) -> None:
        """Each field's set of characters, for one document (documents in ascending order)."""
        masks: dict[str, int] = defaultdict(int)
        for field, characters in enumerate(fields_characters):
            for char in characters:
                masks[char] |= 1 << field
        for char, mask in masks.items():
            self.entries[char].add(doc, mask)
        self.count += len(masks)


def shards(entries: dict[str, TokenColumns], count: int, shard_of) -> list[dict[str, TokenColumns]]:
    """The tokens spread over `count` shards by shard_of(token, count) (the columns shared, not copied)."""
    parts: list[dict[str, TokenColumns]] = [{} for _ in range(count)]
    for token, entry in entries.items():
        parts[shard_of(token, count)][token] = entry
    return parts


def delta_coded(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first and then the differences."""
    out, previous = [], 0
    for number in numbers:
        out.append(number - previous)
        previous = number
    return out


# -- reading (tests and benchmarks read the files back as search-format.js does) --

def read_varints(data: bytes, at: int = 0, count: int | None = None) -> tuple[list[int], int]:
    """`count` varints from `at` (all of them when None), and the position after them."""
    out: list[int] = []
    while at < len(data) and (count is None or len(out) < count):
        value, shift = 0, 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        out.append(value)
    return out, at


def read_shard(data: bytes) -> dict[str, Postings]:
    """A shard file's tokens and their columns."""
    data = gzip.decompress(data)
    (count,), at = read_varints(data, 0, 1)
    tokens = {}
    for _ in range(count):
        (length,), at = read_varints(data, at, 1)
        token = data[at:at + length].decode("utf-8")
        (entries, offset_count), at = read_varints(data, at + length, 2)
        docs, at = read_varints(data, at, entries)
        codes, at = read_varints(data, at, entries)
        offsets, at = read_varints(data, at, offset_count)
        tokens[token] = Postings(docs, codes, offsets)
    return tokens


def positions(postings: Postings, fields: int) -> dict[int, dict[int, list[int]]]:
    """A bigram's entries as document → field → offsets."""
    out: dict[int, dict[int, list[int]]] = {}
    doc = at = 0
    for step, code in zip(postings.docs, postings.codes):
        doc += step
        count, field = divmod(code, fields)
        offsets, offset = [], 0
        for gap in postings.offsets[at:at + count + 1]:
            offset += gap
            offsets.append(offset)
        out.setdefault(doc, {})[field] = offsets
        at += count + 1
    return out


def masks(postings: Postings) -> dict[int, int]:
    """A character's entries as document → mask of the fields it occurs in."""
    return dict(zip(itertools.accumulate(postings.docs), postings.codes))


def read_filter(data: bytes) -> list[int]:
    deltas, _ = read_varints(gzip.decompress(data))
    numbers, total = [], 0
    for delta in deltas[1:]:
        total += delta
        numbers.append(total)
    return numbers


def read_document(folder: Path, n: int) -> dict:
    """Result document `n` of the index in `folder` (output/search/)."""
    chunk = json.loads(gzip.decompress((folder / document_file(n)).read_bytes()))
    return chunk[n % DOCS_PER_FILE]


def read_all_documents(folder: Path) -> list[dict]:
    """Every result document of the index in `folder`, in number order (document n at index n)."""
    files = sorted(folder.glob("docs/*.json.gz"), key=lambda p: int(p.name.split(".")[0]))
    return [document for path in files for document in json.loads(gzip.decompress(path.read_bytes()))]
