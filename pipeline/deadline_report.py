"""`python -m pipeline check-deadlines` (`invoke check-deadlines`): what the 督办公开 column owes, and by when.

It reads the editions editors published (content/disclosures/), computes each
channel's due date with the rules of model/disclosure_deadlines.py as of a
date, lists what is not yet published and what was late, and fails (exit 1)
when something is overdue, so a CI job or a morning check can alert someone.
"""
from __future__ import annotations

from .inputs.content import load_content
from .model.disclosure_deadlines import edition_deadlines
from .settings import Settings


def deadline_lines(settings: Settings) -> tuple[list[str], int]:
    """One line per channel that is pending, overdue or was late, soonest due first; and the overdue count."""
    content = load_content(settings)
    found = []
    for edition in content.editions:
        for d in edition_deadlines(edition, settings.as_of):
            if d.state != "on-time":
                found.append((d.due, d.state, edition, d))
    found.sort(key=lambda x: (x[0], x[2].id, x[3].channel))
    lines = [f"{due}  {d.channel_label}  {d.label}  {edition.title}  {edition.source_file}"
             for due, _, edition, d in found]
    overdue = sum(1 for _, state, _, _ in found if state == "overdue")
    return lines, overdue


def check_deadlines(settings: Settings) -> int:
    lines, overdue = deadline_lines(settings)
    print(f"督办公开期限（截至 {settings.as_of}）/ disclosure deadlines as of {settings.as_of}")
    print("\n".join(lines) if lines else "没有待公开、逾期或逾期公开的渠道（nothing due, late or overdue）。")
    if overdue:
        print(f"\n{overdue} 个渠道逾期未公开（{overdue} overdue）。")
        return 1
    return 0
