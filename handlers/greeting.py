"""Renders who a member is and what they can do next (after binding and on /whoami)."""

from sqlmodel import Session, select

from bot.people.access import visible_projects
from handlers.viewer import Viewer
from models import Person, Project, ProjectLiaison

MAX_LISTED = 10


def role_names(viewer: Viewer, person: Person) -> str:
    """The person's roles in words."""
    names = []
    if person.is_admin:
        names.append(viewer.t("role-admin"))
    if person.is_leader:
        names.append(viewer.t("role-city-leader" if person.city_scope else "role-leader"))
    if person.is_liaison:
        names.append(viewer.t("role-liaison"))
    return viewer.t("role-separator").join(names)


def greeting(session: Session, viewer: Viewer, person: Person) -> str:
    """A greeting by name and role, with the person's projects and the next step."""
    lines = [viewer.t("greet", name=person.name, roles=role_names(viewer, person))]
    if person.unit:
        lines.append(
            viewer.t("greet-unit", unit=" ".join(filter(None, [person.unit, person.title])))
        )
    lines.extend(_project_lines(session, viewer, person))
    lines.append(viewer.t("greet-next"))
    return "\n".join(lines)


def _project_lines(session: Session, viewer: Viewer, person: Person) -> list[str]:
    if person.sees_whole_city:
        return [viewer.t("greet-city")]
    lines = []
    served = _names(
        session,
        select(Project.name)
        .join(ProjectLiaison, ProjectLiaison.project_id == Project.id)
        .where(ProjectLiaison.person_id == person.id, Project.active),
    )
    if served:
        lines.append(viewer.t("greet-liaison-projects", projects=_join(viewer, served)))
    led = _names(
        session, select(Project.name).where(Project.leader_id == person.id, Project.active)
    )
    if led:
        lines.append(viewer.t("greet-leader-projects", projects=_join(viewer, led)))
    has_any = session.exec(select(Project.id).where(visible_projects(person))).first()
    if not lines or has_any is None:
        return [viewer.t("greet-no-projects")]
    return lines


def _names(session: Session, query: object) -> list[str]:
    return list(session.exec(query.order_by(Project.name).limit(MAX_LISTED + 1)))  # type: ignore[attr-defined]


def _join(viewer: Viewer, names: list[str]) -> str:
    shown = viewer.t("list-separator").join(names[:MAX_LISTED])
    return shown + (" …" if len(names) > MAX_LISTED else "")
