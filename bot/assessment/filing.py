"""Who files a park's indicator values, for which months, and what the form prefills.

A park's reporters (models.ParkReporter, from the roster's 指标填报园区 column) file its
values; admins may file for any park. A month is filed once it has begun (never a future
month); the form offers the previous month first. Values are year-to-date figures (累计), so
an indicator's prefill is this month's current filing when there is one (a revision), else
the previous month's value of the same year (January starts afresh). A growth indicator's
base (上年同期) is prefilled from this month's stored base, else from the figure the park
filed for the same month a year ago.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from bot.assessment import store
from bot.assessment.scheme import Method, Scheme
from bot.assessment.value_input import ValueRefused, kind_of
from bot.assessment.values import filed_keys, latest
from bot.parsing import ParseError, parse_period, period_of, previous_period
from models import IndicatorValue, Park, ParkReporter, Person


class FilingRefused(ValueRefused):
    """The form cannot go on: not a reporter, no scheme, a future month..."""


@dataclass(frozen=True)
class Item:
    """One indicator the park files, as the form asks it."""

    key: str
    name: str
    unit: str
    method: str

    @property
    def growth(self) -> bool:
        """Whether the base year's figure (上年同期) is asked too."""
        return self.method == Method.GROWTH.value

    @property
    def kind(self) -> str:
        """The kind of figure (money, count, percent, number)."""
        return kind_of(self.unit, self.method).value


def is_reporter(session: Session, person: Person) -> bool:
    """Whether the person files values for some park (admins file for any)."""
    if person.is_admin:
        return True
    query = select(ParkReporter.park_id).where(ParkReporter.person_id == person.id)
    return session.exec(query.limit(1)).first() is not None


def parks_for(session: Session, person: Person) -> list[Park]:
    """The parks this person may file for, by name."""
    query = select(Park).order_by(col(Park.name))
    if not person.is_admin:
        mine = select(ParkReporter.park_id).where(ParkReporter.person_id == person.id)
        query = query.where(col(Park.id).in_(mine))
    return list(session.exec(query))


def may_file(session: Session, person: Person, park_id: int) -> bool:
    """Whether the person may file this park's values."""
    return any(park.id == park_id for park in parks_for(session, person))


def items_to_file(session: Session) -> tuple[Scheme, list[Item]]:
    """The newest scheme and the indicators parks file; FilingRefused when there is none."""
    scheme = store.load_scheme(session)
    if scheme is None:
        raise FilingRefused("no-scheme")
    keys = set(filed_keys(scheme))
    items = [
        Item(i.key, i.name, i.unit, i.method.value) for i in scheme.indicators if i.key in keys
    ]
    if not items:
        raise FilingRefused("nothing-filed")
    return scheme, items


def offered_months(now: datetime) -> list[str]:
    """The months offered as buttons: the previous month (the default), then this one."""
    current = period_of(now.date())
    return [previous_period(current), current]


def check_month(text: str, now: datetime) -> str:
    """A typed month (YYYY-MM, 2025年3月, 3月); future months are refused."""
    try:
        month = parse_period(text, today=now.date())
    except ParseError as error:
        raise FilingRefused("month", text=error.params.get("text", text)) from None
    if month > period_of(now.date()):
        raise FilingRefused("future-month", month=month)
    return month


def prefill(
    session: Session, park_id: int, month: str, items: list[Item]
) -> tuple[dict[str, list[str | None]], bool]:
    """Key -> [value, base] the form offers to keep, and whether this month is filed already."""
    year_ago = f"{int(month[:4]) - 1}{month[4:]}"
    before = previous_period(month)
    months = [month, year_ago] + ([before] if before[:4] == month[:4] else [])
    found = {
        (key, row_month): row
        for (park, key, row_month), row in latest(session, months).items()
        if park == park_id
    }
    revising = any((item.key, month) in found for item in items)
    result: dict[str, list[str | None]] = {}
    for item in items:
        current, earlier = found.get((item.key, month)), found.get((item.key, before))
        source = current if current is not None else earlier
        value = None if source is None else _text(source.value)
        base = current.base if current is not None and current.base is not None else None
        if base is None and (ago := found.get((item.key, year_ago))) is not None:
            base = ago.value
        result[item.key] = [value, None if base is None or not item.growth else _text(base)]
    return result, revising


def filer_name(session: Session, row: IndicatorValue) -> str:
    """Who filed a value: the person's name, or the actor (the command line)."""
    if row.filed_by_id is not None and (person := session.get(Person, row.filed_by_id)):
        return person.name
    return row.actor


def _text(value: Decimal) -> str:
    return format(value, "f")
