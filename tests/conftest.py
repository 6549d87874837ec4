"""Shared fixtures: the real content, parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import AS_OF, build_real_site
from pipeline.inputs.content import load_content
from pipeline.model.site import build_model
from pipeline.settings import content_settings

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "content" / "notices"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> tuple[Path, str]:
    """The whole site of the real content, built once per test run as of AS_OF: (folder, what the build printed).

    Every test of the built site (pages, data, search, golden files, the browser tests) reads this one build.
    """
    out = tmp_path_factory.mktemp("site") / "output"
    return out, build_real_site(out)


@pytest.fixture(scope="session")
def built_site(seed_build) -> Path:
    return seed_build[0]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def content():
    """Every input in content/, loaded and checked once (with each notice's parse tree, which tests inspect)."""
    return load_content(content_settings(ROOT), parse_trees=True)


@pytest.fixture(scope="session")
def results(content):
    """Notice id → the result of the notice stages."""
    return {result.notice.id: result for result in content.notices}


@pytest.fixture(scope="session")
def site_model(content):
    """The site model of the real content as of AS_OF."""
    return build_model(content.notices, content.aliases, content.regions, AS_OF)


@pytest.fixture(scope="session")
def all_issues(results):
    return [issue for result in results.values() for issue in result.issues]


@pytest.fixture(scope="session")
def injected_site(tmp_path_factory) -> Path:
    """A site built from content whose every text field carries attack payloads (tests/injection/)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "injection"))
    import inject

    from helpers import copy_project, run_cli

    project = copy_project(tmp_path_factory.mktemp("injected") / "project", notices=(inject.BASE,))
    inject.make_project(project)
    out = project.parent / "site"
    result = run_cli("build", "--output", out, "--as-of", AS_OF, root=project)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def progress_repo(tmp_path_factory):
    """A git repository with one notice and fictional progress updates (tests/progress_project.py)."""
    from progress_project import make_repo
    return make_repo(tmp_path_factory.mktemp("progress") / "project")


@pytest.fixture(scope="session")
def progress_site(progress_repo, tmp_path_factory) -> Path:
    """Its site, built once, as of AS_OF with SITE_URL and REPO_URL set."""
    from progress_project import build
    out = tmp_path_factory.mktemp("progress-site") / "out"
    assert "修改记录：完整（history: complete）" in build(progress_repo[0], out)
    return out
