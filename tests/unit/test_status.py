"""Status queries over a generated data set, and scope: nobody sees beyond their projects."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot import problems, reporting, status
from bot.reporting import ReportInput
from bot.status import Asked
from models import Park, Problem, ProgressReport, Project
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2025, 3, 20)
CREATED = datetime(2024, 1, 1, tzinfo=SHANGHAI)


def report(session, project, reporter, period, amount, stage="main_works", percent=50):
    session.add(
        ProgressReport(
            project_id=project.id,
            period=period,
            investment_month=Decimal(amount),
            investment_cumulative=Decimal(amount),
            stage=stage,
            percent=Decimal(percent),
            progress="进展",
            reporter_id=reporter.id,
            submitted_at=datetime.fromisoformat(f"{period}-25T10:00:00+08:00"),
        )
    )


@pytest.fixture
def city(db):
    """Two parks; a green, a yellow and a red project with their leaders and liaisons."""
    with db.scope() as session:
        east, west = make_park(session, "常德经开区"), make_park(session, "津市高新区")
        lead_a = make_person(session, "王强", is_leader=True)
        lead_b = make_person(session, "刘芳", is_leader=True)
        city_lead = make_person(session, "周市长", is_leader=True, city_scope=True)
        admin = make_person(session, "赵磊", is_admin=True)
        li = make_person(session, "李敏", is_liaison=True)
        chen = make_person(session, "陈静", is_liaison=True)
        common = {"annual_plan": Decimal(1200), "created_at": CREATED, "updated_at": CREATED}
        green = make_project(
            session, name="中联起重机械", park=east, leader=lead_a, liaisons=(li,), **common
        )
        yellow = make_project(
            session, name="美华尼龙四期", park=east, leader=lead_a, liaisons=(li,), **common
        )
        red = make_project(
            session, name="津市生物医药", park=west, leader=lead_b, liaisons=(chen,), **common
        )
        for period in ("2025-01", "2025-02", "2025-03"):
            report(session, green, li, period, 100)  # 300 of 1200 = 25%, on plan
        for period, amount in (("2025-01", 30), ("2025-02", 30), ("2025-03", 40)):
            report(session, yellow, li, period, amount)  # 100 = 8.3%: 16.7 points behind
        # red: nothing reported this year at all
        session.add(
            Problem(
                project_id=yellow.id,
                text="用地指标待协调",
                raised_at=CREATED,
                status="assigned",
                assigned_unit="自然资源局",
                due_date=date(2025, 3, 1),
            )
        )
    people = {
        "lead_a": lead_a,
        "lead_b": lead_b,
        "city": city_lead,
        "admin": admin,
        "li": li,
        "chen": chen,
    }
    return db, people, {"green": green, "yellow": yellow, "red": red}


def rows_for(db, person) -> dict[str, object]:
    with db.scope() as session:
        return {row.name: row for row in status.statuses(session, Asked(person, TODAY, SHANGHAI))}


def test_lights_and_figures(city):
    db, people, _ = city
    rows = rows_for(db, people["admin"])
    assert {name: row.light.color for name, row in rows.items()} == {
        "中联起重机械": "green",
        "美华尼龙四期": "yellow",
        "津市生物医药": "red",
    }
    green = rows["中联起重机械"]
    assert (green.year_investment, green.plan_percent, green.expected_percent) == (
        Decimal(300),
        Decimal("25.0"),
        Decimal("25.0"),
    )
    yellow = rows["美华尼龙四期"]
    assert {r.rule for r in yellow.light.reasons} == {"behind-plan", "problem-overdue"}
    assert yellow.overdue_problems == 1
    red = rows["津市生物医药"]
    assert "report-missing" in {r.rule for r in red.light.reasons}
    assert next(iter(rows)) == "津市生物医药"  # laggards first


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("li", {"中联起重机械", "美华尼龙四期"}),
        ("chen", {"津市生物医药"}),
        ("lead_a", {"中联起重机械", "美华尼龙四期"}),
        ("lead_b", {"津市生物医药"}),
        ("city", {"中联起重机械", "美华尼龙四期", "津市生物医药"}),
        ("admin", {"中联起重机械", "美华尼龙四期", "津市生物医药"}),
    ],
)
def test_scope(city, who, expected):
    db, people, projects = city
    assert set(rows_for(db, people[who])) == expected
    with db.scope() as session:
        asked = Asked(people[who], TODAY, SHANGHAI)
        for key, project in projects.items():
            found = status.project_status(session, asked, project.id)
            assert (found is not None) == (project.name in expected), key
        hits = status.search(session, people[who], "津市")
        assert bool(hits.projects) == ("津市生物医药" in expected)
        assert bool(hits.parks) == ("津市生物医药" in expected)


def test_unknown_user_sees_nothing(city):
    db, _, _ = city
    with db.scope() as session:
        assert status.search(session, None, "中联").projects == []


@pytest.mark.parametrize("text", ["%", "_", "中%", "起_机"])
def test_search_takes_wildcards_literally(city, text):
    db, people, _ = city
    with db.scope() as session:
        hits = status.search(session, people["admin"], text)
    assert hits.projects == [] and hits.parks == []


def test_park_summary_and_overview(city):
    db, people, _ = city
    with db.scope() as session:
        asked = Asked(people["admin"], TODAY, SHANGHAI)
        rows = status.statuses(session, asked)
        parks = status.by_park(rows)
        fast, slow = status.fastest_and_slowest(rows)
        fresh = status.freshness(session, asked)
    assert [p.name for p in parks] == ["常德经开区", "津市高新区"]
    east = parks[0]
    assert east.counts == {"green": 1, "yellow": 1, "red": 0}
    assert east.reported == 2 and east.reported_percent == Decimal("100.0")
    assert east.plan_percent == Decimal("16.7")
    assert fast[0].name == "中联起重机械" and slow[0].name == "津市生物医药"
    assert fresh == datetime.fromisoformat("2025-03-25T10:00:00+08:00")


def test_missing_in_scope(city):
    db, people, _ = city
    with db.scope() as session:
        admin = status.missing_in_scope(session, Asked(people["admin"], TODAY, SHANGHAI))
        lead = status.missing_in_scope(session, Asked(people["lead_a"], TODAY, SHANGHAI))
    assert admin == [("津市高新区", "津市生物医药", ["陈静"])]
    assert lead == []


def test_problem_workflow_keeps_every_step(city):
    db, people, projects = city
    now = datetime(2025, 3, 20, 10, tzinfo=SHANGHAI)
    with db.scope() as session:
        unit_person = make_person(session, "孙工", unit="自然资源局")
        problem = Problem(project_id=projects["green"].id, text="电力增容", raised_at=now)
        session.add(problem)
        session.flush()
        with pytest.raises(problems.ProblemRefused):
            problems.assign(
                session, problem, unit="供电公司", due=date(2025, 4, 1), actor=people["li"], now=now
            )
        problems.assign(
            session,
            problem,
            unit="自然资源局",
            due=date(2025, 4, 1),
            actor=people["admin"],
            now=now,
        )
        with pytest.raises(problems.ProblemRefused):
            problems.note_progress(session, problem, note="x", actor=people["li"], now=now)
        problems.note_progress(session, problem, note="已现场踏勘", actor=unit_person, now=now)
        problems.resolve(session, problem, note="已完成增容", actor=unit_person, now=now)
        with pytest.raises(problems.ProblemRefused, match="resolved"):
            problems.resolve(session, problem, note="again", actor=people["admin"], now=now)
        steps = [(event.action, name) for event, name in problems.history(session, problem.id)]
    assert steps == [("assign", "赵磊"), ("progress", "孙工"), ("resolve", "孙工")]


def test_cached_city_view_follows_every_change(city, monkeypatch):
    """After each kind of change the cached answer equals a full computation, without one."""
    db, people, projects = city
    admin = people["admin"]
    asked = Asked(admin, TODAY, SHANGHAI)
    full_views = []
    monkeypatch.setattr(status, "_full_view", _counting(status._full_view, full_views))

    def check(change) -> None:
        with db.scope() as session:
            change(session)
        with db.scope() as session:
            cached = status.statuses(session, asked)
            status.forget_cached()
            computed = status.statuses(session, asked)
        assert cached == computed
        assert len(full_views) == 1, "the cached view was rebuilt instead of refreshed"
        full_views.clear()

    with db.scope() as session:
        status.statuses(session, asked)  # the day's first answer computes everything
    full_views.clear()
    before = datetime(2025, 3, 10, 9, tzinfo=SHANGHAI)

    def new_report(session):
        data = ReportInput(projects["red"].id, "2025-03", Decimal(900), "started", Decimal(5),
                           "开工", "", [])  # fmt: skip
        reporting.submit_report(session, person=people["chen"], data=data, now=before)

    def revision_of_an_earlier_month(session):
        data = ReportInput(projects["yellow"].id, "2025-02", Decimal(400), "main_works",
                           Decimal(50), "追加", "用电紧张", [])  # fmt: skip
        reporting.submit_report(session, person=people["li"], data=data, now=before)

    def assigned_problem_falls_due(session):
        problem = session.exec(select(Problem).where(Problem.text == "用电紧张")).one()
        problems.assign(session, problem, unit="供电公司", due=date(2025, 3, 15),
                        actor=admin, now=before)  # fmt: skip

    def overdue_problem_resolved(session):
        problem = session.exec(select(Problem).where(Problem.text == "用地指标待协调")).one()
        problems.resolve(session, problem, note="已解决", actor=admin, now=before)

    def project_deactivated(session):
        green = session.get(Project, projects["green"].id)
        green.active, green.updated_at = False, datetime(2025, 3, 11, tzinfo=SHANGHAI)
        session.add(green)

    def project_added(session):
        park = session.exec(select(Park).where(Park.name == "津市高新区")).one()
        make_project(session, name="新建项目", park=park, leader=people["lead_b"],
                     annual_plan=Decimal(100), created_at=CREATED,
                     updated_at=datetime(2025, 3, 12, tzinfo=SHANGHAI))  # fmt: skip

    for change in (
        new_report,
        revision_of_an_earlier_month,
        assigned_problem_falls_due,
        overdue_problem_resolved,
        project_deactivated,
        project_added,
    ):
        check(change)
    with db.scope() as session:
        rows = {row.name: row for row in status.statuses(session, asked)}
    assert "中联起重机械" not in rows and "新建项目" in rows
    assert {r.rule for r in rows["美华尼龙四期"].light.reasons} >= {"problem-overdue"}
    assert rows["津市生物医药"].stage == "started"


def _counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted
