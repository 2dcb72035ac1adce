"""Who looks at a board: a roster member (their chat scope) or a read-only board link."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BoardViewer:
    """A member sees what their chat commands show; a link sees the city or one park.

    Phone numbers: admins only (bot.people.access.sees_phones), never on a link's board (a
    screen in a corridor is public).
    """

    person_id: int | None = None  # a signed-in roster member; None for a board link
    park_id: int | None = None  # a park's board link: that park only
    link_id: int | None = None
    language: str | None = None

    @property
    def is_link(self) -> bool:
        """A wall display's link, not a person."""
        return self.person_id is None
