"""Acceptance tests on the five real seed notices: nothing lost, everything traceable."""
from __future__ import annotations

import re

import pytest

from pipeline.model.deadlines import Deadline
from pipeline.model.records import UNIT_FIELDS, Person
from pipeline.notices.source import canonical_text, squash_spaces
from pipeline.notices.structure import LABELS

# Counted by hand from the notices (see the closing note of issue 2):
#  zhengzhou-2017-178: 49 tasks + 21 sub-tasks with their own units
#    (12: 2, 26: 3, 27: 2, 28: 4, 34: 2, 38: 5, 45: 3); task 17's (1)–(3) share one block, so are text.
#  zhengzhou-2020-0416: air 28 tasks + 8 sub-tasks (17: 3, 26: 3, 28: 2);
#    water 26 tasks; soil: section (一) is itself a task, then 4 + 6 + 9 + 2 + 2 + 2 + 3 + 4 tasks
#    numbered per section = 33.
EXPECTED = {
    "zhengzhou-2020-79": {"records": 38, "lists": [38]},
    "zhengzhou-2017-178": {"records": 70, "lists": [49]},
    "shangqiu-2019-0403": {"records": 35, "lists": [19, 16]},
    "zhengzhou-2020-0416": {"records": 95, "lists": [28, 26, 32]},
    "luanchuan-2019-07": {"records": 31, "lists": [31]},
}


@pytest.mark.parametrize("notice_id", sorted(EXPECTED))
def test_record_counts_match_the_hand_count(results, notice_id):
    result = results[notice_id]
    assert len(result.issues) == EXPECTED[notice_id]["records"]
    numbered = [len([i for i in lst.items if i.kind == "item"]) for lst in result.parsed.lists]
    assert numbered == EXPECTED[notice_id]["lists"]


def test_sub_tasks_and_section_tasks(results):
    campaign = results["zhengzhou-2017-178"].issues
    children = {}
    for issue in campaign:
        if issue.parent:
            children.setdefault(issue.parent.rsplit("-l1-", 1)[1], []).append(issue.number)
    assert children == {"12": [1, 2], "26": [1, 2, 3], "27": [1, 2], "28": [1, 2, 3, 4], "34": [1, 2],
                        "38": [1, 2, 3, 4, 5], "45": [1, 2, 3]}
    soil = [i for i in results["zhengzhou-2020-0416"].issues if i.list_index == 3]
    assert soil[0].kind == "section-task" and soil[0].id.endswith("-l3-s1")
    assert [i.number for i in soil if i.id.split("-l3-")[1].startswith("s4-")] == list(range(1, 10))


def test_no_record_without_problem_text(all_issues):
    assert all(issue.problem for issue in all_issues)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", squash_spaces(canonical_text(text)))


def test_source_lines_contain_the_start_of_the_problem(results):
    """Provenance: each record's lines, read from the raw file, hold its problem text's start."""
    for result in results.values():
        raw = result.raw_path.read_text(encoding="utf-8").split("\n")
        for issue in result.issues:
            start, end = issue.source.line_start, issue.source.line_end
            excerpt = _normalised("".join(raw[start - 1:end]))
            head = _normalised(issue.problem)[:12]
            assert head in excerpt, f"{issue.id}: {head!r} not in lines {start}-{end}"


def test_field_sources_point_at_their_text(results):
    """Each printed field's lines contain (the start of) its value."""
    for result in results.values():
        raw = result.raw_path.read_text(encoding="utf-8").split("\n")
        for issue in result.issues:
            for key in ("targets", "deadline"):
                source = issue.field_sources.get(key)
                value = issue.targets if key == "targets" else issue.deadline.text
                if not source or source.via or not value:
                    continue
                excerpt = _normalised("".join(raw[source.line_start - 1:source.line_end]))
                assert _normalised(value)[:8] in excerpt, (issue.id, key)


def test_unit_names_are_clean(all_issues):
    """No unit name contains whitespace, a colon or a field label."""
    for issue in all_issues:
        for key in UNIT_FIELDS:
            for unit in getattr(issue, key):
                for name in (unit.name, unit.printed):
                    assert not re.search(r"[\s:：]", name), (issue.id, name)
                    assert not any(label in name for label in LABELS), (issue.id, name)
                    assert 1 < len(name) <= 40, (issue.id, name)
        for leader in issue.leaders:
            assert not re.search(r"[\s:：]", leader), (issue.id, leader)


def test_ids_are_unique_and_ascii(all_issues):
    ids = [issue.id for issue in all_issues]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_declared_counts_are_found(results):
    """共38项, 任务19个/16个, 问题共31个 are read from the list introductions."""
    from pipeline.notices.checks import declared_count, declared_total

    declared = {nid: [declared_count(lst) for lst in r.parsed.lists] for nid, r in results.items()}
    assert [d[0] for d in declared["zhengzhou-2020-79"]] == [38]
    assert [d[0] for d in declared["shangqiu-2019-0403"]] == [19, 16]
    assert [d[0] for d in declared["luanchuan-2019-07"]] == [31]
    assert declared_total(results["shangqiu-2019-0403"].parsed)[0] == 35


def test_measures_are_split(results):
    luanchuan = {i.number: i for i in results["luanchuan-2019-07"].issues}
    assert len(luanchuan[1].measures) == 5  # （1）…（5） run together on one line
    assert luanchuan[1].measures[1].startswith("把深入学习贯彻")
    zz = {i.number: i for i in results["zhengzhou-2020-79"].issues}
    assert len(zz[3].measures) == 6 and len(zz[2].measures) == 1
    sq = {i.id.rsplit("-", 1)[1]: i for i in results["shangqiu-2019-0403"].issues if i.list_index == 1}
    assert len(sq["1"].measures) == 6  # 1. … 6. on their own lines


