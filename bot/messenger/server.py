"""The local messenger's Bot API over HTTP, as Starlette routes: the bot talks to it as to Telegram.

`/bot<token>/<method>` and `/file/bot<token>/<path>`, the subset of methods parkbot uses
(bot/messenger/api.py) plus getUpdates' long poll. The token is made afresh at every start
(`LocalMessenger.token`), so only the process that started the messenger can act as its bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hmac
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.messenger.api import BotApi, Upload
from bot.messenger.params import normalize_params
from bot.messenger.state import ApiError, MessengerState
from bot.messenger.store import MessengerStore

# The bot's own user in the local messenger; fixed, so messages keep their sender across
# restarts (the token is what changes).
BOT_ID = 100_000
UPLOAD_LIMIT = 64 * 1024 * 1024


def bot_user(username: str = "parkbot", first_name: str = "ParkBot") -> dict[str, Any]:
    """The getMe object of the local messenger's bot."""
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": first_name,
        "username": username,
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


async def not_found(request: Request, exc: Exception) -> Response:
    """Telegram's answer to a path it does not serve: a Bot API error in JSON."""
    return _error(404, "Not Found")


def _error(code: int, description: str) -> JSONResponse:
    return JSONResponse(ApiError(code, description).payload(), status_code=code)


async def read_params(request: Request) -> dict[str, Any]:
    """Query, JSON, urlencoded or multipart parameters (uploads become Upload)."""
    raw: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: expected a JSON object")
        raw.update(body)
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        async with request.form(max_part_size=UPLOAD_LIMIT) as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    raw[key] = Upload(await value.read(), value.filename, value.content_type)
                else:
                    raw[key] = value
    return normalize_params(raw)


class LocalMessenger:
    """The state, the Bot API methods and their HTTP routes, on the server's event loop."""

    def __init__(self, state: MessengerState, token: str | None = None) -> None:
        self.state = state
        self.token = token or f"{BOT_ID}:{secrets.token_urlsafe(32)}"
        self.api = BotApi(state)
        self.methods = {name.lower(): name for name in [*self.api.handlers, "getUpdates"]}
        self.loop: asyncio.AbstractEventLoop | None = None
        self._pollers: set[asyncio.Future[None]] = set()
        self.closing = False
        # Called first by close(): the web chat ends its long polls there.
        self.on_close: list[Callable[[], None]] = []
        state.on_update = self._wake_from_any_thread

    @classmethod
    def open(cls, directory: Path, *, username: str = "parkbot") -> LocalMessenger:
        """The messenger whose chats, messages and files live in `directory`."""
        return cls(MessengerState(bot_user(username), MessengerStore(directory)))

    def routes(self) -> list[BaseRoute]:
        """The Bot API routes, to mount in the web server."""
        methods = ["GET", "POST"]
        return [
            Route("/bot{token}/{method}", self._method, methods=methods),
            Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
        ]

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop the server runs on (long polls wait there)."""
        self.loop = loop
        self.closing = False

    def close(self) -> None:
        """End waiting long polls (on the server's loop) and close the store."""
        self.closing = True
        for hook in self.on_close:
            hook()
        self._wake_pollers()
        if self.state.store is not None:
            with self.state.cond:
                self.state.store.close()

    def _authorised(self, request: Request) -> bool:
        return hmac.compare_digest(request.path_params["token"], self.token)

    async def _method(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "Unauthorized")
        method = self.methods.get(request.path_params["method"].lower())
        if method is None:
            return _error(404, "Not Found")
        try:
            params = await read_params(request)
            if method == "getUpdates":
                result = await self._get_updates(params)
            else:
                result = self.api.handle(method, params)
        except ApiError as error:
            return JSONResponse(error.payload(), status_code=error.code)
        except ClientDisconnect:
            return Response(status_code=499)
        return JSONResponse({"ok": True, "result": result})

    async def _file(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "Unauthorized")
        record = self.state.file_by_path(request.path_params["path"])
        if record is None:
            return _error(404, "Not Found")
        data = await asyncio.to_thread(lambda: record.data)
        return Response(data, media_type=record.mime_type or "application/octet-stream")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.state.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if "allowed_updates" in params:
            with self.state.cond:
                self.state.allowed_updates = params["allowed_updates"] or None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        while True:
            updates = self.state.take_updates(offset, limit)
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self.closing:
                return copy.deepcopy(updates)
            waiter: asyncio.Future[None] = loop.create_future()
            self._pollers.add(waiter)
            try:
                await asyncio.wait({waiter}, timeout=remaining)
            finally:
                self._pollers.discard(waiter)

    def _wake_pollers(self) -> None:
        for waiter in list(self._pollers):
            if not waiter.done():
                waiter.set_result(None)

    def _wake_from_any_thread(self) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake_pollers)
