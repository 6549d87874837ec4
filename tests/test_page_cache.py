"""Pages kept in the build cache (pipeline/site/page_cache.py) are keyed by everything they render.

The key is sound only if each template of PAGE_INPUTS reads nothing of SITE and VIEWS but what PAGE_INPUTS
gives for its page: the first test renders every such page of the seed site with SITE and VIEWS holding
only that page's inputs and requires the bytes of the seed build.  tests/test_build_cache.py checks that a
rebuild from the cache equals a full build after an update, a correction and a meta.yml edit, and how many
pages each renders again.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
from pelican import writers

from helpers import AS_OF
from pipeline.build import model_of
from pipeline.cache import BuildCache
from pipeline.inputs.content import load_content
from pipeline.model import urls
from pipeline.model.broadcast import weekly_scripts
from pipeline.settings import read_settings
from pipeline.site import pelican
from pipeline.site.page_cache import PAGE_INPUTS, canonical, theme_stamp
from pipeline.site.pages import MOVED, page_slug, page_specs, write_page_sources
from pipeline.site.views import build_views


class OnlyItsInputs:
    """SITE or VIEWS as the page being rendered may read them: only its inputs (PAGE_INPUTS); reading anything
    else is an undefined value, which the theme's StrictUndefined turns into an error."""

    current: dict = {}  # the inputs of the page being rendered

    def __init__(self, part: str, **settings):
        self.part = part
        self.__dict__.update(settings)  # what pelican.template_settings reads of the model: in every page's key

    def __getattr__(self, name: str):
        inputs = OnlyItsInputs.current.get(self.part, {})
        if name not in inputs:
            raise AttributeError(f"{self.part}.{name} is not among the page's inputs")
        return inputs[name]


@pytest.fixture(scope="module")
def seed_project(seed_build):
    """The seed build's project (helpers.build_real_site), its settings, model and views, as the build made them."""
    project = seed_build[0].parent / f"{seed_build[0].name}-project"
    settings = read_settings(project, as_of=AS_OF, history=False, environ={})
    model = model_of(load_content(settings, cache=BuildCache(None)), settings)
    return settings, model, build_views(model, weekly_scripts(model, settings.column, settings.site_name))


def test_every_kept_page_renders_from_its_own_inputs_alone(seed_build, seed_project, tmp_path, monkeypatch):
    settings, model, views = seed_project
    specs = [spec for spec in page_specs(model, views, settings.column) if spec.kind in PAGE_INPUTS]
    kinds = Counter(spec.kind for spec in specs)
    assert kinds == {"issue": 269, "notice": 5, "notice_text": 2, "region": 33, "unit": 160, "edition": 5,
                     "broadcast": 21, MOVED: 2}
    by_slug = {page_slug(spec): spec for spec in specs}
    sources = write_page_sources(specs, tmp_path / "pages")
    sources[-1].unlink()  # the 404 page, which every build writes
    render = writers.Writer.write_file

    def write_file(self, name, template, context, *args, **kwargs):
        spec = by_slug[kwargs["page"].slug]
        OnlyItsInputs.current = PAGE_INPUTS[spec.kind](spec, model, views)
        return render(self, name, template, context, *args, **kwargs)

    monkeypatch.setattr(writers.Writer, "write_file", write_file)
    read = pelican.read_settings  # without the home page, which Pelican renders from every build's settings
    monkeypatch.setattr(pelican, "read_settings", lambda *args, **kwargs: {**read(*args, **kwargs), "DIRECT_TEMPLATES": []})
    pelican._run(settings, tmp_path / "pages", tmp_path / "out", OnlyItsInputs("SITE", as_of=model.as_of),
                 OnlyItsInputs("VIEWS"))
    for spec in specs:
        page = urls.saved_as(spec.url)
        assert (tmp_path / "out" / page).read_bytes() == (seed_build[0] / page).read_bytes(), page


SHARED_TEMPLATES = ("base.html", "macros.html", "disclosure_macros.html")  # what the kept pages extend or import


def test_no_branch_of_a_kept_template_reads_more_than_its_inputs(seed_project, root):
    """The seed site may not take every branch of a template: read them all for SITE.x and VIEWS.x."""
    settings, model, views = seed_project
    first_of_kind = {}
    for spec in page_specs(model, views, settings.column):
        first_of_kind.setdefault(spec.kind, spec)
    templates = root / "themes" / "gov" / "templates"
    for kind, inputs in PAGE_INPUTS.items():
        declared = PAGE_INPUTS[kind](first_of_kind[kind], model, views)
        read = set(re.findall(r"\b(SITE|VIEWS)\.(\w+)", (templates / f"{kind}.html").read_text(encoding="utf-8")))
        assert read <= {(part, name) for part in declared for name in declared[part]}, kind
    for name in SHARED_TEMPLATES:
        assert re.findall(r"\b(SITE|VIEWS)\.(\w+)", (templates / name).read_text(encoding="utf-8")) == [], name


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
