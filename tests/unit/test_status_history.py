"""The rules moved out of the chart and export handlers: who gets the ledger, and as of when."""

from datetime import UTC, date

import pytest

from bot.ledger.rules import may_export
from bot.parsing import ParseError
from bot.status.compute import Asked
from bot.status.history import as_it_stood, ledger_question
from models import Person


def _asked(today: date) -> Asked:
    return Asked(Person(name="a", phone="1", is_admin=True), today, UTC)


def test_a_past_period_is_asked_as_it_stood_at_its_end() -> None:
    asked = _asked(date(2025, 3, 12))
    assert ledger_question(asked=asked, period="2025-01").today == date(2025, 1, 31)
    assert asked.today == date(2025, 3, 12)  # the question itself is left as it was


def test_the_current_and_a_future_period_are_asked_today() -> None:
    asked = _asked(date(2025, 3, 12))
    assert ledger_question(asked=asked, period="2025-03").today == date(2025, 3, 12)
    assert ledger_question(asked=asked, period="2025-06").today == date(2025, 3, 12)
    assert as_it_stood(asked=asked, period="2025-03").today == date(2025, 3, 12)


def test_a_period_without_a_next_one_is_refused() -> None:
    with pytest.raises(ParseError):
        ledger_question(asked=_asked(date(2025, 3, 12)), period="9999-12")


def test_admins_and_city_leaders_get_the_ledger_others_not() -> None:
    assert may_export(person=Person(name="a", phone="1", is_admin=True))
    assert not may_export(person=Person(name="l", phone="2", is_liaison=True))
    assert not may_export(person=None)
