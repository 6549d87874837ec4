"""Tests for pipeline.model.deadlines: real phrases from the seed notices, then properties."""

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.deadlines import Deadline, normalise_deadline

# --- real phrases from the seed notices --------------------------------------

SEED_PHRASES = [
    # (text, default_year, kind, milestones)
    ("立即整改，长期坚持", 2020, "ongoing", ()),
    ("立行立改，持续推进", 2019, "ongoing", ()),
    ("已经完成，长期坚持。", 2020, "done", ()),
    ("2020年10月底", 2020, "date", ("2020-10-31",)),
    ("2020年9月底", 2020, "date", ("2020-09-30",)),
    ("2020 年底", 2020, "date", ("2020-12-31",)),
    ("2021年底", 2020, "date", ("2021-12-31",)),
    ("2020年7月底前", 2020, "date", ("2020-07-31",)),
    ("20193月底前，持续推进", 2019, "date", ("2019-03-31",)),
    ("20192月底前", 2019, "date", ("2019-02-28",)),
    ("20191月底前完成尾矿库排查，落实监管责任。", 2019, "date", ("2019-01-31",)),
    ("按时完成2018年、2019年水污染防治攻坚重点工程", 2019, "unknown", ()),
    ("2018年年底前完成我市境内市级地表饮用水水源地整治任务，2019年年底前完成县级水源地问题整治任务",
     2019, "date", ("2018-12-31", "2019-12-31")),
    ("2018年年底前制定出台城市建成区重污染企业搬迁改造指导意见，并持续推进", 2019, "date", ("2018-12-31",)),
    ("立即整改，2019年年底前推动一批符合条件的铸造企业改造入园", 2019, "date", ("2019-12-31",)),
    ("立即整改，省、市、县机构改革结束前完成", 2019, "ongoing", ()),
    ("2019年12月底前", 2019, "date", ("2019-12-31",)),
    ("2019年4月底前完成招投标任务", 2019, "date", ("2019-04-30",)),
    ("2019年9月底", 2019, "date", ("2019-09-30",)),
    ("2019年11月30日前完成治理工程施工，12月30日前完成验收工作。", 2019, "date", ("2019-11-30", "2019-12-30")),
    ("10月底前", 2020, "date", ("2020-10-31",)),
    ("上半年", 2020, "date", ("2020-06-30",)),
    ("年底前", 2020, "date", ("2020-12-31",)),
    ("10月底前", None, "unknown", ()),
    ("２０２０年１０月底", None, "date", ("2020-10-31",)),
]


@pytest.mark.parametrize("text, default_year, kind, milestones", SEED_PHRASES)
def test_seed_phrases(text, default_year, kind, milestones):
    result = normalise_deadline(text, default_year)
    assert result.kind == kind
    assert result.milestones == milestones
    assert result.date == (milestones[-1] if milestones else None)
    assert result.text == text.strip()


# --- the other documented forms ------------------------------------------------

OTHER_FORMS = [
    ("2019年 4月底前", None, ("2019-04-30",)),
    ("2019年4月", None, ("2019-04-30",)),
    ("2019年4月份完成", None, ("2019-04-30",)),
    ("2019年4月末", None, ("2019-04-30",)),
    ("2020年2月底", None, ("2020-02-29",)),
    ("2019年2月底", None, ("2019-02-28",)),
    ("2020年末", None, ("2020-12-31",)),
    ("2020年年末", None, ("2020-12-31",)),
    ("2020年上半年", None, ("2020-06-30",)),
    ("2020年下半年", None, ("2020-12-31",)),
    ("2020年第一季度", None, ("2020-03-31",)),
    ("2020年二季度", None, ("2020-06-30",)),
    ("2020年3季度", None, ("2020-09-30",)),
    ("第四季度", 2021, ("2021-12-31",)),
    ("2020年3月上旬", None, ("2020-03-10",)),
    ("3月中旬", 2020, ("2020-03-20",)),
    ("2月下旬", 2020, ("2020-02-29",)),
    ("9月30日前", 2019, ("2019-09-30",)),
    ("十月底前", 2020, ("2020-10-31",)),
    ("二〇二〇年十二月三十一日", None, ("2020-12-31",)),
    ("2018年完成方案，10月底前完成整改", 2020, ("2018-10-31",)),
    ("2019年6月底、2019年6月底前完成", None, ("2019-06-30",)),
]


