"""Whose eyes a park or project page is computed with: a member's chat scope, or a link's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from bot.board.viewer import BoardViewer
from bot.people.access import sees_phones
from bot.services import Services
from bot.status.compute import Asked
from models import Person, Project

# A board link's eyes: the whole city (narrowed to its park by `where`), no person's powers.
LINK_VIEW = Person(name="board-link", phone="-", is_admin=True, active=True)


@dataclass(frozen=True)
class PageScope:
    """The question a page asks (who, when, which rule) and the park a link is held to."""

    asked: Asked
    park_id: int | None  # a park link's park: nothing outside it is found
    shows_phones: bool

    def where(self) -> ColumnElement[bool] | None:
        """The extra project filter of a park link (None: the asker's own scope is all)."""
        return None if self.park_id is None else Project.park_id == self.park_id

    def allows_park(self, park_id: int) -> bool:
        """Whether a park link lets this park be shown at all."""
        return self.park_id is None or self.park_id == park_id


def page_scope(session: Session, viewer: BoardViewer, services: Services) -> PageScope | None:
    """The scope of a viewer, asked now; None when its person may see nothing (gone, inactive)."""
    if viewer.is_link:
        return PageScope(Asked.at(LINK_VIEW, services), viewer.park_id, False)
    person = session.get(Person, viewer.person_id)
    if person is None or not person.active:
        return None
    return PageScope(Asked.at(person, services), None, sees_phones(person))
