"""The wall board's pages: `/board` (the whole page) and `/board/panels` (its refresh).

Variables the templates get (Jinja2, autoescaped, every text from board.ftl):
  t, lang, say (bot.web.board.view.Say), board (bot.board.snapshot.BoardSnapshot),
  refresh (seconds between refreshes), rotate (seconds between park pages; 0: no rotation),
  printed (the print's date line, a CSS string for the @page margin box)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.board.snapshot import board_snapshot
from bot.i18n import LANGUAGES
from bot.web.board.context import BoardContext
from bot.web.board.rows import row_renderer
from bot.web.board.view import Say, cached_text, css_string

TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
PROBLEMS_ON_SCREEN = 6  # more are printed, and counted on screen ("另有 N 项")
MISSING_ON_SCREEN = 8
LISTED_AT_MOST = 100  # problems and missing reports in the page (and on paper); the rest counted


def render(
    ctx: BoardContext, request: Request, name: str, lang: str, status: int = 200, **values: Any
) -> HTMLResponse:
    """A board template in `lang`, never cached (it is live data)."""
    html = render_text(ctx.services.catalogue.text, ctx.services.settings.tz, name, lang, **values)
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def render_text(
    catalogue_text: Callable[..., str], tz: tzinfo, name: str, lang: str, **values: Any
) -> str:
    """A board template's HTML (also what benchmarks/board.py measures)."""
    t = cached_text(catalogue_text, lang)
    say = Say(t, tz)
    row_template = _env.get_template("project_row.html")
    # Rows show dates of the board's year without the year (a row is reused only within a day).
    board = values.get("board")
    year = board.now.astimezone(tz).year if board is not None else 0
    return _env.get_template(name).render(
        t=t,
        lang=lang,
        languages=LANGUAGES,
        say=say,
        project_row=row_renderer(lang, partial(row_template.render, t=t, say=say, year=year)),
        problems_on_screen=PROBLEMS_ON_SCREEN,
        missing_on_screen=MISSING_ON_SCREEN,
        listed_at_most=LISTED_AT_MOST,
        **values,
    )


def routes(ctx: BoardContext) -> list[Route]:
    """/board and /board/panels."""

    def _board(request: Request, name: str) -> Response:
        viewer = ctx.viewer(request)
        lang = ctx.language(request, viewer)
        if viewer is None:
            return render(ctx, request, "no_access.html", lang, status=403)
        # On the event loop, not a worker thread: the cached city view has no lock (it relies
        # on running between two awaits, bot.status.city_view).
        with ctx.services.db.scope() as session:
            board = board_snapshot(session, viewer, ctx.services, listed=LISTED_AT_MOST)
        if board is None:
            return render(ctx, request, "no_access.html", lang, status=403)
        settings = ctx.services.settings
        rotate = 0 if request.query_params.get("rotate") == "0" else settings.board_rotate_seconds
        say = Say(cached_text(ctx.services.catalogue.text, lang), settings.tz)
        return render(
            ctx,
            request,
            name,
            lang,
            board=board,
            refresh=settings.board_refresh_seconds,
            rotate=rotate,
            printed=css_string(say.t("board-printed", moment=say.moment(board.now))),
        )

    async def page(request: Request) -> Response:
        return _board(request, "board.html")

    async def panels(request: Request) -> Response:
        return _board(request, "panels.html")

    return [
        Route("/board", page, methods=["GET"]),
        Route("/board/panels", panels, methods=["GET"]),
    ]