def test_labels_with_spaces_without_colon_and_two_on_a_line(results):
    sq = {i.id.split("-l")[1]: i for i in results["shangqiu-2019-0403"].issues}
    first = sq["1-1"]
    assert first.targets.startswith("通过学习培训")  # 整改目标 without a colon
    assert [p.label for p in first.responsible_persons] == ["主体责任", "责任人"]  # 责 任 人
    second = sq["1-2"]  # 牵头单位：…局主体责任：… on one line
    assert [u.name for u in second.lead_units] == ["市政府办公室", "市发展改革委", "市工业和信息化局"]
    assert second.responsible_persons[0] == Person("主体责任", "各牵头单位主要负责同志")


def test_broken_lines_and_stray_spaces_are_repaired(results):
    soil = {i.id.split("-l3-")[1]: i for i in results["zhengzhou-2020-0416"].issues if i.list_index == 3}
    assert [u.name for u in soil["s8-3"].responsible_units] == [
        "市生态环境局", "巩义市政府", "荥阳市政府", "新密市政府"]  # 新\n密市政府
    campaign = {i.id.split("-l1-")[1]: i for i in results["zhengzhou-2017-178"].issues}
    assert "郑州高新区管委会" in [u.name for u in campaign["20"].responsible_units]  # 郑\n州高新区
    assert "—6—" not in campaign["6"].problem + str(campaign["6"].field_sources)


def test_shared_blocks_and_declared_defaults(results):
    campaign = {i.id.split("-l1-")[1]: i for i in results["zhengzhou-2017-178"].issues}
    assert [u.name for u in campaign["1"].lead_units] == ["市生态环境局"]
    assert campaign["1"].field_sources["lead_units"].via == "shared"
    assert campaign["1"].field_sources["lead_units"].ref == "zhengzhou-2017-178-l1-3"
    air = {i.id.split("-l1-")[1]: i for i in results["zhengzhou-2020-0416"].issues if i.list_index == 1}
    assert air["2"].field_sources["responsible_units"].via == "default"
    assert air["2"].field_sources["responsible_units"].line_start == 42
    assert [u.name for u in air["17-2"].responsible_units][0] == "新郑市政府"  # its own, not the default


def test_second_block_of_an_item(results):
    soil = {i.id.split("-l3-")[1]: i for i in results["zhengzhou-2020-0416"].issues if i.list_index == 3}
    item = soil["s4-9"]
    assert len(item.blocks) == 2
    assert item.blocks[1].text.startswith("搬迁改造企业依法开展")
    assert [u.name for u in item.blocks[1].lead_units] == ["市生态环境局"]


def test_deadlines(results):
    sq = {i.id.split("-l")[1]: i for i in results["shangqiu-2019-0403"].issues}
    assert sq["1-5"].deadline.date == "2019-03-31"  # 20193月底前
    zz = {i.number: i for i in results["zhengzhou-2020-79"].issues}
    assert zz[13].deadline == Deadline("2020年10月底", "2020-10-31", "date", ("2020-10-31",))
    assert zz[1].deadline.kind == "ongoing" and zz[15].deadline.kind == "done"
    lc = {i.number: i for i in results["luanchuan-2019-07"].issues}
    assert lc[23].deadline.milestones == ("2019-11-30", "2019-12-30")


def test_aliases_group_renamed_units(results):
    campaign = results["zhengzhou-2017-178"].issues
    names = {(u.printed, u.name) for i in campaign for u in i.lead_units}
    assert ("市环保局", "市生态环境局") in names
    ids_2017 = {u.id for i in campaign for u in i.lead_units if u.name == "市生态环境局"}
    ids_2020 = {u.id for i in results["zhengzhou-2020-79"].issues for u in i.lead_units if u.name == "市生态环境局"}
    assert ids_2017 == ids_2020 and len(ids_2017) == 1


def test_collective_units_are_marked(all_issues):
    units = {u.name: u.collective for i in all_issues for key in UNIT_FIELDS for u in getattr(i, key)}
    assert units["各县（市、区）政府"] and units["开发区管委会"] and units["各乡镇党委、政府"]
    assert not units["市生态环境局"] and not units["巩义市政府"]


def test_metadata_points_to_lines(results):
    meta = results["zhengzhou-2020-79"].meta
    assert meta.doc_number == "郑政文〔2020〕79号" and meta.sources["doc_number"] == {"line_start": 5, "line_end": 5}
    assert meta.date_issued == "2020-07-18" and meta.sources["date_issued"]["line_start"] == 13
    assert results["luanchuan-2019-07"].meta.doc_number is None
    assert results["zhengzhou-2020-0416"].meta.issuers == ["中共郑州市委办公厅", "郑州市人民政府办公厅"]


def test_declared_count_is_the_editors_where_set(results):
    """meta.yml's declared_count wins over the text's, for the check and for notices.json alike."""
    import copy

    from pipeline.notices.checks import effective_declared
    from pipeline.notices.process import notice_record

    result = copy.deepcopy(results["zhengzhou-2020-79"])
    first = result.parsed.lists[0]
    assert effective_declared(result.raw_display, result.meta, 0, first) == (38, result.raw_display, 75)
    result.meta.lists[0]["declared_count"] = 39
    assert effective_declared(result.raw_display, result.meta, 0, first)[:2] == (39, result.meta.meta_file)
    notice = notice_record(result.meta, result.parsed, result.issues, result.raw_display, 0)
    assert notice.lists[0].declared_count == 39
