"""The board's sign-in routes plus a test-only route answering the request's board viewer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from bot.serve import Running
from bot.web.board import access
from bot.web.board.context import BoardContext
from tests.web.harness import WebBot

BOT_TOKEN = "5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8"
WHO = "/test/board-viewer"


def board_routes(bot_token: str | None = BOT_TOKEN) -> Callable[[Running], list[BaseRoute]]:
    """The access routes and GET /test/board-viewer: the viewer as JSON, 403 without one."""

    def routes(running: Running) -> list[BaseRoute]:
        ctx = BoardContext.build(running.services, bot_token)

        async def who(request: Request) -> JSONResponse:
            viewer = ctx.viewer(request)
            if viewer is None:
                return JSONResponse({"viewer": None}, status_code=403)
            return JSONResponse({"viewer": asdict(viewer)})

        return [*access.routes(ctx), Route(WHO, who), Route("/board", who)]

    return routes


def client(web: WebBot) -> httpx.Client:
    """A cookie-keeping client that does not follow redirects."""
    return httpx.Client(base_url=web.url, timeout=30, follow_redirects=False)


def viewer_of(http: httpx.Client) -> dict | None:
    """The board viewer the server sees for this client's cookies."""
    response = http.get(WHO)
    assert response.status_code in (200, 403), response.text
    return response.json()["viewer"]
