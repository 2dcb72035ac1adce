"""The access module: each role sees exactly its own projects; the command matrix by role."""

import pytest
from sqlmodel import select

from bot.commands import COMMANDS, Audience, commands_for, may_use
from bot.people.access import can_report, can_view, visible_projects
from models import Person, Project
from tests.factories import make_person, make_project


@pytest.fixture
def city(db):
    """Two projects, each with its own leader and liaison, plus admins and a city leader."""
    with db.scope() as session:
        people = {
            "liaison_a": make_person(session, is_liaison=True),
            "liaison_b": make_person(session, is_liaison=True),
            "leader_a": make_person(session, is_leader=True),
            "leader_b": make_person(session, is_leader=True),
            "city_leader": make_person(session, is_leader=True, city_scope=True),
            "admin": make_person(session, is_admin=True),
            "nobody": make_person(session),
            "removed": make_person(session, is_liaison=True, active=False),
        }
        a = make_project(
            session, leader=people["leader_a"], liaisons=(people["liaison_a"], people["removed"])
        )
        b = make_project(session, leader=people["leader_b"], liaisons=(people["liaison_b"],))
    return db, people, {"a": a.id, "b": b.id}


def visible(db, person: Person | None) -> set[int]:
    with db.scope() as session:
        return set(session.exec(select(Project.id).where(visible_projects(person))))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("liaison_a", {"a"}),
        ("liaison_b", {"b"}),
        ("leader_a", {"a"}),
        ("leader_b", {"b"}),
        ("city_leader", {"a", "b"}),
        ("admin", {"a", "b"}),
        ("nobody", set()),
        ("removed", set()),
    ],
)
def test_visible_projects_by_role(city, who, expected):
    db, people, projects = city
    assert visible(db, people[who]) == {projects[key] for key in expected}


def test_unknown_user_sees_nothing(city):
    db, _, _ = city
    assert visible(db, None) == set()


@pytest.mark.parametrize(
    ("who", "project", "view", "report"),
    [
        ("liaison_a", "a", True, True),
        ("liaison_a", "b", False, False),
        ("leader_a", "a", True, False),
        ("city_leader", "b", True, False),
        ("admin", "b", True, True),
        ("removed", "a", False, False),
    ],
)
def test_view_and_report_rights(city, who, project, view, report):
    db, people, projects = city
    with db.scope() as session:
        assert can_view(session, people[who], projects[project]) is view
        assert can_report(session, people[who], projects[project]) is report


ROLE_FLAGS = {
    "unknown": None,
    "liaison": {"is_liaison": True},
    "leader": {"is_leader": True},
    "city_leader": {"is_leader": True, "city_scope": True},
    "admin": {"is_admin": True},
}
EXPECTED_AUDIENCES = {
    "unknown": {Audience.ANYONE},
    # 三个一 (PAIRING): whoever may be on a pairing, and the city; the pairing itself decides.
    "liaison": {Audience.ANYONE, Audience.MEMBER, Audience.LIAISON, Audience.PAIRING},
    "leader": {Audience.ANYONE, Audience.MEMBER, Audience.LEADER, Audience.PAIRING},
    "city_leader": {
        Audience.ANYONE,
        Audience.MEMBER,
        Audience.LEADER,
        Audience.CITY,
        Audience.PAIRING,
    },
    "admin": set(Audience),
}


@pytest.mark.parametrize("role", ROLE_FLAGS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_command_matrix(role, command):
    flags = ROLE_FLAGS[role]
    person = None if flags is None else Person(name="x", phone="1", **flags)
    assert may_use(person, command) is (command.audience in EXPECTED_AUDIENCES[role])


def test_unknown_users_get_only_start_and_help():
    assert [command.name for command in commands_for(None)] == ["start", "help"]
