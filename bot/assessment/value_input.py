"""Reading a typed or imported indicator value, with the bounds of its kind.

The kind follows from the indicator: amounts in 元 (万元, 亿元) and a growth indicator's
figures (the underlying amount, not the rate) are money and take 万/亿; a deduction counts
occurrences (whole numbers); a % indicator is a rate; anything else is a plain number.
Every value is non-negative.
"""

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from bot.formatting import format_money
from bot.parsing import MAX_MONEY_WAN, ParseError, normalize_text, parse_money
from bot.refusals import Refused

MAX_PERCENT = Decimal(1000)
MAX_COUNT = Decimal(1_000_000)
MAX_NUMBER = Decimal(10) ** 9
MAX_TEXT = 40
_NUMBER = re.compile(
    r"[-+\u2212]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[-+\u2212]?[0-9]+(?:\.[0-9]+)?"
)
COUNT_UNITS = ("个", "次", "项", "家", "起", "件")


class Kind(StrEnum):
    """What a value is, for parsing and bounds."""

    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    NUMBER = "number"


class ValueRefused(Refused):
    """A value not accepted; the reason is `values-refused-<code>`."""

    prefix = "values-refused-"


def is_money_unit(unit: str) -> bool:
    """Whether an indicator's unit is an amount of money (万元, 亿元, 元)."""
    return "元" in unit


def kind_of(unit: str, method: str) -> Kind:
    """The kind of an indicator's filed figures, from its unit and scoring method."""
    if is_money_unit(unit) or method == "growth":
        return Kind.MONEY
    if method == "deduction" or unit in COUNT_UNITS:
        return Kind.COUNT
    if unit.strip() in ("%", "％"):
        return Kind.PERCENT
    return Kind.NUMBER


def parse_value(text: str, kind: Kind) -> Decimal:
    """The value typed (or a cell's text), within the bounds of its kind; ValueRefused if not."""
    cleaned = normalize_text(text)
    shown = cleaned if len(cleaned) <= MAX_TEXT else cleaned[: MAX_TEXT - 1] + "…"
    if kind is Kind.MONEY:
        try:
            return parse_money(cleaned)
        except ParseError as error:
            if error.code == "money-negative":
                raise ValueRefused("negative", text=shown) from None
            if error.code == "money-too-large":
                raise ValueRefused(
                    "too-large", text=shown, max=format_money(MAX_MONEY_WAN)
                ) from None
            raise ValueRefused("money", text=shown) from None
    cleaned = cleaned.rstrip("%％").strip() if kind is Kind.PERCENT else cleaned
    if _NUMBER.fullmatch(cleaned) is None:
        raise ValueRefused("number", text=shown)
    try:
        value = Decimal(cleaned.replace(",", "").replace("\u2212", "-"))
    except InvalidOperation:
        raise ValueRefused("number", text=shown) from None
    if value < 0:
        raise ValueRefused("negative", text=shown)
    if kind is Kind.COUNT and value != value.to_integral_value():
        raise ValueRefused("whole", text=shown)
    limit = {Kind.PERCENT: MAX_PERCENT, Kind.COUNT: MAX_COUNT}.get(kind, MAX_NUMBER)
    if value > limit:
        raise ValueRefused("too-large", text=shown, max=format(limit, "f"))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text `parse_value` reads (numbers exactly as stored)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int | Decimal):
        return format(value, "f")
    return str(value)


def shown(value: Decimal) -> str:
    """A value as the form shows it: no trailing zeros, no exponent."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
