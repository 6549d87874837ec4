"""Repairing extraction damage, line by line, keeping raw line numbers."""
from pipeline.notices.source import canonical_text, clean_lines, display_width, squash_spaces


def test_punctuation_has_one_spelling():
    assert canonical_text("责任单位:市环保局,市工信委(市散煤办);") == "责任单位：市环保局，市工信委（市散煤办）；"
    assert canonical_text("责任单位：市环保局，市工信委（市散煤办）；") == "责任单位：市环保局，市工信委（市散煤办）；"


def test_separators_between_digits_stay_ascii():
    assert canonical_text("每日下午17:00前，比例不低于1 : 8") == "每日下午17:00前，比例不低于1:8"
    assert squash_spaces("不低于1：8") == "不低于1:8"


def test_fullwidth_letters_and_digits_become_ascii_but_decimals_survive():
    assert canonical_text("ＰＭ２.５浓度，11．相当一部分") == "PM2.5浓度，11.相当一部分"


def test_a_period_after_chinese_is_a_full_stop():
    assert canonical_text("依法强制关闭.") == "依法强制关闭。"


def test_url_escaped_plus_is_repaired():
    assert canonical_text("机械深度洗扫%2B人工即时保洁") == "机械深度洗扫+人工即时保洁"


def test_stray_spaces_inside_chinese_words_are_removed():
    assert squash_spaces("各 开 发区管委会、县(市)区 政府") == "各开发区管委会、县(市)区政府"
    assert squash_spaces("燃煤总量控制 2085 万吨") == "燃煤总量控制2085万吨"
    assert squash_spaces("GB 3095 标准") == "GB 3095标准"


def test_two_spaces_are_kept_as_a_possible_separator():
    assert canonical_text("责任领导：董炳麓    王明朗") == "责任领导：董炳麓  王明朗"


def test_page_numbers_and_blank_lines_are_dropped_with_line_numbers_kept():
    lines = clean_lines(["一、总体目标", "", "—6—", "  ", "全面完成考核指标。", "- 12 -"])
    assert [(line.no, line.text) for line in lines] == [(1, "一、总体目标"), (5, "全面完成考核指标。")]


def test_display_width_counts_chinese_twice():
    assert display_width("PM2.5浓度") == 9
