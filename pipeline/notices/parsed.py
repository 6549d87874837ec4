"""What the list parser produces: spans of text that remember their raw lines, fields, items, lists.

Nothing here reads text; parser.py fills these in and fields.py cuts a
field's text where the notice printed two fields or several measures on one
line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .source import Line, squash_spaces


@dataclass
class Span:
    """Text that runs over raw lines; `parts` pairs each raw line number with its text."""

    parts: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line_no: int, text: str) -> None:
        if text:
            self.parts.append((line_no, text))

    @property
    def raw(self) -> str:
        return "".join(text for _, text in self.parts)

    @property
    def text(self) -> str:
        return squash_spaces(self.raw)

    @property
    def first(self) -> int | None:
        return self.parts[0][0] if self.parts else None

    @property
    def last(self) -> int | None:
        return self.parts[-1][0] if self.parts else None

    def __bool__(self) -> bool:
        return bool(self.text)

    def split_at(self, offset: int) -> tuple[Span, Span]:
        """Two spans, cut `offset` characters into `raw`."""
        left, right, seen = Span(), Span(), 0
        for line_no, text in self.parts:
            if seen + len(text) <= offset:
                left.add(line_no, text)
            elif seen >= offset:
                right.add(line_no, text)
            else:
                left.add(line_no, text[: offset - seen])
                right.add(line_no, text[offset - seen:])
            seen += len(text)
        return left, right

    def strip_prefix(self, count: int) -> Span:
        return self.split_at(count)[1]


@dataclass
class ParsedField:
    key: str
    label: str
    span: Span
    label_line: int
    measures: list[Span] = field(default_factory=list)
    measure_numbers: list[int] = field(default_factory=list)  # printed number of each line-started measure

    @property
    def lines(self) -> tuple[int, int]:
        last = max([self.span.last or self.label_line] + [m.last or self.label_line for m in self.measures])
        return self.label_line, last


@dataclass
class ParsedBlock:
    text: Span | None = None
    fields: list[ParsedField] = field(default_factory=list)


@dataclass
class ParsedItem:
    kind: str  # item | subtask | section-task
    number: int
    numeral: str
    line: int
    head: Span
    sections: list[str]
    section_numbers: tuple[int, ...]
    blocks: list[ParsedBlock] = field(default_factory=list)
    children: list[ParsedItem] = field(default_factory=list)
    restarted: bool = False
    end_line: int = 0
    marker_width: int = 0  # display width of the printed number before the text

    @property
    def fields(self) -> list[ParsedField]:
        return [f for block in self.blocks for f in block.fields]

    def all_items(self):
        yield self
        for child in self.children:
            yield from child.all_items()


@dataclass
class Default:
    """A field value the notice declares for all following items ([以下…不再列出])."""

    key: str
    span: Span
    label_line: int
    from_item: int  # index in ParsedList.items of the item that declared it


@dataclass
class ParsedList:
    index: int
    title: str | None
    title_lines: tuple[int, int] | None
    item_kind: str
    items: list[ParsedItem]
    intro: Span
    restarts: bool
    defaults: list[Default] = field(default_factory=list)

    @property
    def line_start(self) -> int:
        return self.title_lines[0] if self.title_lines else self.items[0].line

    @property
    def line_end(self) -> int:
        return max(item.end_line for item in self.items)


@dataclass
class ParsedNotice:
    file: str
    lines: list[Line]
    lists: list[ParsedList]
