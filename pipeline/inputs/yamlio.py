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
    """A mapping that remembers the line of each key (and its own line)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict = {}

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that remembers the line of each element (and its own line)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.line = 0
        self.item_lines: list = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class Refused(Exception):
    """Something YAML allows but content files must not hold; becomes a problem with this code and line."""

    def __init__(self, code: str, line: int, message: str):
        super().__init__(message)
        self.code, self.line, self.message = code, line, message


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        """No anchors or aliases (&a, *a): content files never need them, and a few lines of them
        can expand to gigabytes."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused("yaml.alias", event.start_mark.line + 1,
                          "内容文件中不能使用 YAML 的锚点和别名（& 和 *）：以 & 或 * 开头的文字请加引号"
                          "（anchors and aliases are not allowed）。")
        return super().compose_node(parent, index)


# Integers are decimal as written: YAML 1.1 would read 046 as 38 (octal), 0x26 and 1_000 as numbers.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:int"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:0|-?[1-9][0-9]*)$"), list("-0123456789"))


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
        if isinstance(key, (list, dict)):
            raise Refused("yaml.syntax", line, "键必须是一个词，不能是列表或映射（a key must be a plain word）。")
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
    """Parse a YAML file; a syntax error becomes a message in Chinese with its line."""
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise error("yaml.not-utf8", name, line, "不是 UTF-8 编码（not UTF-8）：请用 UTF-8 保存。") from None
    except OSError as exc:
        raise error("yaml.unreadable", name, None, f"无法读取（cannot read）：{exc.strerror}") from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str):
    """Parse YAML text (a file, or a front matter padded so its line numbers are the file's)."""
    try:
        return yaml.load(text, Loader=_Loader)
    except DuplicateKey as exc:
        raise error("yaml.duplicate-key", name, exc.line,
                    f"“{exc.key}”写了两次（duplicate key），第 {exc.first} 行已有：请删去其中一处。", str(exc.key)) from None
    except Refused as exc:
        raise error(exc.code, name, exc.line, exc.message) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error("yaml.bad-character", name, line,
                    f"第 {line} 行第 {column} 个字符是不可见的控制字符（U+{exc.character:04X}），YAML 不允许：请删去它，"
                    "或从原始文件重新复制这一行（control character not allowed in YAML）。") from None
    except yaml.MarkedYAMLError as exc:
        line, message = explain_syntax_error(exc)
        raise error("yaml.syntax", name, line, message) from None
    except yaml.YAMLError as exc:
        raise error("yaml.syntax", name, None, f"YAML 格式错误（YAML syntax error）：{exc}") from None


# PyYAML's description of a syntax error → what an editor should look for, in Chinese.
_SYNTAX_HINTS = (
    ("cannot start any token", "这一行以 Tab 或特殊字符开头：YAML 只能用空格缩进，以 @ ` 开头的文字要加引号"),
    ("mapping values are not allowed", "这一行多了一个“: ”：文字中含有冒号时，请把整段文字用引号括起来"),
    ("could not find expected ':'", "缺少“: ”：每个键后要有英文冒号和一个空格，如“title: 标题”"),
    ("expected <block end>", "缩进不一致：同一层的键或“- ”应左对齐，用空格而不是 Tab"),
    ("found unexpected end of stream", "引号或括号没有成对：请检查从提示行开始的引号和括号"),
    ("expected ',' or ']'", "方括号 [ ] 没有成对，或列表中的逗号缺失"),
    ("expected ',' or '}'", "花括号 { } 没有成对，或映射中的逗号缺失"),
    ("found undefined alias", "使用了未定义的 * 别名：以 * 开头的文字要加引号"),
    ("found duplicate anchor", "& 锚点重复：以 & 开头的文字要加引号"),
    ("did not find expected", "格式不完整：请检查缩进、冒号和引号"),
)


