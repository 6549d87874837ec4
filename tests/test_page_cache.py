"""Item pages kept in the build cache (pipeline/site/page_cache.py) are keyed by everything they render.

The key is sound only if issue.html reads nothing but its own issue record, its own view, its page and the
settings: the first test renders every item page of the seed site with a site model and views that hold
nothing else (and refuse any other item's record or view) and requires the bytes of the seed build.
tests/test_build_cache.py checks that a rebuild from the cache equals a full build after an update, a
correction and a meta.yml edit, and how many item pages each re-renders.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from pelican import writers

from helpers import AS_OF
from pipeline.cache import BuildCache
from pipeline.inputs.content import load_content
from pipeline.inputs.history import read_history
from pipeline.model.site import build_model
from pipeline.settings import read_settings
from pipeline.site import pelican
from pipeline.site.page_cache import KEPT_TEMPLATE, canonical, theme_stamp
from pipeline.site.pages import page_specs, write_page_sources
from pipeline.site.views import build_views
from pipeline.model import urls


class OnlyThePage(dict):
    """A mapping that gives out only the entry of the page being rendered (`current`)."""

    current: str | None = None

    def __getitem__(self, key):
        assert key == OnlyThePage.current, f"the page of {OnlyThePage.current} read {key}"
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def seed_project(seed_build):
    """The seed build's project (helpers.build_real_site), its settings, model and views, as the build made them."""
    project = seed_build[0].parent / f"{seed_build[0].name}-project"
    settings = read_settings(project, as_of=AS_OF, history=False, environ={})
    content = load_content(settings, cache=BuildCache(None))
    model = build_model(content.notices, content.aliases, content.regions, settings.as_of, content.updates,
                        read_history(settings.root, settings.history, {}, settings.repo_url), content.editions)
    return settings, model, build_views(model)


def test_every_item_page_renders_from_its_own_record_and_view_alone(seed_build, seed_project, tmp_path, monkeypatch):
    settings, model, views = seed_project
    specs = [spec for spec in page_specs(model, views, settings.column) if spec.kind == KEPT_TEMPLATE]
    assert len(specs) == len(model.issues) == 269
    sources = write_page_sources(specs, tmp_path / "pages")
    sources[-1].unlink()  # the 404 page, which every build writes
    render = writers.Writer.write_file

    def write_file(self, name, template, context, *args, **kwargs):
        OnlyThePage.current = kwargs["page"].page_id if "page" in kwargs else None
        return render(self, name, template, context, *args, **kwargs)

    monkeypatch.setattr(writers.Writer, "write_file", write_file)
    read = pelican.read_settings  # without the home page, which Pelican renders from every build's settings
    monkeypatch.setattr(pelican, "read_settings", lambda *args, **kwargs: {**read(*args, **kwargs), "DIRECT_TEMPLATES": []})
    only = SimpleNamespace(issues_by_id=OnlyThePage(model.issues_by_id), as_of=model.as_of)
    pelican._run(settings, tmp_path / "pages", tmp_path / "out", only, {"issue": OnlyThePage(views["issue"])})
    for spec in specs:
        page = urls.saved_as(spec.url)
        assert (tmp_path / "out" / page).read_bytes() == (seed_build[0] / page).read_bytes(), page


def test_equal_values_give_equal_bytes_whatever_they_share():
    text = "市生态环境局"
    shared = (text, text)
    copied = (text, "".join(["市生态", "环境局"]))
    assert copied[0] is not copied[1]
    assert canonical(shared) == canonical(copied)
    assert canonical(shared) != canonical((text, "市公安局"))


def test_the_stamp_changes_with_the_theme_the_settings_and_pelicanconf(tmp_path):
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "issue.html").write_text("{{ page.title }}", encoding="utf-8")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text('SITENAME = "甲"\n', encoding="utf-8")
    values = {"AS_OF": "2026-11-22"}
    first = theme_stamp(theme, conf, values)
    assert theme_stamp(theme, conf, dict(values)) == first
    assert theme_stamp(theme, conf, {"AS_OF": "2026-11-23"}) != first
    conf.write_text('SITENAME = "乙"\n', encoding="utf-8")
    assert theme_stamp(theme, conf, values) != first
    conf.write_text('SITENAME = "甲"\n', encoding="utf-8")
    (theme / "static.css").write_text("p {}", encoding="utf-8")
    assert theme_stamp(theme, conf, values) != first
