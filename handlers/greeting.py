"""Renders who a member is and what they can do next (after binding and on /whoami)."""

from sqlmodel import Session

from bot.i18n import format_list
from bot.pairing.access import own_pairings
from bot.people import queries as people
from handlers.viewer import Viewer
from models import Person

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
    if own_pairings(session, person):
        lines.append(viewer.t("greet-pairing"))
    lines.append(viewer.t("greet-next"))
    return "\n".join(lines)


def _project_lines(session: Session, viewer: Viewer, person: Person) -> list[str]:
    if person.sees_whole_city:
        return [viewer.t("greet-city")]
    lines = []
    served = people.served_project_names(session=session, person=person, limit=MAX_LISTED + 1)
    if served:
        lines.append(viewer.t("greet-liaison-projects", projects=_join(viewer, served)))
    led = people.led_project_names(session=session, person=person, limit=MAX_LISTED + 1)
    if led:
        lines.append(viewer.t("greet-leader-projects", projects=_join(viewer, led)))
    if not lines or not people.sees_any_project(session=session, person=person):
        return [viewer.t("greet-no-projects")]
    return lines


def _join(viewer: Viewer, names: list[str]) -> str:
    shown = format_list(viewer.catalogue, viewer.language, names[:MAX_LISTED])
    return shown + (" …" if len(names) > MAX_LISTED else "")
