"""The deploy workflows: they test and build with the whole history, set SITE_URL, and publish output/."""
from __future__ import annotations

import yaml

from helpers import ROOT
from tasks import BUILD_CACHE, PDF_CACHE, SNAPSHOTS


def test_github_workflow_tests_builds_and_publishes_main():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert build["env"]["SITE_URL"].startswith("https://") and build["env"]["SITE_URL"].endswith("/")
    assert [s["run"] for s in build["steps"] if s.get("run") == "bash .ci/run"] == ["bash .ci/run"]
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"].split() == [SNAPSHOTS, PDF_CACHE, BUILD_CACHE]  # what make site keeps between builds
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "output"
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True


def test_gitlab_pipeline_tests_builds_and_publishes_the_default_branch():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert pipeline["pages"]["script"] == ['SITE_URL="$CI_PAGES_URL/" bash .ci/run', "rm -rf public && cp -a output public"]
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert pipeline["cache"]["paths"] == [f"{SNAPSHOTS}/", f"{PDF_CACHE}/", f"{BUILD_CACHE}/"]
