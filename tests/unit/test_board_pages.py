"""The park and project pages' data: revisions with what changed, problem steps in order, the
year's series against the reports, and scope (the chat's rule; a park link sees its park only)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.board.page_scope import page_scope
from bot.board.park_page import park_page
from bot.board.project_page import photo_file, project_page
from bot.board.viewer import BoardViewer
from bot.problems import service as problems
from bot.reporting.reports import ReportInput, submit_report
from bot.services import Services
from bot.settings import Settings
from bot.web.board.page_words import Words
from models import Problem, ProgressReport, Project
from models.report import ReportPhoto
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 20, 10, 0, tzinfo=SHANGHAI)
CREATED = datetime(2024, 12, 1, tzinfo=SHANGHAI)


@dataclass
class City:
    services: Services
    ids: dict[str, int]
    photo_path: Path


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+08:00")


def filed(session, person, project, period, amount, stage, percent, problems_text="", when=None):
    data = ReportInput(
        project_id=project.id,
        period=period,
        investment_month=Decimal(amount),
        stage=stage,
        percent=Decimal(percent),
        progress=f"{period} 进展",
        problems=problems_text,
        photos=[],
    )
    return submit_report(session, person=person, data=data, now=when or at(f"{period}-25T10:00"))


@pytest.fixture
def city(db, tmp_path: Path) -> City:
    """Two parks; 中联 (reported, revised, a problem's whole life, a photo) and two others."""
    media = tmp_path / "media"
    settings = Settings(_env_file=None, media_dir=media)
    services = Services(settings=settings, db=db, clock=lambda: NOW)
    photo_path = media / "1" / "2025-02" / "u1.jpg"
    photo_path.parent.mkdir(parents=True)
    photo_path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with db.scope() as session:
        east, west = make_park(session, "常德经开区"), make_park(session, "津市高新区")
        wang = make_person(session, "王强", is_leader=True)
        liu = make_person(session, "刘芳", is_leader=True)
        admin = make_person(session, "赵磊", is_admin=True)
        li = make_person(session, "李敏", is_liaison=True)
        chen = make_person(session, "陈静", is_liaison=True)
        common = {"annual_plan": Decimal(1200), "created_at": CREATED, "updated_at": CREATED}
        zoomlion = make_project(
            session, name="中联起重机械", park=east, leader=wang, liaisons=(li,), **common
        )
        nylon = make_project(session, name="美华尼龙四期", park=east, leader=wang, **common)
        spring = make_project(
            session, name="飞桥汽车板簧", park=west, leader=liu, liaisons=(chen,), **common
        )
        filed(session, li, zoomlion, "2025-01", 100, "started", 20, "用地指标未落实")
        filed(session, li, zoomlion, "2025-02", 150, "main_works", 35)
        revised = filed(
            session, li, zoomlion, "2025-02", 200, "equipment", 35, when=at("2025-03-02T08:00")
        )
        session.add(
            ReportPhoto(
                report_id=revised.report.id,
                file_id="f1",
                file_unique_id="u1",
                local_path=str(photo_path),
            )
        )
        filed(session, chen, spring, "2025-02", 50, "main_works", 10)
        problem = session.exec(select(Problem).where(Problem.project_id == zoomlion.id)).one()
        problems.assign(
            session, problem, unit="市自然资源局", due=date(2025, 3, 5), actor=admin,
            now=at("2025-03-01T09:00"),
        )  # fmt: skip
        problems.note_progress(
            session, problem, note="已上报省厅", actor=li, now=at("2025-03-03T09:00")
        )
        ids = {
            "east": east.id, "west": west.id, "wang": wang.id, "liu": liu.id, "admin": admin.id,
            "li": li.id, "chen": chen.id, "zoomlion": zoomlion.id, "nylon": nylon.id,
            "spring": spring.id, "problem": problem.id,
            "photo": session.exec(select(ReportPhoto.id)).one(),
        }  # fmt: skip
    return City(services, ids, photo_path)


def member(city: City, who: str) -> BoardViewer:
    return BoardViewer(person_id=city.ids[who])


def project_for(city: City, viewer: BoardViewer, project: str):
    with city.services.db.scope() as session:
        scope = page_scope(session, viewer, city.services)
        return project_page(session, scope, city.ids[project])


def park_for(city: City, viewer: BoardViewer, park: str):
    with city.services.db.scope() as session:
        scope = page_scope(session, viewer, city.services)
        return park_page(session, scope, city.ids[park])


def test_the_history_shows_each_revision_with_who_when_and_what_changed(city):
    page = project_for(city, member(city, "wang"), "zoomlion")
    assert [(r.period, r.revision, r.current) for r in page.revisions] == [
        ("2025-02", 2, True),
        ("2025-02", 1, False),
        ("2025-01", 1, True),
    ]
    newest = page.revisions[0]
    assert newest.reporter == "李敏"
    assert newest.submitted_at == at("2025-03-02T08:00")
    assert newest.changes == {
        "investment_month": ["150", "200"],
        "stage": ["main_works", "equipment"],
    }
    assert page.revisions[1].changes == {}


def test_problem_steps_are_in_order_with_their_actors(city):
    page = project_for(city, member(city, "li"), "zoomlion")
    [history] = page.problems
    assert history.problem.text == "用地指标未落实"
    assert [(s.action, s.actor) for s in history.steps] == [
        ("raise", "李敏"),
        ("assign", "赵磊"),
        ("progress", "李敏"),
    ]
    assert history.steps[1].unit == "市自然资源局"
    assert history.steps[1].due_date == date(2025, 3, 5)
    assert page.problems_as_of == at("2025-03-03T09:00")


def test_the_series_covers_every_month_of_the_year_and_sums_to_the_reports(city):
    page = project_for(city, member(city, "admin"), "zoomlion")
    assert [p.period for p in page.series] == ["2025-01", "2025-02", "2025-03"]
    assert [p.investment for p in page.series] == [100, 200, 0]
    assert [p.reported for p in page.series] == [True, True, False]
    with city.services.db.scope() as session:
        current = session.exec(
            select(ProgressReport.investment_month).where(
                ProgressReport.project_id == city.ids["zoomlion"], ProgressReport.is_current
            )
        ).all()
    assert sum(p.investment for p in page.series) == sum(current) == page.series[-1].year_to_date
    assert page.status.year_investment == 300  # the card and the chart agree
    assert [p.planned for p in page.series] == [100, 200, 300]  # 1200 × month / 12


def test_the_card_is_the_chats_light_with_its_reasons(city):
    page = project_for(city, member(city, "wang"), "zoomlion")
    # February's 300 of 1,200 is 25% against 16.7% expected: on plan; the problem is overdue.
    assert page.status.light.color == "yellow"
    assert [r.rule for r in page.status.light.reasons] == ["problem-overdue"]
    assert page.reports_as_of == at("2025-03-02T08:00")
    assert [p.period for p in page.photos] == ["2025-02"]


def test_out_of_scope_and_missing_are_the_same_none(city):
    assert project_for(city, member(city, "chen"), "zoomlion") is None
    assert project_for(city, member(city, "li"), "spring") is None
    assert park_for(city, member(city, "li"), "west") is None
    assert park_for(city, member(city, "liu"), "east") is None
    with city.services.db.scope() as session:
        scope = page_scope(session, member(city, "admin"), city.services)
        assert project_page(session, scope, 999_999) is None
        assert park_page(session, scope, 999_999) is None


def test_a_park_link_sees_only_its_park_and_no_phones(city):
    link = BoardViewer(park_id=city.ids["east"], link_id=1)
    park = park_for(city, link, "east")
    assert {row.name for row in park.rows} == {"中联起重机械", "美华尼龙四期"}
    assert park_for(city, link, "west") is None
    assert project_for(city, link, "spring") is None
    page = project_for(city, link, "zoomlion")
    assert page.leader.name == "王强" and page.leader.phone is None
    assert [(c.name, c.phone) for c in page.liaisons] == [("李敏", None)]
    city_link = BoardViewer(link_id=2)
    assert project_for(city, city_link, "spring") is not None


def test_only_admins_see_phones_of_the_people_responsible(city):
    page = project_for(city, member(city, "admin"), "zoomlion")
    assert page.leader.phone and page.leader.phone.startswith("139")
    assert all(c.phone for c in page.liaisons)
    # The project's own leader sees the names, not the numbers (README: Security).
    page = project_for(city, member(city, "wang"), "zoomlion")
    assert page.leader.name == "王强" and page.leader.phone is None
    assert page.liaisons and all(c.phone is None for c in page.liaisons)


def test_a_member_sees_only_their_projects_of_a_park(city):
    liaison_view = park_for(city, member(city, "li"), "east")
    assert [row.name for row in liaison_view.rows] == ["中联起重机械"]
    leader_view = park_for(city, member(city, "wang"), "east")
    assert {row.name for row in leader_view.rows} == {"中联起重机械", "美华尼龙四期"}
    assert sum(leader_view.summary.counts.values()) == 2


def test_the_park_lists_open_problems_overdue_first_with_unit_leader_and_due(city):
    page = park_for(city, member(city, "admin"), "east")
    [line] = page.problems
    assert (line.project, line.unit, line.leader, line.due_date, line.overdue) == (
        "中联起重机械", "市自然资源局", "王强", date(2025, 3, 5), True
    )  # fmt: skip
    assert page.problems_as_of == at("2025-03-03T09:00")
    assert page.reports_as_of == at("2025-03-02T08:00")


def test_an_inactive_person_sees_nothing(city):
    with city.services.db.scope() as session:
        from models import Person

        person = session.get(Person, city.ids["wang"])
        person.active = False
        session.add(person)
    with city.services.db.scope() as session:
        assert page_scope(session, member(city, "wang"), city.services) is None


def test_a_photo_is_served_only_under_its_own_project_and_in_scope(city):
    with city.services.db.scope() as session:
        leader = page_scope(session, member(city, "wang"), city.services)
        stranger = page_scope(session, member(city, "chen"), city.services)
        photo = city.ids["photo"]
        assert photo_file(session, leader, city.ids["zoomlion"], photo) == str(city.photo_path)
        assert photo_file(session, leader, city.ids["nylon"], photo) is None
        assert photo_file(session, stranger, city.ids["zoomlion"], photo) is None
        assert photo_file(session, leader, city.ids["zoomlion"], photo + 1) is None


def test_the_time_moves_the_series(city):
    later = Services(
        city.services.settings, city.services.db, clock=lambda: NOW + timedelta(days=30)
    )
    with later.db.scope() as session:
        scope = page_scope(session, member(city, "admin"), later)
        page = project_page(session, scope, city.ids["zoomlion"])
    assert [p.period for p in page.series][-1] == "2025-04"


def test_an_inactive_project_has_no_page_and_no_photos(city):
    from models import Project

    with city.services.db.scope() as session:
        project = session.get(Project, city.ids["zoomlion"])
        project.active = False
        session.add(project)
    assert project_for(city, member(city, "admin"), "zoomlion") is None
    with city.services.db.scope() as session:
        scope = page_scope(session, member(city, "admin"), city.services)
        assert photo_file(session, scope, city.ids["zoomlion"], city.ids["photo"]) is None


def test_a_photo_shows_its_time_place_distance_and_suspected_reuse(city):
    with city.services.db.scope() as session:
        project = session.get(Project, city.ids["zoomlion"])
        project.lat, project.lon = 29.0312, 111.6981
        photo = session.get(ReportPhoto, city.ids["photo"])
        photo.source, photo.lat, photo.lon = "file", 29.0400, 111.6981
        photo.taken_at = at("2025-02-27T09:15")
        january = session.exec(
            select(ProgressReport).where(ProgressReport.period == "2025-01")
        ).one()
        earlier = ReportPhoto(report_id=january.id, file_id="f0", file_unique_id="u0")
        session.add(earlier)
        session.flush()
        photo.duplicate_of_id = earlier.id
    page = project_for(city, member(city, "admin"), "zoomlion")
    [shown] = page.photos
    assert shown.facts.distance_km == pytest.approx(0.98, abs=0.01)
    words = Words(city.services.catalogue, "zh_CN", SHANGHAI)
    assert words.photo(shown.facts) == (
        "2025-02-27 09:15 · 29.0400°N 111.6981°E，距项目 1.0 公里"
        " ⚠️ 疑似重复使用: 2025-01 报告的照片"
    )
