"""The parser reads the layout, not the accidents of one extraction.

A seed re-wrapped at other page widths, or with full-width and ASCII
punctuation swapped, must give the same records (only line numbers move).
"""
from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import pytest

from pipeline.notices.process import process_raw_file
from pipeline.outputs.data import issue_record_json

NOTICES = sorted((Path(__file__).resolve().parent.parent / "content" / "notices").glob("*/notice.txt"))
SWAP = str.maketrans({",": "，", "，": ",", ":": "：", "：": ":", ";": "；", "；": ";", "(": "（", "（": "(",
                      ")": "）", "）": ")"})


def width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def rewrap(text: str, columns: int) -> str:
    """Break every line wider than `columns` display columns, as a narrower page would."""
    out = []
    for line in text.split("\n"):
        chunk, used = "", 0
        for ch in line:
            if used + width(ch) > columns and chunk.strip():
                out.append(chunk)
                chunk, used = "", 0
            chunk += ch
            used += width(ch)
        out.append(chunk)
    return "\n".join(out)


def without_line_numbers(records: list[dict]) -> list[dict]:
    records = copy.deepcopy(records)
    for record in records:
        record.pop("source")
        record.pop("field_sources")
        for block in record["blocks"]:
            block.pop("source")
        if record["table_row"]:
            record["table_row"].pop("line_start")
            record["table_row"].pop("line_end")
    return records


def parse_text(text: str, tmp_path: Path, name: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return without_line_numbers([issue_record_json(issue) for issue in process_raw_file(path, name).issues])


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("original")
    return {p.parent.name: parse_text(p.read_text(encoding="utf-8"), folder, p.parent.name + ".txt") for p in NOTICES}


@pytest.mark.parametrize("columns", [56, 64, 80])
@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.parent.name)
def test_rewrapped_notice_parses_to_the_same_records(notice, columns, originals, tmp_path):
    rewrapped = rewrap(notice.read_text(encoding="utf-8"), columns)
    assert rewrapped != notice.read_text(encoding="utf-8")
    assert parse_text(rewrapped, tmp_path, "rewrapped.txt") == originals[notice.parent.name]


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.parent.name)
def test_swapped_punctuation_parses_to_the_same_records(notice, originals, tmp_path):
    swapped = notice.read_text(encoding="utf-8").translate(SWAP)
    assert parse_text(swapped, tmp_path, "swapped.txt") == originals[notice.parent.name]
