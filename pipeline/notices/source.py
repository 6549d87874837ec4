"""Load a raw notice and repair what text extraction broke, keeping line numbers.

The raw file is evidence and is never changed; every cleaned line remembers
the number of the raw line it came from, so each published field can point
back to the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..problems import ERROR, PipelineError, Problem, error

CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters next to which a space is never meaningful in Chinese text.
_CJKISH = CJK_CHAR + r"\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"

PAGE_NUMBER = re.compile(r"^[—\-–－]+\s*\d{1,4}\s*[—\-–－]+$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")

_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_ASCII.update({0x3000: 0x20, 0x00A0: 0x20, 0x09: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFEFF: None})
# Zero-width characters carry nothing but could split a name into a look-alike (市环保局 vs 市环\u200d保局).
_FULLWIDTH_ASCII.update({0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None})
_TO_FULLWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_DIGIT_SEPARATORS = re.compile(r"(?<=\d)\s*([,:])\s*(?=\d)")


@dataclass(frozen=True)
class Line:
    """One non-blank raw line after repair; `no` is its 1-based raw line number."""

    no: int
    text: str


def read_raw_lines(path: Path, display_name: str | None = None) -> list[str]:
    """Decode a raw notice file, refusing empty, binary and non-UTF-8 input."""
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error("source.not-found", name, None, "文件不存在，请检查路径和文件名（file not found）。") from None
    except IsADirectoryError:
        raise error("source.is-folder", name, None, "这是一个文件夹，不是文件：请指定通知的 .txt 文件（is a folder）。") from None
    except OSError as exc:
        raise error("source.unreadable", name, None, f"无法读取文件（cannot read file）：{exc.strerror}") from None
    return decode_raw_text(data, name)


MAX_BYTES = 10_000_000  # a notice of thousands of items is a few MB


def decode_raw_text(data: bytes, name: str) -> list[str]:
    if len(data) > MAX_BYTES:
        raise error("source.too-large", name, None,
                    f"文件有 {len(data) // 1_000_000} MB，超过上限 {MAX_BYTES // 1_000_000} MB，不像一份通知的纯文本"
                    "（file too large）。")
    if not data.strip():
        raise error("source.empty", name, None, "文件为空：请放入通知的纯文本内容（the file is empty）。")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise error("source.binary", name, line, "这是二进制文件，不是纯文本：请导出为 UTF-8 编码的 .txt 文件（binary file, expected UTF-8 text）。")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            "source.not-utf8",
            name,
            line,
            "不是 UTF-8 编码的文本：请用“另存为 UTF-8”重新保存（text is not UTF-8; re-save it as UTF-8）。",
        ) from None
    if not text.replace("\u3000", "").replace("\ufeff", "").strip():
        raise error("source.empty", name, None, "文件为空：请放入通知的纯文本内容（the file is empty）。")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    refuse_hidden_characters(lines, name)
    return lines


# Control characters other than tab and form feed (a page break in text from PDFs), and the
# bidirectional controls that make text display in another order than it is stored.
HIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_PROBLEMS_PER_FILE = 20


def refuse_hidden_characters(lines: list[str], name: str) -> None:
    """Every line holding a character that is invisible or moves text around is a problem, with its column."""
    problems = []
    for number, line in enumerate(lines, start=1):
        found = HIDDEN.search(line)
        if found and len(problems) < MAX_PROBLEMS_PER_FILE:
            kind = "方向控制字符" if unicodedata.category(found.group()) == "Cf" else "控制字符"
            problems.append(Problem("source.hidden-character", ERROR, name, number,
                                    f"第 {number} 行第 {found.start() + 1} 个字符是看不见的{kind}（U+{ord(found.group()):04X}），"
                                    "请从原始文件重新复制这一行（hidden control character in the text）。"))
    if problems:
        raise PipelineError(problems)


def canonical_text(text: str) -> str:
    """One spelling for punctuation, whatever width the extraction produced.

    Full-width letters and digits become ASCII; the punctuation of Chinese
    prose (，：；（）！？) becomes full-width, except separators between two
    digits (17:00, 1,000) which stay ASCII.  Runs of spaces collapse to one,
    but a run of two or more stays as two: in some notices two spaces separate
    names in a list (董炳麓  王明朗).
    """
    text = text.translate(_FULLWIDTH_ASCII)
    text = text.replace("%2B", "+").replace("%2b", "+")
    text = _DIGIT_SEPARATORS.sub(lambda m: "\0" + ("c" if m.group(1) == "," else "k"), text)
    text = "".join(_TO_FULLWIDTH.get(ch, ch) for ch in text)
    text = text.replace("\0c", ",").replace("\0k", ":")
    text = re.sub(rf"(?<=[{CJK_CHAR}])\.(?=$|[{_CJKISH}])", "。", text)
    text = re.sub(r" {2,}", "  ", text)
    return text.strip()


def squash_spaces(text: str) -> str:
    """Remove the stray spaces extraction leaves inside Chinese words (开发 区管委会).

    Also puts back the ASCII separator between digits (1 : 8 → 1:8) where a
    line break had kept canonical_text from seeing both digits.
    """
    text = re.sub(rf"\s+(?=[{_CJKISH}])|(?<=[{_CJKISH}])\s+", "", text)
    text = re.sub(r"(?<=\d)\s*([：，])\s*(?=\d)", lambda m: ":" if m.group(1) == "：" else ",", text)
    return re.sub(r"\s+", " ", text).strip()


def display_width(text: str) -> int:
    """Width in columns: a Chinese character counts two, like on the printed page."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clean_lines(raw_lines: list[str]) -> list[Line]:
    """Canonical, non-blank lines without page numbers, each with its raw line number."""
    lines = []
    for index, raw in enumerate(raw_lines, start=1):
        text = canonical_text(raw)
        if not text or PAGE_NUMBER.match(text):
            continue
        lines.append(Line(index, text))
    return lines
