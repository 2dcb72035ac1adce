"""The demo's assessment values: each park's monthly year-to-date figures for the default scheme.

Filed as the parks' reporters would file them (bot.assessment.values), for every month from
the demo campaign's start to last month, forward only. The figures are invented but plausible
and differ from park to park (a stable hash of the name), so a run ranks them; one park leaves
税收 unfiled, so the run lists a missing value instead of scoring a silent zero.
"""

import zlib
from datetime import date, datetime
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from sqlmodel import Session, col, select

from bot.assessment.values import Entry, file_values
from bot.demo.reports import campaign_start
from bot.parsing import next_period, period_of, previous_period
from models import IndicatorValue, Park

UNFILED_TAX_PARK = "西洞庭生物科技园"


def seed_indicator_values(session: Session, *, now: datetime, today: date, actor: str) -> int:
    """Files the months not yet filed for every park; returns how many months were filed."""
    last = previous_period(period_of(today))
    filed = set(session.exec(select(IndicatorValue.park_id, IndicatorValue.month)).all())
    count = 0
    for park in session.exec(select(Park).order_by(col(Park.name))):
        assert park.id is not None
        month = campaign_start(today)
        while month <= last:
            if (park.id, month) not in filed:
                entries = _entries(park.name, month)
                file_values(
                    session,
                    park_id=park.id,
                    month=month,
                    entries=entries,
                    source="chat",
                    actor=actor,
                    now=now,
                )
                count += 1
            month = next_period(month)
    return count


def _entries(park: str, month: str) -> list[Entry]:
    """The park's year-to-date figures through `month`."""
    seed = zlib.crc32(park.encode())
    share = Decimal(int(month[5:])) / 12  # the year's share elapsed by the month's end

    def spread(low: int, high: int, salt: int) -> Decimal:
        return Decimal(low + (seed // salt) % (high - low + 1))

    output = _whole(spread(200_000, 800_000, 1) * share)
    growth = spread(3, 15, 7) / 100
    entries = [
        Entry("new_starts", (spread(3, 8, 11) * share).to_integral_value(rounding=ROUND_FLOOR)),
        Entry("infrastructure", _whole(spread(10_000, 30_000, 13) * share)),
        Entry("output_growth", output, _whole(output / (1 + growth))),
        Entry("factories", (spread(4, 14, 17) * share).quantize(Decimal("0.1"), ROUND_HALF_UP)),
        Entry("safety", Decimal(1 if seed % 5 == 0 and int(month[5:]) >= 5 else 0)),
        Entry("inspection", Decimal((seed // 19) % 3 if int(month[5:]) >= 3 else 0)),
    ]
    if park != UNFILED_TAX_PARK:
        entries.append(Entry("tax", _whole(spread(8_000, 30_000, 23) * share)))
    return entries


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), ROUND_HALF_UP)
