"""The demo: every park and project from the brief, fictional people, months of reports dated
from today that give a mix of lights, idempotent."""

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from bot.db import Database
from bot.demo.roster import demo_sheets, load_demo
from bot.migrate import upgrade
from bot.status.city_view import CITY_VIEW, forget_cached
from bot.status.compute import Asked
from bot.status.queries import statuses
from models import (
    AuditEntry,
    Category,
    Escalation,
    IndicatorValue,
    OutboxMessage,
    Park,
    Person,
    Problem,
    ProblemEvent,
    ProgressReport,
    Project,
    ProjectLiaison,
)
from models.report import Stage

SHANGHAI = ZoneInfo("Asia/Shanghai")
# December 2026: when the demo of absolute 2024–2026 dates had every project red.
NOW = datetime(2026, 12, 15, 10, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()
PARKS = {
    "常德经开区", "鼎城高新区", "汉寿高新区", "桃源工业集中区", "临澧经开区", "石门经开区",
    "澧县经开区", "安乡工业集中区", "津市高新区", "西洞庭生物科技园", "武陵工业园",
}  # fmt: skip
NAMED_PROJECTS = {
    "中联起重机械", "中锂新材电池隔膜二期", "德施普惠医药", "美华尼龙四期", "道氏新能源",
    "润田农机", "中天精密", "飞桥汽车板簧", "电镀产业园二期", "昊天汽车二期", "海利化工扩建",
    "锘达科技", "三特机械二期", "辣妹子食品二期", "金牛铝材", "石门海螺节能板材",
}  # fmt: skip


MODELS = (
    Park, Person, Project, ProjectLiaison, AuditEntry, ProgressReport, Problem, ProblemEvent,
    IndicatorValue, Escalation, OutboxMessage,
)  # fmt: skip


@pytest.fixture
def db(db: Database) -> Database:
    """The shared test database (SQLite and PostgreSQL) with the demo loaded on the pinned day."""
    with db.scope() as session:
        load_demo(session, now=NOW, today=TODAY)
    return db


def test_demo_sheets_are_the_roster_workbook_with_the_pairing_table() -> None:
    sheets = demo_sheets(TODAY)
    assert [(sheet.kind, sheet.name) for sheet in sheets] == [
        ("projects", "项目"),
        ("people", "人员"),
        ("enterprises", "企业"),
        ("pairings", "结对"),
    ]
    assert all(row.number >= 2 for sheet in sheets for row in sheet.rows)


def test_demo_has_every_park_and_named_project(db: Database) -> None:
    with db.scope() as session:
        parks = set(session.exec(select(Park.name)))
        projects = session.exec(select(Project)).all()
        park_of = {park.id: park.name for park in session.exec(select(Park))}
    assert parks == PARKS
    assert {project.name for project in projects} >= NAMED_PROJECTS
    placed = {project.name: park_of[project.park_id] for project in projects}
    assert placed["石门海螺节能板材"] == "石门经开区"
    assert placed["中联起重机械"] == "常德经开区"
    assert {project.category for project in projects} == {c.value for c in Category}
    for project in projects:
        assert 0 < project.annual_plan <= project.total_investment
        # Plan dates around the current year, whatever year it is.
        assert date(2024, 1, 1) <= project.planned_start <= project.planned_production
        assert project.planned_production <= date(2028, 12, 31)
        assert project.leader_id is not None


def test_demo_people_are_fictional_and_cover_every_role(db: Database) -> None:
    with db.scope() as session:
        people = session.exec(select(Person)).all()
        links = session.exec(select(ProjectLiaison)).all()
    assert all(person.phone.startswith("1390000") for person in people)
    assert sum(person.is_admin for person in people) == 2
    city = [person for person in people if person.city_scope]
    assert len(city) == 1 and city[0].is_leader
    assert sum(person.is_leader for person in people) >= 5
    assert sum(person.is_liaison for person in people) >= 8
    per_liaison = Counter(link.person_id for link in links)
    assert sum(count >= 2 for count in per_liaison.values()) >= 2
    per_project = Counter(link.project_id for link in links)
    assert max(per_project.values()) == 2


def test_demo_reloads_unchanged(db: Database) -> None:
    def counts() -> tuple[int, ...]:
        with db.scope() as session:
            return tuple(
                session.exec(select(func.count()).select_from(model)).one() for model in MODELS
            )

    before = counts()
    with db.scope() as session:
        loaded = load_demo(session, now=NOW + timedelta(hours=1), today=TODAY)
    summary = loaded.roster
    assert not summary.changed
    assert (loaded.reports.reports, loaded.reports.problems) == (0, 0)
    assert loaded.indicator_months == 0
    assert (summary.parks.unchanged, summary.projects.unchanged) == (11, 18)
    assert summary.people.unchanged == before[1]
    assert counts() == before
    with db.scope() as session:
        stamps = set(session.exec(select(Project.updated_at))) | set(
            session.exec(select(Person.updated_at))
        )
    assert stamps == {NOW}


def _lights(db: Database, today: date) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Each project's light under the real rule: name -> (category, colour, rules)."""
    forget_cached()  # each test's database is new; never reuse another day's city view
    with db.scope() as session:
        rows = statuses(session, Asked(CITY_VIEW, today, SHANGHAI))
        category = {
            name: kind for name, kind in session.exec(select(Project.name, Project.category))
        }
    return {
        row.name: (category[row.name], row.light.color, tuple(r.rule for r in row.light.reasons))
        for row in rows
    }


def _check_mix(lights: dict[str, tuple[str, str, tuple[str, ...]]]) -> None:
    colours = Counter(colour for _, colour, _ in lights.values())
    assert min(colours["green"], colours["yellow"], colours["red"]) >= 3, colours
    assert colours["green"] >= 6, colours  # most projects are doing fine
    for name, (category, _, rules) in lights.items():
        if category in (Category.CONTINUING, Category.IN_PRODUCTION):
            assert "start-late" not in rules, f"{name} ({category}) reads as not started"


def test_demo_lights_are_a_mix_on_the_pinned_day(db: Database) -> None:
    lights = _lights(db, TODAY)
    _check_mix(lights)
    colours = Counter(colour for _, colour, _ in lights.values())
    assert colours == {"green": 9, "yellow": 4, "red": 5}
    # Every rule of the light shows somewhere.
    rules = {rule for _, _, found in lights.values() for rule in found}
    assert rules == {"behind-plan", "start-late", "production-late", "report-missing",
                     "problem-overdue"}  # fmt: skip


@pytest.mark.parametrize(
    "now",
    [
        datetime(2025, 3, 1, 9, 0, tzinfo=SHANGHAI),
        datetime(2027, 1, 10, 9, 0, tzinfo=SHANGHAI),
        datetime(2027, 2, 20, 9, 0, tzinfo=SHANGHAI),  # Jan alone: nobody is 10 points behind
    ],
    ids=str,
)
def test_demo_lights_are_a_mix_whenever_it_is_loaded(tmp_path: Path, now: datetime) -> None:
    database = Database.from_url(f"sqlite:///{tmp_path / 'd.db'}")
    upgrade(database.engine)
    with database.scope() as session:
        load_demo(session, now=now, today=now.date())
    _check_mix(_lights(database, now.date()))


def test_demo_reports_are_real_rows_from_the_domain(db: Database) -> None:
    with db.scope() as session:
        reports = session.exec(select(ProgressReport)).all()
        problems = session.exec(select(Problem)).all()
        events = session.exec(select(ProblemEvent)).all()
        audited = Counter(session.exec(select(AuditEntry.action)))
        continuing = session.exec(
            select(Project.id).where(Project.category == Category.CONTINUING.value)
        ).all()
    current = [r for r in reports if r.is_current]
    assert {r.project_id for r in current} >= set(continuing)
    assert all(r.submitted_at < NOW for r in reports)
    periods = {r.period for r in current}
    assert min(periods) == "2026-01" and max(periods) == "2026-11"
    revised = [r for r in reports if r.revision == 2]
    assert len(revised) == 1 and set(revised[0].changes) == {"investment_month", "progress"}
    assert audited["report"] == len(reports) - 1 and audited["revise"] == 1
    assert Counter(p.status for p in problems) == {"open": 2, "assigned": 3, "resolved": 1}
    overdue = [p for p in problems if p.status == "assigned" and p.due_date < TODAY]
    assert len(overdue) == 1
    assert Counter(e.action for e in events) == {"raise": 6, "assign": 4, "resolve": 1}
    by_project: dict[int, list[ProgressReport]] = {}
    for report in sorted(current, key=lambda r: r.period):
        by_project.setdefault(report.project_id, []).append(report)
    for rows in by_project.values():  # cumulative investment adds up, month by month
        total = 0
        for report in rows:
            total += report.investment_month
            assert report.investment_cumulative == total
        stages = [Stage(r.stage).rank for r in rows]
        assert stages == sorted(stages)  # construction never goes backwards


def test_demo_loaded_next_month_only_adds_the_month_since(db: Database) -> None:
    with db.scope() as session:
        before = {(r.project_id, r.period, r.revision): r.investment_month
                  for r in session.exec(select(ProgressReport))}  # fmt: skip
    later = NOW + timedelta(days=31)  # 2027-01-15
    with db.scope() as session:
        loaded = load_demo(session, now=later, today=later.date())
    with db.scope() as session:
        after = {(r.project_id, r.period, r.revision): r.investment_month
                 for r in session.exec(select(ProgressReport))}  # fmt: skip
    assert {key: after[key] for key in before} == before  # nothing rewritten
    added = set(after) - set(before)
    assert loaded.reports.reports == len(added) > 0
    latest: dict[int, str] = {}
    for project_id, period, _ in before:
        latest[project_id] = max(period, latest.get(project_id, ""))
    # Forward only: a late report after a project's last one, never one before it.
    assert all(period > latest[project_id] for project_id, period, _ in added)
    assert "2026-12" in {period for _, period, _ in added}
    assert loaded.reports.problems == 0  # a problem is raised once, not every month
    assert loaded.indicator_months == 11  # every park's values for 2026-12, nothing else
    _check_mix(_lights(db, later.date()))


def test_demo_parks_have_assessment_values_but_one_left_missing(db: Database) -> None:
    """Every park filed January to last month; 西洞庭 never filed 税收 (listed as missing)."""
    with db.scope() as session:
        rows = session.exec(select(IndicatorValue.park_id, IndicatorValue.month)).all()
        taxed = set(
            session.exec(
                select(Park.name)
                .join(IndicatorValue, IndicatorValue.park_id == Park.id)
                .where(IndicatorValue.indicator == "tax")
            )
        )
    assert {month for _, month in rows} == {f"2026-{m:02d}" for m in range(1, 12)}
    assert len(set(rows)) == 11 * 11
    assert taxed == PARKS - {"西洞庭生物科技园"}


def test_demo_leaders_are_paired_with_a_billion_project_and_two_enterprises(db: Database) -> None:
    """三个一: four leaders paired; 李明's pairing names 张伟, the demo liaison, to log services."""
    from models.pairing import Enterprise, Pairing

    with db.scope() as session:
        pairings = session.exec(select(Pairing)).all()
        people = {p.id: p.name for p in session.exec(select(Person))}
        kinds = Counter(e.kind for e in session.exec(select(Enterprise)))
        by_leader = {people[p.leader_id]: p for p in pairings}
    assert set(by_leader) == {"李明", "刘伟", "孙国庆", "黄志刚"}
    assert people[by_leader["李明"].liaison_id] == "张伟"
    assert sorted(kinds.values()) == [4, 4]


def test_demo_leaves_one_escalation_waiting_for_the_demo_leader(db: Database) -> None:
    with db.scope() as session:
        [escalation] = session.exec(select(Escalation)).all()
        leader = session.get(Person, escalation.leader_id)
        message = session.get(OutboxMessage, escalation.outbox_message_id)
        problem = session.get(Problem, escalation.problem_id)
    assert (leader.name, escalation.kind, escalation.decision) == ("李明", "problem-raised", None)
    assert problem.status == "open" and problem.text in message.text
    assert (message.kind, message.person_id) == ("escalation", leader.id)
    assert len([b for row in message.reply_markup["inline_keyboard"] for b in row]) == 4
