"""Atom feeds of notices (all, per region, per unit) and of progress updates (all, per region,
per unit, per notice).

Entry dates are the records' own (`Notice.public_date`, `Update.date`), never
the clock, so two builds with the same inputs write the same feeds.  Every
link and id is absolute (SITE_URL).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgenerator import Atom1Feed

from ..model import urls
from ..model.progress import Update
from ..model.records import Notice
from ..model.site import SiteModel

CHINA = dt.timezone(dt.timedelta(hours=8))


class StableAtomFeed(Atom1Feed):
    """An Atom feed whose <updated> never comes from the clock: an empty feed is dated by the build date."""

    def __init__(self, *args, as_of: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of

    def latest_post_date(self) -> dt.datetime:
        return super().latest_post_date() if self.items else _day(self.as_of)


def _entry_datetime(notice: Notice) -> dt.datetime:
    return _day(notice.public_date or "1970-01-01")


def _day(value: str) -> dt.datetime:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=CHINA)


def _feed(title: str, link: str, feed_url: str, notices: list[Notice], base: str) -> str:
    feed = Atom1Feed(title=title, link=urls.absolute(base, link), description=title,
                     feed_url=urls.absolute(base, feed_url), language="zh-CN")
    for notice in notices:
        feed.add_item(
            title=notice.title,
            link=urls.absolute(base, notice.url),
            unique_id=urls.absolute(base, notice.url),
            description=f"{notice.kind_label}，{notice.issue_count} 项整改事项。",
            pubdate=_entry_datetime(notice),
            updateddate=_entry_datetime(notice),
        )
    return feed.writeString("utf-8")


def feeds(model: SiteModel) -> dict[str, tuple[str, str, list[Notice]]]:
    """Feed file → (title, page it describes, its notices newest first)."""
    found = {urls.NOTICES_FEED: ("全部整改通知", urls.HOME, list(model.newest_first))}
    for region in model.regions:
        if region.notices:  # a county without notices of its own has no feed (its items are its city's)
            found[region.feed_url] = (f"{region.name}整改通知", region.url, model.newest_first_of(region.notices))
    for unit in model.units:
        found[unit.feed_url] = (f"涉及{unit.label}的整改通知", unit.url, model.newest_first_of(unit.notices))
    return found


def update_feeds(model: SiteModel) -> dict[str, tuple[str, str, list[tuple[Update, str]]]]:
    """Feed file → (title, page it describes, its entries newest first: an update and its items in scope)."""
    found = {urls.UPDATES_FEED: ("全部整改进展", urls.HOME, _entries(model, {i.id for i in model.issues}))}
    for region in model.regions:
        found[region.updates_feed_url] = (f"{region.name}整改进展", region.url,
                                          _entries(model, set(model.region_issue_ids(region))))
    for unit in model.units:
        found[unit.updates_feed_url] = (f"{unit.label}整改进展", unit.url, _entries(model, set(unit.issue_ids)))
    for notice in model.notices:
        found[notice.updates_feed_url] = (f"{notice.short_name}整改进展", notice.url,
                                          _entries(model, {i.id for i in model.issues_by_notice[notice.id]}))
    return found


def _entries(model: SiteModel, issue_ids: set[str]) -> list[tuple[Update, list[str]]]:
    """One entry per update in scope, with the items of it in scope (the entry links to the first)."""
    return [(u, [i for i in u.issues if i in issue_ids]) for u in model.updates_of(issue_ids)]


ENTRY_ITEMS = 3  # item numbers named in an entry's title; more are counted


def _update_feed(title: str, link: str, feed_url: str, entries: list[tuple[Update, list[str]]], model: SiteModel,
                 base: str) -> str:
    feed = StableAtomFeed(title=title, link=urls.absolute(base, link), description=title,
                          feed_url=urls.absolute(base, feed_url), language="zh-CN", as_of=model.as_of)
    for update, issue_ids in entries:
        issues = [model.issues_by_id[i] for i in issue_ids]
        notice = model.notices_by_id[issues[0].notice]
        labels = "、".join(i.label for i in issues[:ENTRY_ITEMS])
        more = f"等 {len(issues)} 项" if len(issues) > ENTRY_ITEMS else "项"
        feed.add_item(
            title=f"{notice.short_name}第{labels}{more}：{update.status_label}",
            link=urls.absolute(base, update.url_on(issues[0].id)), unique_id=urls.absolute(base, update.url),
            description=update.html, pubdate=_day(update.date), updateddate=_day(update.date),
        )
    return feed.writeString("utf-8")


def write_feeds(model: SiteModel, output: Path, base: str) -> None:
    for path, (title, link, notices) in feeds(model).items():
        _write(output / path, _feed(title, link, path, notices, base))
    for path, (title, link, entries) in update_feeds(model).items():
        _write(output / path, _update_feed(title, link, path, entries, model, base))


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