def explain_syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line to look at and a plain explanation.

    PyYAML notices an unclosed bracket or quote only where the text ends; the
    mistake is where the bracket or quote opened, which it gives as context.
    """
    problem = exc.problem or ""
    hint = next((text for key, text in _SYNTAX_HINTS if key in problem), "请检查缩进、冒号和引号")
    mark = exc.problem_mark
    if exc.context_mark is not None and ("end of stream" in problem or "expected ','" in problem):
        mark = exc.context_mark
    line = mark.line + 1 if mark else None
    where = f"第 {line} 行：" if line else ""
    return line, f"YAML 格式错误（YAML syntax error: {problem}）。{where}{hint}。"


def line_of(container, key) -> int | None:
    return container.line_of(key) if hasattr(container, "line_of") else getattr(container, "line", None)


DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def as_date(value, name: str, line: int | None, key: str) -> str | None:
    """A date as ISO text; 'YYYY-MM' and 'YYYY' are allowed where the notice is no more precise."""
    if value is None:
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
            raise error("yaml.invalid-date", name, line, f"“{key}”不是有效日期（invalid date）：{value}", key) from None
        return text
    raise error("yaml.not-a-date", name, line,
                f"“{key}”应为日期，如 2020-07-18 或 2019-07（expected a date），实际是：{describe(value)}", key)


def as_day(value, name: str, line: int | None, key: str, code: str, example: str) -> str:
    """A date written to the day (YAML's date or the text YYYY-MM-DD) as ISO text; else the problem `code`."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise error(code, name, line, f"“{key}”应为日期，写到日，如 {example}（expected a day），实际是：{describe(value)}。", key)


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


# Zero-width and bidirectional-control characters: invisible, they make look-alike names and reorder text.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # newline alone is allowed (in multi-line notes)
TEXT_LIMIT = 200  # characters of a name or title; longer texts name their own limit
LIST_LIMIT = 100  # entries of a list in a content file


def check_text(value, name: str, line: int | None, key: str, limit: int = TEXT_LIMIT) -> str:
    """Text as an editor must write it: a string (yes/no/on/off or a number need quotes), no control or
    invisible characters, at most `limit` characters.  Returns it stripped."""
    if not isinstance(value, str):
        raise error("yaml.wrong-type", name, line,
                    f"“{key}”应为文字，实际是：{describe(value)}。YAML 会把 yes、no、on、off、数字和日期读成别的类型，"
                    "文字请加引号（expected text）。", key)
    found = CONTROL.search(value)
    if found:
        raise error("yaml.control-character", name, line, f"“{key}”{_where(found)}是控制字符，请删去它（control character）。",
                    key)
    found = INVISIBLE.search(value)
    if found:
        raise error("yaml.invisible-character", name, line,
                    f"“{key}”{_where(found)}是看不见的零宽或方向控制字符，会造成看起来相同、实际不同的名称，请删去它，"
                    "或重新输入这段文字（invisible character）。", key)
    if len(value) > limit:
        raise error("yaml.too-long", name, line,
                    f"“{key}”有 {len(value)} 个字符，超过上限 {limit}（text too long）：请检查是否粘贴了多余内容。", key)
    return value.strip()


def _where(found: re.Match) -> str:
    return f"第 {found.start() + 1} 个字符（U+{ord(found.group()):04X}）"


def check_list(value, name: str, line: int | None, key: str, what: str, limit: int = LIST_LIMIT) -> list:
    expect_type(value, list, name, line, key, what)
    if len(value) > limit:
        raise error("yaml.too-many", name, line,
                    f"“{key}”有 {len(value)} 项，超过上限 {limit}（too many entries）：请检查是否重复粘贴。", key)
    return value


def expect_type(value, kinds, name: str, line: int | None, key: str, what: str):
    if not isinstance(value, kinds):
        raise error("yaml.wrong-type", name, line, f"“{key}”应为{what}，实际是：{describe(value)}", key)
    return value
