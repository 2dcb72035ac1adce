"""BotApiEmulator: a local Telegram Bot API over HTTP, served from a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import threading
import time
from collections.abc import Callable
from typing import Any, Self

from aiohttp import web

from tests.emulator.api import BotApi, Upload
from tests.emulator.faults import Fault, FaultInjector
from tests.emulator.limits import SEND_METHODS, RateLimiter
from tests.emulator.state import ApiError, EmuState, Message
from tests.emulator.users import SimGroup, SimUser

JSON_FIELDS = frozenset(
    {
        "reply_markup", "reply_parameters", "scope", "commands", "entities", "caption_entities",
        "allowed_updates", "menu_button", "link_preview_options", "media", "results",
    }
)  # fmt: skip
NUMBER_FIELDS = frozenset(
    {
        "chat_id", "message_id", "offset", "limit", "timeout", "user_id", "from_chat_id",
        "message_thread_id", "reply_to_message_id", "cache_time", "max_connections",
        "duration", "width", "height", "latitude", "longitude", "until_date",
    }
)  # fmt: skip
BOOL_FIELDS = frozenset(
    {
        "show_alert", "drop_pending_updates", "disable_notification", "protect_content",
        "allow_sending_without_reply", "has_spoiler", "disable_content_type_detection",
        "disable_web_page_preview", "is_personal",
    }
)  # fmt: skip
Call = tuple[float, str, dict[str, Any], int]


def _number(value: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def normalize_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode form values the way Telegram does: JSON objects, numbers, booleans, attach://."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and value.startswith("attach://"):
            value = raw.get(value.removeprefix("attach://"), value)
        elif isinstance(value, str) and key in JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
        elif isinstance(value, str) and key in NUMBER_FIELDS:
            value = _number(value)
        elif isinstance(value, str) and key in BOOL_FIELDS:
            value = value.lower() == "true"
        params[key] = value
    return params


def _error(code: int, description: str) -> web.Response:
    return web.json_response(ApiError(code, description).payload(), status=code)


class BotApiEmulator:
    """Serves the Bot API on 127.0.0.1 for a real PTB Application; see tests/emulator docs."""

    def __init__(
        self,
        token: str = "123:ABC",
        bot_username: str = "parkbot_test_bot",
        bot_first_name: str = "ParkBot",
        seed: int = 0,
    ) -> None:
        self.token = token
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 1
        self.state = EmuState(
            {
                "id": bot_id,
                "is_bot": True,
                "first_name": bot_first_name,
                "username": bot_username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )
        self.api = BotApi(self.state)
        self.methods = {name.lower(): name for name in [*self.api.handlers, "getUpdates"]}
        self.faults = FaultInjector(seed)
        self.clock: Callable[[], float] = time.monotonic
        self.limiter: RateLimiter | None = None
        self.limit_violations = 0
        self.port = 0
        self._calls: list[Call] = []
        self._users: dict[int, SimUser] = {}
        self._pollers: set[asyncio.Future[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._closing: asyncio.Event | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Bot API base URL for ApplicationBuilder.base_url (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """File base URL for ApplicationBuilder.base_file_url."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def start(self) -> None:
        """Start serving in a background thread; returns once the port is bound."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve())
            except BaseException as exc:
                errors.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.close()

        self._loop = loop
        self.state.on_update = self._wake_from_any_thread
        self._thread = threading.Thread(target=run, name="bot-api-emulator", daemon=True)
        self._thread.start()
        if not ready.wait(10) or errors:
            raise RuntimeError("Bot API emulator failed to start") from (errors or [None])[0]

    def stop(self) -> None:
        """Stop the server, end pending long polls and join the thread."""
        if self._loop is None or self._thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop)
        with contextlib.suppress(Exception):
            future.result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        self._closing = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        assert self._closing is not None and self._runner is not None
        self._closing.set()
        self._wake_pollers()
        await self._runner.cleanup()

    # -- test-facing API ---------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "zh-hans",
        username: str | None = None,
        last_name: str | None = None,
        phone: str | None = None,
    ) -> SimUser:
        """Create a user and their private chat (chat id == user id)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        optional = {"last_name": last_name, "username": username, "language_code": language_code}
        user.update({k: v for k, v in optional.items() if v is not None})
        chat = {"id": user_id, "type": "private", "first_name": first_name}
        chat.update({k: v for k, v in optional.items() if v is not None and k != "language_code"})
        with self.state.cond:
            self.state.users[user_id] = user
            self.state.add_chat(chat)
            sim = SimUser(self.state, user, phone or f"+8613{user_id % 10**9:09d}")
            self._users[user_id] = sim
            return sim

    def add_group(self, chat_id: int, title: str) -> SimGroup:
        """Create a group (supergroup if the id looks like -100...)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
        chat = {"id": chat_id, "type": kind, "title": title}
        self.state.add_chat(chat)
        return SimGroup(self.state, chat)

    def user(self, user_id: int) -> SimUser:
        """Return a previously added user."""
        return self._users[user_id]

    def fail_next(
        self, method: str, kind: str, count: int = 1, retry_after: int | None = None
    ) -> None:
        """Script the next `count` calls of method to fail with kind (see faults.FAULT_KINDS)."""
        self.faults.fail_next(method, kind, count, retry_after)

    def enforce_limits(
        self, overall_per_s: int = 30, per_chat_per_s: float = 1.0, per_group_per_min: int = 20
    ) -> None:
        """Turn on Telegram's flood limits for send methods (uses self.clock)."""
        with self.state.cond:
            self.limiter = RateLimiter(
                lambda: self.clock(), overall_per_s, per_chat_per_s, per_group_per_min
            )

    def disable_limits(self) -> None:
        """Turn flood limits off."""
        with self.state.cond:
            self.limiter = None

    @property
    def calls(self) -> list[Call]:
        """Snapshot of every request: (clock time, method, params, HTTP status; 0 = dropped)."""
        with self.state.cond:
            return list(self._calls)

    def calls_for(self, method: str) -> list[Call]:
        """Snapshot of the requests for one method."""
        return [call for call in self.calls if call[1] == method]

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until predicate() is true (re-checked on every state change) or raise."""
        with self.state.cond:
            if not self.state.cond.wait_for(predicate, timeout):
                raise AssertionError(f"condition not met within {timeout}s: {predicate!r}")

    def sent_count(self, chat_id: int | None = None) -> int:
        """Count messages the bot sent (edits excluded), in one chat or overall."""
        with self.state.cond:
            chats = self.state.chats.values()
            return sum(len(c.bot_messages()) for c in chats if chat_id in (None, c.chat["id"]))

    def bot_messages(self, chat_id: int) -> list[Message]:
        """Copies of the bot's messages in a chat."""
        with self.state.cond:
            return copy.deepcopy(self.state.chat(chat_id).bot_messages())

    def file_bytes(self, file_id: str) -> bytes:
        """Return the bytes stored behind a file_id."""
        with self.state.cond:
            return self.state.files[file_id].data

    def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """Return the command list stored by setMyCommands for a scope and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        with self.state.cond:
            return copy.deepcopy(self.state.commands.get(key, []))

    @property
    def active_polls(self) -> int:
        """Number of getUpdates requests currently waiting for updates."""
        return len(self._pollers)

    def pending_updates(self) -> int:
        """Number of updates queued and not yet confirmed by the bot."""
        with self.state.cond:
            return len(self.state.updates)

    # -- HTTP --------------------------------------------------------------------------------

    def _log(self, method: str, params: dict[str, Any], status: int) -> None:
        with self.state.cond:
            self._calls.append((self.clock(), method, params, status))
            self.state.cond.notify_all()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
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
            params = await self._read_params(request)
        except ApiError as exc:
            self._log(method, {}, exc.code)
            return web.json_response(exc.payload(), status=exc.code)
        return await self._with_faults(request, method, params, lambda: self._call(method, params))

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        raw: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: expected a JSON object")
            raw.update(body)
        elif request.body_exists:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    raw[key] = Upload(value.file.read(), value.filename, value.content_type)
                else:
                    raw[key] = value
        return normalize_params(raw)

    async def _with_faults(
        self,
        request: web.Request,
        method: str,
        params: dict[str, Any],
        serve: Callable[[], Any],
    ) -> web.StreamResponse:
        fault = self.faults.pick(method)
        kind = fault.kind if fault else None
        if fault and kind in ("429", "5xx", "drop"):
            return await self._fault_response(request, method, params, fault)
        if fault and kind == "slow":
            assert self._closing is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), fault.slow_seconds)
            if request.transport is None or request.transport.is_closing():
                self._log(method, params, 0)
                return web.Response(status=499)
        response: web.StreamResponse = await serve()
        if kind == "drop_after":
            return await self._fault_response(request, method, params, fault)
        return response

    async def _fault_response(
        self, request: web.Request, method: str, params: dict[str, Any], fault: Fault | None
    ) -> web.StreamResponse:
        assert fault is not None
        if fault.kind == "429":
            error = ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
            self._log(method, params, 429)
            return web.json_response(error.payload(), status=429)
        if fault.kind == "5xx":
            self._log(method, params, 502)
            return _error(502, "Bad Gateway")
        if fault.kind == "drop":
            self._log(method, params, 0)
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=499)

    async def _call(self, method: str, params: dict[str, Any]) -> web.StreamResponse:
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

    async def _file(self, file_path: str) -> web.StreamResponse:
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
        if "allowed_updates" in params:
            with self.state.cond:
                self.state.allowed_updates = params["allowed_updates"] or None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        assert self._closing is not None
        while True:
            updates = self.state.take_updates(offset, limit)
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self._closing.is_set():
                return copy.deepcopy(updates)
            waiter: asyncio.Future[None] = loop.create_future()
            self._pollers.add(waiter)
            self.state.notify()
            try:
                await asyncio.wait({waiter}, timeout=remaining)
            finally:
                self._pollers.discard(waiter)

    def _wake_pollers(self) -> None:
        for waiter in list(self._pollers):
            if not waiter.done():
                waiter.set_result(None)

    def _wake_from_any_thread(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake_pollers)
