"""The wall board's web pages: /board, /park/<id>, /project/<id>, and how viewers get in."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.web.board import access, burden, drill, pages
from bot.web.board.context import BoardContext

STATIC = Path(__file__).parent / "static"


def routes(ctx: BoardContext) -> list[BaseRoute]:
    """Every board route, for the web server (bot/serve.py)."""
    return [
        *access.routes(ctx),  # /b/<token>, /board/app (the Mini App's sign-in)
        *pages.routes(ctx),  # /board, /board/panels
        *drill.routes(ctx),  # /park/<id>, /project/<id>
        *burden.routes(ctx),  # /board/burden (admins only)
        Mount("/board-static", StaticFiles(directory=STATIC, check_dir=False), name="board-static"),
    ]
