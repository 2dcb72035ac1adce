"""The wall board's snapshot: each viewer's scope, the targets, 挂牌督办, the next meeting."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from bot.board.snapshot import BoardSnapshot, board_snapshot
from bot.board.targets import set_target
from bot.board.viewer import BoardViewer
from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from models import Category, Meeting, MeetingStatus, Person, Problem, ProblemStatus, Project
from tests.factories import make_park, make_person, make_project, make_report


@dataclass
class City:
    """Two parks, three projects, their people; ids only (rows live in the test's database)."""

    services: Services
    park_a: int
    park_b: int
    started: int  # 常德经开区, a 新开工 project that reported 开工建设
    producing: int  # 常德经开区, reported 竣工投产
    silent: int  # 鼎城高新区, never reported
    liaison: int  # serves started and producing
    silent_liaison: int  # serves silent
    leader: int  # leads silent only
    city_leader: int
    admin: int


@pytest.fixture
def city(db: Database, now: datetime) -> City:
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: now)
    with db.scope() as session:
        park_a, park_b = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        liaison = make_person(session, "李敏", is_liaison=True)
        silent_liaison = make_person(session, "赵刚", is_liaison=True, phone="13800000009")
        leader = make_person(session, "王强", is_leader=True)
        city_leader = make_person(session, "周市长", is_leader=True, city_scope=True)
        admin = make_person(session, "陈志强", is_admin=True)
        started = make_project(
            session,
            name="中联起重机械",
            park=park_a,
            liaisons=(liaison,),
            category=Category.NEW_START.value,
            annual_plan=Decimal(12000),
        )
        producing = make_project(
            session, name="道氏新能源", park=park_a, liaisons=(liaison,), annual_plan=Decimal(6000)
        )
        silent = make_project(
            session, name="润田农机", park=park_b, leader=leader, liaisons=(silent_liaison,)
        )
        make_report(
            session,
            project=started,
            reporter=liaison,
            period="2025-02",
            investment_month=2000,
            stage="started",
        )
        make_report(
            session,
            project=producing,
            reporter=liaison,
            period="2025-02",
            investment_month=1000,
            stage="in_production",
            percent=100,
        )
        day = now.date()
        for project, status, due, text in (
            (producing, ProblemStatus.OPEN, None, "用电增容"),
            (silent, ProblemStatus.ASSIGNED, day + timedelta(days=20), "土地报批"),
            (started, ProblemStatus.ASSIGNED, day - timedelta(days=3), "环评批复"),
            (started, ProblemStatus.RESOLVED, day - timedelta(days=9), "已销号的问题"),
        ):
            session.add(
                Problem(
                    project_id=project.id,
                    text=text,
                    status=status.value,
                    raised_at=now - timedelta(days=30),
                    assigned_unit="市自然资源局" if status != ProblemStatus.OPEN else None,
                    due_date=due,
                )
            )
        for starts, status in (
            (now - timedelta(days=5), MeetingStatus.SCHEDULED),  # past
            (now + timedelta(days=3), MeetingStatus.CANCELLED),
            (now + timedelta(days=10), MeetingStatus.SCHEDULED),  # the next one
            (now + timedelta(days=40), MeetingStatus.SCHEDULED),
        ):
            session.add(
                Meeting(
                    starts_at=starts,
                    park_id=park_b.id,
                    place="鼎城高新区管委会",
                    deadline=starts - timedelta(days=3),
                    period="2025-02",
                    status=status.value,
                    created_at=now,
                    updated_at=now,
                )
            )
        ids = (park_a, park_b, started, producing, silent, liaison, silent_liaison, leader)
        ids += (city_leader, admin)
        return City(services, *(row.id for row in ids))


def snapshot(city: City, viewer: BoardViewer) -> BoardSnapshot | None:
    with city.services.db.scope() as session:
        return board_snapshot(session, viewer, city.services)


def names(board: BoardSnapshot) -> set[str]:
    return {row.name for park in board.parks for row in park.rows}


ALL = {"中联起重机械", "道氏新能源", "润田农机"}


@pytest.mark.parametrize(
    ("who", "expected", "whole_city"),
    [
        ("liaison", {"中联起重机械", "道氏新能源"}, False),
        ("leader", {"润田农机"}, False),
        ("city_leader", ALL, True),
        ("admin", ALL, True),
    ],
)
def test_a_member_sees_exactly_their_chat_scope(city, who, expected, whole_city) -> None:
    board = snapshot(city, BoardViewer(person_id=getattr(city, who)))
    assert board is not None
    assert names(board) == expected
    assert board.whole_city is whole_city
    assert {p.project for p in board.problems} <= expected
    assert {row.name for row in [*board.ranking.fast, *board.ranking.slow]} <= expected


def test_a_park_link_sees_that_park_and_a_city_link_everything(city) -> None:
    park = snapshot(city, BoardViewer(park_id=city.park_a, link_id=1))
    assert park is not None and park.scope_name == "常德经开区"
    assert names(park) == {"中联起重机械", "道氏新能源"}
    assert [summary.name for summary in park.parks] == ["常德经开区"]
    assert {p.project for p in park.problems} == {"中联起重机械", "道氏新能源"}
    whole = snapshot(city, BoardViewer(link_id=2))
    assert whole is not None and names(whole) == ALL and whole.scope_name is None


def test_nobody_behind_a_viewer_sees_nothing(city) -> None:
    with city.services.db.scope() as session:
        session.get(Person, city.liaison).active = False
    assert snapshot(city, BoardViewer(person_id=city.liaison)) is None
    assert snapshot(city, BoardViewer(person_id=10_000)) is None
    assert snapshot(city, BoardViewer(park_id=10_000, link_id=3)) is None


