"""Money is written one way: whole 万元 grouped by thousands, 亿元 with two decimals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.formatting import MONEY_EXCEL_FORMAT, format_money, format_yi
from bot.i18n import Catalogue, format_list, format_period


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("32666.67"), "32,667"),
        (Decimal("1200.50"), "1,201"),  # half up, as people round
        (Decimal("1200.49"), "1,200"),
        (Decimal("0"), "0"),
        (Decimal("0.4"), "0"),
        (Decimal("-0.4"), "0"),  # never "-0"
        (Decimal("999.5"), "1,000"),
        (Decimal("4E+4"), "40,000"),  # no exponent
        (Decimal("1234567.8901"), "1,234,568"),
        (25000.0, "25,000"),  # chart ticks are floats
        (7, "7"),
        ("70800", "70,800"),
    ],
)
def test_whole_wan_grouped(amount, text):
    assert format_money(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1200.5000"), "1,200.5"),
        (Decimal("1200"), "1,200"),
        (Decimal("1200.00"), "1,200"),
        (Decimal("0.0001"), "0.0001"),  # one yuan, as typed
        (Decimal("4E+4"), "40,000"),
        ("12.50", "12.5"),
    ],
)
def test_exact_keeps_what_was_typed(amount, text):
    assert format_money(amount, exact=True) == text


@pytest.mark.parametrize(
    ("amount_wan", "text"),
    [
        (Decimal("12345678"), "1,234.57"),
        (Decimal("6000000"), "600.00"),
        (Decimal("50"), "0.01"),  # 0.005 亿, half up
        (Decimal("0"), "0.00"),
    ],
)
def test_yi_from_wan(amount_wan, text):
    assert format_yi(amount_wan) == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_grouping_reads_back_as_the_rounded_amount(amount):
    text = format_money(amount)
    assert Decimal(text.replace(",", "")) == amount.quantize(Decimal(1), "ROUND_HALF_UP")
    assert Decimal(format_money(amount, exact=True).replace(",", "")) == amount
    assert "E" not in text and "e" not in text


def test_the_ledger_shows_whole_wan_too():
    assert MONEY_EXCEL_FORMAT == "#,##0"


@pytest.mark.parametrize(
    ("language", "period", "text"),
    [
        ("zh_CN", "2025-03", "2025年3月"),
        ("zh_CN", "2025-12", "2025年12月"),
        ("en", "2025-03", "2025-03"),  # the form's shape, never "2025-3"
        ("en", "2025-11", "2025-11"),
    ],
)
def test_a_period_is_written_one_way_per_language(language: str, period: str, text: str) -> None:
    assert format_period(Catalogue(), language, period) == text


@pytest.mark.parametrize(
    ("language", "text"), [("zh_CN", "张伟、王芳、李强"), ("en", "张伟, 王芳, 李强")]
)
def test_a_list_is_joined_the_languages_way(language: str, text: str) -> None:
    assert format_list(Catalogue(), language, ["张伟", "王芳", "李强"]) == text
    assert format_list(Catalogue(), language, []) == ""
