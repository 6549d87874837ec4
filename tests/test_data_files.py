"""data/*.json and *.csv are written record by record (no whole file in memory), with the same bytes as
the whole list serialised at once."""
from __future__ import annotations

from pipeline.outputs.data import json_text, write_csv, write_json

RECORDS = [  # sample data for tests only
    {"id": "sample-1", "title": "示例事项“引号”\\n", "units": ["示例局"], "count": 3, "done": None},
    {"id": "sample-2", "title": "=SUM(A1)", "units": [], "count": -1, "done": True},
]


def test_json_written_record_by_record_is_the_list_as_one_text(tmp_path):
    path = tmp_path / "data" / "records.json"
    write_json(path, (record for record in RECORDS))
    assert path.read_bytes() == json_text(RECORDS).encode("utf-8")
    write_json(path, [])
    assert path.read_text(encoding="utf-8") == "[]\n"


def test_csv_takes_its_rows_from_a_generator(tmp_path):
    from_list, from_generator = tmp_path / "list.csv", tmp_path / "generator.csv"
    write_csv(from_list, RECORDS)
    write_csv(from_generator, (record for record in RECORDS))
    assert from_generator.read_bytes() == from_list.read_bytes()
    lines = from_generator.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "id,title,units,count,done"
    assert lines[2] == "sample-2,'=SUM(A1),[],-1,True"
