"""Progress on the built site, in a private git repository: history, timeline, feeds, one status everywhere.

The project is a copy of one notice (栾川) committed to a fresh repository
with fixed dates; the updates and the correction are fictional test data
(虚构) that exist only in the temporary folder.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import AS_OF, copy_project, run_cli_process

SITE = "https://example.org/site/"
REPO = "https://git.example.org/org/site"
NOTICE = "luanchuan-2019-07"
CLOSED, SHOWN, BOTH = f"{NOTICE}-l1-3", f"{NOTICE}-l1-5", f"{NOTICE}-l1-4"
ATOM = "{http://www.w3.org/2005/Atom}"

UPDATES = {
    "2026-11-01-progress": f"items: [{CLOSED}, {BOTH}]\ndate: 2026-11-01\nstatus: 推进中",
    "2026-11-10-publicity": f"items: [{CLOSED}]\ndate: 2026-11-10\nstatus: 销号公示中\npublicity:\n  start: 2026-11-10\n"
                            "  end: 2026-11-16\n  days: 7\n  department: 示例受理部门（虚构）\n  phone: '0000-0000000'",
    "2026-11-18-closed": f"items: [{CLOSED}]\ndate: 2026-11-18\nstatus: 已销号",
    "2026-11-20-shown": f"items: [{SHOWN}]\ndate: 2026-11-20\nstatus: 销号公示中\n"
                        "publicity: {start: 2026-11-20, end: 2026-11-26, days: 7}",
}
CORRECTION = ("- item: l1-3\n  field: title\n  value: 测试用标题（虚构）\n  reason: 测试用更正（虚构）\n  date: 2026-11-20\n")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T10:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T10:00:00+08:00")
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def write_updates(project: Path, names) -> None:
    folder = project / "content" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.md").write_text(f"---\n{UPDATES[name]}\n---\n测试样例（虚构）：{name}。\n", encoding="utf-8")


def build(project: Path, out: Path, *extra) -> str:
    result = run_cli_process("build", "--output", out, "--as-of", AS_OF, *extra, root=project,
                             env={"SITE_URL": SITE, "REPO_URL": REPO})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, dict]:
    project = copy_project(tmp_path_factory.mktemp("progress") / "project", notices=(NOTICE,))
    git(project, "init", "-q", "-b", "main")
    commits = {"initial": commit(project, "发布栾川通知", "2026-11-01")}
    write_updates(project, UPDATES)
    commits["updates"] = commit(project, "报送整改进展（测试）", "2026-11-18")
    (project / "content" / "notices" / NOTICE / "corrections.yml").write_text(CORRECTION, encoding="utf-8")
    commits["correction"] = commit(project, "更正第3项标题（测试）", "2026-11-20")
    return project, commits


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("progress-site") / "out"
    assert "修改记录：完整（history: complete）" in build(repo[0], out)
    return out


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
    assert "公示期 2026-11-10 至 2026-11-16（共 7 天）已结束" in timeline and "示例受理部门（虚构）" in timeline
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


def search_document(site: Path, issue_id: str) -> dict:
    for path in (site / "search" / "docs").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        if document["url"] == f"issues/{issue_id}/":
            return document
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
    document = search_document(site, issue_id)
    assert document["status"] == {"category": category, "label": label}
    assert document["n"] in json.loads((site / "search" / "filter" / "status" / f"{category}.json").read_text())
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
    assert "公示期结束或即将结束（1）" in text  # 11-10…11-16 ended inside the week


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
    assert index == [{"date": AS_OF, "url": f"data/snapshots/{AS_OF}/issues.json"}]
    assert (tmp_path / "b" / "data" / "snapshots" / AS_OF / "issues.json").read_bytes() == \
        (archive / AS_OF / "issues.json").read_bytes()
