"""Cutting a TV script into captions of at most two lines of 16 characters (model/captions.py times them).

Cutting into captions (line width counts every character, punctuation included)
    0. Whitespace at the edges of a paragraph is removed and every run of
       whitespace inside it becomes one space; a space at a line edge is dropped.
    1. A caption never spans two paragraphs.  A sentence (ending in 。！？；, or
       ASCII !?;, maybe followed by closing quotes/brackets) starts a new caption
       when the caption before it cannot hold the whole sentence.
    2. Lines (and so captions) break after clause punctuation (，、：；。！？,;:!?.
       or a closing quote/bracket).  Clauses fill a line greedily; a clause that
       fits in a line is never broken, it moves to the next line whole.
    3. Only a clause longer than a line is broken inside, greedily, and only
       between words: Chinese text is cut into words by jieba's dictionary
       (rjieba, jieba-rs), so 整改 or 栾川县 is never split; a run of ASCII (or
       full-width) letters and digits, which may be joined by . / : - _ @ ? = &
       # ~ + (PM2.5, 20.5, VOCs, 2017-2018, URLs), is one word.  A run ending in
       a digit keeps the one character after it if that is one of
       NUMBER_SUFFIXES (2017年, 3项, 30日, 50%): 9月|30日 may break, 9|月 not.
    4. Kinsoku: punctuation and symbols stay with the character before them, so
       no line starts with closing punctuation (，。、；：！？）》」』”’%％ …);
       opening brackets and quotes (（《「『“‘ …) stay with the character after
       them, so no line ends with one.  The character next to the punctuation
       moves to the next line with it.
    5. A run that cannot be broken (rule 3, with the punctuation that rule 4
       keeps with it) and is longer than a line, e.g. a URL, starts a new line
       and is cut hard into lines of at most 16 characters, the next
       text starting on a new line.  The cuts avoid splitting off punctuation
       and leave something to read on every line when they can.  This is the
       only place a line is cut without regard to rules 2-4.
    6. A paragraph with nothing to read (e.g. "——") joins the next paragraph
       (the last one joins the previous): the one case where a caption spans
       paragraphs.  A caption with nothing to read is merged into a neighbour,
       in the same paragraph if possible, or takes one line from it.  Only a
       stretch of more than 16 characters holding at most one character read
       aloud (a row of dashes, say) can leave a line with nothing to read, a
       line starting with punctuation, or a caption with more than two lines.

Nothing is dropped or reordered: the lines joined give the paragraphs joined
(each stripped), apart from whitespace changed by rule 0.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import rjieba

LINE_WIDTH = 16             # characters a line, punctuation included
MAX_LINES = 2               # lines a caption
SENTENCE_ENDS = "。！？；!?;"
CLAUSE_ENDS = "，、：；。！？,;:!?."  # and every closing quote or bracket
NUMBER_SUFFIXES = "年月日号个项家天台吨%％"

_ALNUM = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_RUN = re.compile(rf"[{_ALNUM}]+(?:(?:[-./:_@?=&#~+]+|,(?=\d{{3}}(?!\d)))[{_ALNUM}]+)*")


def is_spoken(char: str) -> bool:
    """A character read aloud: Unicode category L* (letters, ideographs) or N* (digits)."""
    return unicodedata.category(char)[0] in "LN"


def spoken_length(text: str) -> int:
    """How many characters of `text` are read aloud (see `is_spoken`); each distinct character is looked up
    once (a week's script at 10,000 issues is 761,145 characters of a few thousand kinds)."""
    return sum(count for char, count in Counter(text).items() if is_spoken(char))


def is_opening(char: str) -> bool:
    """An opening bracket or quote (（《「『“‘ …): never the last character of a line."""
    return unicodedata.category(char) in ("Ps", "Pi")


def _attaches_back(char: str) -> bool:
    """Punctuation or a symbol that stays with the character before it."""
    return not is_spoken(char) and not char.isspace() and not is_opening(char)


def _units(paragraph: str):
    """Words (rule 3): runs of letters and digits whole, with a number's suffix; the text between them cut
    into words by jieba, punctuation one character at a time."""
    i, stretch = 0, ""
    while i < len(paragraph):
        run = _RUN.match(paragraph, i)
        if not run:
            stretch += paragraph[i]
            i += 1
            continue
        yield from _chinese_words(stretch)
        stretch, end = "", run.end()
        if paragraph[end - 1].isdigit() and paragraph[end:end + 1] and paragraph[end] in NUMBER_SUFFIXES:
            end += 1
        yield paragraph[i:end]
        i = end
    yield from _chinese_words(stretch)


def _chinese_words(text: str):
    """Text without letter or digit runs, as dictionary words; a word never holds punctuation or a space."""
    for word in rjieba.cut(text) if text else ():
        if len(word) > 1 and all(is_spoken(c) for c in word):
            yield word
        else:
            yield from word


def _words(paragraph: str) -> list[str]:
    """The paragraph as unbreakable words and single spaces (where a line may also break).

    Each word holds at least one spoken character if the paragraph does: punctuation
    joins the word before it, opening punctuation (and any at the start) the word after it.
    """
    words: list[str] = []
    pending = ""
    for unit in _units(paragraph):
        if spoken_length(unit):
            words.append(pending + unit)
            pending = ""
        elif unit == " " and not pending:
            words.append(unit)
        elif unit == " " or is_opening(unit) or pending or not words:
            pending += unit
        else:
            _attach(words, unit)
    if pending and words:
        _attach(words, pending)
    elif pending:
        words.append(pending)
    return words


def _attach(words: list[str], text: str) -> None:
    """Join `text` to the last word, with the space between them if there is one."""
    if words[-1] == " ":
        words.pop()
        text = " " + text
    words[-1] += text


def ends_sentence(word: str) -> bool:
    """A word ending in one of SENTENCE_ENDS, perhaps followed by closing quotes or brackets."""
    bare = word.rstrip("".join(c for c in word if unicodedata.category(c) in ("Pe", "Pf")))
    return bare[-1:] in tuple(SENTENCE_ENDS)


def ends_clause(word: str) -> bool:
    """A word ending in one of CLAUSE_ENDS or in a closing quote or bracket."""
    return word != " " and (word[-1] in CLAUSE_ENDS or unicodedata.category(word[-1]) in ("Pe", "Pf"))


def _split_after(tokens: list[str], is_end) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for token in tokens:
        groups[-1].append(token)
        if is_end(token):
            groups.append([])
    return [g for g in groups if "".join(g).strip()]


def hard_split(word: str, width: int = LINE_WIDTH) -> list[str]:
    """Cut a word longer than a line into pieces of at most `width` (rule 5)."""
    pieces, start = [], 0
    while len(word) - start > width:
        cut = _hard_cut(word, start, width)
        pieces.append(word[start:cut])
        start = cut
    return pieces + [word[start:]]


def _hard_cut(word: str, start: int, width: int) -> int:
    """The last cut within `width` that leaves spoken text on both sides, keeping kinsoku if it can."""
    for kinsoku in (True, False):
        for cut in range(start + width, start, -1):
            if kinsoku and (_attaches_back(word[cut]) or is_opening(word[cut - 1])):
                continue
            if spoken_length(word[start:cut]) and spoken_length(word[cut:]):
                return cut
    return start + width


# --- laying out lines and captions ----------------------------------------------

class _Layout:
    """Captions being filled: finished captions, the lines of the current one, its current line."""

    def __init__(self, width: int, max_lines: int, lines: Sequence[str] = (), line: str = ""):
        self.width, self.max_lines = width, max_lines
        self.captions: list[list[str]] = []
        self.lines, self.line = list(lines), line

    def add(self, text: str) -> None:
        self.line += text if self.line else text.lstrip()

    def fits(self, text: str) -> bool:
        return len((self.line + text).strip()) <= self.width

    def new_line(self) -> None:
        if self.line.strip():
            self.lines.append(self.line.strip())
        self.line = ""
        if len(self.lines) >= self.max_lines:
            self.end_caption()

    def end_caption(self) -> None:
        if self.line.strip():
            self.lines.append(self.line.strip())
        if self.lines:
            self.captions.append(self.lines)
        self.lines, self.line = [], ""

    def place_word(self, word: str) -> None:
        if self.fits(word):
            self.add(word)
        elif len(word.strip()) <= self.width:
            self.new_line()
            self.add(word)
        else:
            self.new_line()
            for piece in hard_split(word.strip(), self.width):
                self.add(piece)
                self.new_line()

    def place_clause(self, words: list[str]) -> None:
        text = "".join(words)
        if self.fits(text):
            self.add(text)
        elif len(text.strip()) <= self.width:
            self.new_line()
            self.add(text)
        else:
            for word in words:
                self.place_word(word)

    def place_sentence(self, words: list[str]) -> None:
        clauses = _split_after(words, ends_clause)
        trial = _Layout(self.width, self.max_lines, self.lines, self.line)
        for clause in clauses:
            trial.place_clause(clause)
        if not trial.captions:
            self.lines, self.line = trial.lines, trial.line
            return
        self.end_caption()
        for clause in clauses:
            self.place_clause(clause)


def _paragraph_captions(paragraph: str, width: int, max_lines: int) -> list[list[str]]:
    layout = _Layout(width, max_lines)
    for sentence in _split_after(_words(paragraph), ends_sentence):
        layout.place_sentence(sentence)
    layout.end_caption()
    return layout.captions


def normalize_paragraph(paragraph: str) -> str:
    """Rule 0: no whitespace at the edges, one space for each run of whitespace inside."""
    return " ".join(paragraph.split())


def _readable_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """Normalised paragraphs, those with nothing to read joined to the next (the last to the previous)."""
    readable: list[str] = []
    pending = ""
    for paragraph in map(normalize_paragraph, paragraphs):
        if spoken_length(paragraph):
            readable.append(pending + paragraph)
            pending = ""
        else:
            pending += paragraph
    if pending:
        readable[-1:] = [(readable[-1] if readable else "") + pending]
    return readable


def split_captions(paragraphs: Sequence[str], line_width: int = LINE_WIDTH,
                   max_lines: int = MAX_LINES) -> list[list[str]]:
    """The script cut into captions, each a list of 1..max_lines lines (rules 0-6 above)."""
    if isinstance(paragraphs, str):
        raise TypeError("split_captions takes a list of paragraphs, not one string")
    if line_width < 1 or max_lines < 1:
        raise ValueError("line_width and max_lines must be at least 1")
    placed = [(number, caption) for number, paragraph in enumerate(_readable_paragraphs(paragraphs))
              for caption in _paragraph_captions(paragraph, line_width, max_lines)]
    return [caption for _, caption in _merge_silent(placed, line_width, max_lines)]


def _is_silent(caption: list[str]) -> bool:
    return not spoken_length("".join(caption))


def _joined(first: list[str], second: list[str], width: int, max_lines: int | None) -> list[str] | None:
    """Two captions as one: the edge lines run together if they fit, else stacked."""
    options = [first[:-1] + [first[-1] + second[0]] + second[1:]] if len(first[-1] + second[0]) <= width else []
    options.append(first + second)
    return next((o for o in options if max_lines is None or len(o) <= max_lines), None)


def _regroupings(first: list[str], second: list[str], width: int, max_lines: int):
    """Ways to show two neighbouring captions as one, or as two with a line moved across, best first."""
    yield [_joined(first, second, width, max_lines)]
    if len(first) > 1:
        yield [first[:-1], _joined(first[-1:], second, width, max_lines)]
    if len(second) > 1:
        yield [_joined(first, second[:1], width, max_lines), second[1:]]


def _regrouped(first: list[str], second: list[str], width: int, max_lines: int) -> list[list[str]] | None:
    """The best regrouping of two neighbours within the limits that leaves fewer silent captions."""
    silent = _is_silent(first) + _is_silent(second)
    return next((option for option in _regroupings(first, second, width, max_lines)
                 if None not in option and sum(map(_is_silent, option)) < silent), None)


def _merge_silent(placed: list[tuple[int, list[str]]], width: int, max_lines: int):
    """Rule 6: merge each (paragraph, caption) with nothing to read into a neighbour, or take a line from it."""
    placed = list(placed)
    if all(_is_silent(caption) for _, caption in placed):
        return placed
    while silent := [k for k, (_, caption) in enumerate(placed) if _is_silent(caption)]:
        k = silent[0]
        neighbours = sorted((n for n in (k - 1, k + 1) if 0 <= n < len(placed)),
                            key=lambda n: (placed[n][0] != placed[k][0], n > k))
        regroupings = ((n, _regrouped(placed[min(k, n)][1], placed[max(k, n)][1], width, max_lines))
                       for n in neighbours)
        n, option = next(((n, option) for n, option in regroupings if option), (neighbours[0], None))
        first, second = placed[min(k, n)][1], placed[max(k, n)][1]
        placed[min(k, n):max(k, n) + 1] = [(placed[n][0], caption)
                                           for caption in option or [_joined(first, second, width, None)]]
    return placed


# --- timing and SRT ---------------------------------------------------------------
