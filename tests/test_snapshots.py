"""Archived snapshots are read back record by record, whatever the chunk a record straddles."""
from __future__ import annotations

import gzip
import json

import pytest

from pipeline.outputs.data import write_json
from pipeline.outputs.snapshots import Fingerprint, fingerprint_of, snapshot_records

RECORDS = [  # sample records for tests only
    {"id": "sample-1", "title": "示例“引号”]，[", "status": {"category": "ongoing", "days_left": 3, "as_of": "2026-11-22"}},
    {"id": "sample-2", "title": "{\"x\": 1}", "status": {"category": "closed", "days_left": None, "as_of": "2026-11-22"}},
    {"id": "sample-3", "title": "", "status": {"category": "overdue", "days_left": -5, "as_of": "2026-11-22"}},
]


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_a_compressed_snapshot_reads_back_record_by_record(tmp_path, chunk):
    plain = tmp_path / "issues.json"
    write_json(plain, RECORDS)
    zipped = tmp_path / "issues.json.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    assert list(snapshot_records(zipped, chunk)) == RECORDS
    assert list(snapshot_records(plain, chunk)) == RECORDS


def test_an_empty_snapshot_has_no_records_and_a_cut_one_is_an_error(tmp_path):
    empty = tmp_path / "empty.json"
    write_json(empty, [])
    assert list(snapshot_records(empty, 1)) == []
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(RECORDS, ensure_ascii=False)[:-20], encoding="utf-8")
    with pytest.raises((ValueError, json.JSONDecodeError)):
        list(snapshot_records(cut, 16))


def test_the_fingerprint_ignores_what_changes_with_the_date_alone():
    later = [{**r, "status": {**r["status"], "days_left": 0, "as_of": "2026-11-29"}} for r in RECORDS]
    assert fingerprint_of(later) == fingerprint_of(RECORDS)
    changed = [{**RECORDS[0], "status": {**RECORDS[0]["status"], "category": "closed"}}, *RECORDS[1:]]
    assert fingerprint_of(changed) != fingerprint_of(RECORDS)
    fed = Fingerprint()
    for record in RECORDS:
        fed.add(record)
    assert fed.hexdigest() == fingerprint_of(RECORDS)