@pytest.mark.parametrize("text, default_year, milestones", OTHER_FORMS)
def test_other_date_forms(text, default_year, milestones):
    result = normalise_deadline(text, default_year)
    assert result.kind == "date"
    assert result.milestones == milestones
    assert result.date == milestones[-1]


@pytest.mark.parametrize("text", [
    "2019年2月30日前",  # no such day
    "2019年13月底",  # no such month
    "201971日起",  # glued year without 月: too ambiguous
    "12345月底",  # not a plausible glued year
    "每月底",  # recurring, not a date
])
def test_impossible_or_ambiguous_dates_yield_nothing(text):
    result = normalise_deadline(text, 2019)
    assert result.date is None
    assert result.milestones == ()
    assert result.kind == "unknown"


@pytest.mark.parametrize("text, kind", [
    ("已完成", "done"),
    ("已整改完成", "done"),
    ("已办结", "done"),
    ("持续整改", "ongoing"),
    ("常态化推进", "ongoing"),
    ("长期", "ongoing"),
    ("机构改革结束前完成", "unknown"),
])
def test_undated_kinds(text, kind):
    assert normalise_deadline(text, 2020).kind == kind


@pytest.mark.parametrize("text", [None, "", "   ", "\u3000"])
def test_empty_input_is_unknown(text):
    assert normalise_deadline(text, 2020) == Deadline(text="", date=None, kind="unknown", milestones=())


def test_to_dict_lists_milestones():
    result = normalise_deadline(" 2018年年底前完成，2019年年底前完成 ", 2019)
    assert result.to_dict() == {
        "text": "2018年年底前完成，2019年年底前完成",
        "date": "2019-12-31",
        "kind": "date",
        "milestones": ["2018-12-31", "2019-12-31"],
    }


# --- properties --------------------------------------------------------------

YEARS = st.integers(min_value=1990, max_value=2099)
MONTHS = st.integers(min_value=1, max_value=12)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))

