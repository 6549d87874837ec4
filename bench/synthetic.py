"""A synthetic project of 10,000 issues, made of the real notices' paragraphs.

The point is scale, not new content: every problem, target, measure, leader,
unit and deadline in a synthetic item is a real one from the parsed records
of the five real notices, recombined with a fixed random seed.  The texts are
written in the layout of content/notices/luanchuan-2019-07/notice.txt, so the
project's own parser and build turn them into a site exactly as they would
real notices: nothing about the site is simulated.

    python -m bench.synthetic [--rebuild]    writes .cache/bench/synthetic/{root,site}
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .workdirs import REPO, WORK, build_with_pipeline, is_current, site_sources, tree_hash, write_stamp

NOTICES = 20
ITEMS_PER_NOTICE = 500
SEED = 20261122
SYNTHETIC_MARK = "（合成测试样本）"
ROOT = WORK / "synthetic" / "root"
SITE = WORK / "synthetic" / "site"
STAMP = WORK / "synthetic" / "stamp.json"
# (city, county) of the real notices, so regions and unit aliases resolve as they do there.
REGIONS = [("郑州市", None), ("商丘市", None), ("洛阳市", "栾川县")]
LIST_TITLE = "环境保护督察反馈意见整改任务清单及责任分工"


@dataclass
class Pools:
    """The real values each synthetic field is drawn from; units and leaders per region."""
    problems: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    leaders: dict[str, list[list[str]]] = field(default_factory=dict)
    lead_units: dict[str, list[list[str]]] = field(default_factory=dict)
    responsible_units: dict[str, list[list[str]]] = field(default_factory=dict)


def one_line(text: str) -> str:
    return " ".join(text.split())


def load_pools(issues_json: Path, regions: dict[str, str]) -> Pools:
    """Collect every non-empty field value of the real records, deduplicated, in file order."""
    pools = Pools()
    seen: set[tuple[str, str]] = set()

    def add(pool: list, key: str, value) -> None:
        marker = (key, json.dumps(value, ensure_ascii=False))
        if value and marker not in seen:
            seen.add(marker)
            pool.append(value)

    for record in json.loads(issues_json.read_text(encoding="utf-8")):
        region = regions[record["notice"]]
        add(pools.problems, "problem", one_line(record["problem"] or ""))
        add(pools.targets, "targets", one_line(record["targets"] or ""))
        for measure in record["measures"]:
            add(pools.measures, "measures", one_line(measure))
        add(pools.deadlines, "deadline", one_line((record["deadline"] or {}).get("text") or ""))
        for person in record["responsible_persons"]:
            add(pools.persons, "persons", one_line(person["text"]))
        add(pools.leaders.setdefault(region, []), f"leaders-{region}", record["leaders"])
        for key in ("lead_units", "responsible_units"):
            names = [unit["printed"] for unit in record[key]]
            add(getattr(pools, key).setdefault(region, []), f"{key}-{region}", names)
    return pools


def region_key(city: str, county: str | None) -> str:
    return county or city


def notice_regions(issues_json: Path) -> dict[str, str]:
    """Each real notice's lowest region (the level unit aliases are keyed by)."""
    notices = json.loads((issues_json.parent / "notices.json").read_text(encoding="utf-8"))
    return {n["id"]: region_key(n["region"]["city"], n["region"].get("county")) for n in notices}


def item_text(number: int, rng: random.Random, pools: Pools, region: str) -> str:
    """One numbered item with the labelled fields the parser knows, one per line."""
    measures = rng.sample(pools.measures, min(rng.randint(1, 4), len(pools.measures)))
    lines = [f"{number}.{rng.choice(pools.problems)}", "",
             f"整改目标：{rng.choice(pools.targets)}",
             "整改措施：" + "".join(f"（{i}）{m}" for i, m in enumerate(measures, 1)),
             f"责任领导：{'、'.join(rng.choice(pools.leaders[region]))}",
             f"牵头单位：{'、'.join(rng.choice(pools.lead_units[region]))}",
             f"责任单位：{'、'.join(rng.choice(pools.responsible_units[region]))}",
             f"责 任 人：{rng.choice(pools.persons)}",
             f"整改时限：{rng.choice(pools.deadlines)}", ""]
    return "\n".join(lines)


