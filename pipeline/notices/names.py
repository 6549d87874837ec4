"""Split unit and leader fields into names and clean them.

`市工信局、市市场监管局，各县（市、区）政府以及开发区管委会` is four units;
separators inside brackets (县（市、区）) do not split.  Names keep the
spelling of the notice (`printed`); the `AliasTable` (read from
content/units/aliases.yml by inputs/aliases.py) maps old or variant names to
the current one, per region, and says which names are collective.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.places import UnitAlias
from .source import squash_spaces
from .structure import LABELS

SEPARATORS = "、，,；;"
# 和/及 joins two units when a group follows (…局和各县（市、区）政府); inside a
# name it does not (市住房和城乡建设局, 党工委和管委会).
CONJUNCTION_BEFORE_GROUP = re.compile(r"[和及](?=各|相关|有关)")
BARE_TYPES = {"政府", "人民政府", "管委会", "党工委", "党委"}
QUALIFIERS = re.compile(
    r"(按职责分工推进|按职责推进落实|依职责分别牵头|依职责牵头|按照行业分别牵头|分别牵头|负责落实|按职责分工负责)$"
)
BROKEN_NAME = re.compile(r"[：:\s]")


@dataclass
class Name:
    """One name as split from a field: `printed` is the notice's spelling, cleaned."""

    printed: str
    note: str | None = None
    repaired: str | None = None


def split_names(raw: str) -> list[Name]:
    """Names in a unit or leader field, in the order printed."""
    raw = raw.strip().rstrip("。.；;，,、")
    tokens = _split_top_level(raw)
    names: list[Name] = []
    for token in tokens:
        for piece in _split_double_spaces(token):
            name = _clean(piece)
            if not name.printed:
                continue
            if name.printed in BARE_TYPES and names:
                names[-1].printed += "、" + name.printed
                continue
            names.append(name)
    return names


def _split_top_level(text: str) -> list[str]:
    tokens, depth, current = [], 0, ""
    index = 0
    while index < len(text):
        ch = text[index]
        if ch in "（([【":
            depth += 1
        elif ch in "）)]】":
            depth = max(0, depth - 1)
        if depth == 0 and (ch in SEPARATORS or text.startswith("以及", index)):
            tokens.append(current)
            current = ""
            index += 2 if ch == "以" else 1
            continue
        if depth == 0 and current and CONJUNCTION_BEFORE_GROUP.match(text, index):
            tokens.append(current)
            current = ""
            index += 1
            continue
        current += ch
        index += 1
    tokens.append(current)
    return tokens


def _split_double_spaces(token: str) -> list[str]:
    """`董炳麓  王明朗` is two names; `张  弛` is one name padded to three characters."""
    pieces = re.split(r"\s{2,}", token.strip())
    if len(pieces) > 1 and all(len(squash_spaces(p)) >= 2 for p in pieces):
        return pieces
    return [token]


def _clean(piece: str) -> Name:
    text = squash_spaces(piece).strip("。.：:")
    text = re.sub(r"^(及|和|与)", "", text)
    note = None
    match = QUALIFIERS.search(text)
    if match and match.start() > 0:
        note = match.group(1)
        text = text[: match.start()]
    repaired = None
    if text.count("（") > text.count("）"):
        repaired = text
        text += "）"
    return Name(text, note, repaired)


def name_problem(name: str) -> str | None:
    """Why a name looks broken by extraction, or None."""
    if BROKEN_NAME.search(name):
        return "含有冒号或空白（contains a colon or whitespace）"
    for label in LABELS:
        if label in name and not name.endswith("负责同志"):
            return f"含有字段名“{label}”（contains a field label）"
    if len(name) > 40:
        return f"长度 {len(name)} 超过 40 字（longer than 40 characters）"
    return None


DEFAULT_COLLECTIVE = [
    r"^(各|相关|有关|其他|其它|市直|县直|省直)",
    r"相关|有关|成员单位|等部门|等单位",
    r"^县（市[、，]?区?）|^县（市）区|^区政府$|^政府$|^管委会$|^开发区管委会$",
    r"^市内五区|^乡镇",
]


@dataclass
class AliasTable:
    """Old or variant names of a unit → its current name, per region."""

    canonical: dict[tuple[str, str], str] = field(default_factory=dict)
    covers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # collective name → region types it covers
    entries: dict[tuple[str, str], dict] = field(default_factory=dict)
    collective_patterns: list[re.Pattern] = field(default_factory=lambda: [re.compile(p) for p in DEFAULT_COLLECTIVE])

    def resolve(self, region: str, printed: str) -> str:
        return self.canonical.get((region, printed), printed)

    def coverage(self, name: str) -> tuple[str, ...]:
        """The types of child regions a collective name covers (各县（市、区）政府 → 县, 县级市, 区); () if unknown."""
        return self.covers.get(name, ())

    def is_collective(self, name: str) -> bool:
        return any(pattern.search(name) for pattern in self.collective_patterns)

    def history(self, region: str, name: str) -> tuple[UnitAlias, ...]:
        """Former and variant names of a unit, with the date a rename applies from."""
        entry = self.entries.get((region, name))
        if not entry:
            return ()
        return tuple([UnitAlias(old, "former", entry["since"]) for old in entry["formerly"]]
                     + [UnitAlias(variant, "variant", None) for variant in entry["variants"]])
