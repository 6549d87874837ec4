"""Find the numbered items of a notice and the fields printed under each.

Input: repaired lines (source.py) classified by structure.py.  Output:
`ParsedList`s of `ParsedItem`s whose texts are `Span`s that still know their
raw line numbers.  Nothing here interprets a field (splitting units,
reading dates): that is model.py's job.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..problems import Diagnostics
from ..notices.source import Line, display_width, squash_spaces
from ..notices.structure import (
    LABEL_INLINE,
    LABELS,
    LIST_FIELDS,
    MARKER_PATTERNS,
    MARKER_RANK,
    SEPARATOR_END,
    TERMINAL_PUNCT,
    FIRST_LABELS,
    Classified,
    Part,
    classify,
    page_width,
    split_parts,
)

# A unit list whose last name is unmistakably complete (…局, …政府) ends there;
# shorter endings are ambiguous across a line break (市委|组织部, 市工信|委).
UNIT_NAME_END = re.compile(r"(局|政府|管委会|公司|中心|办公室)$")
# …and goes on after a complete name only with a separator or a qualifier (…局按职责分工推进).
UNIT_LIST_GOES_ON = tuple(SEPARATOR_END) + ("以及", "按", "依", "负责", "分别", "等")
MAX_GAP = 3  # an item number this far ahead of the expected one is a gap, not stray text


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


def parse_lines(file: str, lines: list[Line], diagnostics: Diagnostics) -> ParsedNotice:
    classified = [classify(line) for line in lines]
    page = page_width(lines)
    lists = []
    for part in split_parts(classified):
        item_kind = detect_item_kind(part.lines)
        if item_kind is None:
            continue
        parsed = _ListParser(file, part, item_kind, len(lists) + 1, page, diagnostics).run()
        if parsed.items:
            lists.append(parsed)
    return ParsedNotice(file, lines, lists)


def detect_item_kind(lines: list[Classified]) -> str | None:
    """The marker kind that numbers the items: the one field blocks follow.

    Each block of field labels votes for the nearest marker above it
    (ignoring （1） sub-points and the 1. 2. numbering of measures).
    """
    votes: Counter[str] = Counter()
    last_marker, in_block, in_measures = None, False, False
    for cl in lines:
        if cl.kind == "label" and cl.colon or cl.kind == "label" and not cl.rest:
            if not in_block and last_marker:
                votes[last_marker] += 1
            in_block = True
            in_measures = LABELS.get(cl.label) == "measures"
        elif cl.kind in ("cn", "pcn", "ar"):
            if in_block and in_measures and cl.kind == "ar":
                continue
            in_block, in_measures = False, False
            last_marker = cl.kind
    if not votes:
        return None
    return votes.most_common(1)[0][0]


class _ListParser:
    """A small state machine over the lines of one part of a notice."""

    def __init__(self, file, part: Part, item_kind, index, page, diagnostics):
        self.file = file
        self.part = part
        self.item_kind = item_kind
        self.rank = MARKER_RANK[item_kind]
        self.index = index
        self.page = page
        self.diag = diagnostics
        self.items: list[ParsedItem] = []
        self.sections: dict[int, tuple[Span, int, int]] = {}  # rank -> (heading, number, line)
        self.section_changed = False
        self.item: ParsedItem | None = None
        self.target: ParsedItem | None = None  # the item or its current sub-point
        self.subpoints: list[ParsedItem] = []
        self.field: ParsedField | None = None
        self.intro = Span()
        self.defaults: list[Default] = []
        self.restarts = False
        self.last_line: Line | None = None

    # -- driving -----------------------------------------------------------
    def run(self) -> ParsedList:
        for cl in self.part.lines:
            if cl.kind == "footer":
                break
            self.feed(cl)
            self.last_line = cl.line
        self.close_item()
        return ParsedList(
            self.index, self.part.title, self.part.title_lines, self.item_kind,
            self.items, self.intro, self.restarts, self.defaults,
        )

    def feed(self, cl: Classified) -> None:
        rank = MARKER_RANK.get(cl.kind)
        in_measures = self.field is not None and self.field.key == "measures"
        if rank is not None and rank < self.rank and not (in_measures and cl.kind == "ar"):
            self.open_section(cl, rank)
            return
        if cl.kind == self.item_kind and self.accepts(cl):
            self.open_item(cl)
            return
        if self.item is None:
            if cl.kind == "label" and self.section_task_possible():
                self.open_section_task()
            else:
                if self.sections and self.section_changed and cl.kind == "text":
                    self.sections[max(self.sections)][0].add(cl.no, cl.text)
                elif not self.items:
                    self.intro.add(cl.no, cl.text)
                return
        if cl.kind == "label" and self.label_starts_field(cl):
            self.start_field(cl)
            return
        if in_measures and (cl.kind == "par" or cl.kind == "ar" and self.rank < MARKER_RANK["ar"]):
            self.field.measures.append(Span([(cl.no, cl.rest)]))
            self.field.measure_numbers.append(cl.number)
            return
        if cl.kind == "par" and self.rank < MARKER_RANK["par"]:
            self.open_subpoint(cl)
            return
        self.add_text(cl)

    # -- sections and items ---------------------------------------------------
    def open_section(self, cl: Classified, rank: int) -> None:
        self.close_item()
        self.sections = {r: s for r, s in self.sections.items() if r < rank}
        self.sections[rank] = (Span([(cl.no, cl.text)]), cl.number, cl.no)
        self.section_changed = True

    def accepts(self, cl: Classified) -> bool:
        """Sequence-aware: a marker is an item only where the numbering allows it.

        The next number, a small gap (reported later), 1 after a new section
        heading, or a repeat of the last number (reported later).  Anything
        else is text that merely starts with a number (1.17万吨…).
        """
        number = cl.number
        last = self.item or (self.items[-1] if self.items else None)
        if last is None:
            return number <= MAX_GAP
        if number == 1 and self.section_changed:
            return True
        if last.kind != "item":
            return False
        expected = last.number + 1
        if expected <= number < expected + MAX_GAP:
            return True
        return number == last.number and bool(re.match(r"[\u4e00-\u9fff“《]", cl.rest))

    def section_path(self) -> tuple[list[str], tuple[int, ...]]:
        ordered = [self.sections[r] for r in sorted(self.sections)]
        return [section_title(s[0]) for s in ordered], tuple(s[1] for s in ordered)

    def open_item(self, cl: Classified) -> None:
        self.close_item()
        restarted = bool(self.items or self.item) and cl.number == 1 and self.section_changed
        if restarted:
            self.restarts = True
        sections, numbers = self.section_path()
        self.item = ParsedItem("item", cl.number, cl.numeral, cl.no, Span([(cl.no, cl.rest)]), sections, numbers,
                               blocks=[ParsedBlock()], restarted=restarted, marker_width=marker_width(cl))
        self.target = self.item
        self.section_changed = False

    def section_task_possible(self) -> bool:
        deepest = max(self.sections) if self.sections else None
        return deepest is not None and self.section_changed

    def open_section_task(self) -> None:
        """A numbered section that carries its own fields is itself a task."""
        deepest = max(self.sections)
        heading, number, line_no = self.sections.pop(deepest)
        sections, numbers = self.section_path()
        self.sections[deepest] = (heading, number, line_no)
        match = MARKER_PATTERNS["pcn"].match(heading.raw)
        numeral = match.group("num") if match else str(number)
        prefix = match.start("rest") if match else 0
        self.item = ParsedItem("section-task", number, numeral, line_no, heading.strip_prefix(prefix), sections, numbers,
                               blocks=[ParsedBlock()], marker_width=display_width(heading.raw[:prefix]))
        self.target = self.item
        self.section_changed = False

    def open_subpoint(self, cl: Classified) -> None:
        self.field = None
        sections, numbers = self.item.sections, self.item.section_numbers
        sub = ParsedItem("subtask", cl.number, cl.numeral, cl.no, Span([(cl.no, cl.rest)]), sections, numbers,
                         blocks=[ParsedBlock()], marker_width=marker_width(cl))
        self.subpoints.append(sub)
        self.target = sub

    def close_item(self) -> None:
        if self.item is None:
            return
        self.close_field()
        item = self.item
        if self.subpoints:
            if any(sub.fields for sub in self.subpoints[:-1]):
                item.children = self.subpoints
            else:
                self.fold_subpoints(item)
        for node in item.all_items():
            node.end_line = max([node.line] + [n for n, _ in node.head.parts]
                                + [f.lines[1] for f in node.fields]
                                + [b.text.last for b in node.blocks if b.text and b.text.last]
                                + [c.end_line for c in node.children])
        self.items.append(item)
        self.item, self.target, self.subpoints, self.field = None, None, [], None

    def fold_subpoints(self, item: ParsedItem) -> None:
        """（1）（2） without fields of their own are just the item's text."""
        for sub in self.subpoints:
            block = item.blocks[-1]
            if block.fields:
                block = ParsedBlock(Span())
                item.blocks.append(block)
            text_span = block.text if block.text is not None else item.head
            text_span.add(sub.line, f"（{sub.numeral}）")
            for part in sub.head.parts:
                text_span.add(*part)
            block.fields.extend(sub.blocks[0].fields)
            item.blocks.extend(sub.blocks[1:])

    # -- fields -------------------------------------------------------------
    def label_starts_field(self, cl: Classified) -> bool:
        """A label without a colon only counts where a field can start.

        After an item's text only the first fields (整改目标/整改措施) can
        follow without a colon; after a short-valued field (units, persons,
        deadline) the next label can; elsewhere only after a full sentence.
        Otherwise the word is part of the text (…责任人员…).
        """
        if cl.colon or not cl.rest:
            return True
        if self.field is not None:
            before = self.field.span.raw.rstrip()
            if before.endswith(SEPARATOR_END):
                return False
            return self.field.key not in ("targets", "measures") or before.endswith(tuple(TERMINAL_PUNCT))
        if cl.label in FIRST_LABELS:
            return True
        block = self.target.blocks[-1]
        before = (block.text or self.target.head).raw.rstrip()
        return before.endswith(tuple(TERMINAL_PUNCT))

    def start_field(self, cl: Classified) -> None:
        self.close_field()
        block = self.target.blocks[-1]
        key = LABELS[cl.label]
        self.field = ParsedField(key, cl.label, Span(), cl.no)
        self.field.span.add(cl.no, cl.rest)
        block.fields.append(self.field)

    def close_field(self) -> None:
        """Split fields printed on one line (…局主体责任：…) and run-together measures."""
        current = self.field
        if current is None:
            return
        block = self.target.blocks[-1]
        position = block.fields.index(current)
        pieces = split_inline_fields(current)
        block.fields[position:position + 1] = pieces
        for piece in pieces:
            if piece.key == "measures":
                piece.measures = split_measures(piece)
            elif not piece.span and not piece.measures:
                self.diag.warn(self.file, piece.label_line, f"“{piece.label}”后没有内容（empty field {piece.label}）。")
            if piece.key in LIST_FIELDS:
                self.note_default(piece)
        block.fields = [f for f in block.fields if f.span or f.measures]
        self.field = None

    def note_default(self, piece: ParsedField) -> None:
        match = re.search(r"[\[【]([^\]】]*不再列出[^\]】]*)[\]】]", piece.span.raw)
        if not match:
            return
        value, _ = piece.span.split_at(match.start())
        piece.span = value
        self.defaults.append(Default(piece.key, value, piece.label_line, len(self.items)))

    # -- text ---------------------------------------------------------------
    def add_text(self, cl: Classified) -> None:
        text = cl.text
        if self.field is not None:
            if self.continues_field(cl):
                if self.field.key == "measures" and self.field.measures:
                    self.field.measures[-1].add(cl.no, text)
                else:
                    self.field.span.add(cl.no, text)
                return
            self.close_field()
            self.target.blocks.append(ParsedBlock(Span([(cl.no, text)])))
            return
        block = self.target.blocks[-1]
        if block.fields:
            self.target.blocks.append(ParsedBlock(Span([(cl.no, text)])))
        elif block.text is not None:
            block.text.add(cl.no, text)
        else:
            self.target.head.add(cl.no, text)

    def continues_field(self, cl: Classified) -> bool:
        """Is this plain line the rest of the field above, or new text?

        Text fields (targets, measures) run until the next label or marker.
        Short fields (units, persons, deadline) continue only where the line
        above was cut by the page (it ends in a separator or fills the line),
        or, for unit lists, with a short fragment such as `密市政府`.
        """
        key = self.field.key
        previous = self.field.measures[-1] if key == "measures" and self.field.measures else self.field.span
        before = previous.raw.rstrip() if previous.parts else ""
        if key in ("targets", "measures") or not before:
            return True
        if before.endswith(SEPARATOR_END):
            return True
        if before.endswith(tuple(TERMINAL_PUNCT)):
            return False
        soft_wrapped = self.last_line is not None and display_width(self.last_line.text) >= 0.85 * self.page
        if key in LIST_FIELDS:
            if UNIT_NAME_END.search(before) and not cl.text.startswith(UNIT_LIST_GOES_ON):
                return False
            short_fragment = display_width(cl.text) < 40 and not re.search(r"[。；！？，]", cl.text)
            return soft_wrapped or short_fragment
        return soft_wrapped