def test_headline_against_the_years_targets(city, now) -> None:
    with city.services.db.scope() as session:
        set_target(
            session,
            year=2025,
            now=now,
            actor="test",
            new_starts=50,
            in_production=16,
            investment=Decimal(6_000_000),
        )
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None
    headline = board.headline
    assert headline.target is not None and headline.target.new_starts == 50
    assert (headline.new_starts, headline.in_production) == (1, 1)
    assert headline.investment == Decimal(3000)
    assert headline.annual_plan == Decimal(12000 + 6000 + 30000)
    assert headline.share(headline.new_starts, headline.target.new_starts) == Decimal("2.0")
    assert headline.share(headline.investment, headline.annual_plan) == Decimal("6.3")
    assert headline.lights["red"] + headline.lights["yellow"] + headline.lights["green"] == 3


def test_without_targets_the_headline_says_none_were_set(city) -> None:
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None and board.headline.target is None
    assert board.headline.share(board.headline.new_starts, None) is None


def test_open_problems_overdue_first_with_unit_leader_and_due_date(city, now) -> None:
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None
    assert [p.text for p in board.problems] == ["环评批复", "土地报批", "用电增容"]
    first, second, third = board.problems
    assert first.overdue and not second.overdue and not third.overdue
    assert first.due_date == now.date() - timedelta(days=3)
    assert (second.unit, second.leader) == ("市自然资源局", "王强")
    assert third.unit is None and third.due_date is None
    assert board.freshness.problems is not None


def test_the_next_meeting_and_its_missing_reports(city, now) -> None:
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None and board.meeting is not None
    meeting = board.meeting
    assert meeting.starts_at == now + timedelta(days=10)
    assert (meeting.host_park, meeting.period) == ("鼎城高新区", "2025-02")
    assert [item.project for item in meeting.missing] == ["润田农机"]
    assert [(c.name, c.phone) for c in meeting.missing[0].liaisons] == [("赵刚", "13800000009")]
    # The liaison's own board: both their projects reported for the period.
    mine = snapshot(city, BoardViewer(person_id=city.liaison))
    assert mine is not None and mine.meeting is not None and mine.meeting.missing == []


def test_a_link_shows_no_phone_numbers(city) -> None:
    board = snapshot(city, BoardViewer(link_id=4))
    assert board is not None and board.meeting is not None and not board.shows_phones
    contacts = [c for item in board.meeting.missing for c in item.liaisons]
    assert [c.name for c in contacts] == ["赵刚"]
    assert all(c.phone is None for c in contacts)


def test_each_panel_says_how_fresh_its_data_is(city) -> None:
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None
    reported = datetime.fromisoformat("2025-02-25T10:00:00+08:00")
    assert board.freshness.projects == reported
    assert board.freshness.ranking == reported
    assert board.freshness.meeting is not None and board.freshness.meeting >= reported


def test_a_liaison_without_projects_gets_an_empty_board(city, now) -> None:
    with city.services.db.scope() as session:
        lonely = make_person(session, "孤单", is_liaison=True).id
    board = snapshot(city, BoardViewer(person_id=lonely))
    assert board is not None and board.parks == [] and board.problems == []
    assert board.headline.projects == 0


def test_deactivated_projects_are_not_on_the_board(city) -> None:
    with city.services.db.scope() as session:
        session.get(Project, city.silent).active = False
    board = snapshot(city, BoardViewer(person_id=city.admin))
    assert board is not None and "润田农机" not in names(board)
    assert all(p.project != "润田农机" for p in board.problems)


def test_a_long_problem_list_is_cut_and_counted(city) -> None:
    with city.services.db.scope() as session:
        board = board_snapshot(session, BoardViewer(person_id=city.admin), city.services, listed=1)
    assert board is not None
    assert [p.text for p in board.problems] == ["环评批复"]  # the overdue one
    assert board.problems_total == 3


def test_the_assessment_panel_shows_only_the_latest_final_ranking(city, now) -> None:
    from bot.assessment import publication as publishing
    from bot.assessment import runs, store
    from bot.assessment.notices import Texts
    from bot.assessment.period import parse_period
    from bot.assessment.scheme_template import default_scheme

    admin = BoardViewer(person_id=city.admin)
    tz = city.services.settings.tz
    texts = Texts(city.services.catalogue, "zh_CN", tz)
    assert snapshot(city, admin).assessment is None
    with city.services.db.scope() as session:
        store.save_scheme(session, default_scheme(["常德经开区", "鼎城高新区"]), now=now, actor="t")
        run = runs.draft_run(session, parse_period("2025-Q1"), tz, now=now, actor="t")
    assert snapshot(city, admin).assessment is None  # a draft is never on the board
    with city.services.db.scope() as session:
        run = session.get(type(run), run.id)
        done = publishing.publish_run(
            session, run, texts, now=now, actor="t", working_days=5, closes_at=now.time()
        )
        closes = done.publication.closes_at
    assert snapshot(city, admin).assessment is None  # nor a result open for objections
    with city.services.db.scope() as session:
        assert publishing.close_due(session, texts, now=closes)
    for viewer in (admin, BoardViewer(person_id=city.liaison)):
        panel = snapshot(city, viewer).assessment
        assert panel is not None and (panel.period, panel.number) == ("2025-Q1", 1)
        [(kind, parks)] = panel.types
        assert kind == "综合类园区" and {p.park for p in parks} == {"常德经开区", "鼎城高新区"}
        assert parks[0].rank == 1 and parks[0].total >= parks[1].total