CHINESE_DIGITS = "〇一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def chinese_small_number(n: int) -> str:
    """1..31 in the way notices write months and days: 十, 十二, 二十, 三十一."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return CHINESE_DIGITS[units]
    prefix = "" if tens == 1 else CHINESE_DIGITS[tens]
    return prefix + "十" + (CHINESE_DIGITS[units] if units else "")


def chinese_year(year: int) -> str:
    return "".join(CHINESE_DIGITS[int(ch)] for ch in str(year))


def month_end(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


@st.composite
def date_phrases(draw):
    """A phrase with an explicit year and the single ISO date it must yield."""
    form = draw(st.sampled_from(["day", "month_end", "glued", "year_end", "half", "quarter", "ten_days"]))
    year, month = draw(YEARS), draw(MONTHS)
    suffix = draw(st.sampled_from(["", "前", "以前", "之前", "前完成"]))
    if form == "day":
        d = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
        return f"{d.year}年{d.month}月{d.day}日{suffix}", d.isoformat()
    if form == "month_end":
        word = draw(st.sampled_from(["月底", "月末", "月份", "月"]))
        return f"{year}年{month}{word}{suffix}", month_end(year, month)
    if form == "glued":
        return f"{year}{month}月底{suffix}", month_end(year, month)
    if form == "year_end":
        word = draw(st.sampled_from(["年底", "年年底", "年末", "年年末"]))
        return f"{year}{word}{suffix}", f"{year}-12-31"
    if form == "half":
        first = draw(st.booleans())
        return f"{year}年{'上' if first else '下'}半年{suffix}", f"{year}-06-30" if first else f"{year}-12-31"
    if form == "quarter":
        q = draw(st.integers(min_value=1, max_value=4))
        label = draw(st.sampled_from([f"第{CHINESE_DIGITS[q]}", CHINESE_DIGITS[q], str(q)]))
        return f"{year}年{label}季度{suffix}", month_end(year, 3 * q)
    part, expected_day = draw(st.sampled_from([("上旬", 10), ("中旬", 20), ("下旬", None)]))
    expected = month_end(year, month) if expected_day is None else date(year, month, expected_day).isoformat()
    return f"{year}年{month}月{part}{suffix}", expected


@settings(max_examples=200)
@given(DATES)
def test_any_valid_day(d):
    result = normalise_deadline(f"{d.year}年{d.month}月{d.day}日前", None)
    assert result.kind == "date"
    assert result.date == d.isoformat()
    assert result.milestones == (d.isoformat(),)


@settings(max_examples=200)
@given(YEARS, MONTHS)
def test_month_end_is_last_day_of_month(year, month):
    expected = month_end(year, month)
    assert normalise_deadline(f"{year}年{month}月底前", None).date == expected
    assert normalise_deadline(f"{year}{month}月底前", None).date == expected  # lost 年
    assert normalise_deadline(f"{month}月底前", year).date == expected  # year from the notice


@settings(max_examples=200)
@given(YEARS, MONTHS, st.sampled_from(["月底前", "月上旬", "月中旬", "月下旬", "月"]))
def test_chinese_month_equals_arabic_month(year, month, rest):
    arabic = normalise_deadline(f"{year}年{month}{rest}", None)
    chinese = normalise_deadline(f"{year}年{chinese_small_number(month)}{rest}", None)
    assert chinese.date == arabic.date is not None


@settings(max_examples=200)
@given(DATES)
def test_fully_chinese_date_equals_arabic_date(d):
    text = f"{chinese_year(d.year)}年{chinese_small_number(d.month)}月{chinese_small_number(d.day)}日"
    assert normalise_deadline(text, None).date == d.isoformat()


@settings(max_examples=200)
@given(date_phrases())
def test_generated_phrase_yields_its_date(phrase_and_expected):
    phrase, expected = phrase_and_expected
    result = normalise_deadline(phrase, None)
    assert result.kind == "date"
    assert result.milestones == (expected,)


@settings(max_examples=200)
@given(date_phrases(), st.one_of(st.none(), YEARS))
def test_full_width_digits_change_nothing(phrase_and_expected, default_year):
    phrase, _ = phrase_and_expected
    ascii_result = normalise_deadline(phrase, default_year)
    wide_result = normalise_deadline(phrase.translate(FULL_WIDTH), default_year)
    assert (wide_result.date, wide_result.kind, wide_result.milestones) == (
        ascii_result.date, ascii_result.kind, ascii_result.milestones)


@settings(max_examples=200)
@given(date_phrases(), st.data())
def test_spaces_between_characters_change_nothing(phrase_and_expected, data):
    phrase, expected = phrase_and_expected
    gaps = data.draw(st.lists(st.booleans(), min_size=len(phrase) - 1, max_size=len(phrase) - 1))
    spaced = phrase[0] + "".join((" " if gap else "") + ch for gap, ch in zip(gaps, phrase[1:]))
    assert normalise_deadline(spaced, None).date == expected


DATE_LIKE_ALPHABET = "0123456789０１２９年月日号底末份旬上中下半季度第前一二三四十〇零 ，、已完成立即整改长期"


@settings(max_examples=200)
@given(st.one_of(st.text(), st.text(alphabet=DATE_LIKE_ALPHABET)), st.one_of(st.none(), YEARS))
def test_never_raises_and_result_is_consistent(text, default_year):
    result = normalise_deadline(text, default_year)
    assert result.text == text.strip()
    assert result.kind in {"date", "ongoing", "done", "unknown"}
    assert (result.kind == "date") == bool(result.milestones) == (result.date is not None)
    if result.milestones:
        assert result.date == result.milestones[-1]
    assert len(set(result.milestones)) == len(result.milestones)
    for milestone in result.milestones:
        assert date.fromisoformat(milestone).isoformat() == milestone
