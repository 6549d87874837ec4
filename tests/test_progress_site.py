"""Progress on the built site, in a private git repository: history, timeline, feeds, one status everywhere.

The repository (tests/progress_project.py) holds one notice and fictional updates (虚构), built once
per session (`progress_repo`, `progress_site` in conftest.py).
"""
from __future__ import annotations

import gzip
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import AS_OF, run_cli_process
from progress_project import ATOM, BOTH, CLOSED, NOTICE, REPO, SHOWN, SITE, build

from pipeline.outputs.postings import read_all_documents, read_filter


@pytest.fixture(scope="module")
def repo(progress_repo):
    return progress_repo


@pytest.fixture(scope="module")
def site(progress_site):
    return progress_site


def page_text(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_item_page_lists_its_history_newest_first_with_commit_links(site, repo):
    _, commits = repo
    html = page_text(site, f"issues/{CLOSED}/")
    history = plain(html[html.index('id="hist-h"'):html.index('id="src-h"')])
    assert re.findall(r"(\d{4}-\d{2}-\d{2}) (\S+)：(\S+)", history) == [
        ("2026-11-20", "更正", "更正第3项标题（测试）"),
        ("2026-11-18", "整改进展", "报送整改进展（测试）"), ("2026-11-18", "整改进展", "报送整改进展（测试）"),
        ("2026-11-18", "整改进展", "报送整改进展（测试）"),
        ("2026-11-01", "通知原文", "发布栾川通知"), ("2026-11-01", "通知元数据", "发布栾川通知")]
    assert f'href="{REPO}/commit/{commits["correction"]}"' in html
    assert "浅克隆" not in html


def test_the_timeline_shows_every_update_newest_first(site):
    html = page_text(site, f"issues/{CLOSED}/")
    assert re.findall(r'<li id="u-([a-z0-9-]+)">', html) == ["2026-11-18-closed", "2026-11-10-publicity",
                                                             "2026-11-01-progress"]
    timeline = plain(html[html.index('id="tl-h"'):html.index('id="hist-h"')])
    assert "2026-11-10 至 2026-11-16（共 7 天），已结束" in timeline and "示例受理部门（虚构）" in timeline
    assert "同一进展还涉及：栾川县整改方案第4项" in timeline or "同一进展还涉及：" in timeline


def test_a_depth_one_clone_says_its_history_is_incomplete(repo, tmp_path):
    project, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)], check=True)
    assert "history: incomplete" in build(clone, tmp_path / "out")
    html = page_text(tmp_path / "out", f"issues/{CLOSED}/")
    history = plain(html[html.index('id="hist-h"'):html.index('id="src-h"')])
    assert "本次构建只取得了部分版本历史（浅克隆），较早的修改未列出，以下记录不完整。" in history
    assert "所取得的版本历史中没有本项文件的修改。" in history and "2026-11-" not in history


def issues_json(site: Path) -> dict:
    return {i["id"]: i for i in json.loads((site / "data" / "issues.json").read_text(encoding="utf-8"))}


def test_status_is_derived_as_of_the_build_date(site):
    issues = issues_json(site)
    assert [issues[i]["status"]["category"] for i in (CLOSED, SHOWN, BOTH)] == ["closed", "publicity", "reported"]
    assert issues[SHOWN]["status"]["deadline_note"] == "公示期至 2026-11-26"
    assert issues[CLOSED]["updates"] == ["2026-11-18-closed", "2026-11-10-publicity", "2026-11-01-progress"]


def row_status(html: str, issue_id: str) -> str:
    """The status label in the table row linking to the item."""
    row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*?href="[^"]*issues/{issue_id}/"(?:(?!</tr>).)*</tr>', html, re.S)
    return re.search(r'<span class="st st-[a-z_]+">([^<]+)</span>', row.group()).group(1)


def region_group(html: str, issue_id: str) -> str:
    """The heading of the status group a region page lists the item under."""
    before = html[:html.index(f'issues/{issue_id}/"')]
    return re.findall(r'<h3 id="st-[a-z_]+">([^（<]+)（', before)[-1]


def search_document(site: Path, issue_id: str) -> tuple[int, dict]:
    """The issue's number in the search index and its result document."""
    for n, document in enumerate(read_all_documents(site / "search")):
        if document["url"] == f"issues/{issue_id}/":
            return n, document
    raise AssertionError(issue_id)


