"""The per-leader view of 三个一 against a hand-built fixture, on both databases."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.assessment.period import parse_period
from bot.db import Database
from bot.pairing.service import ServiceRefused, log_service, visit_date
from bot.pairing.view import leader_pairings, pairing_table, quarter_of
from bot.status.compute import Asked
from models import Problem, ServiceVisit
from tests.factories import (
    make_enterprise,
    make_pairing,
    make_park,
    make_person,
    make_project,
    make_report,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 28, 10, 0, tzinfo=TZ)


def visit(session, enterprise, leader, filer, day: date) -> None:
    session.add(
        ServiceVisit(
            enterprise_id=enterprise.id, leader_id=leader.id, filed_by_id=filer.id,
            visit_date=day, asked="诉求", done="服务", status="ongoing", created_at=NOW,
        )
    )  # fmt: skip


def problem(session, *, status: str, resolved: datetime | None = None, **owner) -> None:
    session.add(Problem(text="问题", status=status, raised_at=NOW, resolved_at=resolved, **owner))


@pytest.fixture
def people(db: Database) -> dict:
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        admin = make_person(session, "孙丽", is_admin=True)
        city = make_person(session, "赵立新", is_leader=True, city_scope=True)
        zhou = make_person(session, "周建华", is_leader=True, title="副市长")
        liu = make_person(session, "刘伟", is_leader=True)
        zhang = make_person(session, "张伟", is_liaison=True)
        stranger = make_person(session, "吴涛", is_liaison=True)
        reporter = make_person(session, "李敏", is_liaison=True)
        project = make_project(
            session, name="中联起重机械", park=park, leader=zhou,
            total_investment=Decimal(200000), annual_plan=Decimal(1000),
        )  # fmt: skip
        # Investment 250 of the annual 1000 by February: 25 %; 形象进度 40 %.
        make_report(session, project=project, reporter=reporter, period="2025-01",
                    investment_month=100, percent=30)  # fmt: skip
        make_report(session, project=project, reporter=reporter, period="2025-02",
                    investment_month=150, investment_cumulative=250, percent=40)  # fmt: skip
        backbone = make_enterprise(session, "中联重科", park=park)
        struggling = make_enterprise(session, "湘北纺织", park=park, kind="struggling")
        lone = make_enterprise(session, "桃源铝业", park=park)
        make_pairing(session, leader=zhou, project=project, backbone=backbone,
                     struggling=struggling, liaison=zhang)  # fmt: skip
        make_pairing(session, leader=liu, backbone=lone)
        # Q1: two services to the backbone (one by the liaison), one to the struggling one;
        # one in Q4 2024 and one to 桃源铝业 by its own leader.
        for day in (date(2025, 1, 15), date(2025, 3, 3)):
            visit(session, backbone, zhou, zhang, day)
        visit(session, struggling, zhou, zhou, date(2025, 2, 1))
        visit(session, backbone, zhou, zhou, date(2024, 12, 30))
        visit(session, lone, liu, liu, date(2025, 3, 1))
        # Problems: the project's resolved in Q1, the backbone's open, the struggling one's
        # resolved in Q4 2024 (not counted as solved this quarter).
        q1 = datetime(2025, 2, 10, 9, 0, tzinfo=TZ)
        problem(session, status="resolved", resolved=q1, project_id=project.id)
        problem(session, status="assigned", enterprise_id=backbone.id)
        old = datetime(2024, 12, 20, 9, 0, tzinfo=TZ)
        problem(session, status="resolved", resolved=old, enterprise_id=struggling.id)
        problem(session, status="open", enterprise_id=lone.id)
        return {name: person for name, person in locals().items() if name in (
            "admin", "city", "zhou", "liu", "zhang", "stranger")}  # fmt: skip


def asked(person) -> Asked:
    return Asked(person, NOW.date(), TZ)


def test_figures_per_leader(db: Database, people: dict) -> None:
    quarter = parse_period("2025-Q1")
    with db.scope() as session:
        rows = leader_pairings(
            session, viewer=people["admin"], asked=asked(people["admin"]), quarter=quarter
        )
        table = pairing_table(rows)
    assert [row["leader"] for row in table] == ["刘伟", "周建华"]
    liu, zhou = table
    assert zhou["project"] == "中联起重机械" and zhou["title"] == "副市长"
    assert zhou["plan_percent"] == Decimal("25.0") and zhou["physical_percent"] == Decimal(40)
    assert zhou["light"] in ("green", "yellow", "red")
    assert (zhou["backbone"], zhou["backbone_services"]) == ("中联重科", 2)
    assert (zhou["struggling"], zhou["struggling_services"]) == ("湘北纺织", 1)
    assert (zhou["solved"], zhou["open"], zhou["liaison"]) == (1, 1, "张伟")
    assert (liu["project"], liu["light"], liu["plan_percent"]) == ("", "", None)
    assert (liu["backbone_services"], liu["struggling"], liu["solved"], liu["open"]) == (
        1, "", 0, 1,
    )  # fmt: skip


def test_last_quarter_counts_its_own_services(db: Database, people: dict) -> None:
    with db.scope() as session:
        rows = leader_pairings(
            session, viewer=people["admin"], asked=asked(people["admin"]),
            quarter=parse_period("2024-Q4"),
        )  # fmt: skip
    zhou = next(row for row in rows if row.leader == "周建华")
    assert [(e.name, e.services) for e in zhou.enterprises] == [("中联重科", 1), ("湘北纺织", 0)]
    assert zhou.solved == 1  # the struggling enterprise's problem, closed in December


@pytest.mark.parametrize(
    ("who", "leaders"),
    [("admin", ["刘伟", "周建华"]), ("city", ["刘伟", "周建华"]), ("zhou", ["周建华"]),
     ("liu", ["刘伟"]), ("zhang", ["周建华"]), ("stranger", [])],
)  # fmt: skip
def test_who_sees_which_pairings(db: Database, people: dict, who: str, leaders: list) -> None:
    person = people[who]
    with db.scope() as session:
        rows = leader_pairings(
            session, viewer=person, asked=asked(person), quarter=quarter_of(NOW.date())
        )
    assert [row.leader for row in rows] == leaders


def test_logging_is_refused_outside_the_own_pairings_and_for_future_dates(
    db: Database, people: dict
) -> None:
    with pytest.raises(ServiceRefused) as future:
        visit_date("2025-03-29", today=NOW.date())
    assert future.value.code == "date-future"
    with db.scope() as session:
        lone = session.exec(
            ServiceVisit.__table__.select().where(ServiceVisit.leader_id == people["liu"].id)
        ).first()
        with pytest.raises(ServiceRefused) as refused:
            log_service(
                session, person=people["zhang"], enterprise_id=lone.enterprise_id,
                leader_id=people["liu"].id, day=NOW.date(), asked="a", done="b",
                state="ongoing", problem=None, now=NOW,
            )  # fmt: skip
    assert refused.value.code == "not-allowed"
