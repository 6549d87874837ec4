"""Who is responsible where: units (every unit an issue names) and regions (with the issues that bind them).

Gathered by the site model (site.py) from the issues and the shared tables.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from . import urls


@dataclass(frozen=True)
class UnitAlias:
    name: str
    kind: str  # former | variant
    renamed: str | None


@dataclass(frozen=True)
class Unit:
    """A unit named anywhere, with the issues it leads, cooperates on or is responsible for."""

    id: str
    name: str
    region: str
    region_id: str
    collective: bool
    printed_names: tuple[str, ...]
    aliases: tuple[UnitAlias, ...]
    notices: tuple[str, ...]
    issues: Mapping[str, tuple[str, ...]]  # role (lead, cooperating, responsible) → issue ids

    @property
    def url(self) -> str:
        return urls.unit_url(self.id)

    @property
    def label(self) -> str:
        """市生态环境局（郑州市）: a unit named apart from same-named units of other regions."""
        return f"{self.name}（{self.region}）"

    @property
    def feed_url(self) -> str:
        return urls.unit_feed(self.id)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """Items naming the unit, each once, whatever its roles."""
        return tuple(dict.fromkeys(i for ids in self.issues.values() for i in ids))

    @property
    def issue_count(self) -> int:
        return len(self.issue_ids)

    @property
    def updates_feed_url(self) -> str:
        return urls.updates_feed("units", self.id)

    @property
    def multi_role_issues(self) -> tuple[str, ...]:
        """Items naming the unit in two roles (lead and responsible, say): counted once in issue_count,
        once per role in the role counts, which is why those add up to more."""
        roles = Counter(issue_id for ids in self.issues.values() for issue_id in ids)
        return tuple(issue_id for issue_id, n in roles.items() if n > 1)


@dataclass(frozen=True)
class Assignment:
    """An issue that binds a county-level region: naming its government or departments (`via` None), or
    through a collective name that covers it (`via`: the name as printed, 各县（市、区）政府)."""

    issue: str
    via: str | None = None


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    parent_id: str | None
    level: str  # province | city | county
    notices: tuple[str, ...]
    descendants: tuple[str, ...] = field(default=())  # its own id and the ids of the regions inside it
    type: str | None = None  # county level: 县, 县级市, 区, 开发区
    assigned: tuple[Assignment, ...] = ()  # county level: the issues of its city's notices that bind it
    names: tuple[str, ...] = ()  # other spellings units use for it (郑州高新区)

    def is_named_in(self, unit_name: str) -> bool:
        """A unit of this region: its name starts with the region's name or another spelling (巩义市政府)."""
        return unit_name.startswith((self.name,) + self.names)

    @property
    def direct(self) -> tuple[str, ...]:
        return tuple(a.issue for a in self.assigned if a.via is None)

    @property
    def shared(self) -> tuple[Assignment, ...]:
        """Issues that bind it only through a collective name (an issue naming it directly is not repeated)."""
        direct = set(self.direct)
        return tuple(a for a in self.assigned if a.via is not None and a.issue not in direct)

    @property
    def assigned_issues(self) -> tuple[str, ...]:
        """Every issue binding it, each once, in the order of the issues."""
        return tuple(dict.fromkeys(a.issue for a in self.assigned))

    @property
    def url(self) -> str:
        return urls.region_url(self.id)

    @property
    def feed_url(self) -> str:
        return urls.region_feed(self.id)

    @property
    def updates_feed_url(self) -> str:
        return urls.updates_feed("regions", self.id)
