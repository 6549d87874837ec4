"""The numbered-list layout: find the numbered items of a notice and the fields printed under each.

Input: repaired lines (source.py) classified by structure.py.  Output:
`ParsedList`s of `ParsedItem`s (parsed.py) whose texts are `Span`s that
still know their raw line numbers.  Nothing here interprets a field
(splitting units, reading dates): drafts.py and finish.py do.  This is the
one layout the seeds use (items `1.`/`一、` followed by labelled fields); a
notice printed another way gets a module of its own beside this one, listed
in process.LAYOUTS.
"""
from __future__ import annotations

import re
from collections import Counter

from ..problems import Diagnostics
from .fields import split_inline_fields, split_measures
from .parsed import Default, ParsedBlock, ParsedField, ParsedItem, ParsedList, ParsedNotice, Span
from .source import Line, display_width, squash_spaces
from .structure import (
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
                self.diag.warn("list.empty-field", self.file, piece.label_line,
                               f"“{piece.label}”后没有内容（empty field {piece.label}）。", piece.key)
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
    """A section heading as shown: its text up to the first full stop, its number written plainly
    (a stray mark of the extraction inside the brackets, （五'）, is not part of the number)."""
    text = squash_spaces(heading.raw).split("。")[0]
    match = MARKER_PATTERNS["pcn"].match(text)
    return f"（{match.group('num')}）{match.group('rest').strip()}" if match else text
