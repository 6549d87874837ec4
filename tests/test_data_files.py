"""data/*.json and *.csv are written record by record (no whole file in memory), with the same bytes as
the whole list serialised at once."""
from __future__ import annotations

from dataclasses import asdict

from pipeline.model.records import Block, LineRange, UnitRef
from pipeline.outputs.data import json_text, record_dict, write_csv, write_json

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


def test_record_dict_is_asdict_for_plain_and_nested_records():
    plain = UnitRef(id="u-1", name="市生态环境局", printed="市环保局", collective=False)
    assert record_dict(plain) == asdict(plain)
    nested = Block(text="第一段", source=LineRange(3, 4))
    assert record_dict(nested) == asdict(nested)
    assert record_dict(nested)["source"] == {"line_start": 3, "line_end": 4}
