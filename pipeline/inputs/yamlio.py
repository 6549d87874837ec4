"""Read editors' YAML files keeping line numbers, and check their shape.

Errors in metadata, corrections or the alias table must say which line of
which file to change, so mappings and lists loaded here remember where each
key and element came from.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..problems import error


class LineDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


class DuplicateKey(Exception):
    def __init__(self, key, line: int, first: int):
        self.key, self.line, self.first = key, line, first


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result.key_lines:
            raise DuplicateKey(key, line, result.key_lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader, node):
    """An impossible date (2020-13-45) stays text, so the key's check can name its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, name: str | None = None):
    """Parse a YAML file; a syntax error becomes a message with its line."""
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(name, None, "不是 UTF-8 编码（not UTF-8）：请用 UTF-8 保存。") from None
    except OSError as exc:
        raise error(name, None, f"无法读取（cannot read）：{exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except DuplicateKey as exc:
        raise error(name, exc.line, f"“{exc.key}”写了两次（duplicate key），第 {exc.first} 行已有：请删去其中一处。") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise error(name, line, f"YAML 格式错误（YAML syntax error）：{exc.problem}。请检查缩进、冒号和引号。") from None


def line_of(container, key) -> int | None:
    return container.line_of(key) if hasattr(container, "line_of") else getattr(container, "line", None)


DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def as_date(value, name: str, line: int | None, key: str, required: bool = False) -> str | None:
    """A date as ISO text; 'YYYY-MM' and 'YYYY' are allowed where the notice is no more precise."""
    if value is None:
        if required:
            raise error(name, line, f"缺少“{key}”（missing {key}）：请填写日期，格式 2020-07-18。")
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1900 < value < 2200:
        return str(value)
    if isinstance(value, str) and DATE_PATTERN.match(value.strip()):
        text = value.strip()
        try:
            parts = [int(p) for p in text.split("-")] + [1, 1]
            dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            raise error(name, line, f"“{key}”不是有效日期（invalid date）：{value}") from None
        return text
    raise error(name, line, f"“{key}”应为日期，如 2020-07-18 或 2019-07（expected a date），实际是：{describe(value)}")


def describe(value) -> str:
    """A value as an editor wrote it, not as Python prints it."""
    if value is None:
        return "空（empty）"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"日期 {value.isoformat()}（YAML 把未加引号的日期读成了日期；如需文本请加引号）"
    if isinstance(value, dict):
        return "一组“键: 值”（a mapping）"
    if isinstance(value, list):
        return "一个列表（a list）"
    return f"“{value}”"


def expect_type(value, kinds, name: str, line: int | None, key: str, what: str):
    if not isinstance(value, kinds):
        raise error(name, line, f"“{key}”应为{what}，实际是：{describe(value)}")
    return value
