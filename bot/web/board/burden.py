"""/board/burden: the admins' view of the burden figures, `parkbot burden`'s table.

Only a signed-in admin (指挥部) sees it. No session is 403; a board link (a wall screen is
public) and any other member get the same 404 as a page that does not exist. `?days=N`
(1-366) widens or narrows the window; anything else is the default 30 days.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.outbox.burden import MAX_DAYS, MIN_DAYS, Caps, burden_table
from bot.web.board.context import BoardContext
from bot.web.board.drill import _message, _render
from models import Person

PATH = "/board/burden"
DEFAULT_DAYS = 30


def routes(ctx: BoardContext) -> list[Route]:
    """The admin page."""

    async def page(request: Request) -> Response:
        viewer = ctx.viewer(request)
        if viewer is None:
            return _message(ctx, request, "denied", 403)
        days = _days(request.query_params.get("days"))
        with ctx.services.db.scope() as session:
            person = None if viewer.is_link else session.get(Person, viewer.person_id)
            if person is None or not person.active or not person.is_admin:
                return _message(ctx, request, "not-found", 404, viewer)
            table = burden_table(session, now=ctx.services.now(), days=days)
        caps = Caps.from_settings(ctx.services.settings)
        return _render(ctx, request, "burden.html", viewer, table=table, caps=caps)

    return [Route(PATH, page, methods=["GET"])]


def _days(text: str | None) -> int:
    """The window asked for; the default when it is no number in range."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 3:
        return DEFAULT_DAYS
    value = int(text)
    return value if MIN_DAYS <= value <= MAX_DAYS else DEFAULT_DAYS
