"""An item without a 整改时限 field takes its deadline from the completion dates its own text states.

The text is the item's own (its heading and problem, its extra blocks, its
targets and measures), never a sub-task's; each date keeps the raw line it
is printed on, so the deadline's source points at the sentence.
"""
from __future__ import annotations

from ..model.deadlines import KIND_DATE, Deadline
from ..model.records import FieldSource
from ..model.stated_dates import compact, stated_completion_dates
from .parsed import ParsedItem, Span


def own_text(node: ParsedItem) -> list[tuple[int, str]]:
    """(raw line, text) of everything the item itself prints, in order, except unit and person fields."""
    spans: list[Span] = [node.head]
    for block in node.blocks:
        if block.text:
            spans.append(block.text)
        for parsed in block.fields:
            if parsed.key in ("targets", "measures"):
                spans.append(parsed.span)
                spans.extend(parsed.measures)
    return [part for span in spans for part in span.parts]


def deadline_from_text(node: ParsedItem, notice_year: int | None) -> tuple[Deadline, FieldSource] | None:
    """The stated completion dates as a deadline, with the lines they are on.

    The milestones are in date order and the last is the deadline: by then everything the text asks is due.
    """
    parts = own_text(node)
    joined = "".join(text for _, text in parts)
    line_of = [line for line, text in parts for _ in text]
    text, offsets = compact(joined)
    dates = stated_completion_dates(text, notice_year)
    if not dates:
        return None
    lines = [line_of[offsets[d.start]] for d in dates] + [line_of[offsets[d.end - 1]] for d in dates]
    ordered = sorted(d.date for d in dates)
    deadline = Deadline("；".join(d.phrase for d in dates), ordered[-1], KIND_DATE, tuple(ordered))
    return deadline, FieldSource(min(lines), max(lines), "text")
