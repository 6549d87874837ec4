"""The site model: every record the site publishes, built once, and the facts that need all of them.

`build_model` gathers the notices and issues the notice stages made, derives
the units (every unit any issue names, with its roles) and the regions (those
with notices, and the regions above them), and computes each issue's status
as of the build date.  Every output (data files, pages, search index, feeds,
sitemap, downloads) reads this model; none recomputes a fact.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Mapping

from .disclosure_deadlines import ChannelDeadline, edition_deadlines
from .disclosures import HANDLING, LIST, Edition, Row
from .history import History
from .places import Assignment, Region, Unit, UnitAlias
from .plan_editions import plan_editions
from .progress import Update, by_issue
from .records import UNIT_ROLES, Issue, Notice
from .status import Status, issue_status


@dataclass(frozen=True)
class Original:
    """A notice's original text as published: the file and its lines."""

    path: Path
    lines: tuple[str, ...]


@dataclass(frozen=True)
class SiteModel:
    as_of: str
    notices: tuple[Notice, ...]
    issues: tuple[Issue, ...]
    units: tuple[Unit, ...]
    regions: tuple[Region, ...]
    originals: Mapping[str, Original]  # notice id → its original text
    statuses: Mapping[str, Status]  # issue id → its status as of `as_of`
    updates: tuple[Update, ...] = ()  # oldest first
    history: History = History("off")  # the changes to each content file, from git (inputs/history.py)
    editions: tuple[Edition, ...] = ()  # 督办公开: editors' lists and handling editions, then those generated from plans

    def status(self, issue: Issue) -> Status:
        return self.statuses[issue.id]

    @cached_property
    def notices_by_id(self) -> dict[str, Notice]:
        return {n.id: n for n in self.notices}

    @cached_property
    def issues_by_id(self) -> dict[str, Issue]:
        return {i.id: i for i in self.issues}

    @cached_property
    def units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def regions_by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}

    @cached_property
    def issues_by_notice(self) -> dict[str, list[Issue]]:
        return group_by_notice(self.notices, self.issues)

    def region_issue_ids(self, region: Region) -> tuple[str, ...]:
        """The items a region's page lists: its notices' (its own and below), or for a county-level region
        without notices, the items of its city that bind it."""
        if region.type and not region.notices:
            return region.assigned_issues
        return tuple(i.id for nid in region.notices for i in self.issues_by_notice[nid])

    @cached_property
    def issue_regions(self) -> dict[str, tuple[str, ...]]:
        """Each item → the regions whose page lists it (region_issue_ids read the other way round), for the
        all-issues table's region filter, which must select exactly a region page's items."""
        found: dict[str, list[str]] = {i.id: [] for i in self.issues}
        for region in self.regions:
            for issue_id in self.region_issue_ids(region):
                found[issue_id].append(region.id)
        return {issue_id: tuple(ids) for issue_id, ids in found.items()}

    def updates_of(self, issue_ids) -> list[Update]:
        """The updates on any of these items, newest first, each once."""
        wanted = set(issue_ids)
        return [u for u in self.newest_updates if wanted.intersection(u.issues)]

    @cached_property
    def updates_by_issue(self) -> dict[str, list[Update]]:
        """Each item's updates, newest first."""
        grouped = by_issue(self.newest_updates)
        return {i.id: grouped.get(i.id, []) for i in self.issues}

    @cached_property
    def newest_updates(self) -> tuple[Update, ...]:
        return tuple(reversed(self.updates))

    @cached_property
    def newest_first(self) -> tuple[Notice, ...]:
        """Notices by the date they went public, newest first (ties by id): "latest", feeds, search rank."""
        return tuple(sorted(self.notices, key=lambda n: (n.public_date or "", n.id), reverse=True))

    def newest_first_of(self, notice_ids) -> list[Notice]:
        wanted = set(notice_ids)
        return [n for n in self.newest_first if n.id in wanted]

    @cached_property
    def editions_by_id(self) -> dict[str, Edition]:
        return {e.id: e for e in self.editions}

    @cached_property
    def handling_of(self) -> dict[str, list[Edition]]:
        """List edition id → the handling editions that report on its rows, latest letter first."""
        found: dict[str, list[Edition]] = {e.id: [] for e in self.editions if e.kind == LIST}
        for edition in self.editions:
            if edition.kind == HANDLING and edition.list_id in found:
                found[edition.list_id].append(edition)
        for handled in found.values():
            handled.sort(key=lambda e: (e.letter_date or "", e.batch or 0), reverse=True)
        return found

    @cached_property
    def deadlines(self) -> dict[str, tuple[ChannelDeadline, ...]]:
        """Each edition's channels, due date and state as of the build date; none for a generated edition."""
        return {e.id: edition_deadlines(e, self.as_of) for e in self.editions}

    def latest_handling(self, list_id: str, number: str) -> tuple[Edition, Row] | None:
        """The newest handling row reported for one row of a list: what its page shows beside the row."""
        for edition in self.handling_of.get(list_id, []):
            row = edition.rows_by_number.get(number)
            if row is not None:
                return edition, row
        return None

    @cached_property
    def totals(self) -> dict[str, int]:
        return {"notices": len(self.notices), "issues": len(self.issues), "units": len(self.units),
                "regions": len([r for r in self.regions if r.notices])}


