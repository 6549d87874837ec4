"""Every page of the site: its URL (from a stable id), its template and its title, as Pelican sources.

The pipeline writes one source per page, a metadata header and nothing else
(stable URL from the record's id, never from the Chinese title, which
Pelican would turn into colliding pinyin slugs); pelican.py reads them.  The records reach the
templates as the SITE setting (the site model) and the page views as VIEWS
(pelican.py); templates only format them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import urls
from ..model.site import SiteModel
from ..settings import DEFAULT_COLUMN

PAGE_SOURCE_EXTENSION = "page"  # pelican.PageSourceReader's: not Markdown, nothing to convert
TITLE_SUMMARY = 40  # characters of an issue's summary in its page title
MOVED = "moved"  # the template of an address a page had, kept to send readers where its content is now


@dataclass(frozen=True)
class PageSpec:
    kind: str  # the template's name
    id: str
    url: str
    title: str
    number: int = 1  # the page of a paginated list (views: "pages"); the first keeps the list's URL
    target: str = ""  # a MOVED page: the address it sends a reader to

    @property
    def listed(self) -> bool:
        """Whether the sitemap lists it: every page but the addresses kept only to send readers on."""
        return self.kind != MOVED


def first_page_specs(kind: str, id: str, title: str, page: dict) -> list[PageSpec]:
    """A list shown as its first page (paging.first_page), and a MOVED page at each address its later pages had,
    sending a reader to the whole list."""
    return [PageSpec(kind, id, page["url"], title)] + [
        PageSpec(MOVED, f"{kind}-{id}", urls.list_page(page["url"], n), f"{title}（第 {n} 页）", n, page["more"])
        for n in range(2, page["former_pages"] + 1)]


def list_pages(kind: str, id: str, title: str, pages: list[dict]) -> list[PageSpec]:
    """Every page of a paginated list: the first with the list's title, the others “title（第 N 页）”."""
    return [PageSpec(kind, id, page["url"], title if page["number"] == 1 else f"{title}（第 {page['number']} 页）",
                     page["number"]) for page in pages]


def page_specs(model: SiteModel, views: dict, column: str = DEFAULT_COLUMN) -> list[PageSpec]:
    """Every page the sitemap lists, in a fixed order."""
    specs = [
        *list_pages("issues_index", "all", "全部整改事项", views["issues_index"]["pages"]),
        PageSpec("units_index", "all", urls.UNITS_INDEX, "全部责任单位"),
        PageSpec("archives", "all", urls.ARCHIVES, "通知归档：按年份和类别"),
        PageSpec("about", "about", urls.ABOUT, "关于本站"),
        PageSpec("disclosure", "disclosure", urls.DISCLOSURE, f"督办公开专栏：{column}"),
        PageSpec("broadcasts", "all", urls.BROADCASTS, "电视专题报道播报稿"),
        PageSpec("corrections", "all", urls.CORRECTIONS, "更正记录"),
        PageSpec("search", "search", urls.SEARCH, "搜索整改事项和通知"),
        *list_pages("overdue", "overdue", "已过整改时限、未报告完成的事项", views["overdue"]["pages"]),
        PageSpec("changes", "changes", urls.CHANGES, "本周变化"),
    ]
    for s in views["issues_index"]["subsets"]:
        specs += first_page_specs("issues_subset", s["id"], s["title"], s["page"])
    for r in model.regions:
        specs += first_page_specs("region", r.id, f"{r.name}整改公开", views["region"][r.id]["page"])
    for n in model.notices:
        specs += list_pages("notice", n.id, n.title, views["notice"][n.id]["pages"])
        specs += [PageSpec("notice_text", n.id, page["url"], f"{n.title}原文（第 {page['number']} 页）", page["number"])
                  for page in views["notice"][n.id]["text_pages"][1:]]  # the first is on the notice page
    for issue in model.issues:
        summary = issue.summary
        if len(summary) > TITLE_SUMMARY:
            summary = summary[:TITLE_SUMMARY] + "…"
        notice = model.notices_by_id[issue.notice]
        specs.append(PageSpec("issue", issue.id, issue.url, f"{notice.short_name}第{issue.label}项：{summary}"))
    for u in model.units:
        specs += first_page_specs("unit", u.id, u.label, views["unit"][u.id]["page"])
    for e in model.editions:
        title = e.title if not e.generated else f"{e.title}（据{notice_short(model, e)}生成）"
        specs += list_pages("edition", e.id, title, views["edition"][e.id]["pages"])
    for week, view in views["broadcast"].items():
        specs += list_pages("broadcast", week, f"电视专题报道播报稿（{week_label(view['script'])}）", view["pages"])
    return specs


def notice_short(model: SiteModel, edition) -> str:
    return model.notices_by_id[edition.notice_id].short_name


def week_label(script) -> str:
    return f"{script.monday}至{script.sunday}"


NOT_FOUND = PageSpec("not_found", "404", urls.NOT_FOUND, "页面不存在")


def _header_value(text: str) -> str:
    """Metadata header values are one line of plain text."""
    return " ".join(str(text).split())


def page_source(metadata: dict[str, str]) -> str:
    """`Key: value` lines, the header Pelican's Markdown sources start with (pelican.PageSourceReader)."""
    return "".join(f"{key}: {_header_value(value)}\n" for key, value in metadata.items())


def page_slug(spec: PageSpec) -> str:
    """The name of a page's source, unique among the pages (Pelican's slug)."""
    return f"{spec.kind}-{spec.id}" + (f"-page-{spec.number}" if spec.number > 1 else "")


def write_page_sources(specs: list[PageSpec], folder: Path) -> list[Path]:
    """One source per page (and the 404 page) for Pelican to render."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in specs + [NOT_FOUND]:
        slug = page_slug(spec)
        path = pages / f"{slug}.{PAGE_SOURCE_EXTENSION}"
        path.write_text(page_source({
            "Title": spec.title,
            "Slug": slug,
            "Save_as": urls.saved_as(spec.url),
            "URL": spec.url,
            "Template": spec.kind,
            "Page_kind": spec.kind,
            "Page_id": spec.id,
            "List_page": str(spec.number),
            **({"Target": spec.target} if spec.target else {}),
        }), encoding="utf-8")
        written.append(path)
    return written
