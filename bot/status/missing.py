"""Who still owes a report for a period: by liaison, by leader, by park. Leave is respected."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_
from sqlmodel import Session, col, select

from bot.people.access import visible_projects
from bot.status.compute import Asked
from models import Leave, Park, Person, ProgressReport, Project, ProjectLiaison


@dataclass
class ParkMissing:
    """A park's projects without a report for the period."""

    park: str
    missing: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)  # every liaison on leave


def on_leave(session: Session, at: datetime) -> set[int]:
    """Ids of people on leave at this moment."""
    query = select(Leave.person_id).where(Leave.starts_on <= at, Leave.ends_on >= at)
    return set(session.exec(query))


def reported_ids(session: Session, period: str) -> set[int]:
    """Projects with a current report for the period."""
    query = select(ProgressReport.project_id).where(
        ProgressReport.period == period, ProgressReport.is_current
    )
    return set(session.exec(query))


def _liaisons(session: Session) -> dict[int, list[Person]]:
    rows = session.exec(
        select(ProjectLiaison.project_id, Person)
        .join(Person, col(Person.id) == ProjectLiaison.person_id)
        .where(Person.active)
        .order_by(ProjectLiaison.project_id, ProjectLiaison.position)
    )
    by_project: dict[int, list[Person]] = defaultdict(list)
    for project_id, person in rows:
        by_project[project_id].append(person)
    return by_project


def _unreported(session: Session, period: str) -> list[Project]:
    done = reported_ids(session, period)
    projects = session.exec(select(Project).where(Project.active).order_by(Project.name))
    return [project for project in projects if project.id not in done]


def missing_by_liaison(session: Session, period: str, at: datetime) -> dict[int, list[Project]]:
    """Liaison id -> their projects without a report; people on leave are left out."""
    away = on_leave(session, at)
    liaisons = _liaisons(session)
    owed: dict[int, list[Project]] = defaultdict(list)
    for project in _unreported(session, period):
        for person in liaisons.get(project.id, []):
            if person.id not in away:
                owed[person.id].append(project)
    return dict(owed)


def is_excused(project_id: int, liaisons: dict[int, list[Person]], away: set[int]) -> bool:
    """A project whose every liaison is on leave is not counted missing."""
    people = liaisons.get(project_id, [])
    return bool(people) and all(person.id in away for person in people)


def missing_by_park(session: Session, period: str, at: datetime) -> list[ParkMissing]:
    """Per park (in name order), the projects still missing and those excused by leave."""
    away, liaisons = on_leave(session, at), _liaisons(session)
    parks = {park.id: ParkMissing(park.name) for park in session.exec(select(Park))}
    for project in _unreported(session, period):
        entry = parks[project.park_id]
        (entry.excused if is_excused(project.id, liaisons, away) else entry.missing).append(
            project.name
        )
    return sorted((p for p in parks.values() if p.missing or p.excused), key=lambda p: p.park)


def leader_projects(session: Session, period: str) -> dict[int, tuple[list[str], list[str]]]:
    """Leader id -> (reported project names, missing project names)."""
    done = reported_ids(session, period)
    result: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    query = select(Project).where(Project.active, col(Project.leader_id).is_not(None))
    for project in session.exec(query.order_by(Project.name)):
        reported, missing = result[project.leader_id]
        (reported if project.id in done else missing).append(project.name)
    return dict(result)


def missing_in_scope(session: Session, asked: Asked) -> list[tuple[str, str, list[str]]]:
    """(park, project, liaisons) for projects in scope without a report this period.

    People on leave excuse their projects (is_excused).
    """
    reported = (
        select(ProgressReport.id)
        .where(
            ProgressReport.project_id == Project.id,
            ProgressReport.period == asked.period,
            ProgressReport.is_current,
        )
        .exists()
    )
    unreported = and_(Project.active, visible_projects(asked.person), ~reported)
    projects = session.exec(
        select(Project.id, Project.name, Park.name)
        .join(Park, col(Park.id) == Project.park_id)
        .where(unreported)
    ).all()
    if not projects:
        return []
    away = on_leave(session, datetime.combine(asked.today, datetime.min.time(), tzinfo=asked.tz))
    names: dict[int, list[str]] = defaultdict(list)
    present: dict[int, bool] = defaultdict(bool)  # a liaison not on leave
    query = (
        select(ProjectLiaison.project_id, Person.id, Person.name)
        .join(Person, col(Person.id) == ProjectLiaison.person_id)
        .join(Project, col(Project.id) == ProjectLiaison.project_id)
        .where(unreported, Person.active)
        .order_by(ProjectLiaison.project_id, ProjectLiaison.position)
    )
    for project_id, person_id, name in session.exec(query):
        names[project_id].append(name)
        present[project_id] |= person_id not in away
    # A project whose every liaison is on leave is excused (as is_excused).
    missing = [
        (park, name, names.get(project_id, []))
        for project_id, name, park in projects
        if present[project_id] or not names.get(project_id)
    ]
    return sorted(missing)
