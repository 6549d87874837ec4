"""Timed captions (SRT) for the weekly TV broadcast script (播报稿).

The script is a list of paragraphs of Chinese text.  It is cut into captions of
at most two lines of at most 16 characters, and each caption is timed at a
stated reading pace.  Everything here is a pure function of its arguments,
except `write_srt`, which writes the file.

What is read aloud
    `spoken_length` counts the characters a presenter reads: every character of
    Unicode category L* (CJK ideographs, letters) or N* (digits) counts one.
    Whitespace, punctuation and symbols, Chinese or ASCII (，。、；：！？“”‘’（）
    《》【】—…·,.;:!?()-/% and so on), count zero.

Timing
    The pace is READING_PACE = 240 spoken characters a minute (250 ms each).  A
    text lasts round(spoken × 60000 / pace) ms.  Cue i ends at
    round(S_i × 60000 / pace), where S_i is the spoken length of captions 1..i,
    and starts where cue i-1 ended (cue 1 at 0), so rounding never drifts and
    the last cue ends exactly at the duration of the whole script.

Cutting into captions: see caption_lines.py (split_captions).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import srt

from .caption_lines import LINE_WIDTH, MAX_LINES, is_spoken, spoken_length, split_captions  # noqa: F401

READING_PACE = 240          # spoken characters a minute


@dataclass(frozen=True)
class Cue:
    index: int
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


# --- reading time -------------------------------------------------------------

def _ms(spoken: int, pace: int) -> int:
    if pace <= 0:
        raise ValueError(f"reading pace must be positive, not {pace}")
    return round(spoken * 60000 / pace)


def duration_ms(text: str, pace: int = READING_PACE) -> int:
    """How long `text` takes to read at `pace` spoken characters a minute."""
    return _ms(spoken_length(text), pace)


def describe_duration(ms: int) -> str:
    """A duration in Chinese, rounded half up to whole seconds: '45 秒', '3 分 12 秒'."""
    if ms < 0:
        raise ValueError(f"a duration cannot be negative: {ms}")
    seconds = (ms + 500) // 1000
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} 分 {seconds} 秒" if minutes else f"{seconds} 秒"


# --- unbreakable words ----------------------------------------------------------

def timed_cues(paragraphs: Sequence[str], pace: int = READING_PACE) -> list[Cue]:
    """The captions timed by their spoken characters, cumulatively rounded (see Timing)."""
    cues: list[Cue] = []
    spoken = start = 0
    for index, lines in enumerate(split_captions(paragraphs), start=1):
        said = sum(spoken_length(line) for line in lines)
        if not said:
            raise ValueError(f"the script has nothing to read aloud: {lines!r}")
        spoken += said
        end = _ms(spoken, pace)
        cues.append(Cue(index, start, end, tuple(lines)))
        start = end
    return cues


def srt_text(cues: Sequence[Cue]) -> str:
    """The cues as an SRT file's text (lines joined by newlines, ending in a newline)."""
    return srt.compose([
        srt.Subtitle(index=cue.index, start=dt.timedelta(milliseconds=cue.start_ms),
                     end=dt.timedelta(milliseconds=cue.end_ms), content="\n".join(cue.lines))
        for cue in cues
    ], reindex=False)


def write_srt(cues: Sequence[Cue], path: Path) -> None:
    """Write the cues to `path` as UTF-8 without a byte-order mark, with \\n line ends."""
    Path(path).write_text(srt_text(cues), encoding="utf-8", newline="\n")
