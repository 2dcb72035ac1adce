"""The one way money is written for people: 万元 amounts, grouped by thousands, in every language.

Figures the bot reports (cards, summaries, the overview, what a project still needs, chart axes,
the ledger) are whole 万元, rounded half up: 32,667. The city total is in 亿元 with two decimals:
1,234.57. An amount a person typed is echoed with its own decimals (exact=True), so a
confirmation shows what will be stored: 1,200.5. The catalogue says the unit.
"""

from decimal import ROUND_HALF_UP, Decimal

WAN_PER_YI = Decimal(10_000)
# The ledger's money cells: whole 万元 with a thousands separator, the value itself exact.
MONEY_EXCEL_FORMAT = "#,##0"


def format_money(amount_wan: Decimal | int | float | str, *, exact: bool = False) -> str:
    """An amount in 万元 as people read it: 32,667 (or 1,200.5 with exact=True)."""
    value = _decimal(amount_wan)
    if not exact:
        return f"{value.quantize(Decimal(1), ROUND_HALF_UP) + 0:,f}"  # + 0: no "-0"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,f}"
    return f"{value.normalize():,f}"


def format_yi(amount_wan: Decimal | int | float | str) -> str:
    """An amount given in 万元, written in 亿元 with two decimals: 1,234.57."""
    value = _decimal(amount_wan) / WAN_PER_YI
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP) + 0:,f}"


def _decimal(value: Decimal | int | float | str) -> Decimal:
    # Through str: a float such as 0.1 must not become 0.1000000000000000055...
    return value if isinstance(value, Decimal) else Decimal(str(value))