def build_model(results, aliases, regions: dict, as_of: str, updates: tuple[Update, ...] = (),
                history=None, editions: tuple[Edition, ...] = ()) -> SiteModel:
    """The model of the whole site from the notice results (notices/process.py), the progress updates
    (in date order), the 督办公开 editions and the shared tables."""
    notices = tuple(result.notice for result in results)
    issues = tuple(issue for result in results for issue in result.issues)
    updates_of = by_issue(updates)
    statuses = {issue.id: issue_status(issue.deadline, as_of, updates_of.get(issue.id)) for issue in issues}
    found_regions = tuple(gather_regions(notices, regions, issues, aliases))
    return SiteModel(
        as_of=as_of,
        notices=notices,
        issues=issues,
        units=tuple(gather_units(notices, issues, aliases)),
        regions=found_regions,
        originals={result.notice.id: Original(result.raw_path, tuple(result.raw_lines)) for result in results},
        statuses=statuses,
        updates=tuple(updates),
        history=history or History("off"),
        editions=tuple(editions) + plan_editions(notices, group_by_notice(notices, issues), statuses, found_regions),
    )


def group_by_notice(notices, issues) -> dict[str, list[Issue]]:
    """Each notice's issues, in list order."""
    grouped: dict[str, list[Issue]] = {n.id: [] for n in notices}
    for issue in issues:
        grouped[issue.notice].append(issue)
    return grouped


def gather_units(notices: tuple[Notice, ...], issues: tuple[Issue, ...], aliases) -> list[Unit]:
    """Every unit named in any issue's own fields, with the issues it leads, cooperates on or is responsible for."""
    region_of = {n.id: n.region for n in notices}
    found: dict[str, dict] = {}
    for issue in issues:
        region = region_of[issue.notice]
        for key, role, _ in UNIT_ROLES:
            for ref in getattr(issue, key):
                unit = found.setdefault(ref.id, {  # dicts as ordered sets: a list's `in` made this quadratic
                    "ref": ref, "region": region, "printed": {}, "notices": {},
                    "issues": {"lead": {}, "cooperating": {}, "responsible": {}},
                })
                unit["printed"][ref.printed] = unit["notices"][issue.notice] = unit["issues"][role][issue.id] = None
    units = [
        Unit(id=ref_id, name=unit["ref"].name, region=unit["region"].name, region_id=unit["region"].id,
             collective=unit["ref"].collective, printed_names=tuple(unit["printed"]),
             aliases=tuple(_history(aliases, unit["region"].name, unit["ref"].name)),
             notices=tuple(unit["notices"]), issues={role: tuple(ids) for role, ids in unit["issues"].items()})
        for ref_id, unit in found.items()
    ]
    return sorted(units, key=lambda u: (u.region_id, -u.issue_count, u.name))


