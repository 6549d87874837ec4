"""Atom feeds of notices: all of them, per region, per unit.

Entry dates are the notices' own (`Notice.public_date`), never the clock,
so two builds with the same inputs write the same feeds.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgenerator import Atom1Feed

from ..model import urls
from ..model.records import Notice
from ..model.site import SiteModel

CHINA = dt.timezone(dt.timedelta(hours=8))


def _entry_datetime(notice: Notice) -> dt.datetime:
    value = notice.public_date or "1970-01-01"
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


def write_feeds(model: SiteModel, output: Path, base: str) -> None:
    for path, (title, link, notices) in feeds(model).items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_feed(title, link, path, notices, base), encoding="utf-8")
