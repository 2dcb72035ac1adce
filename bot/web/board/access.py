"""Who may open the board: board links (/b/<token>) and the Telegram Mini App's sign-in.

A board link sets the `parkbot_board` cookie (its signed token); every request re-checks the
link's row, so a revoked link stops at once. The Mini App posts Telegram's initData; a valid
one for an active roster member makes the same web session the web chat uses.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import select
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.board import links
from bot.web.board.context import BOARD_COOKIE, BoardContext
from bot.web.board.init_data import MAX_LENGTH, verify
from bot.web.chat.sessions import COOKIE
from models import Person

HERE = Path(__file__).parent
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
)
BOARD_PATH = "/board"


def _page(ctx: BoardContext, request: Request, name: str, status: int, **values: Any) -> Response:
    lang = ctx.language(request)
    html = _env.get_template(name).render(
        t=partial(ctx.services.catalogue.text, lang), lang=lang, **values
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _text(ctx: BoardContext, request: Request, key: str) -> str:
    return ctx.services.catalogue.text(ctx.language(request), key)


def _refused(ctx: BoardContext, request: Request, key: str, status: int = 403) -> Response:
    reason = _text(ctx, request, key)
    return _page(ctx, request, "access_refused.html", status, reason=reason, http_status=status)


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _secure(ctx: BoardContext, request: Request) -> bool:
    """Whether cookies must be Secure (https here, or behind an https proxy)."""
    public = ctx.services.settings.web_public_url or ""
    return request.url.scheme == "https" or public.startswith("https")


def bot_token(ctx: BoardContext) -> str | None:
    """The token Telegram signs initData with: the context's, else Telegram mode's setting."""
    if ctx.bot_token:
        return ctx.bot_token
    settings = ctx.services.settings
    token = settings.telegram_bot_token
    if settings.uses_local_messenger() or token is None:
        return None  # the local messenger has no Mini Apps: nobody signs initData
    return token.get_secret_value().strip() or None


def routes(ctx: BoardContext) -> list[Route]:
    """GET /b/<token>, GET /board/app, GET /board/app.js, POST /board/app/session."""

    async def open_link(request: Request) -> Response:
        token = request.path_params["token"]
        address = _address(request)
        # Guessing links is as slow as guessing the web chat's invites: after 10 failures
        # from one address in 10 minutes, even a good link waits.
        if ctx.link_failures.full(address):
            return _refused(ctx, request, "board-access-link-too-many", 429)
        now = ctx.services.now()
        link_id = links.link_id_of(ctx.link_secret, token)
        with ctx.services.db.scope() as session:
            link = links.valid_link(session, link_id, now)
            expires_at = link.expires_at if link else None
        if expires_at is None:
            ctx.link_failures.hit(address)
            return _refused(ctx, request, "board-access-link-refused")
        response = RedirectResponse(BOARD_PATH, status_code=303)
        response.set_cookie(
            BOARD_COOKIE,
            token,
            max_age=max(1, int((expires_at - now).total_seconds())),
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(ctx, request),
        )
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"  # the token is in this URL
        return response

    async def app_page(request: Request) -> Response:
        return _page(ctx, request, "access_app.html", 200)

    async def app_script(_: Request) -> Response:
        return FileResponse(HERE / "static" / "app.js", media_type="text/javascript")

    async def app_session(request: Request) -> Response:
        body = await request.body()
        try:
            init_data = json.loads(body)["init_data"] if len(body) <= 2 * MAX_LENGTH else ""
        except (ValueError, KeyError, TypeError):
            init_data = ""
        token = bot_token(ctx)
        settings = ctx.services.settings
        user = None
        if isinstance(init_data, str) and token:
            user = verify(
                init_data,
                token,
                now=ctx.services.now(),
                max_age=settings.miniapp_max_age_seconds,
            )
        if user is None:
            return _json_refusal(ctx, request, "board-access-miniapp-refused")
        with ctx.services.db.scope() as session:
            person = session.exec(
                select(Person).where(Person.telegram_user_id == user.user_id)
            ).first()
            person_id = person.id if person is not None and person.active else None
        if person_id is None:
            return _json_refusal(ctx, request, "board-access-miniapp-stranger")
        cookie = ctx.sessions.create(person_id=person_id, user_id=user.user_id)
        response = JSONResponse({"next": BOARD_PATH})
        secure = _secure(ctx, request)
        # Telegram's web clients show a Mini App in a frame of another site: the cookie must
        # be sent there, which browsers allow only as SameSite=None, and that only on https.
        response.set_cookie(
            COOKIE,
            cookie,
            max_age=ctx.sessions.max_age,
            path="/",
            httponly=True,
            samesite="none" if secure else "lax",
            secure=secure,
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    return [
        Route("/b/{token}", open_link, methods=["GET"]),
        Route("/board/app", app_page, methods=["GET"]),
        Route("/board/app.js", app_script, methods=["GET"]),
        Route("/board/app/session", app_session, methods=["POST"]),
    ]


def _json_refusal(ctx: BoardContext, request: Request, key: str) -> Response:
    response = JSONResponse({"error": _text(ctx, request, key)}, status_code=403)
    response.headers["Cache-Control"] = "no-store"
    return response
