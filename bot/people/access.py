"""Who may see and change which projects: every handler asks here."""

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from models import Person, Project, ProjectLiaison


def visible_projects(person: Person | None) -> ColumnElement[bool]:
    """A filter on Project for the projects this person may see."""
    if person is None or not person.active:
        return false()
    if person.sees_whole_city:
        return true()
    conditions: list[ColumnElement[bool]] = []
    if person.is_leader:
        conditions.append(Project.leader_id == person.id)
    if person.is_liaison:
        served = select(ProjectLiaison.project_id).where(ProjectLiaison.person_id == person.id)
        conditions.append(Project.id.in_(served))
    return or_(*conditions) if conditions else false()


def sees_phones(person: Person | None) -> bool:
    """Phone numbers are shown to admins (the command centre) only, in chat and on the web."""
    return person is not None and person.active and person.is_admin


def can_view(session: Session, person: Person | None, project_id: int) -> bool:
    """Whether the person may see this project."""
    query = select(Project.id).where(Project.id == project_id, visible_projects(person))
    return session.exec(query).first() is not None


def can_report(session: Session, person: Person | None, project_id: int) -> bool:
    """Only the project's liaisons, and admins, may file its reports."""
    if person is None or not person.active:
        return False
    if person.is_admin:
        return session.get(Project, project_id) is not None
    link = session.get(ProjectLiaison, (project_id, person.id))
    return link is not None and person.is_liaison


def can_work_on_problems(session: Session, person: Person | None, project_id: int) -> bool:
    """Who records progress on a project's problems and closes them (销号).

    The command centre (admins), and the people responsible for the project: its liaisons
    and its leader. Seeing the whole city (city leaders) is not being responsible for a
    project, and the unit a problem is handed to is a name, not an identity.
    """
    if person is None or not person.active:
        return False
    project = session.get(Project, project_id)
    if project is None:
        return False
    if person.is_admin:
        return True
    if person.is_leader and project.leader_id == person.id:
        return True
    link = session.get(ProjectLiaison, (project_id, person.id))
    return link is not None and person.is_liaison
