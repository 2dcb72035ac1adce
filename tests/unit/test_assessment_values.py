"""The indicator values parkbot computes itself, checked against figures worked out by hand."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.assessment.computed import computed_values, scoring_values
from bot.assessment.period import PeriodError, parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.scoring import score
from models import Meeting, Problem
from tests.factories import NOW, make_park, make_person, make_project, make_report

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def _fixture(session) -> None:
    """Park 甲 with three active projects and one inactive; park 乙 with none."""
    a = make_park(session, "甲园区")
    make_park(session, "乙园区")
    who = make_person(session)
    p1 = make_project(
        session,
        park=a,
        annual_plan=Decimal(1000),
        planned_start=date(2025, 2, 10),
        planned_production=date(2025, 3, 20),
    )
    p2 = make_project(session, park=a, annual_plan=Decimal(3000), planned_start=date(2025, 5, 1))
    p4 = make_project(
        session,
        park=a,
        annual_plan=Decimal(1000),
        planned_start=date(2025, 1, 15),
        planned_production=date(2025, 3, 1),
    )
    gone = make_project(session, park=a, annual_plan=Decimal(9000), active=False)

    def report(project, period, amount, stage, at, **fields):
        make_report(
            session,
            project=project,
            reporter=who,
            period=period,
            investment_month=amount,
            stage=stage,
            submitted_at=_at(at),
            **fields,
        )

    report(p1, "2024-12", 999, "preparation", "2024-12-20 10:00")  # last year: not counted
    report(p1, "2025-01", 100, "preparation", "2025-01-25 10:00")
    report(p1, "2025-02", 5000, "preparation", "2025-02-10 10:00", is_current=False)
    report(p1, "2025-02", 200, "started", "2025-02-15 10:00", revision=2)
    report(p1, "2025-03", 300, "in_production", "2025-04-02 10:00")  # after March's end
    report(p2, "2025-02", 400, "preparation", "2025-02-20 10:00")  # after the meeting deadline
    report(p4, "2025-03", 0, "preparation", "2025-03-25 10:00")
    report(gone, "2025-02", 800, "started", "2025-02-01 10:00")
    session.add(
        Meeting(
            starts_at=_at("2025-02-25 09:00"),
            park_id=a.id,
            place="会议室",
            deadline=_at("2025-02-18 10:00"),
            period="2025-02",
            created_at=NOW,
            updated_at=NOW,
        )
    )
    problems = [
        (date(2025, 2, 10), "resolved", "2025-02-10 23:30"),  # the due day, local time: in time
        (date(2025, 3, 5), "resolved", "2025-03-06 00:30"),  # still 03-05 in UTC, late locally
        (date(2025, 3, 31), "open", None),
        (date(2025, 4, 2), "resolved", "2025-03-01 10:00"),  # due after Q1: not counted
    ]
    for due, status, resolved in problems:
        session.add(
            Problem(
                project_id=p1.id,
                text="问题",
                status=status,
                raised_at=NOW,
                due_date=due,
                resolved_at=_at(resolved) if resolved else None,
            )
        )
    session.flush()


def _values(db, period: str):
    with db.scope() as session:
        _fixture(session)
        return computed_values(session, parse_period(period), SHANGHAI)


def test_a_quarter_by_hand(db) -> None:
    found = _values(db, "2025-Q1")
    a = {key: value.value for key, value in found["甲园区"].items()}
    # Investment: p1 100 + 200 (rev 2) + 300, p2 400, p4 0 = 1000; plans 1000 + 3000 + 1000.
    assert a["investment"] == Decimal(1000)
    assert a["investment_rate"] == Decimal("20.0")  # 1000 / 5000
    # Due to start by 03-31: p1 (02-10), p4 (01-15); only p1 reached 开工建设.
    assert a["starts_on_time"] == Decimal("50.0")  # 1 / 2
    # Due to produce by 03-31: p1 (03-20, reached 竣工投产), p4 (03-01, still preparing).
    assert a["production_on_time"] == Decimal("50.0")  # 1 / 2
    # 3 projects x 3 months = 9; reports p1 Jan/Feb/Mar, p2 Feb, p4 Mar = 5.
    assert a["completeness"] == Decimal("55.6")  # 5 / 9
    # In time: p1 Jan (month end), p1 Feb (02-15 before the 02-18 deadline), p4 Mar = 3.
    assert a["timeliness"] == Decimal("33.3")  # 3 / 9
    # Due in Q1: 02-10 (closed that evening), 03-05 (closed the next day), 03-31 (open).
    assert a["problems_closed"] == Decimal("33.3")  # 1 / 3
    rule = found["甲园区"]["investment_rate"]
    assert rule.rule == "assess-value-investment-rate"
    assert rule.figures == {"completed": "1000", "plan": "5000", "to": "2025-03", "rate": "20"}
    assert found["甲园区"]["timeliness"].figures["total"] == "9"


def test_a_month_counts_only_its_own_months(db) -> None:
    found = _values(db, "2025-02")
    a = {key: value.value for key, value in found["甲园区"].items()}
    assert a["investment"] == Decimal(700)  # p1 100 + 200, p2 400
    assert a["investment_rate"] == Decimal("14.0")  # 700 / 5000
    assert a["starts_on_time"] == Decimal("50.0")  # p1 started in Feb, p4 no report yet
    assert a["production_on_time"] is None  # nothing planned to produce by 02-28
    assert a["completeness"] == Decimal("66.7")  # p1, p2 of 3
    assert a["timeliness"] == Decimal("33.3")  # p2 came after the 02-18 deadline
    assert a["problems_closed"] == Decimal("100.0")  # the one due 02-10


def test_a_park_without_projects_is_missing_never_zero(db) -> None:
    found = _values(db, "2025")
    b = found["乙园区"]
    assert {value.value for value in b.values()} == {None}
    assert {value.rule for value in b.values()} == {"assess-value-none"}
    scheme = default_scheme(["甲园区", "乙园区"])
    missing = score(scheme, scoring_values(found)).missing  # the values feed the scoring as-is
    assert {"investment", "timeliness", "problems_closed"} <= set(missing["乙园区"])
    assert "timeliness" not in missing["甲园区"] and "investment" not in missing["甲园区"]


@pytest.mark.parametrize(
    "text", ["2025-Q5", "2025-13", "2025-3", "25", "Q1-2025", "1999", "", "2025-00", "2025-03-01"]
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert caught.value.key == "assess-bad-period" and caught.value.value == text


def test_periods_name_their_months() -> None:
    assert parse_period("2025-q4").months == ["2025-10", "2025-11", "2025-12"]
    assert parse_period(" 2025-Q1 ").months == ["2025-01", "2025-02", "2025-03"]
    assert parse_period("2025-03").months == ["2025-03"]
    assert len(parse_period("2025").months) == 12
