"""Turn parsed items into the published records, with a source for every field.

One `Issue` per numbered item (and per sub-task that carries its own units).
Unit fields become `UnitRef`s (split, cleaned, alias-resolved), deadlines are
normalised, and each field records the raw lines it came from — or that it
was inherited from a shared block, a declared default, or an editor's
correction.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field

from ..model.deadlines import normalise_deadline
from ..problems import Diagnostics
from ..notices.metadata import NoticeMeta
from ..notices.parser import ParsedField, ParsedItem, ParsedList, ParsedNotice, Span
from ..notices.source import display_width, squash_spaces
from ..notices.structure import CLAUSE_PUNCT, LIST_FIELDS, SENTENCE_PUNCT, short_line_limit
from ..notices.names import AliasTable, Name, split_names

FIELD_ORDER = ("targets", "measures", "leaders", "lead_units", "cooperating_units", "responsible_units",
               "responsible_persons", "deadline")
UNIT_FIELDS = ("lead_units", "cooperating_units", "responsible_units")
FIELD_NAMES_ZH = {
    "title": "标题", "problem": "问题/任务", "section": "所属部分", "targets": "整改目标", "measures": "整改措施",
    "leaders": "责任领导", "lead_units": "牵头单位", "cooperating_units": "配合单位",
    "responsible_units": "责任单位", "responsible_persons": "责任人", "deadline": "整改时限",
}


@dataclass
class UnitRef:
    id: str
    name: str
    printed: str
    collective: bool
    note: str | None = None


@dataclass
class FieldValue:
    """A field before normalisation, with where it came from."""

    value: object
    lines: tuple[int, int] | None
    via: str | None = None  # None (printed here) | shared | default | correction
    via_ref: str | None = None

    def source(self) -> dict:
        result = {"line_start": self.lines[0], "line_end": self.lines[1]} if self.lines else {}
        if self.via:
            result["via"] = self.via
        if self.via_ref:
            result["ref"] = self.via_ref
        return result


@dataclass
class Draft:
    """An item on its way to becoming a record; corrections edit drafts."""

    local_id: str
    node: ParsedItem
    parsed_list: ParsedList
    parent: str | None
    title: FieldValue | None
    problem: FieldValue
    section: str | None
    fields: dict[str, FieldValue]
    blocks: list[dict]
    corrections: list[dict] = field(default_factory=list)

    @property
    def has_own_fields(self) -> bool:
        return any(v.via is None for v in self.fields.values())


def unit_id(scope: str, name: str) -> str:
    return f"{scope}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


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


def _drafts_for(node: ParsedItem, parsed_list: ParsedList, parent: str | None, page_width: int, file: str,
                diag: Diagnostics) -> list[Draft]:
    ident = local_id(parsed_list, node, parent)
    title, problem = split_title(node.head, page_width, node.marker_width)
    fields, blocks = _collect_fields(node, file, diag)
    draft = Draft(ident, node, parsed_list, parent, title, problem,
                  node.sections[-1] if node.sections else None, fields, blocks)
    result = [draft]
    for child in node.children:
        result.extend(_drafts_for(child, parsed_list, ident, page_width, file, diag))
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
        return [{"label": parsed.label, "text": parsed.span.text}]
    return parsed.span.text


def _merge_field(fields: dict[str, FieldValue], parsed: ParsedField, file: str, diag: Diagnostics) -> None:
    value = FieldValue(_field_value(parsed), parsed.lines)
    if parsed.key in fields:
        if parsed.key != "responsible_persons":
            diag.warn(file, parsed.label_line,
                      f"同一条目中“{parsed.label}”出现了两次，已合并两处内容（field printed twice; values merged）。")
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
                waiting.fields[key] = FieldValue(value.value, value.lines, "shared", draft.local_id)
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


@dataclass
class Issue:
    id: str
    notice: str
    list_index: int
    list_title: str | None
    kind: str
    seq: str
    number: int
    parent: str | None
    section: str | None
    sections: list[str]
    title: str | None
    problem: str
    targets: str | None
    measures: list[str]
    leaders: list[str]
    lead_units: list[UnitRef]
    cooperating_units: list[UnitRef]
    responsible_units: list[UnitRef]
    responsible_persons: list[dict]
    deadline: dict
    blocks: list[dict]
    source: dict
    field_sources: dict
    corrections: list[dict]

    def to_dict(self) -> dict:
        return asdict(self)


def finish(draft: Draft, meta: NoticeMeta, aliases: AliasTable, raw_file: str) -> Issue:
    """Normalise a (corrected) draft into the published record."""
    region = meta.region["county"] or meta.region["city"]
    scope = meta.region["id"]
    values = {key: draft.fields[key].value if key in draft.fields else None for key in FIELD_ORDER}

    def units(names) -> list[UnitRef]:
        refs = []
        for name in names or []:
            canonical = aliases.resolve(region, name.printed)
            refs.append(UnitRef(unit_id(scope, canonical), canonical, name.printed, aliases.is_collective(canonical),
                                name.note))
        return refs

    node = draft.node
    sources = {}
    if draft.title:
        sources["title"] = draft.title.source()
    sources["problem"] = draft.problem.source()
    for key in FIELD_ORDER:
        if key in draft.fields:
            sources[key] = draft.fields[key].source()
    deadline = normalise_deadline(values["deadline"], meta.year).to_dict()
    blocks = [
        {
            "text": block["text"],
            "source": {"line_start": block["lines"][0], "line_end": block["lines"][1]},
            **{key: _block_value(key, block["fields"].get(key), units, meta) for key in FIELD_ORDER},
        }
        for block in draft.blocks
    ]
    return Issue(
        id=f"{meta.id}-{draft.local_id}",
        notice=meta.id,
        list_index=draft.parsed_list.index,
        list_title=draft.parsed_list.title,
        kind=node.kind,
        seq=node.numeral,
        number=node.number,
        parent=f"{meta.id}-{draft.parent}" if draft.parent else None,
        section=draft.section,
        sections=list(node.sections),
        title=draft.title.value if draft.title else None,
        problem=draft.problem.value,
        targets=values["targets"],
        measures=list(values["measures"] or []),
        leaders=[n.printed for n in values["leaders"] or []],
        lead_units=units(values["lead_units"]),
        cooperating_units=units(values["cooperating_units"]),
        responsible_units=units(values["responsible_units"]),
        responsible_persons=list(values["responsible_persons"] or []),
        deadline=deadline,
        blocks=blocks,
        source={"file": raw_file, "line_start": node.line, "line_end": node.end_line},
        field_sources=sources,
        corrections=draft.corrections,
    )


def _block_value(key, value: FieldValue | None, units, meta):
    if value is None:
        return None
    if key in UNIT_FIELDS:
        return [asdict(u) for u in units(value.value)]
    if key == "leaders":
        return [n.printed for n in value.value]
    if key == "deadline":
        return normalise_deadline(value.value, meta.year).to_dict()
    return value.value


def names_from_correction(value) -> list[Name]:
    """A corrected unit list: a YAML list of names, or text split like the notice."""
    if isinstance(value, str):
        return split_names(value)
    return [Name(squash_spaces(str(v))) for v in value]
