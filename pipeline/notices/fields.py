"""Cut one field's text: two fields printed on one line, measures run together.

`牵头单位：…局主体责任：…` holds two fields; `（1）…（2）…` on one line are
two measures.  The cuts keep each piece's raw line numbers.
"""
from __future__ import annotations

import re

from .parsed import ParsedField, Span
from .structure import LABEL_INLINE, LABELS


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
