"""Typed indicator values: kinds, 万/亿, bounds; the form's prefill and its months."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.assessment.filing import FilingRefused, Item, check_month, offered_months, prefill
from bot.assessment.value_input import Kind, ValueRefused, kind_of, parse_value
from bot.assessment.values import Entry, file_values
from tests.factories import NOW, make_park

D = Decimal
MARCH = datetime(2025, 3, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("unit", "method", "kind"),
    [
        ("万元", "completion", Kind.MONEY),
        ("%", "growth", Kind.MONEY),  # a growth indicator files the amounts, not the rate
        ("次", "deduction", Kind.COUNT),
        ("个", "completion", Kind.COUNT),
        ("%", "completion", Kind.PERCENT),
        ("万平方米", "completion", Kind.NUMBER),
    ],
)
def test_kinds(unit: str, method: str, kind: Kind) -> None:
    assert kind_of(unit, method) is kind


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("3.5亿", Kind.MONEY, D(35000)),
        ("800万", Kind.MONEY, D(800)),
        ("1,200", Kind.MONEY, D(1200)),
        ("12.5", Kind.NUMBER, D("12.5")),
        ("85%", Kind.PERCENT, D(85)),
        ("1000", Kind.PERCENT, D(1000)),
        ("0", Kind.COUNT, D(0)),
        ("１２", Kind.COUNT, D(12)),  # full-width digits
    ],
)
def test_accepted(text: str, kind: Kind, value: Decimal) -> None:
    assert parse_value(text, kind) == value


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("-5", Kind.MONEY, "negative"),
        ("-5", Kind.NUMBER, "negative"),
        ("2000000亿", Kind.MONEY, "too-large"),
        ("1001", Kind.PERCENT, "too-large"),
        ("1.5", Kind.COUNT, "whole"),
        ("很多", Kind.NUMBER, "number"),
        ("三亿", Kind.MONEY, "money"),
        ("1e9", Kind.NUMBER, "number"),
    ],
)
def test_refused(text: str, kind: Kind, code: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_value(text, kind)
    assert refused.value.code == code


def test_months_offered_and_future_months_refused() -> None:
    assert offered_months(MARCH) == ["2025-02", "2025-03"]
    assert check_month("2月", MARCH) == "2025-02"
    with pytest.raises(FilingRefused) as refused:
        check_month("2025-04", MARCH)
    assert refused.value.code == "future-month"


TAX = Item("tax", "税收收入", "万元", "rank")
OUTPUT = Item("output_growth", "规模工业总产值增长", "%", "growth")


def test_prefill_takes_this_month_else_last_month_of_the_same_year(db) -> None:
    with db.scope() as session:
        park = make_park(session, "云溪园区")

        def filed(month: str, *entries: Entry) -> None:
            file_values(
                session, park_id=park.id, month=month, entries=list(entries), source="chat",
                actor="t", now=NOW,
            )  # fmt: skip

        filed("2024-12", Entry("tax", D(9000)))
        filed("2024-01", Entry("output_growth", D(700)))
        filed("2025-02", Entry("tax", D(500)), Entry("output_growth", D(90), D(80)))
        # January starts the year afresh: December's year-to-date total is not offered.
        assert prefill(session, park.id, "2025-01", [TAX, OUTPUT]) == (
            {"tax": [None, None], "output_growth": [None, "700"]},
            False,
        )
        # March: February's figures; the base from March a year ago (none here).
        assert prefill(session, park.id, "2025-03", [TAX, OUTPUT]) == (
            {"tax": ["500", None], "output_growth": ["90", None]},
            False,
        )
        filed("2025-03", Entry("output_growth", D(120), D(100)))
        assert prefill(session, park.id, "2025-03", [TAX, OUTPUT]) == (
            {"tax": ["500", None], "output_growth": ["120", "100"]},
            True,
        )
