"""Turn a (corrected) draft into its published `Issue` record.

Names become `UnitRef`s (the alias table gives the current name, the printed
spelling stays beside it), deadlines are normalised, and every field keeps
the source the draft recorded for it.
"""
from __future__ import annotations

import hashlib

from ..model.deadlines import normalise_deadline
from ..model.records import FIELD_ORDER, UNIT_FIELDS, Block, Issue, LineRange, SourceLines, UnitRef
from .drafts import Draft, FieldValue
from .metadata import NoticeMeta
from .names import AliasTable
from .stated import deadline_from_text


def unit_id(scope: str, name: str) -> str:
    """Stable id of a unit: its region's id and a hash of its current name."""
    return f"{scope}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


class _UnitResolver:
    """Names printed in one notice → unit references of that notice's region."""

    def __init__(self, meta: NoticeMeta, aliases: AliasTable):
        self.region = meta.region.name
        self.scope = meta.region.id
        self.aliases = aliases

    def __call__(self, names) -> tuple[UnitRef, ...]:
        refs = []
        for name in names or []:
            canonical = self.aliases.resolve(self.region, name.printed)
            refs.append(UnitRef(unit_id(self.scope, canonical), canonical, name.printed,
                                self.aliases.is_collective(canonical), name.note))
        return tuple(refs)


def finish(draft: Draft, meta: NoticeMeta, aliases: AliasTable, raw_file: str) -> Issue:
    """Normalise a draft into the published record."""
    units = _UnitResolver(meta, aliases)
    values = {key: draft.fields[key].value if key in draft.fields else None for key in FIELD_ORDER}
    node = draft.node
    sources = {}
    if draft.title:
        sources["title"] = draft.title.source(meta.id)
    sources["problem"] = draft.problem.source(meta.id)
    for key in FIELD_ORDER:
        if key in draft.fields:
            sources[key] = draft.fields[key].source(meta.id)
    deadline = normalise_deadline(values["deadline"], meta.year)
    stated = deadline_from_text(node, meta.year) if "deadline" not in draft.fields else None
    if stated:
        deadline, sources["deadline"] = stated
    return Issue(
        id=f"{meta.id}-{draft.local_id}",
        notice=meta.id,
        list_index=draft.parsed_list.index,
        list_title=draft.parsed_list.title,
        kind=node.kind,
        seq=node.numeral,
        number=node.number,
        parent=f"{meta.id}-{draft.parent}" if draft.parent else None,
        parent_seq=draft.parent_seq,
        section=draft.section,
        sections=tuple(node.sections),
        title=draft.title.value if draft.title else None,
        problem=draft.problem.value,
        targets=values["targets"],
        measures=tuple(values["measures"] or ()),
        leaders=tuple(n.printed for n in values["leaders"] or ()),
        lead_units=units(values["lead_units"]),
        cooperating_units=units(values["cooperating_units"]),
        responsible_units=units(values["responsible_units"]),
        responsible_persons=tuple(values["responsible_persons"] or ()),
        deadline=deadline,
        blocks=tuple(_block(block, units, meta) for block in draft.blocks),
        source=SourceLines(raw_file, node.line, node.end_line),
        field_sources=sources,
        corrections=tuple(draft.corrections),
    )


def _block(block: dict, units: _UnitResolver, meta: NoticeMeta) -> Block:
    return Block(block["text"], LineRange(*block["lines"]),
                 **{key: _block_value(key, block["fields"].get(key), units, meta) for key in FIELD_ORDER})


def _block_value(key: str, value: FieldValue | None, units: _UnitResolver, meta: NoticeMeta):
    if value is None:
        return None
    if key in UNIT_FIELDS:
        return units(value.value)
    if key == "leaders":
        return tuple(n.printed for n in value.value)
    if key == "deadline":
        return normalise_deadline(value.value, meta.year)
    if isinstance(value.value, list):
        return tuple(value.value)
    return value.value
