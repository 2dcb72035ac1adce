"""Indicator values filed per park and month, and the values a scoring run takes.

A filed value is the year-to-date figure (累计) through its month, as the statistics offices
report; a period is measured by the value filed for its last month. An indicator whose key
parkbot computes itself (bot.assessment.computed.KEYS) always takes the computed value, so
nobody files it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment import computed
from bot.assessment.period import Period
from bot.assessment.scheme import Method, Scheme
from bot.assessment.scoring import Growth, Value
from models import IndicatorValue, Park, Person


@dataclass(frozen=True)
class Entry:
    """One value to file: the year-to-date figure and, for a growth indicator, the base."""

    indicator: str
    value: Decimal
    base: Decimal | None = None


@dataclass(frozen=True)
class Source:
    """Where a scored value came from: computed (with its rule) or filed (by whom, when)."""

    kind: str  # "computed", "chat", "xlsx" or "missing"
    rule: str = ""
    figures: Mapping[str, str] | None = None
    actor: str = ""
    filed_at: datetime | None = None


def filed_keys(scheme: Scheme) -> list[str]:
    """The scheme's indicators a park files (those parkbot does not compute), in order."""
    return [item.key for item in scheme.indicators if item.key not in computed.KEYS]


def file_values(
    session: Session,
    *,
    park_id: int,
    month: str,
    entries: list[Entry],
    source: str,
    actor: str,
    now: datetime,
    person_id: int | None = None,
) -> list[IndicatorValue]:
    """Stores one filing per entry (audited); the newest filing of a key counts."""
    rows = [
        IndicatorValue(
            park_id=park_id,
            indicator=entry.indicator,
            month=month,
            value=entry.value,
            base=entry.base,
            source=source,
            filed_by_id=person_id,
            actor=actor,
            filed_at=now,
        )
        for entry in entries
    ]
    session.add_all(rows)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="indicator-values-filed",
        entity="park",
        entity_id=park_id,
        detail={
            "month": month,
            "source": source,
            "values": {e.indicator: _pair(e) for e in entries},
        },
    )
    return rows


def latest(session: Session, months: list[str]) -> dict[tuple[int, str, str], IndicatorValue]:
    """(park id, indicator, month) -> the newest filing, for the months given."""
    newest = (
        select(func.max(IndicatorValue.id))
        .where(col(IndicatorValue.month).in_(months))
        .group_by(IndicatorValue.park_id, IndicatorValue.indicator, IndicatorValue.month)
    )
    rows = session.exec(select(IndicatorValue).where(col(IndicatorValue.id).in_(newest)))
    return {(row.park_id, row.indicator, row.month): row for row in rows}


def history(session: Session, park_id: int, indicator: str, month: str) -> list[IndicatorValue]:
    """Every filing of one park's indicator for one month, oldest first."""
    query = (
        select(IndicatorValue)
        .where(
            IndicatorValue.park_id == park_id,
            IndicatorValue.indicator == indicator,
            IndicatorValue.month == month,
        )
        .order_by(col(IndicatorValue.id))
    )
    return list(session.exec(query))


def scoring_input(
    session: Session, scheme: Scheme, period: Period, tz: tzinfo
) -> tuple[dict[str, dict[str, Value]], dict[str, dict[str, Source]]]:
    """Values for `scoring.score` per park of the scheme, and where each came from."""
    parks = {park.name: park.id for park in session.exec(select(Park))}
    made = computed.computed_values(session, period, tz)
    filed = latest(session, [period.last])
    values: dict[str, dict[str, Value]] = {}
    sources: dict[str, dict[str, Source]] = {}
    for park in scheme.park_types:
        values[park], sources[park] = {}, {}
        for item in scheme.indicators:
            if item.key in computed.KEYS:
                found = made.get(park, {}).get(item.key)
                value = None if found is None else found.value
                source = (
                    Source("computed", found.rule, found.figures)
                    if found is not None
                    else Source("missing")
                )
            else:
                row = filed.get((parks.get(park, -1), item.key, period.last))
                value = _filed_value(row, item.method)
                source = (
                    Source(row.source, actor=row.actor, filed_at=row.filed_at)
                    if row is not None and value is not None
                    else Source("missing")
                )
            values[park][item.key] = value
            sources[park][item.key] = source if value is not None else Source("missing")
    return values, sources


def filer_names(session: Session, sources: Mapping[str, Mapping[str, Source]]) -> dict[str, str]:
    """Actor -> the name shown for it: a person's name for `person:<id>`, else the actor."""
    actors = {s.actor for park in sources.values() for s in park.values() if s.actor}
    names: dict[str, str] = {}
    for actor in actors:
        kind, _, number = actor.partition(":")
        person = session.get(Person, int(number)) if kind == "person" and number.isdigit() else None
        names[actor] = person.name if person is not None else actor
    return names


def _filed_value(row: IndicatorValue | None, method: Method) -> Value:
    if row is None:
        return None
    if method is Method.GROWTH:
        return None if row.base is None else Growth(row.value, row.base)
    return row.value


def _pair(entry: Entry) -> str | list[str]:
    value = format(entry.value, "f")
    return value if entry.base is None else [value, format(entry.base, "f")]
