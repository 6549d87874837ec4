"""Splitting unit and leader fields into clean names."""
from pipeline.notices.names import AliasTable
from pipeline.notices.names import name_problem, split_names


def names(text):
    return [n.printed for n in split_names(text)]


def test_separators_split_but_not_inside_brackets():
    assert names("市工信局、市市场监管局，各县（市、区）政府；开发区管委会") == [
        "市工信局", "市市场监管局", "各县（市、区）政府", "开发区管委会"]


def test_yiji_and_conjunction_before_a_group_split():
    assert names("市农业农村局以及各县（市、区）人民政府（管委会）") == ["市农业农村局", "各县（市、区）人民政府（管委会）"]
    assert names("市应急管理局和各县（市、区）党委和人民政府") == ["市应急管理局", "各县（市、区）党委和人民政府"]
    assert names("市住房和城乡建设局") == ["市住房和城乡建设局"]


def test_two_spaces_separate_full_names_only():
    assert names("董炳麓  王明朗") == ["董炳麓", "王明朗"]
    assert names("吴祖明，张  弛，张家明") == ["吴祖明", "张弛", "张家明"]


def test_bare_institution_type_stays_with_its_place():
    assert names("各乡镇党委、政府") == ["各乡镇党委、政府"]


def test_qualifiers_become_notes():
    parsed = split_names("市资源规划局、市生态环境局依职责分别牵头")
    assert [(n.printed, n.note) for n in parsed] == [("市资源规划局", None), ("市生态环境局", "依职责分别牵头")]


def test_leading_conjunction_and_trailing_stop_are_removed():
    assert names("及各县（市、区）人民政府（管委会）。") == ["各县（市、区）人民政府（管委会）"]


def test_unbalanced_bracket_is_repaired_and_remembered():
    (name,) = split_names("市扬尘办（市城管局")
    assert name.printed == "市扬尘办（市城管局）" and name.repaired == "市扬尘办（市城管局"


def test_broken_names_are_reported():
    assert name_problem("市环保局") is None
    assert "冒号" in name_problem("责任单位：市环保局")
    assert "字段名" in name_problem("市环保局整改时限")
    assert "40" in name_problem("市" * 41)


def test_collective_units():
    table = AliasTable()
    assert table.is_collective("各县（市、区）政府") and table.is_collective("市直相关委局")
    assert table.is_collective("开发区管委会") and not table.is_collective("郑州高新区管委会")
    assert not table.is_collective("市生态环境局")
