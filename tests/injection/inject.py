"""A project whose every text field carries attack payloads (payloads.txt), for the injection tests.

The 栾川 notice four times over (four ids, three of them in counties whose
names are payloads) gives 124 items; every payload goes, in turn, into each
kind of field a notice prints (item text, targets, measures, leaders, lead and
responsible units, persons, deadline), into meta.yml (title, issuers, 文号,
notes, list title, original file name), into corrections.yml (a corrected
title and its reason), into regions.yml (county names), aliases.yml
(variant names of units) and progress updates (title, Markdown text, 受理部门,
联系电话, evidence label, reason).  Test data only.
"""
from __future__ import annotations

import hashlib
import re
from itertools import cycle
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAYLOADS = [line for line in (HERE / "payloads.txt").read_text(encoding="utf-8").split("\n") if line]
BASE = "luanchuan-2019-07"
COPIES = [BASE, "inj-a-2019", "inj-b-2019", "inj-c-2019"]
LABELS = ("整改目标：", "整改措施：", "责任领导：", "牵头单位：", "责任单位：", "责 任 人：", "整改时限：")
ITEM = re.compile(r"^(\d{1,2})\.")


def fitting(limit: int):
    """The payloads, endlessly, that fit a field of `limit` characters."""
    return cycle([p for p in PAYLOADS if len(p) <= limit])


def inject_text(text: str, offset: int) -> str:
    """Each item head and each labelled line gets the next payload; unit lines get it as one more unit."""
    counters = {label: offset for label in LABELS + ("item",)}
    out = []
    for line in text.split("\n"):
        label = "item" if ITEM.match(line) else next((lb for lb in LABELS if line.startswith(lb)), None)
        if label:
            payload = PAYLOADS[counters[label] % len(PAYLOADS)]
            counters[label] += 1
            separator = "、" if label in ("牵头单位：", "责任单位：") else ""
            line = f"{line}{separator}{payload}"
        out.append(line)
    return "\n".join(out)


def yaml_text(value: str) -> str:
    """A payload as a YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_project(project: Path) -> None:
    """Turn a copy of the project holding only the 栾川 notice into the injected project."""
    notices = project / "content" / "notices"
    base = notices / BASE
    text, meta = (base / "notice.txt").read_text(encoding="utf-8"), (base / "meta.yml").read_text(encoding="utf-8")
    short, names, long = fitting(50), fitting(100), fitting(500)
    counties = [next(short) for _ in COPIES[1:]]
    regions = project / "content" / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8") + "".join(
        f"- id: inj-county-{n}\n  name: {yaml_text(name)}\n  parent: 洛阳市\n" for n, name in enumerate(counties)),
        encoding="utf-8")
    for position, notice_id in enumerate(COPIES):
        folder = notices / notice_id
        folder.mkdir(exist_ok=True)
        raw = inject_text(text, position * 31)
        (folder / "notice.txt").write_text(raw, encoding="utf-8")
        county = "栾川县" if position == 0 else yaml_text(counties[position - 1])
        issuers = "".join(f"- {yaml_text(next(names))}\n" for _ in range(19))
        notes = "；".join(PAYLOADS[position::len(COPIES)])[:2000]
        changed = (meta.replace(f"id: {BASE}", f"id: {notice_id}")
                   .replace("county: 栾川县", f"county: {county}")
                   .replace("- 栾川县人民政府\n", "- 栾川县人民政府\n" + issuers)
                   .replace("doc_number: null", f"doc_number: {yaml_text(next(fitting(60)))}")
                   .replace("- title: 省委省政府环境保护督察反馈意见整改任务清单及责任分工",
                            f"- title: {yaml_text('整改任务清单' + next(fitting(180)))}"))
        changed = re.sub(r"(?m)^title: (.*)$", lambda m: f"title: {yaml_text(m.group(1)[:40] + next(fitting(150)))}",
                         changed, count=1)
        original = next(fitting(200))
        changed = re.sub(r"(?m)^notes: .*$", lambda _: f"notes: {yaml_text(notes)}", changed)
        changed = re.sub(r"(?m)^original_file: .*$", lambda _: f"original_file: {yaml_text(original)}", changed)
        changed = re.sub(r"(?m)^sha256: .*$", lambda _: f"sha256: {hashlib.sha256(raw.encode()).hexdigest()}", changed)
        (folder / "meta.yml").write_text(changed, encoding="utf-8")
        (folder / "corrections.yml").write_text("# 测试用注入样本，非真实更正（injection payloads, tests only）\n" + "".join(
            f"- item: l1-{n}\n  field: title\n  value: {yaml_text(next(long))}\n  reason: {yaml_text(next(long))}\n  date: 2026-12-02\n"
            for n in range(1, 32)), encoding="utf-8")
    aliases = project / "content" / "units" / "aliases.yml"
    variants = [p for p in PAYLOADS if len(p) <= 100]
    chunks = [variants[i::3] for i in range(3)]  # each payload once: a name maps to one unit only
    aliases.write_text(aliases.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(
        f"  - region: 栾川县\n    name: {unit}\n    variants: [{', '.join(yaml_text(v) for v in chunk)}]\n"
        for unit, chunk in zip(["县委办", "政府办", "县委组织部"], chunks)), encoding="utf-8")

    write_updates(project, fitting(200), fitting(500))


def write_updates(project: Path, short, long) -> None:
    """One update per item of the first copy, a payload in every text it has; its Markdown text is raw."""
    folder = project / "content" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 32):
        payload = next(long)
        (folder / f"2026-11-01-inj-{n}.md").write_text(
            f"---\n# 测试用注入样本，非真实进展（injection payloads, tests only）\n"
            f"items: [{BASE}-l1-{n}]\ndate: 2026-11-01\nstatus: 销号公示中\ntitle: {yaml_text(next(short))}\n"
            f"publicity: {{start: 2026-11-01, end: 2026-11-07, department: {yaml_text(next(short))}, "
            f"phone: {yaml_text(next(short))}}}\n"
            f"evidence: [{{label: {yaml_text(next(short))}, url: \"https://example.org/?q=javascript:alert(1)'\"}}]\n"
            f"reason: {yaml_text(next(short))}\n---\n{payload}\n\n[链接](javascript:alert(1)) {payload}\n",
            encoding="utf-8")
