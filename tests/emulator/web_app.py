"""HTTP side of the emulator: auth, parameters, faults, flood limits, long polling, files."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.messenger.api import BotApi
from bot.messenger.state import ApiError, EmuState
from tests.emulator.faults import FaultInjector
from tests.emulator.limits import SEND_METHODS, RateLimiter
from tests.emulator.params import read_params

Call = tuple[float, str, dict[str, Any], int]


def _abort(request: web.Request) -> web.StreamResponse:
    """Close the client's connection without (the rest of) an answer."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=499)


def _error(code: int, description: str) -> web.Response:
    return web.json_response(ApiError(code, description).payload(), status=code)


class WebFrontend:
    """Handles every HTTP request of the emulator on the server's event loop."""

    def __init__(
        self,
        token: str,
        state: EmuState,
        faults: FaultInjector,
        clock: Callable[[], float],
    ) -> None:
        self.token = token
        self.state = state
        self.api = BotApi(state, web_app_https_only=True)
        self.methods = {name.lower(): name for name in [*self.api.handlers, "getUpdates"]}
        self.faults = faults
        self.clock = clock
        self.limiter: RateLimiter | None = None
        self.limit_violations = 0
        self.calls: list[Call] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closing = asyncio.Event()
        self._pollers: set[asyncio.Future[None]] = set()
        self.polls_started = 0  # getUpdates requests received (calls are logged when answered)
        # The link's round trip in seconds: half passes before a call is seen, half before its
        # answer reaches the bot, as on a real network between a server and Telegram.
        self.latency = 0.0

    @property
    def active_polls(self) -> int:
        """Number of getUpdates requests currently waiting for updates."""
        return len(self._pollers)

    async def close(self) -> None:
        """End pending long polls and slow responses (runs on the server loop)."""
        self.closing.set()
        self.wake_pollers()

    def _log(self, method: str, params: dict[str, Any], status: int) -> None:
        with self.state.cond:
            self.calls.append((self.clock(), method, params, status))
            self.state.cond.notify_all()

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        """Serves a request as if over the link: half the round trip each way."""
        if self.latency > 0:
            await asyncio.sleep(self.latency / 2)
        response = await self._route(request)
        if self.latency > 0:
            await asyncio.sleep(self.latency / 2)
        return response

    async def _route(self, request: web.Request) -> web.StreamResponse:
        """Route /bot<token>/<method> and /file/bot<token>/<path> requests."""
        path = request.match_info["path"]
        is_file = path.startswith("file/bot")
        prefix, _, rest = path.removeprefix("file/").partition("/")
        if not prefix.startswith("bot") or not rest:
            return _error(404, "Not Found")
        if prefix[3:] != self.token:
            self._log(rest if not is_file else "downloadFile", {}, 401)
            return _error(401, "Unauthorized")
        if is_file:
            return await self._with_faults(request, "downloadFile", {}, lambda: self._file(rest))
        method = self.methods.get(rest.lower())
        if method is None:
            self._log(rest, {}, 404)
            return _error(404, "Not Found")
        try:
            params = await read_params(request)
        except ApiError as exc:
            self._log(method, {}, exc.code)
            return web.json_response(exc.payload(), status=exc.code)
        except ConnectionResetError:  # the client went away mid-request (a stopped bot)
            self._log(method, {}, 0)
            return web.Response(status=499)
        return await self._with_faults(request, method, params, lambda: self._call(method, params))

    async def _with_faults(
        self,
        request: web.Request,
        method: str,
        params: dict[str, Any],
        serve: Callable[[], Awaitable[web.Response]],
    ) -> web.StreamResponse:
        fault = self.faults.pick(method, params)
        if fault is None:
            return await serve()
        if fault.kind == "429":
            self._log(method, params, 429)
            description = f"Too Many Requests: retry after {fault.retry_after}"
            error = ApiError(429, description, {"retry_after": fault.retry_after})
            return web.json_response(error.payload(), status=429)
        if fault.kind == "5xx":
            self._log(method, params, 502)
            return _error(502, "Bad Gateway")
        if fault.kind == "slow":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closing.wait(), fault.slow_seconds)
            if request.transport is not None and not request.transport.is_closing():
                return await serve()
        if fault.kind in ("slow", "drop"):
            self._log(method, params, 0)
            return _abort(request)
        # drop_after: the call is processed, then the answer is cut off mid-body.
        response = await serve()
        body = response.body if isinstance(response.body, bytes) else b""
        partial = web.StreamResponse(status=response.status, headers=response.headers)
        partial.content_length = len(body)
        await partial.prepare(request)
        await partial.write(body[: len(body) // 2])
        _abort(request)
        return partial

    async def _call(self, method: str, params: dict[str, Any]) -> web.Response:
        try:
            self._check_limits(method, params)
            if method == "getUpdates":
                result = await self._get_updates(params)
            else:
                result = self.api.handle(method, params)
        except ApiError as exc:
            if exc.code == 429:
                self.limit_violations += 1
            self._log(method, params, exc.code)
            return web.json_response(exc.payload(), status=exc.code)
        self._record_limits(method, params)
        self._log(method, params, 200)
        return web.json_response({"ok": True, "result": result})

    def _limited_chat(self, method: str, params: dict[str, Any]) -> tuple[int, bool] | None:
        if self.limiter is None or method not in SEND_METHODS:
            return None
        chat = self.state.chats.get(params.get("chat_id"))  # type: ignore[arg-type]
        if chat is None or chat.blocked:
            return None
        return chat.chat["id"], chat.is_private

    def _check_limits(self, method: str, params: dict[str, Any]) -> None:
        with self.state.cond:
            target = self._limited_chat(method, params)
            if target is None or self.limiter is None:
                return
            retry_after = self.limiter.check(*target)
            if retry_after is not None:
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )

    def _record_limits(self, method: str, params: dict[str, Any]) -> None:
        with self.state.cond:
            target = self._limited_chat(method, params)
            if target is not None and self.limiter is not None:
                self.limiter.record(*target)

    async def _file(self, file_path: str) -> web.Response:
        record = self.state.file_by_path(file_path)
        if record is None:
            self._log("downloadFile", {"file_path": file_path}, 404)
            return _error(404, "Not Found")
        self._log("downloadFile", {"file_path": file_path}, 200)
        return web.Response(
            body=record.data, content_type=record.mime_type or "application/octet-stream"
        )

    # -- long polling ------------------------------------------------------------------------

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.state.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        with self.state.cond:
            self.polls_started += 1
            if "allowed_updates" in params:
                self.state.allowed_updates = params["allowed_updates"] or None
            self.state.cond.notify_all()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        while True:
            updates = self.state.take_updates(offset, limit)
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self.closing.is_set():
                return copy.deepcopy(updates)
            waiter: asyncio.Future[None] = loop.create_future()
            self._pollers.add(waiter)
            self.state.notify()
            try:
                await asyncio.wait({waiter}, timeout=remaining)
            finally:
                self._pollers.discard(waiter)

    def wake_pollers(self) -> None:
        """Wake every waiting getUpdates (must run on the server loop)."""
        for waiter in list(self._pollers):
            if not waiter.done():
                waiter.set_result(None)

    def wake_from_any_thread(self) -> None:
        """Schedule wake_pollers on the server loop from any thread."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.wake_pollers)
