"""Turn parsed items into drafts: one per record, each field with the lines it came from.

One draft per numbered item (and per sub-task that carries its own units),
with a stable local id, a title split from the text, and its fields merged
from the blocks printed under it.  Fields may also come from a shared
responsibility block (campaign plans) or a default the list declares; the
draft says so.  Corrections edit drafts; finish.py turns them into records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.records import Correction, FieldSource, Person
from ..problems import Diagnostics
from .metadata import NoticeMeta
from .names import split_names
from .parser import ParsedField, ParsedItem, ParsedList, ParsedNotice, Span
from .source import display_width
from .structure import CLAUSE_PUNCT, LIST_FIELDS, SENTENCE_PUNCT, short_line_limit


@dataclass
class FieldValue:
    """A field before normalisation, with where it came from."""

    value: object
    lines: tuple[int, int] | None
    via: str | None = None  # None (printed here) | shared | default | correction
    via_ref: str | None = None  # shared: the sharing draft's local id; correction: corrections.yml:line
    via_seq: str | None = None  # shared: the sharing item's printed number

    def source(self, notice_id: str) -> FieldSource:
        start, end = self.lines if self.lines else (None, None)
        ref = f"{notice_id}-{self.via_ref}" if self.via == "shared" else self.via_ref
        return FieldSource(start, end, self.via, ref, self.via_seq)


@dataclass
class Draft:
    """An item on its way to becoming a record; corrections edit drafts."""

    local_id: str
    node: ParsedItem
    parsed_list: ParsedList
    parent: str | None
    parent_seq: str | None
    title: FieldValue | None
    problem: FieldValue
    section: str | None
    fields: dict[str, FieldValue]
    blocks: list[dict]
    corrections: list[Correction] = field(default_factory=list)


def build_drafts(meta: NoticeMeta, parsed: ParsedNotice, page_width: int, diag: Diagnostics) -> list[Draft]:
    drafts: list[Draft] = []
    for parsed_list in parsed.lists:
        list_drafts = []
        for node in parsed_list.items:
            list_drafts.extend(_drafts_for(node, parsed_list, None, page_width, parsed.file, diag))
        if meta.kind == "campaign_plan":
            _share_blocks(list_drafts)
        _apply_defaults(list_drafts, parsed_list)
        drafts.extend(list_drafts)
    return drafts


def local_id(parsed_list: ParsedList, node: ParsedItem, parent: str | None) -> str:
    """`l1-38`; a sub-task `l1-17-2`; per-section numbering `l3-s4-9`; a section task `l3-s1`."""
    if parent:
        return f"{parent}-{node.number}"
    if node.kind == "section-task":
        return f"l{parsed_list.index}-s{node.number}"
    if parsed_list.restarts:
        section = node.section_numbers[-1] if node.section_numbers else 0
        return f"l{parsed_list.index}-s{section}-{node.number}"
    return f"l{parsed_list.index}-{node.number}"


def _drafts_for(node: ParsedItem, parsed_list: ParsedList, parent: Draft | None, page_width: int, file: str,
                diag: Diagnostics) -> list[Draft]:
    ident = local_id(parsed_list, node, parent.local_id if parent else None)
    title, problem = split_title(node.head, page_width, node.marker_width)
    fields, blocks = _collect_fields(node, file, diag)
    draft = Draft(ident, node, parsed_list, parent.local_id if parent else None, parent.node.numeral if parent else None,
                  title, problem, node.sections[-1] if node.sections else None, fields, blocks)
    result = [draft]
    for child in node.children:
        result.extend(_drafts_for(child, parsed_list, draft, page_width, file, diag))
    return result


def split_title(head: Span, page_width: int, marker: int = 0) -> tuple[FieldValue | None, FieldValue]:
    """Separate a heading (加快监测网络建设) or a short first sentence from the item text.

    A heading is one or more unpunctuated lines, the last of them shorter
    than the page or visibly shorter than the line after it: the printed
    layout, not the words, marks it.  Otherwise
    a first sentence of at most 30 characters without commas is a title.
    """
    limit = short_line_limit(page_width)
    parts = head.parts
    heading_end = 0
    for position, (_, text) in enumerate(parts):
        if CLAUSE_PUNCT.search(text) or not _balanced("".join(t for _, t in parts[:position + 1])):
            break
        printed = display_width(text) + (marker if position == 0 else 0)
        following = display_width(parts[position + 1][1]) if position + 1 < len(parts) else 0
        if printed < limit or printed <= following - 8:
            heading_end = position + 1
            break
    if 0 < heading_end < len(parts):
        body = Span(parts[heading_end:])
        if body:
            return _fv(Span(parts[:heading_end])), _fv(body)
    text = head.text
    if len(parts) == 1 and text and not SENTENCE_PUNCT.search(text):
        return _fv(head), _fv(head)
    match = re.match(r"^([^，。；：、,;:]{2,30})。(?=.)", text)
    if match:
        return FieldValue(match.group(1), (head.first, head.first)), _fv(head)
    return None, _fv(head)


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("《》", "“”", "（）"))


def _fv(span: Span) -> FieldValue:
    return FieldValue(span.text, (span.first, span.last))


def _collect_fields(node: ParsedItem, file: str, diag: Diagnostics) -> tuple[dict[str, FieldValue], list[dict]]:
    blocks_with_fields = [b for b in node.blocks if b.fields]
    merged: dict[str, FieldValue] = {}
    blocks = []
    for position, block in enumerate(blocks_with_fields):
        block_fields: dict[str, FieldValue] = {}
        for parsed_field in block.fields:
            _merge_field(block_fields, parsed_field, file, diag)
        for key, value in block_fields.items():
            if key in merged:
                merged[key] = _combine(merged[key], value)
            else:
                merged[key] = value
        if len(blocks_with_fields) > 1:
            text = block.text.text if block.text else None
            lines = [f.lines for f in block.fields] + ([(block.text.first, block.text.last)] if block.text else [])
            blocks.append({"text": text, "fields": block_fields,
                           "lines": (min(a for a, _ in lines), max(b for _, b in lines))})
    return merged, blocks


def _field_value(parsed: ParsedField) -> object:
    if parsed.key == "measures":
        return [m.text for m in parsed.measures]
    if parsed.key in LIST_FIELDS:
        return split_names(parsed.span.raw)
    if parsed.key == "responsible_persons":
        return [Person(parsed.label, parsed.span.text)]
    return parsed.span.text


def _merge_field(fields: dict[str, FieldValue], parsed: ParsedField, file: str, diag: Diagnostics) -> None:
    value = FieldValue(_field_value(parsed), parsed.lines)
    if parsed.key in fields:
        if parsed.key != "responsible_persons":
            diag.warn("list.field-twice", file, parsed.label_line,
                      f"同一条目中“{parsed.label}”出现了两次，已合并两处内容（field printed twice; values merged）。", parsed.key)
        fields[parsed.key] = _combine(fields[parsed.key], value)
    else:
        fields[parsed.key] = value


def _combine(first: FieldValue, second: FieldValue) -> FieldValue:
    if isinstance(first.value, list):
        value = first.value + [v for v in second.value if v not in first.value]
    else:
        value = f"{first.value}；{second.value}"
    lines = (min(first.lines[0], second.lines[0]), max(first.lines[1], second.lines[1]))
    return FieldValue(value, lines)


def _share_blocks(drafts: list[Draft]) -> None:
    """In campaign plans, tasks listed before one responsibility block share it.

    （一）1. 2. 3. followed by one 责任领导/牵头单位/责任单位 block: the block
    covers all three.  Only tasks without any field of their own, in the same
    section, directly before the block, inherit it, marked as shared.
    """
    pending: list[Draft] = []
    for draft in drafts:
        if draft.parent or draft.node.children:
            pending = []
            continue
        if pending and pending[-1].node.sections != draft.node.sections:
            pending = []
        if not draft.fields:
            pending.append(draft)
            continue
        for waiting in pending:
            for key, value in draft.fields.items():
                waiting.fields[key] = FieldValue(value.value, value.lines, "shared", draft.local_id, draft.node.numeral)
        pending = []


def _apply_defaults(drafts: list[Draft], parsed_list: ParsedList) -> None:
    """`[以下…均为责任单位，不再列出]`: the value holds for every later item without one."""
    for default in parsed_list.defaults:
        declaring = parsed_list.items[default.from_item] if default.from_item < len(parsed_list.items) else None
        start = drafts.index(next(d for d in drafts if d.node is declaring)) if declaring else 0
        value = FieldValue(split_names(default.span.raw), (default.label_line, default.span.last or default.label_line),
                           "default", None)
        for draft in drafts[start + 1:]:
            if draft.node.children:
                continue
            if default.key not in draft.fields:
                draft.fields[default.key] = value
