"""The search index's own format holds exactly the postings lunr.py indexes.

Until issue 15 the shards were lunr.js indexes built by lunr.py, one build per
shard (77 % of a 10,000-issue build, 223 MB of files).  The format of
pipeline/outputs/postings.py replaced them; this test builds lunr.py's index of
the seed site the old way (each bigram with its offset as lunr metadata, each
character without) and requires the new shards to decode to the same
token → document → field → offsets, and nothing more.
"""
from __future__ import annotations


import pytest
from lunr.builder import Builder
from lunr.pipeline import Pipeline

from pipeline.outputs.postings import Postings, masks, positions, read_shard
from pipeline.outputs.search import FIELDS, bigrams, characters, field_string, search_documents

POSITION_KEY = "at"
TOKEN_MARK = "\x01"


def _positioned(token, i, tokens):
    """lunr pipeline step: "煤区\\x0117" → token 煤区 with metadata at=17."""
    text, _, offset = str(token).partition(TOKEN_MARK)
    token.string = text
    token.metadata = {POSITION_KEY: int(offset)}
    return token


Pipeline.register_function(_positioned, "positioned_test")


class UnscoredBuilder(Builder):
    """lunr.py's builder without BM25 (which divides by zero on a field that is empty in every document)."""

    def _calculate_average_field_lengths(self):
        self.average_field_length = {}

    def _create_field_vectors(self):
        self.field_vectors = {}


def lunr_inverted_index(documents: list[dict], positional: bool) -> dict:
    builder = UnscoredBuilder()
    builder.ref("n")
    for field in FIELDS:
        builder.field(field)
    if positional:
        builder.pipeline.add(_positioned)
        builder.metadata_whitelist = [POSITION_KEY]
    for document in documents:
        strings = {field: field_string(document["fields"][field]) for field in FIELDS}
        if positional:
            values = {f: [f"{t}{TOKEN_MARK}{offset}" for t, offset in bigrams(s)] for f, s in strings.items()}
        else:
            values = {f: characters(s) for f, s in strings.items()}
        builder.add({"n": document["n"], **values})
    return dict(builder.build().serialize()["invertedIndex"])


def our_tokens(site, kind: str) -> dict[str, Postings]:
    tokens: dict[str, Postings] = {}
    for path in sorted((site / "search" / kind).iterdir()):
        tokens.update(read_shard(path.read_bytes()))
    return tokens


@pytest.fixture(scope="module")
def documents(site_model):
    return search_documents(site_model)


def test_bigram_shards_hold_what_lunr_indexes(built_site, documents):
    theirs = lunr_inverted_index(documents, positional=True)
    ours = our_tokens(built_site, "bi")
    assert sorted(ours) == sorted(theirs)
    for token, entries in ours.items():
        decoded = {doc: {FIELDS[f]: offsets for f, offsets in fields.items()}
                   for doc, fields in positions(entries, len(FIELDS)).items()}
        expected: dict[int, dict[str, list[int]]] = {}
        for field in FIELDS:
            for ref, metadata in theirs[token][field].items():
                expected.setdefault(int(ref), {})[field] = sorted(metadata[POSITION_KEY])
        assert decoded == expected, token
    assert len(ours) > 10_000


def test_character_shards_hold_what_lunr_indexes(built_site, documents):
    theirs = lunr_inverted_index(documents, positional=False)
    ours = our_tokens(built_site, "uni")
    assert sorted(ours) == sorted(theirs)
    for token, entries in ours.items():
        decoded = {doc: {FIELDS[f] for f in range(len(FIELDS)) if mask & 1 << f}
                   for doc, mask in masks(entries).items()}
        expected: dict[int, set[str]] = {}
        for field in FIELDS:
            for ref in theirs[token][field]:
                expected.setdefault(int(ref), set()).add(field)
        assert decoded == expected, token
