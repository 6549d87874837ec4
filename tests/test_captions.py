"""Timed captions for the broadcast script: what is read aloud, how the text is cut
into captions, how the captions are timed, and the SRT text.  The paragraphs are fictional.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
import srt
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.model.caption_lines import is_opening
from pipeline.model.captions import (
    READING_PACE, Cue, describe_duration, duration_ms, is_spoken, spoken_length, split_captions, srt_text,
    timed_cues, write_srt,
)

EXAMPLE = "示例县（虚构）完成3项整改任务，其中PM2.5监测点位2017年9月30日前建成。"
SCRIPT = [
    EXAMPLE,
    "示例镇已完成整改。验收合格。下一步将持续开展巡查，确保问题不反弹。",
    "示例县要求企业于2019年9月30日前完成整改。大气污染防治的重点是降低PM2.5浓度。",
]
CLOSING = "，。、；：！？）》」』】”’%％,.;:!?)"


def all_lines(captions):
    return [line for caption in captions for line in caption]


def strip_space(text: str) -> str:
    return "".join(text.split())


# --- what is read aloud, and how long it takes ----------------------------------------

def test_only_letters_ideographs_and_digits_are_read():
    assert spoken_length(EXAMPLE) == 36
    assert spoken_length("，。、；：！？“”‘’（）《》【】—…·,.;:!?()-/% \u3000\n") == 0
    assert spoken_length("PM2.5") == 4
    assert spoken_length("VOCs 20.5％") == 7
    assert [is_spoken(c) for c in "县A7，"] == [True, True, True, False]


def test_duration_at_240_characters_a_minute():
    assert READING_PACE == 240
    assert duration_ms(EXAMPLE) == 9000
    assert duration_ms(EXAMPLE, 180) == 12000
    assert duration_ms("县", 7) == 8571
    assert duration_ms("。。。") == 0


@pytest.mark.parametrize("ms, said", [
    (192_000, "3 分 12 秒"), (45_000, "45 秒"), (44_500, "45 秒"), (44_499, "44 秒"), (59_600, "1 分 0 秒"), (0, "0 秒"),
])
def test_durations_are_described_in_chinese(ms, said):
    assert describe_duration(ms) == said


# --- cutting into captions -------------------------------------------------------------

def test_a_long_sentence_fills_lines_clause_by_clause():
    assert split_captions([EXAMPLE]) == [
        ["示例县（虚构）完成3项整改任务，", "其中PM2.5监测点位2017年"],
        ["9月30日前建成。"],
    ]


def test_a_sentence_that_does_not_fit_starts_a_new_caption():
    assert split_captions([SCRIPT[1]]) == [
        ["示例镇已完成整改。验收合格。"],
        ["下一步将持续开展巡查，", "确保问题不反弹。"],
    ]


def test_numbers_and_ascii_runs_are_kept_whole():
    assert split_captions([SCRIPT[2]]) == [
        ["示例县要求企业于2019年9月", "30日前完成整改。"],
        ["大气污染防治的重点是降低", "PM2.5浓度。"],
    ]
    assert split_captions(["示例县督促示例企业务必于2017年内完成整改。"]) == [
        ["示例县督促示例企业务必于", "2017年内完成整改。"],
    ]


def test_punctuation_takes_the_word_before_it_to_the_next_line():
    assert split_captions(["示例县生态环境局会同住建部门核查，共发现问题5个。"]) == [
        ["示例县生态环境局会同住建部门", "核查，共发现问题5个。"],
    ]
    assert split_captions(["示例县生态环境局会同住建部门和《示例条例》执法。"]) == [
        ["示例县生态环境局会同住建部门和", "《示例条例》执法。"],
    ]


def test_a_caption_never_spans_two_paragraphs():
    assert split_captions(["第一段。", "第二段。"]) == [["第一段。"], ["第二段。"]]


def test_a_run_longer_than_a_line_is_the_only_hard_split():
    assert split_captions(["详见https://example.gov.cn/notice/2017/abc。谢谢。"]) == [
        ["详见", "https://example."],
        ["gov.cn/notice/20", "17/abc。"],
        ["谢谢。"],
    ]


def test_a_paragraph_of_punctuation_only_joins_a_neighbour():
    assert split_captions(["——", "示例县完成整改。"]) == [["——示例县完成整改。"]]
    full = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"
    assert split_captions([full, "……"]) == [["一二三四五六七八九十", "一二三四五六七八九十"], ["一二三四五六七八九十一二……"]]


def test_a_chinese_word_is_never_split_across_lines_or_captions():
    text = "本期播报2019年7月29日至2019年8月4日生态环境问题整改的公开情况。"
    assert split_captions([text]) == [["本期播报2019年7月29日至", "2019年8月4日生态环境问题"], ["整改的公开情况。"]]


def test_spaces_between_ascii_words_are_kept_and_other_whitespace_is_tidied():
    assert split_captions(["  示例县 VOCs  减排\n完成。 "]) == [["示例县 VOCs 减排 完成。"]]


def test_one_string_is_not_a_list_of_paragraphs():
    with pytest.raises(TypeError):
        split_captions(EXAMPLE)


def assert_well_cut(paragraphs, captions, *, exact=True):
    """The invariants every cut keeps (`exact`: those that need the script to be `ordinary`)."""
    lines = all_lines(captions)
    assert all(0 < len(line) <= 16 and line == line.strip() for line in lines)
    joined = "".join(p.strip() for p in paragraphs)
    assert strip_space("".join(lines)) == strip_space(joined)
    if not any(c.isspace() for c in joined):
        assert "".join(lines) == joined
    if exact:
        assert all(1 <= len(caption) <= 2 for caption in captions)
        assert all(spoken_length("".join(caption)) for caption in captions) or not spoken_length(joined)


@pytest.mark.parametrize("paragraphs", [[EXAMPLE], SCRIPT, ["详见https://example.gov.cn/notice/2017/abc。谢谢。"]])
def test_the_examples_keep_every_rule(paragraphs):
    captions = split_captions(paragraphs)
    assert_well_cut(paragraphs, captions)
    lines = all_lines(captions)
    assert not any(line[0] in CLOSING for line in lines)
    assert not any(is_opening(line[-1]) for line in lines)
    for whole in ("2017年", "PM2.5", "30日", "2019年", "9月"):
        in_text = "".join(paragraphs).count(whole)
        assert sum(line.count(whole) for line in lines) == in_text


# --- timing and SRT ----------------------------------------------------------------------

def test_cues_are_timed_cumulatively_from_spoken_characters():
    assert timed_cues([EXAMPLE]) == [
        Cue(1, 0, 7000, ("示例县（虚构）完成3项整改任务，", "其中PM2.5监测点位2017年")),
        Cue(2, 7000, 9000, ("9月30日前建成。",)),
    ]
    # 28 and 36 spoken characters at 280 a minute: 6000 and 7714.29 ms, rounded once each
    assert [(c.start_ms, c.end_ms) for c in timed_cues([EXAMPLE], 280)] == [(0, 6000), (6000, 7714)]


def test_the_last_cue_ends_at_the_duration_of_the_script():
    cues = timed_cues(SCRIPT)
    assert cues[-1].end_ms == duration_ms("".join(SCRIPT))
    assert [c.index for c in cues] == list(range(1, len(cues) + 1))


def test_a_script_with_nothing_to_read_cannot_be_timed():
    assert timed_cues([]) == []
    with pytest.raises(ValueError):
        timed_cues(["——"])


def test_srt_round_trips():
    cues = timed_cues(SCRIPT)
    text = srt_text(cues)
    assert text.endswith("\n") and not text.startswith("\ufeff")
    assert text.startswith("1\n00:00:00,000 --> 00:00:07,000\n示例县（虚构）完成3项整改任务，\n其中PM2.5监测点位2017年\n\n")
    parsed = list(srt.parse(text))
    assert len(parsed) == len(cues)
    for sub, cue in zip(parsed, cues):
        assert sub.index == cue.index
        assert sub.start == dt.timedelta(milliseconds=cue.start_ms)
        assert sub.end == dt.timedelta(milliseconds=cue.end_ms)
        assert sub.content == "\n".join(cue.lines)
    assert parsed[-1].end == dt.timedelta(milliseconds=duration_ms("".join(SCRIPT)))


def test_write_srt_writes_utf8_without_bom(tmp_path):
    path = tmp_path / "script.srt"
    cues = timed_cues([EXAMPLE])
    write_srt(cues, path)
    assert path.read_bytes() == srt_text(cues).encode("utf-8")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


# --- properties ------------------------------------------------------------------------

ALPHABET = "示例县整改任务完成年月日号项个监测点" + "，。、；：！？“”（）《》—…" + "0123456789" + "PMVOCs." + " "
paragraph_lists = st.lists(st.text(ALPHABET, max_size=90), min_size=1, max_size=4)


def ordinary(paragraphs) -> bool:
    """No stretch of more than 16 characters holds at most one character read aloud."""
    text = "".join(" ".join(p.split()) for p in paragraphs)
    read = [-1] + [i for i, char in enumerate(text) if is_spoken(char)] + [len(text)]
    stretches = list(zip(read, read[1:])) + list(zip(read, read[2:]))
    return all(after - before - 1 <= 16 for before, after in stretches)


@settings(max_examples=400, deadline=None)
@given(paragraph_lists)
def test_any_script_is_cut_and_timed_within_the_rules(paragraphs):
    captions = split_captions(paragraphs)
    usual = ordinary(paragraphs)
    assert_well_cut(paragraphs, captions, exact=usual)
    if usual:
        for paragraph in paragraphs:
            lines = all_lines(split_captions([paragraph]))
            assert not any(not is_spoken(line[0]) and not is_opening(line[0]) for line in lines[1:])
            assert not any(is_opening(line[-1]) for line in lines[:-1])
    if not spoken_length("".join(paragraphs)):
        return
    cues = timed_cues(paragraphs)
    assert [c.lines for c in cues] == [tuple(c) for c in captions]
    assert cues[0].start_ms == 0
    assert all(c.end_ms > c.start_ms for c in cues)
    assert all(a.end_ms == b.start_ms for a, b in zip(cues, cues[1:]))
    assert cues[-1].end_ms == duration_ms("".join(paragraphs))
    parsed = list(srt.parse(srt_text(cues)))
    assert [(s.start, s.end, s.content) for s in parsed] == [
        (dt.timedelta(milliseconds=c.start_ms), dt.timedelta(milliseconds=c.end_ms), "\n".join(c.lines)) for c in cues]


def longest_ascii_word(paragraphs) -> int:
    """The longest run of ASCII letters and digits with the punctuation stuck to it (see rule 5)."""
    words = re.findall(r"[\W_]*[A-Za-z0-9.]+\w?[\W_]*", "\n".join(paragraphs))
    return max(map(len, words), default=0)


WHOLE = ["PM2.5", "2017年", "30日", "9月", "VOCs"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(list("示例县整改任务，。、；：！？“”（）《》—…") + WHOLE), max_size=40).map("".join),
                min_size=1, max_size=3))
def test_numbers_and_ascii_runs_are_never_cut(paragraphs):
    assume(longest_ascii_word(paragraphs) <= 16)
    lines = all_lines(split_captions(paragraphs))
    for whole in WHOLE:
        assert sum(line.count(whole) for line in lines) == "".join(paragraphs).count(whole)
