"""Write the hostile corpus: damaged content files, one per defect, and what each must give.

    .venv/bin/python tests/hostile/make_corpus.py

Every case is a copy of a real content file of the 栾川 notice (or of the
shared tables) with one defect, written to tests/hostile/cases/<file>/<defect>.<ext>;
expected.json says which problem code it must give, or null where the file is
legal and must build.  Cases over LARGE bytes (a 1 MB title, an 11 MB text)
are not written, only listed: tests/test_hostile.py makes every case with
`all_cases()` and checks that the files on disk are the same.  Test data
only: the defects are made here, none is real content.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOTICE = ROOT / "content" / "notices" / "luanchuan-2019-07"
META = (NOTICE / "meta.yml").read_text(encoding="utf-8")
TEXT = (NOTICE / "notice.txt").read_text(encoding="utf-8")
REGIONS = (ROOT / "content" / "regions.yml").read_text(encoding="utf-8")
ALIASES = (ROOT / "content" / "units" / "aliases.yml").read_text(encoding="utf-8")
CORRECTION = ("# 测试用更正示例，非真实更正（sample corrections for tests only）\n"
              "- item: l1-3\n  field: deadline\n  value: 2019年4月底前\n  reason: 测试用\n  date: 2026-12-02\n")
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))

CASES: dict[str, tuple[bytes, str | None]] = {}  # "<file>/<defect>.<ext>" → (bytes, expected code or None)


def case(path: str, content: str | bytes, code: str | None) -> None:
    assert path not in CASES, path
    CASES[path] = (content.encode("utf-8") if isinstance(content, str) else content, code)


def set_key(text: str, key: str, block: str) -> str:
    """Replace top-level `key:` (and its indented or `- ` lines) by `block` (or remove it when empty)."""
    pattern = re.compile(rf"(?m)^{re.escape(key)}:.*\n(?:(?:[ -].*)?\n)*?(?=^[a-z_]|\Z)")
    assert pattern.search(text), key
    return pattern.sub(lambda _: block + ("\n" if block else ""), text, count=1)


def meta_cases() -> None:
    values = {
        "id-as-list": ("id", "id: [luanchuan-2019-07]", "yaml.wrong-type"),
        "id-uppercase": ("id", "id: Luanchuan-2019-07", "meta.bad-id"),
        "id-path-traversal": ("id", "id: ../../etc", "meta.bad-id"),
        "id-zero-width-space": ("id", 'id: "luanchuan\\u200b-2019-07"', "yaml.invisible-character"),
        "id-number": ("id", "id: 2019", "yaml.wrong-type"),
        "title-empty": ("title", 'title: ""', "meta.empty-title"),
        "title-null": ("title", "title:", "yaml.wrong-type"),
        "title-list": ("title", "title: [栾川, 方案]", "yaml.wrong-type"),
        "title-mapping": ("title", "title: {a: 1}", "yaml.wrong-type"),
        "title-yes": ("title", "title: yes", "yaml.wrong-type"),
        "title-number": ("title", "title: 2019", "yaml.wrong-type"),
        "title-one-megabyte": ("title", "title: " + "长" * 1_000_000, "yaml.too-long"),
        "title-escape-esc": ("title", 'title: "整改\\e[31m方案"', "yaml.control-character"),
        "title-escape-nul": ("title", 'title: "整改\\0方案"', "yaml.control-character"),
        "title-escape-bell": ("title", 'title: "整改\\a方案"', "yaml.control-character"),
        "title-escape-backspace": ("title", 'title: "整改\\b方案"', "yaml.control-character"),
        "title-escape-tab": ("title", 'title: "整改\\t方案"', "yaml.control-character"),
        "title-right-to-left-override": ("title", 'title: "整改\\u202e方案"', "yaml.invisible-character"),
        "title-zero-width-joiner": ("title", 'title: "整改\\u200d方案"', "yaml.invisible-character"),
        "title-raw-esc-byte": ("title", "title: 整改\x1b方案", "yaml.bad-character"),
        "issuers-as-text": ("issuers", "issuers: 栾川县人民政府", "yaml.wrong-type"),
        "issuers-number": ("issuers", "issuers: [1]", "yaml.wrong-type"),
        "issuers-ten-thousand": ("issuers", "issuers:\n" + "- 栾川县人民政府\n" * 10_000, "yaml.too-many"),
        "issuers-zero-width": ("issuers", 'issuers: ["栾川县\\u200b人民政府"]', "yaml.invisible-character"),
        "doc-number-list": ("doc_number", "doc_number: [栾政]", "yaml.wrong-type"),
        "doc-number-too-long": ("doc_number", "doc_number: " + "栾" * 100, "yaml.too-long"),
        "date-issued-february-30": ("date_issued", "date_issued: '2019-02-30'", "yaml.invalid-date"),
        "date-issued-month-13-unquoted": ("date_issued", "date_issued: 2019-13-01", "yaml.invalid-date"),
        "date-issued-chinese": ("date_issued", "date_issued: 2019年7月", "yaml.not-a-date"),
        "date-issued-yes": ("date_issued", "date_issued: yes", "yaml.not-a-date"),
        "date-published-list": ("date_published", "date_published: [2019-07-01]", "yaml.not-a-date"),
        "date-printed-month-13": ("date_printed", "date_printed: '2019-13'", "yaml.invalid-date"),
        "region-as-text": ("region", "region: 栾川县", "yaml.wrong-type"),
        "region-missing-city": ("region", "region:\n  province: 河南省\n  county: 栾川县", "meta.region-missing-level"),
        "region-unknown-county": ("region", "region:\n  province: 河南省\n  city: 洛阳市\n  county: 嵩县",
                                  "meta.unknown-region"),
        "region-county-under-wrong-city": ("region", "region:\n  province: 河南省\n  city: 郑州市\n  county: 栾川县",
                                           "meta.region-parent"),
        "region-unknown-key": ("region", "region:\n  province: 河南省\n  city: 洛阳市\n  county: 栾川县\n  contry: 中国",
                               "meta.unknown-key"),
        "region-zero-width": ("region", 'region:\n  province: 河南省\n  city: 洛阳市\n  county: "栾川\\u200b县"',
                              "yaml.invisible-character"),
        "kind-chinese": ("kind", "kind: 整改方案", "meta.bad-kind"),
        "kind-list": ("kind", "kind: [rectification_plan]", "meta.bad-kind"),
        "kind-mapping": ("kind", "kind: {a: 1}", "meta.bad-kind"),
        "lists-as-text": ("lists", "lists: 整改任务清单", "yaml.wrong-type"),
        "lists-empty": ("lists", "lists: []", "meta.lists-mismatch"),
        "lists-two-entries": ("lists", "lists:\n- title: 一\n- title: 二", "meta.lists-mismatch"),
        "lists-fifty-one": ("lists", "lists:\n" + "- title: 清单\n" * 51, "yaml.too-many"),
        "lists-entry-unknown-key": ("lists", "lists:\n- title: 清单\n  colour: red", "meta.unknown-key"),
        "lists-title-number": ("lists", "lists:\n- title: 31", "yaml.wrong-type"),
        "declared-count-octal": ("lists", "lists:\n- title: 清单\n  declared_count: 037", "meta.bad-declared-count"),
        "declared-count-hex": ("lists", "lists:\n- title: 清单\n  declared_count: 0x1f", "meta.bad-declared-count"),
        "declared-count-underscore": ("lists", "lists:\n- title: 清单\n  declared_count: 3_1",
                                      "meta.bad-declared-count"),
        "declared-count-negative": ("lists", "lists:\n- title: 清单\n  declared_count: -31", "meta.bad-declared-count"),
        "declared-count-bool": ("lists", "lists:\n- title: 清单\n  declared_count: true", "meta.bad-declared-count"),
        "declared-count-text": ("lists", "lists:\n- title: 清单\n  declared_count: '31'", "meta.bad-declared-count"),
        "declared-count-float": ("lists", "lists:\n- title: 清单\n  declared_count: 31.0", "meta.bad-declared-count"),
        "declared-count-wrong": ("lists", "lists:\n- title: 清单\n  declared_count: 30", "list.count-mismatch"),
        "sha256-one-digit-changed": ("sha256", "sha256: 5fe5ad7a4d9038d3d5c14519fb1d0f3416c3e1f86aaab076bac9ea44fe44c5a7",
                                     "notice.text-changed"),
        "sha256-list": ("sha256", "sha256: [a]", "yaml.wrong-type"),
        "notes-on": ("notes", "notes: on", "yaml.wrong-type"),
        "notes-list": ("notes", "notes: [一, 二]", "yaml.wrong-type"),
        "notes-mapping": ("notes", "notes: {a: 1}", "yaml.wrong-type"),
        "notes-number": ("notes", "notes: 1", "yaml.wrong-type"),
        "notes-too-long": ("notes", "notes: " + "注" * 3000, "yaml.too-long"),
        "notes-anchor-alias": ("notes", "notes: &n 注\noriginal_file: *n", "yaml.alias"),
        "original-file-list": ("original_file", "original_file: [a.txt]", "yaml.wrong-type"),
    }
    for name, (key, block, code) in values.items():
        case(f"meta/{name}.yml", set_key(META, key, block), code)
    for key in ("id", "title", "issuers", "region", "kind", "lists", "sha256"):
        case(f"meta/missing-{key.replace('_', '-')}.yml", set_key(META, key, ""), "meta.missing-key")
    case("meta/unknown-key.yml", META + "colour: red\n", "meta.unknown-key")
    case("meta/integer-key.yml", META + "2020: x\n", "meta.unknown-key")
    case("meta/list-as-key.yml", META + "? [a]\n: b\n", "yaml.syntax")
    case("meta/duplicate-key.yml", META + "kind: campaign_plan\n", "yaml.duplicate-key")
    case("meta/top-level-list.yml", "- " + META.replace("\n", "\n  "), "meta.not-a-mapping")
    case("meta/empty-file.yml", "", "meta.not-a-mapping")
    case("meta/comments-only.yml", "# 暂无\n", "meta.not-a-mapping")
    case("meta/tab-indent.yml", META.replace("  province", "\tprovince"), "yaml.syntax")
    case("meta/colon-in-title.yml", set_key(META, "title", "title: 关于印发: 整改方案的通知"), "yaml.syntax")
    case("meta/unclosed-bracket.yml", set_key(META, "issuers", "issuers: [栾川县人民政府"), "yaml.syntax")
    case("meta/unclosed-quote.yml", set_key(META, "title", 'title: "栾川县整改方案'), "yaml.syntax")
    case("meta/billion-laughs.yml", META + BILLION_LAUGHS, "yaml.alias")
    case("meta/nul-byte.yml", META.replace("kind:", "kind\x00:"), "yaml.bad-character")
    case("meta/gbk-encoding.yml", META.encode("gbk"), "yaml.not-utf8")
    case("meta/invalid-utf8.yml", META.encode("utf-8").replace("栾川县人民政府".encode(), b"\xff\xfe"), "yaml.not-utf8")
    case("meta/bom.yml", "\ufeff" + META, None)
    case("meta/crlf.yml", META.replace("\n", "\r\n"), None)
    case("meta/full-width-colon.yml", set_key(META, "kind", "kind： rectification_plan"), "yaml.syntax")


def notice_cases() -> None:
    lines = TEXT.split("\n")
    item_5 = next(i for i, t in enumerate(lines) if t.startswith("5."))
    bytes_cases = {
        "empty": (b"", "source.empty"),
        "blank-lines": (b"\n \n\t\n", "source.empty"),
        "nul-byte": (TEXT.replace("整改时限", "整改\x00时限", 1).encode(), "source.binary"),
        "png-header": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "source.binary"),
        "gbk-encoding": (TEXT.encode("gbk", errors="replace"), "source.not-utf8"),
        "invalid-utf8-on-line-40": ("\n".join(lines[:39]).encode() + b"\n\xff\xfe\n" + "\n".join(lines[40:]).encode(),
                                    "source.not-utf8"),
        "latin-1": ("Zhenggai fang'an, café, naïve".encode("latin-1"), "source.not-utf8"),
        "eleven-megabytes": (TEXT.encode() + b"\n" + ("填充" * 2_000_000).encode(), "source.too-large"),
    }
    for name, (content, code) in bytes_cases.items():
        case(f"notice/{name}.txt", content, code)
    text_cases = {
        "escape-in-a-line": (TEXT.replace("县委办  政府办", "县委办\x1b[31m  政府办", 1), "source.hidden-character"),
        "backspace-in-a-line": (TEXT.replace("县委办  政府办", "县委办\x08  政府办", 1), "source.hidden-character"),
        "bell-in-a-line": (TEXT.replace("县委办  政府办", "县委办\x07  政府办", 1), "source.hidden-character"),
        "right-to-left-override": (TEXT.replace("县委办  政府办", "县委办\u202e  政府办", 1), "source.hidden-character"),
        "isolate-controls": (TEXT.replace("县委办  政府办", "县委办\u2067  政府办\u2069", 1), "source.hidden-character"),
        "vertical-tab": (TEXT.replace("县委办  政府办", "县委办\x0b政府办", 1), "source.hidden-character"),
        "item-5-removed": ("\n".join(lines[:item_5] + lines[item_5 + 1:]), "list.numbering-gap"),
        "item-5-twice": ("\n".join(lines[:item_5 + 1] + [lines[item_5]] + lines[item_5 + 1:]), "list.duplicate-number"),
        "declared-32-items": (TEXT.replace("问题共31个", "问题共32个"), "list.count-mismatch"),
        "prose-only": ("今天天气很好，我们去公园散步。\n孩子们在草地上玩耍。\n", "notice.no-layout"),
        "impossible-deadline": (TEXT.replace("整改时限：立即整改，持续推进", "整改时限：2019年2月30日前", 1),
                                "deadline.impossible-date"),
        # legal: published as the same records
        "bom-and-crlf": ("\ufeff" + TEXT.replace("\n", "\r\n"), None),
        "carriage-returns-only": (TEXT.replace("\n", "\r"), None),
        "form-feed-page-breaks": (TEXT.replace("\n2.", "\n\f\n2.", 1), None),
        "zero-width-joiner-in-a-unit": (TEXT.replace("县委办  政府办", "县委\u200d办  政府办", 1), None),
        "full-width-spaces": (TEXT.replace("县委办  政府办", "县委办\u3000\u3000政府办", 1), None),
        "script-tag-in-a-problem": (TEXT.replace("生态环境保护长效机制不够健全", "生态环境保护长效机制<script>alert(1)</script>不够健全", 1),
                                    None),
    }
    for name, (text, code) in text_cases.items():
        case(f"notice/{name}.txt", text, code)


def corrections_cases() -> None:
    entry = CORRECTION
    cases = {
        "mapping-not-list": ("item: l1-3\nfield: deadline\n", "correction.not-a-list"),
        "entry-as-text": ("- l1-3 deadline\n", "correction.not-a-mapping"),
        "unknown-key": (entry + "  colour: red\n", "correction.unknown-key"),
        "typo-in-reason-key": (entry.replace("reason:", "resaon:"), "correction.unknown-key"),
        "unknown-field": (entry.replace("field: deadline", "field: colour"), "correction.unknown-field"),
        "field-as-list": (entry.replace("field: deadline", "field: [deadline]"), "correction.unknown-field"),
        "no-such-item": (entry.replace("l1-3", "l1-99"), "correction.no-match"),
        "item-as-list": (entry.replace("item: l1-3", "item: [l1-3]"), "correction.no-match"),
        "corrected-twice": (entry + entry.split("\n", 1)[1], "correction.twice"),
        "stale-was": (entry + "  was: 2019年5月底前\n", "correction.stale"),
        "value-mapping": (entry.replace("value: 2019年4月底前", "value: {year: 2019}"), "correction.wrong-type"),
        "value-unquoted-date": (entry.replace("value: 2019年4月底前", "value: 2019-04-30"), "correction.wrong-type"),
        "value-number": (entry.replace("value: 2019年4月底前", "value: 2019"), "correction.wrong-type"),
        "value-yes": (entry.replace("value: 2019年4月底前", "value: yes"), "correction.wrong-type"),
        "units-with-an-empty-name": (entry.replace("field: deadline", "field: lead_units").replace(
            "value: 2019年4月底前", "value: [县环保局, '']"), "correction.wrong-type"),
        "units-as-numbers": (entry.replace("field: deadline", "field: lead_units").replace(
            "value: 2019年4月底前", "value: [1, 2]"), "correction.wrong-type"),
        "measures-as-mappings": (entry.replace("field: deadline", "field: measures").replace(
            "value: 2019年4月底前", "value: [{a: 1}]"), "correction.wrong-type"),
        "persons-without-text": (entry.replace("field: deadline", "field: responsible_persons").replace(
            "value: 2019年4月底前", "value: [{label: 责任人}]"), "correction.wrong-type"),
        "too-many-names": (entry.replace("field: deadline", "field: lead_units").replace(
            "value: 2019年4月底前", "value: [" + ", ".join(["县环保局"] * 300) + "]"), "yaml.too-many"),
        "reason-no": (entry.replace("reason: 测试用", "reason: NO"), "correction.bad-reason"),
        "reason-empty": (entry.replace("reason: 测试用", "reason: ''"), "correction.bad-reason"),
        "reason-null": (entry.replace("reason: 测试用", "reason:"), "correction.bad-reason"),
        "value-escape-esc": (entry.replace("value: 2019年4月底前", 'value: "2019年4月底前\\e"'), "yaml.control-character"),
        "value-zero-width": (entry.replace("value: 2019年4月底前", 'value: "2019年4\\u200b月底前"'),
                             "yaml.invisible-character"),
        "value-one-megabyte": (entry.replace("value: 2019年4月底前", "value: " + "前" * 1_000_000), "yaml.too-long"),
        "anchor-and-alias": (entry.replace("reason: 测试用", "reason: &r 测试用") + "- item: l1-4\n  field: deadline\n"
                             "  value: 2019年4月底前\n  reason: *r\n  date: 2026-12-02\n", "yaml.alias"),
        "nul-byte": (entry.replace("field", "fi\x00eld", 1), "yaml.bad-character"),
        "gbk-encoding": (entry.encode("gbk"), "yaml.not-utf8"),
        "duplicate-key": (entry + "  field: title\n", "yaml.duplicate-key"),
        "missing-item": (entry.replace("- item: l1-3\n  field", "- field"), "correction.missing-key"),
        "missing-field": (entry.replace("  field: deadline\n", ""), "correction.missing-key"),
        "missing-value": (entry.replace("  value: 2019年4月底前\n", ""), "correction.missing-key"),
        "missing-reason": (entry.replace("  reason: 测试用\n", ""), "correction.missing-key"),
        "missing-date": (entry.replace("  date: 2026-12-02\n", ""), "correction.missing-key"),
        "date-month-only": (entry.replace("date: 2026-12-02", "date: 2026-12"), "correction.bad-date"),
        "date-in-words": (entry.replace("date: 2026-12-02", "date: 昨天"), "correction.bad-date"),
        "date-impossible": (entry.replace("date: 2026-12-02", "date: '2026-02-30'"), "correction.bad-date"),
        "comments-only": ("# 暂无更正\n", None),
        "empty-list": ("[]\n", None),
    }
    for name, (content, code) in cases.items():
        case(f"corrections/{name}.yml", content, code)


def regions_cases() -> None:
    extra = "- id: songxian\n  name: 嵩县\n  parent: 洛阳市\n"
    cases = {
        "mapping-not-list": ("id: henan\nname: 河南省\n", "regions.not-a-list"),
        "empty-file": ("", "regions.not-a-list"),
        "entry-as-text": (REGIONS + "- 嵩县\n", "yaml.wrong-type"),
        "missing-id": (REGIONS + "- name: 嵩县\n  parent: 洛阳市\n", "regions.missing-key"),
        "missing-name": (REGIONS + "- id: songxian\n  parent: 洛阳市\n", "regions.missing-key"),
        "id-uppercase": (REGIONS + extra.replace("songxian", "SongXian"), "regions.bad-id"),
        "id-number": (REGIONS + extra.replace("id: songxian", "id: 411022"), "yaml.wrong-type"),
        "name-number": (REGIONS + extra.replace("name: 嵩县", "name: 411022"), "yaml.wrong-type"),
        "name-twice": (REGIONS + extra + extra.replace("songxian", "songxian-2"), "regions.duplicate-name"),
        "id-twice": (REGIONS + extra + extra.replace("嵩县", "汝阳县"), "regions.duplicate-id"),
        "unknown-parent": (REGIONS + extra.replace("洛阳市", "开封市"), "regions.unknown-parent"),
        "parent-listed-later": (REGIONS + extra.replace("洛阳市", "平顶山市") + "- id: pingdingshan\n  name: 平顶山市\n"
                                "  parent: 河南省\n", "regions.unknown-parent"),
        "parent-as-list": (REGIONS + extra.replace("parent: 洛阳市", "parent: [洛阳市]"), "regions.bad-parent"),
        "unknown-key": (REGIONS + extra + "  colour: red\n", "regions.unknown-key"),
        "name-zero-width": (REGIONS + extra.replace("name: 嵩县", 'name: "嵩\\u200b县"'), "yaml.invisible-character"),
        "anchor-and-alias": (REGIONS + "- id: songxian\n  name: &n 嵩县\n  parent: *n\n", "yaml.alias"),
        "nul-byte": (REGIONS.replace("name: 河南省", "name: 河南\x00省"), "yaml.bad-character"),
        "six-thousand-entries": (REGIONS + "".join(f"- id: x{i}\n  name: 县{i}\n  parent: 洛阳市\n" for i in range(6000)),
                                 "yaml.too-many"),
        "tab-indent": (REGIONS.replace("  name: 河南省", "\tname: 河南省"), "yaml.syntax"),
        "county-of-the-notice-removed": (REGIONS.replace("- id: luanchuan\n  name: 栾川县\n  parent: 洛阳市\n", ""),
                                         "meta.unknown-region"),
    }
    for name, (content, code) in cases.items():
        case(f"regions/{name}.yml", content, code)


def aliases_cases() -> None:
    entry = "  - region: 栾川县\n    name: 县林业局\n    since: 2019\n    formerly: [县林业站]\n"
    base = ALIASES.rstrip("\n") + "\n"
    cases = {
        "list-at-the-top": ("- units: []\n", "aliases.not-a-mapping"),
        "units-as-text": ("units: ''\n", "yaml.wrong-type"),
        "patterns-as-number": ("collective_patterns: 0\n", "yaml.wrong-type"),
        "bad-pattern": (base.replace("collective_patterns: []", "collective_patterns: ['各(县']"), "aliases.bad-pattern"),
        "missing-region": (base + entry.replace("  - region: 栾川县\n    name", "  - name"), "aliases.missing-key"),
        "missing-name": (base + entry.replace("    name: 县林业局\n", ""), "aliases.missing-key"),
        "name-number": (base + entry.replace("name: 县林业局", "name: 1"), "aliases.missing-key"),
        "unknown-top-key": (base + "colour: red\n", "aliases.unknown-key"),
        "unknown-entry-key": (base + entry + "    colour: red\n", "aliases.unknown-key"),
        "unknown-region": (base + entry.replace("region: 栾川县", "region: 嵩县"), "aliases.unknown-region"),
        "entry-twice": (base + entry + entry.replace("县林业站", "县林业所"), "aliases.duplicate-entry"),
        "old-name-mapped-twice": (base + entry + entry.replace("县林业局", "县自然资源局"), "aliases.defined-twice"),
        "since-impossible": (base + entry.replace("since: 2019", "since: '2019-02-30'"), "yaml.invalid-date"),
        "since-text": (base + entry.replace("since: 2019", "since: 机构改革后"), "yaml.not-a-date"),
        "formerly-as-text": (base + entry.replace("formerly: [县林业站]", "formerly: 县林业站"), "yaml.wrong-type"),
        "formerly-number": (base + entry.replace("formerly: [县林业站]", "formerly: [1]"), "yaml.wrong-type"),
        "name-zero-width": (base + entry.replace("name: 县林业局", 'name: "县林\\u200d业局"'),
                            "yaml.invisible-character"),
        "note-as-list": (base + entry + "    note: [一]\n", "yaml.wrong-type"),
        "anchor-and-alias": (base + entry.replace("formerly: [县林业站]", "formerly: &f [县林业站]") + entry.replace(
            "县林业局", "县水务局").replace("formerly: [县林业站]", "variants: *f"), "yaml.alias"),
        "nul-byte": (base.replace("units:", "un\x00its:"), "yaml.bad-character"),
        "entry-as-text": (base + "  - 县环保局\n", "yaml.wrong-type"),
        "comments-only": ("# 暂无别名\n", None),
        "empty-file": ("", None),
    }
    for name, (content, code) in cases.items():
        case(f"aliases/{name}.yml", content, code)


LARGE = 256_000
FOLDER = HERE / "cases"


def all_cases() -> dict[str, tuple[bytes, str | None]]:
    if not CASES:
        for make in (meta_cases, notice_cases, corrections_cases, regions_cases, aliases_cases):
            make()
    return CASES


def main() -> None:
    all_cases()
    folder = FOLDER
    for old in sorted(folder.rglob("*"), reverse=True) if folder.exists() else []:
        old.unlink() if old.is_file() else old.rmdir()
    for path, (content, _) in CASES.items():
        if len(content) > LARGE:
            continue
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    expected = {path: code for path, (_, code) in sorted(CASES.items())}
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases written to {folder}")


if __name__ == "__main__":
    main()
