"""`python -m pipeline draft-update FILE`: a completion notice's text → the update file it stands for.

The text is read by notices/completion.py; with `--notice` its item number
is looked up among that notice's items.  Nothing is written: the editor
checks the draft, saves it under content/updates/ and the build checks it
like every other update.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .inputs.content import load_content
from .model.progress import PROGRESS_LABELS
from .notices.completion import CompletionDraft, read_completion
from .notices.source import read_raw_lines
from .problems import error
from .settings import content_settings


def draft_update(path: Path, notice_id: str | None, as_of: str, root: Path) -> dict:
    """The draft as published by --json: what the text states, the matched item, what to check."""
    draft = read_completion(read_raw_lines(path, str(path)), as_of)
    if not draft.is_completion_notice:
        raise error("draft.not-completion-notice", str(path), None,
                    "没有找到公示期（如“公示时间：2026年11月20日至2026年11月26日”），这不像整改完成情况公示或销号公示"
                    "（not a completion notice: no 公示 period found）。请检查是否选错了文件。")
    status = "closed" if draft.end < as_of else "publicity"
    item_id, notes = _match(draft, notice_id, root) if notice_id else (None, [])
    return {
        "item_number": draft.item_number, "item_numbers": draft.item_numbers, "item_text": draft.item_text,
        "item_id": item_id, "status": PROGRESS_LABELS[status], "status_key": status,
        "date": as_of if status == "closed" else draft.start,
        "publicity": {"start": draft.start, "end": draft.end, "days": draft.days,
                      "stated_days": draft.stated_days, "days_unit": draft.days_unit},
        "text": draft.text, "department": draft.department, "phone": draft.phone,
        "fields": draft.fields, "lines": draft.lines, "notes": draft.notes + notes,
    }


def _match(draft: CompletionDraft, notice_id: str, root: Path) -> tuple[str | None, list[str]]:
    """The notice's item with the number the text names: numbered items first, then any record so numbered."""
    results = {r.notice.id: r for r in load_content(content_settings(root)).notices}
    if notice_id not in results:
        raise error("draft.unknown-notice", "--notice", None,
                    f"没有 id 为“{notice_id}”的通知（unknown notice）：可用 {', '.join(sorted(results))}。")
    if draft.item_number is None:
        return None, ["原文没有写明问题编号（第N项、序号N）：请在 items 中填写事项编号。"]
    issues = [i for i in results[notice_id].issues if i.number == draft.item_number and not i.parent]
    if len(issues) == 1:
        return issues[0].id, []
    if not issues:
        return None, [f"通知 {notice_id} 中没有第 {draft.item_number} 项：请核对编号和通知。"]
    listed = "、".join(i.id for i in issues)
    return None, [f"通知 {notice_id} 的多个清单都有第 {draft.item_number} 项（{listed}）：请选定一个填入 items。"]


def update_file_text(found: dict) -> str:
    """The update file an editor would save under content/updates/ (see inputs/updates.py)."""
    front = {"items": [found["item_id"] or "请填写事项编号"], "date": found["date"], "status": found["status"],
             "title": "整改完成情况公示",
             "publicity": {k: v for k, v in {"start": found["publicity"]["start"], "end": found["publicity"]["end"],
                                             "days": found["publicity"]["days"], "department": found["department"],
                                             "phone": found["phone"]}.items() if v is not None}}
    checks = "".join(f"# 请核对（check）：{note}\n" for note in found["notes"])
    header = ("# 由 python -m pipeline draft-update 从公示原文生成的草稿，请逐项核对后保存到 content/updates/\n"
              "# Drafted from a completion notice; check every value. See content/README.md.\n" + checks)
    body = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{header}{body}# source_url: 官方发布该公示的网址\n---\n{found['text']}\n"
