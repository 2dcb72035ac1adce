"""The web chat: parkbot's own Telegram-like client of the local messenger (a browser page).

`routes` gives the pages (sign-in, chat, no-access), the JSON API the page's script calls,
the files and the static mount; the contract is in README "Web chat".
"""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.messenger.server import LocalMessenger
from bot.services import Services
from bot.web.chat import actions, feed, files, pages, signin
from bot.web.chat.context import ChatContext

STATIC = Path(__file__).parent / "static"


def routes(services: Services, messenger: LocalMessenger) -> list[BaseRoute]:
    """Every web chat route, for the web server (bot/serve.py)."""
    ctx = ChatContext.build(services, messenger.state)
    # A waiting long poll would hold the server's stop for up to 25 s.
    messenger.on_close.append(lambda: ctx.waiters.close() if ctx.waiters else None)
    return [
        *pages.routes(ctx),
        *signin.routes(ctx),
        *feed.routes(ctx),
        *actions.routes(ctx),
        *files.routes(ctx),
        Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]
