"""Tests for bot.parsing: table-driven examples plus hypothesis properties."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsing import (
    MAX_INPUT_LENGTH,
    ParseError,
    coerce_date,
    next_period,
    normalize_phone,
    normalize_text,
    parse_date,
    parse_datetime,
    parse_money,
    parse_percent,
    parse_period,
    period_bounds,
    period_of,
    previous_period,
    split_names,
)

TODAY = date(2025, 6, 1)
EIGHT = time(8, 0)
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")

# --- ParseError ----------------------------------------------------------------------------


def test_parse_error_carries_code_params_and_key() -> None:
    error = ParseError("money-invalid", text="abc")
    assert isinstance(error, ValueError)
    assert error.code == "money-invalid"
    assert error.params == {"text": "abc"}
    assert error.message_key == "parse-money-invalid"
    assert "money-invalid" in str(error)


def test_parse_error_without_params() -> None:
    error = ParseError("money-empty")
    assert error.params == {}
    assert str(error) == "money-empty"


def test_error_text_param_is_truncated() -> None:
    with pytest.raises(ParseError) as info:
        parse_money("x" * 150)
    assert len(str(info.value.params["text"])) <= 40


def test_parse_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(ParseError("money-too-large", text="1e99", max="10")))
    assert (error.code, error.params) == ("money-too-large", {"text": "1e99", "max": "10"})


# --- normalize_text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２００", "1200"),
        ("１，２００．５", "1,200.5"),
        ("６０％", "60%"),
        ("ＡＢＣ", "ABC"),
        ("\u3000 1200 \u3000", "1200"),
        ("\u200b12\u200c0\u200d0\ufeff\u2060", "1200"),
        ("\t\n1200\r\n", "1200"),
        ("张三", "张三"),
        ("", ""),
        ("\u3000\u200b ", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


# --- parse_money ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1200", "1200"),
        ("1,200", "1200"),
        ("１２００", "1200"),
        ("１，２００", "1200"),
        ("1200万", "1200"),
        ("1200万元", "1200"),
        ("1200 万元", "1200"),
        ("1200\u3000万元", "1200"),
        ("0.12亿", "1200"),
        ("1.2亿元", "12000"),
        ("1.2 亿", "12000"),
        ("1200.5", "1200.5"),
        ("1,200.50", "1200.5"),
        ("+1200", "1200"),
        ("12000000元", "1200"),
        ("12,000,000元", "1200"),
        ("12000000.4元", "1200"),
        ("12000000.5元", "1200.0001"),
        ("0.00005", "0.0001"),
        ("0.00004", "0"),
        ("0.123456789亿", "1234.5679"),
        ("0", "0"),
        ("-0", "0"),
        ("007", "7"),
        ("1000000000", "1000000000"),
        ("100000亿", "1000000000"),
        ("10000000000000元", "1000000000"),
        ("\u200b 1200 \ufeff", "1200"),
    ],
)
def test_parse_money_accepts(raw: str, expected: str) -> None:
    result = parse_money(raw)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "money-empty"),
        ("   ", "money-empty"),
        ("\u3000\u200b", "money-empty"),
        ("-5", "money-negative"),
        ("－5", "money-negative"),
        ("负5", "money-negative"),
        ("\u22125", "money-negative"),
        ("-1,200万元", "money-negative"),
        ("- 0.5亿", "money-negative"),
        ("abc", "money-invalid"),
        ("一千二百", "money-invalid"),
        ("NaN", "money-invalid"),
        ("nan", "money-invalid"),
        ("inf", "money-invalid"),
        ("Infinity", "money-invalid"),
        ("1e5", "money-invalid"),
        ("1E5", "money-invalid"),
        ("1.2.3", "money-invalid"),
        ("1..2", "money-invalid"),
        ("1200.", "money-invalid"),
        (".5", "money-invalid"),
        ("1,2,3", "money-invalid"),
        ("1,20", "money-invalid"),
        ("1200,000", "money-invalid"),
        (",1200", "money-invalid"),
        ("1,200,", "money-invalid"),
        ("1 200", "money-invalid"),
        ("万元", "money-invalid"),
        ("1200美元", "money-invalid"),
        ("1200万亿", "money-invalid"),
        ("+-5", "money-invalid"),
        ("--5", "money-invalid"),
        ("0x10", "money-invalid"),
        ("١٢٠٠", "money-invalid"),
        ("1" * (MAX_INPUT_LENGTH + 1), "money-invalid"),
        ("1000000000.0001", "money-too-large"),
        ("1000000001", "money-too-large"),
        ("100000.00000001亿", "money-too-large"),
        ("10000000000001元", "money-too-large"),
        ("9" * 100, "money-too-large"),
    ],
)
def test_parse_money_rejects(raw: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_money(raw)
    assert info.value.code == code


def _full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


MONEY_FORMATS = [
    lambda d: format(d, "f"),
    lambda d: format(d, ",f"),
    lambda d: _full_width(format(d, "f")),
    lambda d: _full_width(format(d, ",f")),
    lambda d: format(d, "f") + "万",
    lambda d: format(d, ",f") + "万元",
    lambda d: format(d, "f") + " 万元",
    lambda d: "+" + format(d, "f"),
    lambda d: format(d.scaleb(-4), "f") + "亿",
    lambda d: format(d.scaleb(-4), "f") + "亿元",
    lambda d: format(d.scaleb(4), ",f") + "元",
]

money_values = st.decimals(
    min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False
).map(abs)


@settings(max_examples=200)
@given(value=money_values, form=st.sampled_from(MONEY_FORMATS))
def test_parse_money_round_trips_formatted_values(
    value: Decimal, form: Callable[[Decimal], str]
) -> None:
    assert parse_money(form(value)) == value


@settings(max_examples=200)
@given(value=money_values)
def test_parse_money_result_has_at_most_four_places(value: Decimal) -> None:
    result = parse_money(format(value, "f"))
    assert result == result.quantize(Decimal("0.0001"))
    assert "E" not in str(result)


# --- parse_percent -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("60", "60"),
        ("60%", "60"),
        ("60 %", "60"),
        ("６０％", "60"),
        ("60.5", "60.5"),
        ("60.5%", "60.5"),
        ("60.0", "60"),
        ("60.55", "60.6"),
        ("60.54", "60.5"),
        ("0", "0"),
        ("0%", "0"),
        ("-0", "0"),
        ("100", "100"),
        ("100.0%", "100"),
        ("+50", "50"),
        ("007", "7"),
    ],
)
def test_parse_percent_accepts(raw: str, expected: str) -> None:
    result = parse_percent(raw)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "percent-invalid"),
        ("  ", "percent-invalid"),
        ("abc", "percent-invalid"),
        ("%", "percent-invalid"),
        ("60%%", "percent-invalid"),
        ("六十", "percent-invalid"),
        ("1e2", "percent-invalid"),
        ("nan", "percent-invalid"),
        ("60.", "percent-invalid"),
        ("6,0", "percent-invalid"),
        ("1" * (MAX_INPUT_LENGTH + 1), "percent-invalid"),
        ("100.01", "percent-range"),
        ("101", "percent-range"),
        ("150%", "percent-range"),
        ("-5", "percent-range"),
        ("－5%", "percent-range"),
        ("9" * 50, "percent-range"),
    ],
)
def test_parse_percent_rejects(raw: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_percent(raw)
    assert info.value.code == code


# --- parse_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025年3月15日", date(2025, 3, 15)),
        ("2025年3月15号", date(2025, 3, 15)),
        ("2025年03月05日", date(2025, 3, 5)),
        ("2025年3月15", date(2025, 3, 15)),
        ("2025 年 3 月 15 日", date(2025, 3, 15)),
        ("２０２５年３月１５日", date(2025, 3, 15)),
        ("2025-03-15", date(2025, 3, 15)),
        ("２０２５－０３－１５", date(2025, 3, 15)),
        ("2025/3/15", date(2025, 3, 15)),
        ("2025.3.15", date(2025, 3, 15)),
        ("２０２５．３．１５", date(2025, 3, 15)),
        ("20250315", date(2025, 3, 15)),
        ("3月15日", date(2025, 3, 15)),
        ("3月15号", date(2025, 3, 15)),
        ("12月31日", date(2025, 12, 31)),
        ("3.15", date(2025, 3, 15)),
        ("3-15", date(2025, 3, 15)),
        ("3/15", date(2025, 3, 15)),
        ("03/05", date(2025, 3, 5)),
        ("2025年3月", date(2025, 3, 1)),
        ("2025年3月份", date(2025, 3, 1)),
        ("2025-03", date(2025, 3, 1)),
        ("2025.3", date(2025, 3, 1)),
        ("2025/3", date(2025, 3, 1)),
        ("2024年2月29日", date(2024, 2, 29)),
        ("\u200b 2025-03-15 \u3000", date(2025, 3, 15)),
    ],
)
def test_parse_date_accepts(raw: str, expected: date) -> None:
    assert parse_date(raw, today=TODAY) == expected


def test_parse_date_takes_year_from_today() -> None:
    assert parse_date("3月15日", today=date(2030, 1, 1)) == date(2030, 3, 15)
    assert parse_date("2/29", today=date(2024, 1, 1)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "date-empty"),
        ("  ", "date-empty"),
        ("\u3000\u200b", "date-empty"),
        ("2月30日", "date-invalid"),
        ("2025年2月30日", "date-invalid"),
        ("2025-02-29", "date-invalid"),
        ("2/29", "date-invalid"),
        ("2025-13-01", "date-invalid"),
        ("2025-00-10", "date-invalid"),
        ("2025-01-00", "date-invalid"),
        ("2025-01-32", "date-invalid"),
        ("13月1日", "date-invalid"),
        ("0000-01-01", "date-invalid"),
        ("20251315", "date-invalid"),
        ("2025-3/15", "date-invalid"),
        ("2025年13月", "date-invalid"),
        ("15", "date-invalid"),
        ("202503", "date-invalid"),
        ("2025", "date-invalid"),
        ("明天", "date-invalid"),
        ("abc", "date-invalid"),
        ("3月15日9点", "date-invalid"),
        ("2025-03-15" * 30, "date-invalid"),
    ],
)
def test_parse_date_rejects(raw: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(raw, today=TODAY)
    assert info.value.code == code


dates_4_digit_year = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=200)
@given(
    day=dates_4_digit_year,
    form=st.sampled_from(["{y}年{m}月{d}日", "{y:04d}-{m:02d}-{d:02d}", "{y}/{m}/{d}"]),
)
def test_parse_date_round_trips_full_dates(day: date, form: str) -> None:
    text = form.format(y=day.year, m=day.month, d=day.day)
    assert parse_date(text, today=TODAY) == day


@settings(max_examples=200)
@given(day=dates_4_digit_year, offset=st.integers(min_value=0, max_value=364))
def test_parse_date_round_trips_month_day_with_todays_year(day: date, offset: int) -> None:
    today = min(date(day.year, 1, 1) + timedelta(days=offset), date(day.year, 12, 31))
    assert parse_date(f"{day.month}月{day.day}日", today=today) == day


# --- coerce_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 3, 15), date(2025, 3, 15)),
        (datetime(2025, 3, 15, 23, 59), date(2025, 3, 15)),
        (45731, date(2025, 3, 15)),
        (45731.0, date(2025, 3, 15)),
        (45731.99, date(2025, 3, 15)),
        (Decimal("45731"), date(2025, 3, 15)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (2958465, date(9999, 12, 31)),
        ("2025年3月15日", date(2025, 3, 15)),
        ("3月15日", date(2025, 3, 15)),
    ],
)
def test_coerce_date_accepts(value: object, expected: date) -> None:
    assert coerce_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "date-empty"),
        ("", "date-empty"),
        ("  ", "date-empty"),
        (0, "date-invalid"),
        (-1, "date-invalid"),
        (0.5, "date-invalid"),
        (60, "date-invalid"),  # Excel's fictitious 1900-02-29
        (2958466, "date-invalid"),
        (float("nan"), "date-invalid"),
        (float("inf"), "date-invalid"),
        (1e300, "date-invalid"),
        pytest.param(10**5000, "date-invalid", id="int-beyond-str-limit"),
        (Decimal("NaN"), "date-invalid"),
        (Decimal("sNaN"), "date-invalid"),
        (True, "date-invalid"),
        ("2月30日", "date-invalid"),
        ([2025, 3, 15], "date-invalid"),
        (b"2025-03-15", "date-invalid"),
    ],
)
def test_coerce_date_rejects(value: object, code: str) -> None:
    with pytest.raises(ParseError) as info:
        coerce_date(value, today=TODAY)
    assert info.value.code == code


# --- parse_datetime ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-15", datetime(2025, 3, 15, 8, 0)),
        ("3月15日", datetime(2025, 3, 15, 8, 0)),
        ("2025-03-15 9:00", datetime(2025, 3, 15, 9, 0)),
        ("2025-03-15 09:00", datetime(2025, 3, 15, 9, 0)),
        ("2025-03-15 15:30", datetime(2025, 3, 15, 15, 30)),
        ("2025-03-15 15:30:45", datetime(2025, 3, 15, 15, 30, 45)),
        ("2025-03-15 ９：００", datetime(2025, 3, 15, 9, 0)),
        ("2025年3月15日9:00", datetime(2025, 3, 15, 9, 0)),
        ("3月15日9点", datetime(2025, 3, 15, 9, 0)),
        ("3月15日 9点", datetime(2025, 3, 15, 9, 0)),
        ("3月15日9时", datetime(2025, 3, 15, 9, 0)),
        ("3月15日9点整", datetime(2025, 3, 15, 9, 0)),
        ("3月15日9点半", datetime(2025, 3, 15, 9, 30)),
        ("3月15日9点15分", datetime(2025, 3, 15, 9, 15)),
        ("3月15日9点15", datetime(2025, 3, 15, 9, 15)),
        ("3月15日下午3点", datetime(2025, 3, 15, 15, 0)),
        ("3月15日 下午3点半", datetime(2025, 3, 15, 15, 30)),
        ("2025-03-15下午3:30", datetime(2025, 3, 15, 15, 30)),
        ("2025-03-15 下午 3:30", datetime(2025, 3, 15, 15, 30)),
        ("3月15日下午15点", datetime(2025, 3, 15, 15, 0)),
        ("3月15日晚上8点", datetime(2025, 3, 15, 20, 0)),
        ("3月15日傍晚6点", datetime(2025, 3, 15, 18, 0)),
        ("3月15日上午9点", datetime(2025, 3, 15, 9, 0)),
        ("3月15日早上8点半", datetime(2025, 3, 15, 8, 30)),
        ("3月15日凌晨12点", datetime(2025, 3, 15, 0, 0)),
        ("3月15日中午12点", datetime(2025, 3, 15, 12, 0)),
        ("3月15日中午1点", datetime(2025, 3, 15, 13, 0)),
        ("3.15 9:00", datetime(2025, 3, 15, 9, 0)),
        ("20250315 14:00", datetime(2025, 3, 15, 14, 0)),
        ("2025.3 9:00", datetime(2025, 3, 1, 9, 0)),
    ],
)
def test_parse_datetime_accepts(raw: str, expected: datetime) -> None:
    assert parse_datetime(raw, today=TODAY, default_time=EIGHT) == expected


def test_parse_datetime_uses_default_time_and_stays_naive() -> None:
    result = parse_datetime("3月15日", today=TODAY, default_time=time(17, 45))
    assert result == datetime(2025, 3, 15, 17, 45)
    assert result.tzinfo is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "date-empty"),
        ("  ", "date-empty"),
        ("2月30日 9:00", "date-invalid"),
        ("3月15日 25:00", "date-invalid"),
        ("3月15日 9:60", "date-invalid"),
        ("3月15日 24点", "date-invalid"),
        ("3月15日上午15点", "date-invalid"),
        ("3月15日 9点61分", "date-invalid"),
        ("3月15日 9:0", "date-invalid"),
        ("2025-03-159:00", "date-invalid"),
        ("9:00", "date-invalid"),
        ("下午3点", "date-invalid"),
        ("3月15日 下午", "date-invalid"),
        ("x" * (MAX_INPUT_LENGTH + 1), "date-invalid"),
    ],
)
def test_parse_datetime_rejects(raw: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_datetime(raw, today=TODAY, default_time=EIGHT)
    assert info.value.code == code


@settings(max_examples=200)
@given(
    day=dates_4_digit_year,
    hour=st.integers(min_value=0, max_value=23),
    minute=st.integers(min_value=0, max_value=59),
    sep=st.sampled_from([" ", "  ", "\u3000"]),
)
def test_parse_datetime_round_trips(day: date, hour: int, minute: int, sep: str) -> None:
    text = f"{day.year}年{day.month}月{day.day}日{sep}{hour}:{minute:02d}"
    expected = datetime(day.year, day.month, day.day, hour, minute)
    assert parse_datetime(text, today=TODAY, default_time=EIGHT) == expected


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03", "2025-03"),
        ("2025-3", "2025-03"),
        ("202503", "2025-03"),
        ("2025年3月", "2025-03"),
        ("2025年03月", "2025-03"),
        ("2025年3月份", "2025-03"),
        ("3月", "2025-03"),
        ("12月份", "2025-12"),
        ("2025.03", "2025-03"),
        ("2025.3", "2025-03"),
        ("2025/3", "2025-03"),
        ("２０２５年３月", "2025-03"),
        (" 2025 - 03 ", "2025-03"),
    ],
)
def test_parse_period_accepts(raw: str, expected: str) -> None:
    assert parse_period(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "  ",
        "2025-13",
        "2025-00",
        "202513",
        "0000-01",
        "13月",
        "0月",
        "2025",
        "2025-03-15",
        "25-03",
        "三月",
        "abc",
        "2025-03" * 40,
    ],
)
def test_parse_period_rejects(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(raw, today=TODAY)
    assert info.value.code == "period-invalid"


@pytest.mark.parametrize("raw", ["0001-01", "1999-12", "0999-05", "2027-01", "9999-12"])
def test_parse_period_refuses_months_outside_2000_to_next_year(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(raw, today=TODAY)
    assert info.value.code == "period-out-of-range"
    assert info.value.params == {"text": raw, "first": "2000-01", "last": "2026-12"}


@pytest.mark.parametrize(("raw", "expected"), [("2000-01", "2000-01"), ("2026-12", "2026-12")])
def test_parse_period_accepts_the_range_ends(raw: str, expected: str) -> None:
    assert parse_period(raw, today=TODAY) == expected


def test_parse_period_takes_year_from_today() -> None:
    assert parse_period("3月", today=date(2031, 12, 31)) == "2031-03"


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2025, 3, 15), "2025-03"), (date(2025, 12, 31), "2025-12"), (date(999, 1, 1), "0999-01")],
)
def test_period_of(day: date, expected: str) -> None:
    assert period_of(day) == expected


@pytest.mark.parametrize(
    ("period", "previous", "following"),
    [
        ("2025-03", "2025-02", "2025-04"),
        ("2025-01", "2024-12", "2025-02"),
        ("2025-12", "2025-11", "2026-01"),
    ],
)
def test_previous_and_next_period(period: str, previous: str, following: str) -> None:
    assert previous_period(period) == previous
    assert next_period(period) == following


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2025-04", date(2025, 4, 1), date(2025, 4, 30)),
        ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_period_bounds(period: str, first: date, last: date) -> None:
    assert period_bounds(period) == (first, last)


@pytest.mark.parametrize(
    ("func", "period"),
    [
        (previous_period, "0001-01"),
        (next_period, "9999-12"),
        (previous_period, "2025-3"),
        (next_period, "2025年3月"),
        (period_bounds, "2025-13"),
        (period_bounds, ""),
    ],
)
def test_period_helpers_reject_bad_periods(func: Callable[[str], object], period: str) -> None:
    with pytest.raises(ParseError) as info:
        func(period)
    assert info.value.code == "period-invalid"


@settings(max_examples=200)
@given(day=st.dates(min_value=date(1, 2, 1), max_value=date(9999, 11, 30)))
def test_period_helpers_are_consistent(day: date) -> None:
    period = period_of(day)
    first, last = period_bounds(period)
    assert first <= day <= last
    if day.year >= 2000:  # earlier months are refused as typos
        assert parse_period(period, today=day) == period
    assert next_period(previous_period(period)) == period
    assert previous_period(period) == period_of(first - timedelta(days=1))
    assert next_period(period) == period_of(last + timedelta(days=1))


# --- normalize_phone -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("(+86) 138.1234.5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("\u200b138 1234 5678\u3000", "13812345678"),
        ("19912345678", "19912345678"),
        ("0736-7771234", "07367771234"),
        ("0736-77712345", "073677712345"),
        ("(0736)7771234", "07367771234"),
        ("（０７３６）７７７１２３４", "07367771234"),
        ("010-12345678", "01012345678"),
        ("021 6123 4567", "02161234567"),
    ],
)
def test_normalize_phone_accepts(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "abc",
        "12812345678",  # second digit 2 is not a mobile prefix
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "+86138123456789",
        "+8612812345678",
        "+1 555 123 4567",
        "+86 0736 7771234",
        "+0736-7771234",
        "0736-77712",  # too short for any area code / local number split
        "0736-777123456",  # 9-digit local number
        "0036-7771234",
        "138-1234-567x",
        "١٣٨١٢٣٤٥٦٧٨",
        "13812345678 转 123",
    ],
)
def test_normalize_phone_rejects(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        normalize_phone(raw)
    assert info.value.code == "phone-invalid"


mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)


@settings(max_examples=200)
@given(
    mobile=mobiles,
    prefix=st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "86", "(+86) "]),
    separators=st.lists(st.sampled_from(["", "", " ", "-"]), min_size=10, max_size=10),
    padding=st.sampled_from(["", " ", "\u3000", "\u200b"]),
)
def test_normalize_phone_accepts_decorated_mobiles(
    mobile: str, prefix: str, separators: list[str], padding: str
) -> None:
    body = mobile[0] + "".join(
        sep + digit for sep, digit in zip(separators, mobile[1:], strict=True)
    )
    assert normalize_phone(padding + prefix + body + padding) == mobile


# --- split_names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三、李四", ["张三", "李四"]),
        ("张三,李四", ["张三", "李四"]),
        ("张三，李四", ["张三", "李四"]),
        ("张三;李四", ["张三", "李四"]),
        ("张三；李四", ["张三", "李四"]),
        ("张三/李四", ["张三", "李四"]),
        ("张三 、 李四 ， 王五", ["张三", "李四", "王五"]),
        ("张三\n李四\r\n王五", ["张三", "李四", "王五"]),
        ("张三、、李四,,", ["张三", "李四"]),
        ("  张三  ", ["张三"]),
        ("13812345678、0736-7771234", ["13812345678", "0736-7771234"]),
        ("Li Ming, 王五", ["Li Ming", "王五"]),
        ("\u200b张三\u3000、\u3000李四", ["张三", "李四"]),
        ("", []),
        ("、,;/ ", []),
    ],
)
def test_split_names(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


# --- robustness: arbitrary text never escapes as a non-ParseError ----------------------------

any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Nd", "No"]), max_size=50),
    st.text(alphabet="0123456789,.-+%万亿元年月日号点半:/ 　\u200b负", max_size=40),
    st.text(min_size=MAX_INPUT_LENGTH, max_size=1000),
)

TEXT_PARSERS = {
    "money": parse_money,
    "percent": parse_percent,
    "date": lambda text: parse_date(text, today=TODAY),
    "datetime": lambda text: parse_datetime(text, today=TODAY, default_time=EIGHT),
    "period": lambda text: parse_period(text, today=TODAY),
    "phone": normalize_phone,
    "coerce_date": lambda text: coerce_date(text, today=TODAY),
}


@settings(max_examples=200)
@given(text=any_text, name=st.sampled_from(sorted(TEXT_PARSERS)))
def test_parsers_only_raise_parse_error(text: str, name: str) -> None:
    try:
        TEXT_PARSERS[name](text)
    except ParseError as error:
        assert error.code.split("-")[0] in {"money", "percent", "date", "period", "phone"}


@pytest.mark.parametrize("name", sorted(TEXT_PARSERS))
@pytest.mark.parametrize(
    "text",
    [
        "9" * 100_000,
        "1" * 5000 + "万",
        " " * 100_000,
        "3月15日 " + " " * 50_000 + "9:00",
        "\x00\x1f",
    ],
    ids=["digits-100k", "digits-5k-wan", "spaces-100k", "date-spaces-time", "control"],
)
def test_parsers_handle_huge_and_control_input(name: str, text: str) -> None:
    with pytest.raises(ParseError):
        TEXT_PARSERS[name](text)


@settings(max_examples=200)
@given(text=any_text)
def test_split_names_never_returns_blank_items(text: str) -> None:
    names = split_names(text)
    assert all(name and name == name.strip() for name in names)


@settings(max_examples=200)
@given(text=any_text)
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