def feed_titles(site: Path, feed: str) -> list[str]:
    root = ET.parse(site / feed).getroot()
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("issue_id", [CLOSED, SHOWN, BOTH])
def test_one_status_on_every_page_in_the_data_search_and_feeds(site, issue_id):
    status = issues_json(site)[issue_id]["status"]
    label, category = status["category_label"], status["category"]
    item = page_text(site, f"issues/{issue_id}/")
    assert f'<span class="st st-{category}">{label}</span>' in item
    assert f"<dd>{status['progress_label']}（{status['progress_date']} 报送" in item
    unit = issues_json(site)[issue_id]["lead_units"][0]["url"]
    assert row_status(page_text(site, unit), issue_id) == label
    assert region_group(page_text(site, f"regions/{NOTICE.split('-')[0]}/"), issue_id) == label
    assert row_status(page_text(site, "issues/"), issue_id) == label
    n, document = search_document(site, issue_id)
    assert document["status"] == {"category": category, "label": label}
    assert n in read_filter((site / "search" / "filter" / "status" / f"{category}.bin.gz").read_bytes())
    number = issue_id.rsplit("-", 1)[1]
    for feed in ("feeds/updates.atom.xml", f"feeds/updates/notices/{NOTICE}.atom.xml",
                 f"feeds/updates/units/{unit.split('/')[1]}.atom.xml", f"feeds/updates/regions/{NOTICE.split('-')[0]}.atom.xml"):
        latest = next(t for t in feed_titles(site, feed) if re.search(rf"第(\d+、)*{number}(、\d+)*项", t))
        assert latest.endswith("：" + status["progress_label"]), (feed, latest)


def test_feeds_carry_the_updates_with_absolute_links(site):
    root = ET.parse(site / "feeds" / "updates.atom.xml").getroot()
    entries = list(root.iter(f"{ATOM}entry"))
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        f"{SITE}issues/{SHOWN}/#u-2026-11-20-shown", f"{SITE}issues/{CLOSED}/#u-2026-11-18-closed",
        f"{SITE}issues/{CLOSED}/#u-2026-11-10-publicity", f"{SITE}issues/{CLOSED}/#u-2026-11-01-progress"]
    assert entries[1].find(f"{ATOM}updated").text == "2026-11-18T00:00:00+08:00"


def test_the_changes_page_lists_the_last_seven_days(site):
    text = plain(page_text(site, "changes/"))
    assert "2026-11-16 至 2026-11-22（最近 7 天，含当天）" in text
    assert "新报送的整改进展（2）" in text and "编辑更正（1）" in text
    assert "本周结束的公示期（1）" in text  # 11-10…11-16 ended inside the week


def test_home_page_shows_rates_and_latest_updates(site):
    text = plain(page_text(site, ""))
    assert "1 / 31 项完成率 3.2%" in text
    assert "栾川县" in text and "2026-11-20 · 销号公示中" in text


def test_snapshots_are_added_only_when_the_data_changed(repo, tmp_path):
    project, _ = repo
    archive = tmp_path / "archive"
    build(project, tmp_path / "a", "--snapshots", archive)
    assert sorted(p.name for p in archive.iterdir()) == [AS_OF]
    result = run_cli_process("build", "--output", tmp_path / "b", "--as-of", "2026-11-23", "--snapshots", archive,
                             root=project, env={"SITE_URL": SITE})
    assert result.returncode == 0, result.stderr
    index = json.loads((tmp_path / "b" / "data" / "snapshots" / "index.json").read_text())
    assert index == [{"date": AS_OF, "url": f"data/snapshots/{AS_OF}/issues.json.gz"}]
    assert (tmp_path / "b" / "data" / "snapshots" / AS_OF / "issues.json.gz").read_bytes() == \
        (archive / AS_OF / "issues.json.gz").read_bytes()


def test_a_snapshot_is_the_published_issues_json_compressed(repo, tmp_path):
    project, _ = repo
    build(project, tmp_path / "a")
    snapshot = tmp_path / "a" / "data" / "snapshots" / AS_OF / "issues.json.gz"
    assert gzip.decompress(snapshot.read_bytes()) == (tmp_path / "a" / "data" / "issues.json").read_bytes()
    assert snapshot.read_bytes()[4:8] == b"\0\0\0\0"  # no timestamp: the same bytes every build


def test_a_snapshot_archived_uncompressed_keeps_its_address(repo, tmp_path):
    """Snapshots archived before they were compressed stay published as plain issues.json, where they were."""
    project, _ = repo
    archive = tmp_path / "archive"
    build(project, tmp_path / "a", "--snapshots", archive)
    plain_snapshot = archive / "2026-11-01" / "issues.json"
    plain_snapshot.parent.mkdir()
    plain_snapshot.write_bytes(gzip.decompress((archive / AS_OF / "issues.json.gz").read_bytes()))
    (archive / AS_OF / "issues.json.gz").unlink()
    (archive / AS_OF).rmdir()
    result = run_cli_process("build", "--output", tmp_path / "b", "--as-of", AS_OF, "--snapshots", archive,
                             root=project, env={"SITE_URL": SITE})
    assert result.returncode == 0, result.stderr
    index = json.loads((tmp_path / "b" / "data" / "snapshots" / "index.json").read_text())
    assert index == [{"date": "2026-11-01", "url": "data/snapshots/2026-11-01/issues.json"}]  # the data did not change
    assert (tmp_path / "b" / "data" / "snapshots" / "2026-11-01" / "issues.json").read_bytes() == \
        plain_snapshot.read_bytes()
    assert 'href="../data/snapshots/2026-11-01/issues.json"' in page_text(tmp_path / "b", "about/")
