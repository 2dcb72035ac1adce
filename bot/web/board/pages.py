"""The wall board's pages: `/board` (the whole page) and `/board/panels` (its refresh).

Variables the templates get (Jinja2, autoescaped, every text from board.ftl):
  t, lang, say (bot.web.board.view.Say), board (bot.board.snapshot.BoardSnapshot),
  refresh (seconds between refreshes), rotate (seconds between park pages; 0: no rotation),
  printed (the print's date line, a CSS string for the @page margin box)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.board.snapshot import BoardSnapshot, board_snapshot
from bot.board.version import board_version
from bot.board.viewer import BoardViewer
from bot.i18n import LANGUAGES
from bot.web.board.context import BoardContext
from bot.web.board.rows import row_renderer
from bot.web.board.shared import accepts_gzip
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


def _shared_key(
    session: Session,
    viewer: BoardViewer,
    name: str,
    lang: str,
    rotate: int,
    now: datetime,
    tz: tzinfo,
) -> tuple:
    """What a board link's answer depends on: every screen with this key gets the same HTML."""
    minute = now.astimezone(tz).replace(second=0, microsecond=0)
    return (name, lang, viewer.park_id, rotate, minute, board_version(session, minute.year))


def _page_html(ctx: BoardContext, name: str, lang: str, board: BoardSnapshot, rotate: int) -> bytes:
    """The page (or its panels) for this snapshot, encoded."""
    settings = ctx.services.settings
    say = Say(cached_text(ctx.services.catalogue.text, lang), settings.tz)
    html = render_text(
        ctx.services.catalogue.text,
        settings.tz,
        name,
        lang,
        board=board,
        refresh=settings.board_refresh_seconds,
        rotate=rotate,
        printed=css_string(say.t("board-printed", moment=say.moment(board.now))),
    )
    return html.encode()


def _html_response(body: bytes, *, gzipped: bool = False) -> Response:
    response = Response(body, media_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Vary"] = "Accept-Encoding"
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def routes(ctx: BoardContext) -> list[Route]:
    """/board and /board/panels."""

    def _board(request: Request, name: str) -> Response:
        viewer = ctx.viewer(request)
        lang = ctx.language(request, viewer)
        if viewer is None:
            return render(ctx, request, "no_access.html", lang, status=403)
        settings = ctx.services.settings
        rotate = 0 if request.query_params.get("rotate") == "0" else settings.board_rotate_seconds
        now = ctx.services.now()
        key, answer, board = None, None, None
        # On the event loop, not a worker thread: the cached city view has no lock (it relies
        # on running between two awaits, bot.status.city_view).
        with ctx.services.db.scope() as session:
            if viewer.is_link:
                key = _shared_key(session, viewer, name, lang, rotate, now, settings.tz)
                answer = ctx.shared.get(key)
            if answer is None:
                board = board_snapshot(session, viewer, ctx.services, now, listed=LISTED_AT_MOST)
                if board is None:
                    return render(ctx, request, "no_access.html", lang, status=403)
        if answer is None:
            html = _page_html(ctx, name, lang, board, rotate)
            if key is None:
                return _html_response(html)
            answer = ctx.shared.put(key, html)
        if accepts_gzip(request.headers.get("accept-encoding", "")):
            return _html_response(answer.gzipped(), gzipped=True)
        return _html_response(answer.html)

    async def page(request: Request) -> Response:
        return _board(request, "board.html")

    async def panels(request: Request) -> Response:
        return _board(request, "panels.html")

    return [
        Route("/board", page, methods=["GET"]),
        Route("/board/panels", panels, methods=["GET"]),
    ]
