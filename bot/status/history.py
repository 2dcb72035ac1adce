"""Questions about the past: the lights as they stood at the end of an earlier period."""

from dataclasses import replace

from bot.parsing import next_period, period_bounds
from bot.status.compute import Asked


def as_it_stood(*, asked: Asked, period: str) -> Asked:
    """The question asked on the last day of `period` (today, if the period has not ended)."""
    return replace(asked, today=min(period_bounds(period)[1], asked.today))


def ledger_question(*, asked: Asked, period: str) -> Asked:
    """The ledger's question: a past period as it stood at its end, the current one as today.

    Raises ParseError for a period with no next one (9999-12).
    """
    if next_period(period) <= asked.period:
        return as_it_stood(asked=asked, period=period)
    return asked
