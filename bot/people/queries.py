"""Read-only lookups of parks, people and their projects for the chat adapters."""

from sqlmodel import Session, select

from bot.people.access import visible_projects
from models import Park, Person, Project, ProjectLiaison


def park(*, session: Session, park_id: int) -> Park | None:
    """One park by id."""
    return session.get(Park, park_id)


def person(*, session: Session, person_id: int) -> Person | None:
    """One person by id."""
    return session.get(Person, person_id)


def all_parks(*, session: Session) -> list[Park]:
    """Every park, by name."""
    return list(session.exec(select(Park).order_by(Park.name)))


def visible_parks(*, session: Session, person: Person | None) -> list[Park]:
    """The parks holding an active project the person may see, by name."""
    in_scope = select(Project.park_id).where(Project.active, visible_projects(person))
    return list(session.exec(select(Park).where(Park.id.in_(in_scope)).order_by(Park.name)))


def served_project_names(*, session: Session, person: Person, limit: int) -> list[str]:
    """Names of the active projects the person is a liaison of (at most `limit`), by name."""
    query = (
        select(Project.name)
        .join(ProjectLiaison, ProjectLiaison.project_id == Project.id)
        .where(ProjectLiaison.person_id == person.id, Project.active)
    )
    return list(session.exec(query.order_by(Project.name).limit(limit)))


def led_project_names(*, session: Session, person: Person, limit: int) -> list[str]:
    """Names of the active projects the person leads (at most `limit`), by name."""
    query = select(Project.name).where(Project.leader_id == person.id, Project.active)
    return list(session.exec(query.order_by(Project.name).limit(limit)))


def sees_any_project(*, session: Session, person: Person) -> bool:
    """Whether the person may see at least one project."""
    return session.exec(select(Project.id).where(visible_projects(person))).first() is not None


def project_liaisons(*, session: Session, project_id: int | None) -> list[Person]:
    """The project's active liaisons, first liaison first (none for no project)."""
    if project_id is None:
        return []
    query = (
        select(Person)
        .join(ProjectLiaison, ProjectLiaison.person_id == Person.id)
        .where(ProjectLiaison.project_id == project_id, Person.active)
        .order_by(ProjectLiaison.position, Person.id)
    )
    return list(session.exec(query))
