"""The demo roster: every park and project from the brief, fictional people, idempotent."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from bot.db import Database
from bot.demo import demo_sheets, load_demo
from bot.migrate import upgrade
from models import AuditEntry, Category, Park, Person, Project, ProjectLiaison

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 1)
PARKS = {
    "常德经开区", "鼎城高新区", "汉寿高新区", "桃源工业集中区", "临澧经开区", "石门经开区",
    "澧县经开区", "安乡工业集中区", "津市高新区", "西洞庭生物科技园", "武陵工业园",
}  # fmt: skip
NAMED_PROJECTS = {
    "中联起重机械", "中锂新材电池隔膜二期", "德施普惠医药", "美华尼龙四期", "道氏新能源",
    "润田农机", "中天精密", "飞桥汽车板簧", "电镀产业园二期", "昊天汽车二期", "海利化工扩建",
    "锘达科技", "三特机械二期", "辣妹子食品二期", "金牛铝材", "石门海螺节能板材",
}  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.from_url(f"sqlite:///{tmp_path / 't.db'}")
    upgrade(database.engine)
    with database.scope() as session:
        load_demo(session, now=NOW, today=TODAY)
    return database


def test_demo_sheets_are_a_projects_and_a_people_table() -> None:
    sheets = demo_sheets()
    assert [(sheet.kind, sheet.name) for sheet in sheets] == [
        ("projects", "项目"),
        ("people", "人员"),
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
        assert date(2024, 1, 1) <= project.planned_start <= project.planned_production
        assert project.planned_production <= date(2026, 12, 31)
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
                session.exec(select(func.count()).select_from(model)).one()
                for model in (Park, Person, Project, ProjectLiaison, AuditEntry)
            )

    before = counts()
    with db.scope() as session:
        summary = load_demo(session, now=NOW + timedelta(days=1), today=TODAY)
    assert not summary.changed
    assert (summary.parks.unchanged, summary.projects.unchanged) == (11, 18)
    assert summary.people.unchanged == before[1]
    assert counts() == before
    with db.scope() as session:
        stamps = set(session.exec(select(Project.updated_at))) | set(
            session.exec(select(Person.updated_at))
        )
    assert stamps == {NOW}
