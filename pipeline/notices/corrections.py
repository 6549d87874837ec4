"""Apply editors' corrections (checked by inputs/corrections.py) to the drafts of a notice.

They are applied after every parse, so they survive re-parsing.  An entry
that matches no item, corrects a field twice, or whose `was` no longer
matches what was parsed stops the build: a silent stale correction would
publish something nobody checked.
"""
from __future__ import annotations

from ..model.records import FIELD_NAMES_ZH, Correction, Person
from ..problems import Diagnostics
from .drafts import Draft, FieldValue
from .names import Name


def apply_corrections(drafts: list[Draft], entries, diag: Diagnostics) -> None:
    """`entries`: CorrectionEntry records of inputs/corrections.py, in file order."""
    by_id = {draft.local_id: draft for draft in drafts}
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        target = (entry.item, entry.field)
        if target in seen:
            diag.error("correction.twice", entry.file, entry.line,
                       f"条目 {entry.item} 的“{entry.field}”已在第 {seen[target]} 行更正过，不能更正两次（corrected twice）。",
                       entry.field)
            continue
        seen[target] = entry.line
        draft = by_id.get(entry.item)
        if draft is None:
            examples = "、".join(d.local_id for d in drafts[:3])
            diag.error("correction.no-match", entry.file, entry.line,
                       f"更正对应的条目“{entry.item}”不存在（correction matches no item）。"
                       f"条目编号是 issues.json 中 id 的最后一段，例如 {examples}；可运行 make report 或查看 issues.csv。", "item")
            continue
        _apply(draft, entry, diag)


def _current(draft: Draft, key: str) -> FieldValue | None:
    """The draft's value of a field other than `section` (a plain text), with its lines."""
    return {"title": draft.title, "problem": draft.problem}.get(key, draft.fields.get(key))


def _current_text(draft: Draft, key: str) -> str | None:
    """The parsed value as an editor reads it, to compare with `was`."""
    if key == "section":
        return draft.section
    value = _current(draft, key)
    if value is None:
        return None
    if isinstance(value.value, list):
        return "、".join(v.printed if isinstance(v, Name) else v.text if isinstance(v, Person) else str(v)
                        for v in value.value)
    return value.value


def _apply(draft: Draft, entry, diag: Diagnostics) -> None:
    key = entry.field
    current = _current_text(draft, key)
    replaced = None if key == "section" else _current(draft, key)
    if entry.was is not None:
        if entry.was != (current or ""):
            diag.error("correction.stale", entry.file, entry.line,
                       f"更正已过时：条目 {draft.local_id} 的“{FIELD_NAMES_ZH.get(key, key)}”现在是“{current}”，"
                       f"不是 was 中写的“{entry.was}”。请核对后更新或删除这条更正（stale correction）。", key)
            return
    # the corrected value keeps the lines of the value it replaces: readers can still check the original
    corrected = FieldValue(entry.value, replaced.lines if replaced else None, "correction",
                           f"{entry.file}:{entry.line}")
    if key == "title":
        draft.title = corrected
    elif key == "problem":
        draft.problem = corrected
    elif key == "section":
        draft.section = entry.value
    else:
        draft.fields[key] = corrected
    draft.corrections.append(Correction(key, entry.reason, entry.date, current, _current_text(draft, key),
                                        entry.file, entry.line))
