"""The build's settings, read once from the command line, the environment and pelicanconf.py.

| setting    | from                                          | default                          |
|------------|-----------------------------------------------|----------------------------------|
| root       | `--root`                                      | this checkout                    |
| output     | `build --output`                              | `<root>/output`                  |
| as_of      | `build --as-of`, else `$SITE_AS_OF`           | today in China (UTC+8), whatever the host's zone |
| site_url   | `$SITE_URL` (absolute, ends in `/`)           | http://localhost:8000/ (`invoke serve`) |
| repo_url   | `$REPO_URL` (public repository)               | "" (history without commit links) |
| history    | `build --no-history`                          | on: each item's changes from git |
| snapshots  | `build --snapshots DIR` (`make site`: snapshots/) | none: only this build's snapshot |
| pdf_cache  | `build --pdf-cache DIR` (`make site`: .cache/newspaper/) | none: every PDF laid out |
| cache      | `build --cache DIR` (`make site`: .cache/build/)  | none: every notice parsed, the search index built, the templates compiled |
| owner      | `$SITE_OWNER`, else `SITE_OWNER` in pelicanconf.py | (pelicanconf.py's value)    |
| column     | `DISCLOSURE_COLUMN` in pelicanconf.py          | 大气污染综合治理强化督查（the 督办公开 专栏's name） |
| site_name  | `SITENAME` in pelicanconf.py                   | 生态环境督察整改公开               |
| precompress | `build --precompress`, else `PRECOMPRESS` in pelicanconf.py | off: no `.gz` twins (only nginx `gzip_static` uses them) |

Content paths follow from `root`.  Everything downstream receives a
`Settings`; nothing else reads the environment or the clock, so two builds
with the same settings are byte-identical.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import runpy
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .problems import error

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COLUMN = "大气污染综合治理强化督查"
DEFAULT_SITE_NAME = "生态环境督察整改公开"  # 郑政文〔2017〕178号: "大气污染综合治理强化督查"专题栏目


@dataclass(frozen=True)
class Settings:
    root: Path
    output: Path
    as_of: str  # ISO date every status is computed for
    site_url: str  # SITE_URL with a trailing slash, or "/"
    owner: str  # the operator named on every page
    repo_url: str = ""  # the public repository (https://github.com/org/repo): history links to its commits
    history: bool = True  # read each item's change history from git
    snapshots: Path | None = None  # archive of dated data snapshots kept between builds
    column: str = DEFAULT_COLUMN  # the name of the 督办公开 专栏 (pages, newspaper PDF, TV script)
    site_name: str = DEFAULT_SITE_NAME  # SITENAME: the TV script names the site
    pdf_cache: Path | None = None  # newspaper PDFs kept between builds, by content hash (site/newspaper.py)
    cache: Path | None = None  # parse results and search shards kept between builds, by content hash (cache.py)
    precompress: bool = False  # a .gz twin of every text file, for nginx's gzip_static (outputs/files.py)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def notices_dir(self) -> Path:
        return self.content / "notices"

    @property
    def regions_file(self) -> Path:
        return self.content / "regions.yml"

    @property
    def aliases_file(self) -> Path:
        return self.content / "units" / "aliases.yml"

    @property
    def updates_dir(self) -> Path:
        return self.content / "updates"

    @property
    def disclosures_dir(self) -> Path:
        return self.content / "disclosures"

    @property
    def theme(self) -> Path:
        return self.root / "themes" / "gov"

    @property
    def pelicanconf(self) -> Path:
        return self.root / "pelicanconf.py"

    @property
    def site_root(self) -> str:
        """The site's path on its host (default /): the 404 page links from there,
        since servers show it at whatever address was missing."""
        return urllib.parse.urlsplit(self.site_url).path or "/"

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the project root where it is inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def content_settings(root: Path = PROJECT_ROOT) -> Settings:
    """Only where the content is, for commands that publish nothing (report, init): they read no
    environment variable, no clock and no pelicanconf.py, so a setting for the site cannot stop them."""
    root = Path(root)
    return Settings(root=root, output=root / "output", as_of="", site_url="/", owner="")


def read_settings(root: Path = PROJECT_ROOT, output: Path | None = None, as_of: str | None = None,
                  environ: Mapping[str, str] | None = None, history: bool = True,
                  snapshots: Path | None = None, pdf_cache: Path | None = None,
                  precompress: bool = False, cache: Path | None = None) -> Settings:
    """Settings for a build; a bad value is a problem naming where it was set."""
    environ = os.environ if environ is None else environ
    root = Path(root)
    conf = _pelicanconf(root / "pelicanconf.py")
    return Settings(
        root=root,
        output=Path(output) if output else root / "output",
        as_of=_as_of(as_of, environ),
        site_url=_site_url(environ.get("SITE_URL", "")),
        owner=environ.get("SITE_OWNER", "").strip() or str(conf.get("SITE_OWNER", "")),
        repo_url=_repo_url(environ.get("REPO_URL", "")),
        history=history,
        snapshots=Path(snapshots) if snapshots else None,
        pdf_cache=Path(pdf_cache) if pdf_cache else None,
        cache=Path(cache) if cache else None,
        column=str(conf.get("DISCLOSURE_COLUMN") or DEFAULT_COLUMN),
        site_name=str(conf.get("SITENAME") or DEFAULT_SITE_NAME),
        precompress=precompress or _precompress(conf.get("PRECOMPRESS", False)),
    )


CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991


def china_today(now: dt.datetime | None = None) -> dt.date:
    """Today in China, whatever the host's time zone: the notices' and their readers' calendar."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(CHINA).date()


def _as_of(given: str | None, environ: Mapping[str, str]) -> str:
    where = "--as-of" if given else "SITE_AS_OF"
    value = (given or environ.get("SITE_AS_OF", "")).strip()
    if not value:
        return china_today().isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise error("settings.bad-as-of", where, None,
                    f"截至日期“{value}”不是有效日期，应写成 2026-11-22 这样的格式（not a valid date, expected YYYY-MM-DD）。"
                    ) from None


# Where `invoke serve` shows a local build; feeds and the sitemap need absolute addresses.
DEFAULT_SITE_URL = "http://localhost:8000/"


def _site_url(value: str) -> str:
    """Absolute address of the site for feeds and the sitemap (SITE_URL, else DEFAULT_SITE_URL)."""
    value = value.strip()
    if not value:
        return DEFAULT_SITE_URL
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise error("settings.bad-site-url", "SITE_URL", None,
                    f"SITE_URL“{value}”应为完整网址，如 https://example.gov.cn/zhenggai/（expected an absolute http(s) URL）。")
    return value.rstrip("/") + "/"


def _repo_url(value: str) -> str:
    """The public repository's web address, without a trailing slash; empty when not public."""
    value = value.strip().rstrip("/")
    if value and not re.match(r"^https://[^\s/]+/\S+$", value):
        raise error("settings.bad-repo-url", "REPO_URL", None,
                    f"REPO_URL“{value}”应为仓库的网址，如 https://github.com/机构/仓库（expected an https URL of the repository）。")
    return value


def _precompress(value: object) -> bool:
    """PRECOMPRESS in pelicanconf.py: True or False, nothing that merely looks like one ("False" is true)."""
    if not isinstance(value, bool):
        raise error("settings.bad-precompress", "pelicanconf.py", None,
                    f"PRECOMPRESS 应为 True 或 False，而不是 {value!r}（expected True or False）。")
    return value


def _pelicanconf(path: Path) -> dict:
    return runpy.run_path(str(path)) if path.is_file() else {}