def _history(aliases, region: str, name: str) -> tuple[UnitAlias, ...]:
    return aliases.history(region, name) if aliases is not None else ()


def _append_new(values: list, value) -> None:
    if value not in values:
        values.append(value)


def gather_regions(notices: tuple[Notice, ...], regions: dict, issues: tuple[Issue, ...] = (), aliases=None) -> list[Region]:
    """Regions that have notices, the regions above them (河南省 → 洛阳市 → 栾川县), and the county-level
    regions inside them (巩义市 …) with the issues that bind each; in regions.yml order."""
    used: dict[str, dict] = {}
    for notice in notices:
        chain = [notice.region.name, *_ancestors(notice.region.name, regions)]
        for depth, name in enumerate(chain):
            record = used.setdefault(name, _region_record(name, regions, notice.region.county))
            _append_new(record["notices"], notice.id)
            for below in chain[:depth]:
                _append_new(record["descendants"], regions[below].id)
    for name, entry in regions.items():  # county-level regions of the cities the site covers
        if entry.type and entry.parent in used and name not in used:
            record = used[name] = _region_record(name, regions, name)
            for above in _ancestors(name, regions):
                _append_new(used[above]["descendants"], entry.id)
    order = list(regions)
    found = [Region(r["id"], r["name"], r["parent_id"], r["level"], tuple(r["notices"]), tuple(r["descendants"]),
                    regions[r["name"]].type, names=regions[r["name"]].names)
             for r in sorted(used.values(), key=lambda r: order.index(r["name"]))]
    assigned = _assignments([r for r in found if r.type], regions, notices, issues, aliases)
    return [replace(region, assigned=tuple(assigned.get(region.id, ()))) for region in found]


def _region_record(name: str, regions: dict, county: str | None) -> dict:
    entry = regions[name]
    return {"id": entry.id, "name": name, "parent_id": regions[entry.parent].id if entry.parent else None,
            "level": "province" if not entry.parent else "county" if name == county or entry.type else "city",
            "notices": [], "descendants": [entry.id]}


def _ancestors(name: str, regions: dict) -> list[str]:
    found, name = [], regions[name].parent
    while name:
        found.append(name)
        name = regions[name].parent
    return found


def _assignments(counties: list[Region], regions: dict, notices, issues, aliases) -> dict[str, list[Assignment]]:
    """Each county-level region → the issues of the notices of its city (or above) that name its government or
    departments, or a collective unit covering its type; in the issues' order.  Each unit name is matched
    against the regions once: there are a few hundred names and many thousands of issues."""
    if aliases is None:
        return {}
    above = {r.id: set(_ancestors(r.name, regions)) for r in counties}
    notices_above = {r.id: {n.id for n in notices if n.region.name in above[r.id]} for r in counties}
    binds: dict[str, list[tuple[Region, bool]]] = {}  # unit name → (region, named) for each region it binds

    def bound_by(name: str) -> list[tuple[Region, bool]]:
        if name not in binds:
            covered = aliases.coverage(name)
            named = [(r, r.is_named_in(name)) for r in counties]
            binds[name] = [(r, is_named) for r, is_named in named if is_named or r.type in covered]
        return binds[name]

    found: dict[str, dict[Assignment, None]] = {r.id: {} for r in counties}  # ordered sets
    for issue in issues:
        for unit in _units_of(issue):
            for region, named in bound_by(unit.name):
                if issue.notice in notices_above[region.id]:
                    found[region.id][Assignment(issue.id, None if named else unit.printed)] = None
    return {region_id: list(assignments) for region_id, assignments in found.items()}


def _units_of(issue: Issue):
    for key, _, _ in UNIT_ROLES:
        yield from getattr(issue, key)
    for block in issue.blocks:
        for key, _, _ in UNIT_ROLES:
            yield from getattr(block, key) or ()
