"""Assessment periods: a quarter (2025-Q1), a month (2025-03) or a year (2025)."""

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(ValueError):
    """A period string that is not a year, a month or a quarter; `key` names the text."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.key = "assess-bad-period"
        self.value = value


@dataclass(frozen=True)
class Period:
    """Consecutive months of one year, named as the operator wrote them."""

    label: str
    year: int
    first_month: int
    last_month: int

    @property
    def months(self) -> list[str]:
        """The period's months as report periods (YYYY-MM), in order."""
        return [f"{self.year}-{m:02d}" for m in range(self.first_month, self.last_month + 1)]

    @property
    def first(self) -> str:
        """The first month (YYYY-MM)."""
        return self.months[0]

    @property
    def last(self) -> str:
        """The last month (YYYY-MM)."""
        return self.months[-1]

    @property
    def year_start(self) -> str:
        """January of the period's year (YYYY-MM)."""
        return f"{self.year}-01"

    def end(self, tz: tzinfo) -> datetime:
        """The first instant after the period, local time."""
        return month_end(self.last, tz)


def month_end(month: str, tz: tzinfo) -> datetime:
    """The first instant after `month` (YYYY-MM), local time."""
    year, number = int(month[:4]), int(month[5:])
    if number == 12:
        return datetime(year + 1, 1, 1, tzinfo=tz)
    return datetime(year, number + 1, 1, tzinfo=tz)


def parse_period(text: str) -> Period:
    """`2025-Q1`, `2025-03` or `2025`; anything else raises PeriodError."""
    value = text.strip().upper()
    if match := _QUARTER.fullmatch(value):
        year, quarter = int(match[1]), int(match[2])
        period = Period(value, year, 3 * quarter - 2, 3 * quarter)
    elif match := _MONTH.fullmatch(value):
        year, month = int(match[1]), int(match[2])
        period = Period(value, year, month, month)
    elif match := _YEAR.fullmatch(value):
        year = int(match[1])
        period = Period(value, year, 1, 12)
    else:
        raise PeriodError(text)
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        raise PeriodError(text)
    return period
