"""The parser on small texts, one layout feature at a time (sample data for tests only)."""
from pipeline.notices.names import AliasTable
from pipeline.model.records import FieldSource, Person
from pipeline.notices.checks import check_numbering
from pipeline.notices.drafts import build_drafts
from pipeline.notices.finish import finish
from pipeline.notices.metadata import extract_metadata
from pipeline.notices.parser import parse_lines
from pipeline.notices.process import draft_meta
from pipeline.notices.source import clean_lines
from pipeline.problems import Diagnostics

HEADER = ["测试用示例数据，非真实通知", "", "某某市整改任务清单", "", "针对反馈意见，制定整改任务清单（共3项）如下：", ""]


def parse(body: str, kind="rectification_plan"):
    lines = clean_lines(HEADER + body.strip("\n").split("\n"))
    diag = Diagnostics()
    parsed = parse_lines("sample.txt", lines, diag)
    meta = draft_meta(extract_metadata(lines), "sample.txt")
    meta.kind = kind
    issues = [finish(d, meta, AliasTable(), "sample.txt") for d in build_drafts(meta, parsed, 60, diag)]
    return parsed, issues, diag


def test_fields_with_spaces_in_labels_without_colon_and_two_on_a_line():
    _, issues, _ = parse("""
1. 第一个问题。
整改目标通过培训提高认识。
整改措施：（1）开展学习。（2）完善机制。
牵头单位:市委办公室,市政府办公室主体责任:各牵头单位主要负责同志
责 任 人:各责任单位主要负责同志
整改时限:立行立改，持续推进
""")
    (issue,) = issues
    assert issue.targets == "通过培训提高认识。"
    assert issue.measures == ("开展学习。", "完善机制。")
    assert [u.name for u in issue.lead_units] == ["市委办公室", "市政府办公室"]
    assert issue.responsible_persons == (Person("主体责任", "各牵头单位主要负责同志"),
                                         Person("责任人", "各责任单位主要负责同志"))
    assert issue.deadline.kind == "ongoing"
    assert issue.field_sources["responsible_persons"].line_start == 10


def test_a_number_that_does_not_continue_the_sequence_is_text():
    _, issues, _ = parse("""
1. 排放总量大，合计
1.17万吨。
牵头单位：市生态环境局
2. 第二个问题。
牵头单位：市工信局
""")
    assert [i.number for i in issues] == [1, 2]
    assert issues[0].problem == "排放总量大，合计1.17万吨。"


def test_a_gap_in_the_numbering_is_an_error_naming_the_line():
    parsed, _, _ = parse("""
1. 第一个问题。
牵头单位：市生态环境局
3. 第三个问题。
牵头单位：市工信局
""")
    diag = Diagnostics()
    check_numbering("sample.txt", parsed.lists[0], diag)
    (problem,) = diag.errors
    assert problem.line == 9 and "缺少第 2 项" in problem.message


def test_subpoints_with_their_own_units_are_subtasks():
    _, issues, _ = parse("""
1.严格防止散煤复烧
(1)划定禁燃区。
牵头单位:市环保局
(2)加强监督检查。
牵头单位:市工商局
2.推动锅炉升级改造
(1)允许保留的锅炉配置环保设施。
(2)生物质锅炉全面使用专用锅炉。
牵头单位:市环保局
""", kind="campaign_plan")
    assert [(i.id.split("-l1-")[1], i.parent) for i in issues] == [
        ("1", None), ("1-1", "draft-l1-1"), ("1-2", "draft-l1-1"), ("2", None)]
    assert issues[3].title == "推动锅炉升级改造"  # (1)(2) share one block: they are the task's text
    assert issues[3].problem == "（1）允许保留的锅炉配置环保设施。（2）生物质锅炉全面使用专用锅炉。"


def test_tasks_before_a_shared_block_inherit_it_in_campaign_plans():
    _, issues, _ = parse("""
（一）建设监测网络。
1.加快监测网络建设
全市建成监测站点。
2.加强监测数据质量管理
严厉打击弄虚作假。
责任领导:黄卿副市长
牵头单位:市环保局
（二）调整能源结构。
3.削减煤炭消费总量。
牵头单位:市发展改革委
""", kind="campaign_plan")
    first = issues[0]
    assert first.title == "加快监测网络建设" and first.problem == "全市建成监测站点。"
    assert [u.name for u in first.lead_units] == ["市环保局"]
    assert first.field_sources["lead_units"] == FieldSource(13, 13, "shared", "draft-l1-2", "2")
    assert [u.name for u in issues[2].lead_units] == ["市发展改革委"]


def test_a_declared_default_applies_to_later_items():
    _, issues, _ = parse("""
1.第一项任务。
牵头单位:市工信局
责任单位:各县(市)区政府[以下各县(市)区政府均为责任单位,不再列出]
2.第二项任务。
牵头单位:市控尘办
""", kind="campaign_plan")
    assert [u.name for u in issues[0].responsible_units] == ["各县（市）区政府"]
    assert [u.name for u in issues[1].responsible_units] == ["各县（市）区政府"]
    assert issues[1].field_sources["responsible_units"].via == "default"


def test_a_second_block_with_its_own_units():
    _, issues, _ = parse("""
1.做好关闭搬迁改造工作。
牵头单位：市工信局
责任单位：市应急管理局
搬迁改造企业依法开展环境影响评价。
牵头单位：市生态环境局
责任单位：市资源规划局
""")
    (issue,) = issues
    assert [b.text for b in issue.blocks] == [None, "搬迁改造企业依法开展环境影响评价。"]
    assert [u.name for u in issue.lead_units] == ["市工信局", "市生态环境局"]
