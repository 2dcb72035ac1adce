"""Status queries over a generated data set, and scope: nobody sees beyond their projects."""

import io
import random
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.i18n import Catalogue
from bot.ledger.content import write_ledger
from bot.problems import service as problems
from bot.reporting import reports as reporting
from bot.reporting.reports import ReportInput
from bot.status import city_view, compute, missing, queries, search, summaries
from bot.status.compute import Asked
from bot.status.types import Light, ProjectStatus
from models import Park, Problem, ProgressReport, Project
from tests.factories import make_park, make_person, make_project, make_report

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2025, 3, 20)
CREATED = datetime(2024, 1, 1, tzinfo=SHANGHAI)


def report(session, project, reporter, period, amount, stage="main_works", percent=50):
    make_report(
        session,
        project=project,
        reporter=reporter,
        period=period,
        investment_month=amount,
        stage=stage,
        percent=percent,
        progress="进展",
        submitted_at=datetime.fromisoformat(f"{period}-25T10:00:00+08:00"),
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
        for period, amount in (("2025-01", 10), ("2025-02", 10), ("2025-03", 20)):
            report(session, yellow, li, period, amount)  # 40 = 3.3%: 13.3 points behind
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
        return {row.name: row for row in queries.statuses(session, Asked(person, TODAY, SHANGHAI))}


def test_lights_and_figures(city):
    db, people, _ = city
    rows = rows_for(db, people["admin"])
    assert {name: row.light.color for name, row in rows.items()} == {
        "中联起重机械": "green",
        "美华尼龙四期": "yellow",
        "津市生物医药": "red",
    }
    green = rows["中联起重机械"]
    # Measured at the last closed month (February: 16.7%), March's early report counted.
    assert (green.year_investment, green.plan_percent, green.expected_percent) == (
        Decimal(300),
        Decimal("25.0"),
        Decimal("16.7"),
    )
    assert {row.evaluation_period for row in rows.values()} == {"2025-02"}
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
            found = queries.project_status(session, asked, project.id)
            assert (found is not None) == (project.name in expected), key
        hits = search.search(session, people[who], "津市")
        assert bool(hits.projects) == ("津市生物医药" in expected)
        assert bool(hits.parks) == ("津市生物医药" in expected)


def test_unknown_user_sees_nothing(city):
    db, _, _ = city
    with db.scope() as session:
        assert search.search(session, None, "中联").projects == []


@pytest.mark.parametrize("text", ["%", "_", "中%", "起_机"])
def test_search_takes_wildcards_literally(city, text):
    db, people, _ = city
    with db.scope() as session:
        hits = search.search(session, people["admin"], text)
    assert hits.projects == [] and hits.parks == []


def test_park_summary_and_overview(city):
    db, people, _ = city
    with db.scope() as session:
        asked = Asked(people["admin"], TODAY, SHANGHAI)
        rows = queries.statuses(session, asked)
        parks = summaries.by_park(rows)
        ranking = summaries.fastest_and_slowest(rows)
        fresh = compute.freshness(session, asked)
    assert [p.name for p in parks] == ["常德经开区", "津市高新区"]
    east = parks[0]
    assert east.counts == {"green": 1, "yellow": 1, "red": 0}
    assert east.reported == 2 and east.reported_percent == Decimal("100.0")
    assert east.plan_percent == Decimal("14.2")
    assert [row.name for row in ranking.fast] == ["中联起重机械"]
    assert [row.name for row in ranking.slow] == ["津市生物医药"]  # the middle one in neither
    assert ranking.halves and ranking.ranked == 3 and ranking.evaluation_period == "2025-02"
    assert fresh == datetime.fromisoformat("2025-03-25T10:00:00+08:00")


def test_a_past_months_ledger_counts_reported_as_park_would_in_that_month(city):
    """One meaning of reported: a current report for the period, as the ledger and /park count."""
    db, people, projects = city
    admin = people["admin"]
    with db.scope() as session:
        red = session.get(Project, projects["red"].id)
        # February: red reported; yellow's report for it is superseded below.
        report(session, red, people["chen"], "2025-02", 5)
        yellow = session.get(Project, projects["yellow"].id)
        for row in session.exec(
            select(ProgressReport).where(ProgressReport.project_id == yellow.id)
        ):
            if row.period == "2025-02":
                row.is_current = False  # yellow's February report withdrawn: not reported
        today = Asked(admin, TODAY, SHANGHAI)
        ledger = queries.ledger_rows(session, today, "2025-02")
        then = queries.statuses(session, Asked(admin, date(2025, 2, 20), SHANGHAI))
        now = queries.statuses(session, today)
    buffer = io.BytesIO()
    write_ledger(
        buffer,
        rows=ledger,
        period="2025-02",
        as_of=datetime(2025, 3, 20, tzinfo=SHANGHAI),
        language="zh_CN",
        catalogue=Catalogue(),
        tz=SHANGHAI,
    )
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["总览"]
    in_ledger = {line[1]: line[6] for line in sheet.iter_rows(min_row=5, values_only=True)}
    on_park_then = {summary.name: summary.reported for summary in summaries.by_park(then)}
    assert on_park_then == {"常德经开区": 1, "津市高新区": 1}
    assert in_ledger == {**on_park_then, "全市合计": 2}
    assert {p.name: p.reported for p in summaries.by_park(ledger, "2025-02")} == on_park_then
    # /overview asked today counts this month's reports, as before.
    today_parks = summaries.by_park(now)
    assert {p.name: p.reported for p in today_parks} == {"常德经开区": 2, "津市高新区": 0}
    assert [p.reported for p in summaries.by_park(now, TODAY.strftime("%Y-%m"))] == [
        p.reported for p in today_parks
    ]


def test_missing_in_scope(city):
    db, people, _ = city
    with db.scope() as session:
        admin = missing.missing_in_scope(session, Asked(people["admin"], TODAY, SHANGHAI))
        lead = missing.missing_in_scope(session, Asked(people["lead_a"], TODAY, SHANGHAI))
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
        # The assigned unit's name grants nothing (issue 11, item 7): the project's own
        # liaison and leader work on it; someone whose unit text matches, or another
        # project's liaison, is refused.
        for outsider in (unit_person, people["chen"]):
            with pytest.raises(problems.ProblemRefused):
                problems.note_progress(session, problem, note="x", actor=outsider, now=now)
            with pytest.raises(problems.ProblemRefused):
                problems.resolve(session, problem, note="x", actor=outsider, now=now)
        problems.note_progress(session, problem, note="已现场踏勘", actor=people["li"], now=now)
        problems.resolve(session, problem, note="已完成增容", actor=people["lead_a"], now=now)
        with pytest.raises(problems.ProblemRefused, match="resolved"):
            problems.resolve(session, problem, note="again", actor=people["admin"], now=now)
        steps = [(event.action, name) for event, name in problems.history(session, problem.id)]
    assert steps == [("assign", "赵磊"), ("progress", "李敏"), ("resolve", "王强")]


def test_cached_city_view_follows_every_change(city, monkeypatch):
    """After each kind of change the cached answer equals a full computation, without one."""
    db, people, projects = city
    admin = people["admin"]
    asked = Asked(admin, TODAY, SHANGHAI)
    full_views = []
    monkeypatch.setattr(city_view, "_full_view", _counting(city_view._full_view, full_views))

    def check(change) -> None:
        with db.scope() as session:
            change(session)
        with db.scope() as session:
            cached = queries.statuses(session, asked)
            city_view.forget_cached()
            computed = queries.statuses(session, asked)
        assert cached == computed
        assert len(full_views) == 1, "the cached view was rebuilt instead of refreshed"
        full_views.clear()

    with db.scope() as session:
        queries.statuses(session, asked)  # the day's first answer computes everything
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
        rows = {row.name: row for row in queries.statuses(session, asked)}
    assert "中联起重机械" not in rows and "新建项目" in rows
    assert {r.rule for r in rows["美华尼龙四期"].light.reasons} >= {"problem-overdue"}
    assert rows["津市生物医药"].stage == "started"


def _counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted


def test_reporting_early_never_looks_worse(db):
    """Two projects alike up to February; one reports March early (with nothing invested)."""
    with db.scope() as session:
        park, li = make_park(session, "常德经开区"), make_person(session, "李敏", is_liaison=True)
        common = {"annual_plan": Decimal(1200), "created_at": CREATED, "updated_at": CREATED}
        early = make_project(session, name="甲项目", park=park, liaisons=(li,), **common)
        late = make_project(session, name="乙项目", park=park, liaisons=(li,), **common)
        for project in (early, late):
            for period in ("2025-01", "2025-02"):
                report(session, project, li, period, 60)  # 120 = 10%: 6.7 behind February
        report(session, early, li, "2025-03", 0)
        admin = make_person(session, "赵磊", is_admin=True)
    with db.scope() as session:
        rows = {row.name: row for row in queries.statuses(session, Asked(admin, TODAY, SHANGHAI))}
    # Measured against March (25%) the early one was 15 points behind: yellow, and slowest.
    assert rows["甲项目"].reported_this_period and not rows["乙项目"].reported_this_period
    for row in rows.values():
        assert (row.light.color, row.expected_percent, row.plan_percent) == (
            "green",
            Decimal("16.7"),
            Decimal("10.0"),
        )


def test_an_early_report_investment_counts(db):
    """The one project with money in is the fastest, whatever month it reported."""
    with db.scope() as session:
        park, li = make_park(session, "常德经开区"), make_person(session, "李敏", is_liaison=True)
        common = {"annual_plan": Decimal(1000), "created_at": CREATED, "updated_at": CREATED}
        names = [f"项目{chr(0x4E00 + number)}" for number in range(17)]
        for name in names:
            make_project(session, name=name, park=park, liaisons=(li,), **common)
        zoomlion = make_project(session, name="中联起重机械", park=park, liaisons=(li,), **common)
        report(session, zoomlion, li, "2025-03", 15)  # 1.5%, reported this month
        admin = make_person(session, "赵磊", is_admin=True)
    with db.scope() as session:
        rows = queries.statuses(session, Asked(admin, TODAY, SHANGHAI))
    ranking = summaries.fastest_and_slowest(rows)
    fast, slow = [row.name for row in ranking.fast], [row.name for row in ranking.slow]
    assert fast[0] == "中联起重机械" and len(fast) == len(slow) == 9
    assert not set(fast) & set(slow)
    # Ties (0%) go by name: the rest of the first half, and the second half by name too.
    others = sorted(names)
    assert fast[1:] == others[:8] and slow == others[8:]


def _row(name: str, project_id: int, done: int, plan: int = 100) -> ProjectStatus:
    return ProjectStatus(
        project_id=project_id, name=name, park="园区", enterprise="", category="new",
        industry_chain="", leader="", liaisons=[], total_investment=Decimal(1000),
        annual_plan=Decimal(plan), year_investment=Decimal(done),
        cumulative_investment=Decimal(done), plan_percent=Decimal(done if plan == 100 else 0),
        expected_percent=Decimal("16.7"), stage=None, physical_percent=None, last_period=None,
        last_submitted_at=None, light=Light("green"), evaluation_period="2025-02",
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_ranking_is_deterministic_and_never_lists_a_project_twice(seed):
    rows = [_row(f"项目{number % 7}", number, done=number % 4) for number in range(30)]
    rows.append(_row("无计划", 99, done=50, plan=0))
    random.Random(seed).shuffle(rows)
    ranking = summaries.fastest_and_slowest(rows)
    assert not ranking.halves and ranking.ranked == 30
    assert len(ranking.fast) == len(ranking.slow) == 10
    fast = [(row.year_investment, row.name, row.project_id) for row in ranking.fast]
    slow = [(row.year_investment, row.name, row.project_id) for row in ranking.slow]
    assert fast == sorted(fast, key=lambda key: (-key[0], key[1], key[2]))
    assert slow == sorted(slow)
    assert not {key[2] for key in fast} & {key[2] for key in slow}
    assert fast == [(r.year_investment, r.name, r.project_id)
                    for r in summaries.fastest_and_slowest(sorted(rows, key=id)).fast]  # fmt: skip


def test_ranking_with_an_odd_count_leaves_the_middle_out():
    rows = [_row(name, number, done) for number, (name, done) in enumerate(
        [("甲", 5), ("乙", 3), ("丙", 1)])]  # fmt: skip
    ranking = summaries.fastest_and_slowest(rows)
    assert [r.name for r in ranking.fast] == ["甲"] and [r.name for r in ranking.slow] == ["丙"]
    assert summaries.fastest_and_slowest(rows[:1]).fast == []


def test_a_failing_answer_leaves_the_cached_city_view(city, monkeypatch):
    db, people, _ = city
    asked = Asked(people["admin"], TODAY, SHANGHAI)
    with db.scope() as session:
        queries.statuses(session, asked)
    cached = dict(city_view._CACHE)
    failing = Asked(people["admin"], date(2024, 1, 31), SHANGHAI)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(compute, "compute_statuses", broken)
    for _ in range(city_view._CACHE_SIZE + 1):
        with db.scope() as session, pytest.raises(RuntimeError):
            queries.statuses(session, failing)
    assert cached == city_view._CACHE


def test_ledgers_of_past_months_never_push_out_todays_view(city):
    db, people, _ = city
    asked = Asked(people["admin"], TODAY, SHANGHAI)
    with db.scope() as session:
        queries.statuses(session, asked)
        url = str(session.get_bind().url)
        [today_key] = [key for key in city_view._CACHE if key[:2] == (url, TODAY)]
        today_view = city_view._CACHE[today_key]
        for month in range(1, 13):  # twelve past months' ledgers, each its own day
            past = Asked(people["admin"], date(2024, month, 28), SHANGHAI)
            queries.ledger_rows(session, past, f"2024-{month:02d}")
        assert len(city_view._CACHE) <= city_view._CACHE_SIZE
        assert city_view._CACHE[today_key] is today_view
        assert queries.statuses(session, asked) == today_view.ordered