def notice_text(index: int, rng: random.Random, pools: Pools, city: str, county: str | None,
                items: int = ITEMS_PER_NOTICE) -> tuple[str, str]:
    """The full text of synthetic notice `index` with `items` items, and its title."""
    place = county or city
    title = f"{place}人民政府关于印发环境保护督察反馈意见整改方案（第{index}批）的通知{SYNTHETIC_MARK}"
    head = [
        f"{place}人民政府", f"关于印发环境保护督察反馈意见整改方案（第{index}批）的通知{SYNTHETIC_MARK}", "",
        "各有关单位：",
        "现将《环境保护督察反馈意见整改方案》印发给你们，请结合工作实际，认真贯彻落实。", "",
        "2019年7月1日", "",
        "附  件", "",
        LIST_TITLE, "",
        f"针对环境保护督察反馈意见，经过逐项梳理，涉及{place}的问题共{items}个。现制定整改任务清单及责任分工如下：", "",
    ]
    body = [item_text(n, rng, pools, region_key(city, county)) for n in range(1, items + 1)]
    tail = ["", f"{place}人民政府办公室                      2019年7月1日印发", ""]
    return "\n".join(head) + "\n" + "\n".join(body) + "\n".join(tail), title


def meta_yaml(notice_id: str, title: str, city: str, county: str | None, text: bytes) -> str:
    meta = {
        "id": notice_id, "title": title, "issuers": [f"{county or city}人民政府"],
        "doc_number": None, "date_issued": "2019-07-01", "date_published": None, "date_printed": "2019-07-01",
        "region": {"province": "河南省", "city": city, "county": county},
        "kind": "rectification_plan",
        "lists": [{"title": LIST_TITLE, "declared_count": None}],
        "notes": "合成测试样本：由真实通知的段落按固定随机种子重新组合，仅用于搜索性能测试。",
        "original_file": "synthetic.txt",
        "sha256": hashlib.sha256(text).hexdigest(),
    }
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


def write_root(issues_json: Path, root: Path = ROOT, notices: int = NOTICES) -> None:
    """A project folder with `notices` synthetic notices (500 items each), sharing the real theme and settings."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "units").mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "regions.yml", root / "content" / "regions.yml")
    shutil.copyfile(REPO / "content" / "units" / "aliases.yml", root / "content" / "units" / "aliases.yml")
    for name in ("themes", "pelicanconf.py"):
        (root / name).symlink_to(REPO / name)
    pools = load_pools(issues_json, notice_regions(issues_json))
    rng = random.Random(SEED)
    for index in range(1, notices + 1):
        city, county = REGIONS[(index - 1) % len(REGIONS)]
        notice_id = f"synthetic-{index:02d}"
        text, title = notice_text(index, rng, pools, city, county)
        folder = root / "content" / "notices" / notice_id
        folder.mkdir(parents=True)
        raw = text.encode("utf-8")
        (folder / "notice.txt").write_bytes(raw)
        (folder / "meta.yml").write_text(meta_yaml(notice_id, title, city, county, raw), encoding="utf-8")


def synthetic_inputs(issues_json: Path) -> str:
    """Hash of everything the synthetic site is made from: generator, seed records, pipeline, theme."""
    return tree_hash([Path(__file__), issues_json, REPO / "content" / "regions.yml",
                      REPO / "content" / "units", *site_sources()])


def ensure_synthetic_site(issues_json: Path, rebuild: bool = False, reuse: bool = False) -> Path:
    """Generate and build the synthetic site unless the stamp says it is current."""
    inputs = synthetic_inputs(issues_json)
    if is_current(SITE, STAMP, inputs, rebuild, reuse):
        return SITE
    started = time.perf_counter()
    write_root(issues_json)
    build_with_pipeline(ROOT, SITE)
    count = len(json.loads((SITE / "data" / "issues.json").read_text(encoding="utf-8")))
    expected = NOTICES * ITEMS_PER_NOTICE
    if count != expected:
        raise SystemExit(f"synthetic site has {count} issues, expected {expected}")
    print(f"synthetic site: {count} issues in {time.perf_counter() - started:.0f}s", flush=True)
    write_stamp(STAMP, site=inputs, pagefind="")
    return SITE


def main() -> None:
    from .sites import ensure_real_site  # the pools come from the real site's issues.json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="regenerate and rebuild even if unchanged")
    args = parser.parse_args()
    real = ensure_real_site(args.rebuild)
    ensure_synthetic_site(real / "data" / "issues.json", args.rebuild)


if __name__ == "__main__":
    main()