def marker_width(cl: Classified) -> int:
    return display_width(cl.text) - display_width(cl.rest)


def section_title(heading: Span) -> str:
    """A section heading as shown: its text up to the first full stop."""
    return squash_spaces(heading.raw).split("。")[0]


def split_inline_fields(current: ParsedField) -> list[ParsedField]:
    """`牵头单位：…局主体责任：…` holds two fields; cut at each `label：` inside."""
    pieces = [current]
    while True:
        last = pieces[-1]
        match = None
        for candidate in LABEL_INLINE.finditer(last.span.raw):
            if candidate.start() > 0:
                match = candidate
                break
        if match is None:
            return pieces
        left, rest = last.span.split_at(match.start())
        label = re.sub(r"\s+", "", match.group("label"))
        label_line = rest.first or last.label_line
        value = rest.strip_prefix(match.end() - match.start())
        last.span = left
        pieces.append(ParsedField(LABELS[label], label, value, label_line))


_INLINE_PAREN_NUMBER = re.compile(r"（\s*(\d{1,2})\s*）")
_INLINE_DOT_NUMBER = re.compile(r"(?:^|(?<=[。；]))\s*(\d{1,2})[.、](?=[^\d\s])")


def split_measures(current: ParsedField) -> list[Span]:
    """Each numbered measure on its own, also when （1）…（2）… share one line.

    Numbers must run on in sequence across the whole field, so a line that
    starts with （2） and holds （3） inline is cut at （3）, while a stray
    （2018） or a decimal 2.5 never cuts.
    """
    result: list[Span] = []
    expected = 1
    spans = [(None, current.span)] + list(zip(current.measure_numbers, current.measures))
    for number, span in spans:
        if number is not None:
            expected = number + 1
        pieces, expected = _split_numbered(span, expected)
        result.extend(pieces)
    return [s for s in result if s]


def _split_numbered(span: Span, expected: int) -> tuple[list[Span], int]:
    raw = span.raw
    for pattern in (_INLINE_PAREN_NUMBER, _INLINE_DOT_NUMBER):
        cuts, following = [], expected
        for match in pattern.finditer(raw):
            if int(match.group(1)) == following:
                cuts.append((match.start(), match.end()))
                following += 1
        if cuts:
            pieces = []
            preamble, _ = span.split_at(cuts[0][0])
            if preamble:
                pieces.append(preamble)
            for position, (start, end) in enumerate(cuts):
                stop = cuts[position + 1][0] if position + 1 < len(cuts) else len(raw)
                pieces.append(span.split_at(stop)[0].strip_prefix(end))
            return pieces, following
    return [span], expected
