"""Nothing lost, whatever the content (Hypothesis): every record in is a page, a search document,
a sitemap entry and a CSV row.

Random valid datasets of 0–500 records are written as notices in the layout
of the 栾川 notice (bench/synthetic.py, real field values recombined; test
data only), read, modelled and published through the same functions as the
site; one real build (tests/test_site.py) checks that every page spec becomes
a file.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import REGIONS, load_pools, meta_yaml, notice_regions, notice_text
from helpers import AS_OF, ROOT, load_problems
from pipeline.inputs.content import load_content
from pipeline.model.site import build_model
from pipeline.outputs.data import ROWS, published_issues
from pipeline.outputs.search import search_documents
from pipeline.settings import content_settings
from pipeline.site.pages import page_specs
from pipeline.site.views import build_views


@pytest.fixture(scope="module")
def pools(built_site):
    issues = built_site / "data" / "issues.json"
    return load_pools(issues, notice_regions(issues))


def write_dataset(project: Path, pools, counts: list[int], seed: int) -> None:
    shutil.rmtree(project, ignore_errors=True)
    (project / "content" / "notices").mkdir(parents=True)
    (project / "content" / "units").mkdir()
    for name in ("regions.yml", "units/aliases.yml"):
        shutil.copyfile(ROOT / "content" / name, project / "content" / name)
    rng = random.Random(seed)
    for index, count in enumerate(counts, start=1):
        city, county = REGIONS[index % len(REGIONS)]
        text, title = notice_text(index, rng, pools, city, county, items=count)
        folder = project / "content" / "notices" / f"sample-{index}"
        folder.mkdir()
        raw = text.encode("utf-8")
        (folder / "notice.txt").write_bytes(raw)
        (folder / "meta.yml").write_text(meta_yaml(f"sample-{index}", title, city, county, raw), encoding="utf-8")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=st.lists(st.integers(1, 200), max_size=4).filter(lambda c: sum(c) <= 500),
       seed=st.integers(0, 2 ** 32 - 1))
def test_every_record_is_a_page_a_document_a_sitemap_entry_and_a_row(tmp_path, pools, counts, seed):
    project = tmp_path / "project"
    write_dataset(project, pools, counts, seed)
    if not counts:
        assert load_problems(project) == [("content/notices", None, "notice.none")]
        return
    content = load_content(content_settings(project))
    model = build_model(content.notices, content.aliases, content.regions, AS_OF)
    ids = [issue.id for result in content.notices for issue in result.issues]
    assert len(ids) == len(set(ids)) == sum(counts)
    specs = page_specs(model, build_views(model))
    pages = [spec.id for spec in specs if spec.kind == "issue"]
    documents = [d["url"] for d in search_documents(model) if d["kind"] not in ("notice", "edition")]
    plan_rows = [row.issue_id for edition in model.editions if edition.generated for row in edition.rows]
    sitemap = [spec.url for spec in specs if spec.url.startswith("issues/") and spec.kind == "issue"]
    rows = [ROWS["issues"](record)["id"] for record in published_issues(model)]
    assert sorted(pages) == sorted(rows) == sorted(ids) == sorted(plan_rows)
    assert sorted(documents) == sorted(sitemap) == sorted(f"issues/{i}/" for i in ids)
