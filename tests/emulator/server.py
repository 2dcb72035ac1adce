"""BotApiEmulator: a local Telegram Bot API over HTTP, served from a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import threading
import time
from collections.abc import Callable
from typing import Any, Literal, Self

from aiohttp import web

from bot.messenger.state import EmuState, Message
from tests.emulator.faults import FaultInjector
from tests.emulator.limits import RateLimiter
from tests.emulator.local_frontend import LocalFrontend
from tests.emulator.users import SimGroup, SimUser
from tests.emulator.web_app import Call, WebFrontend

Frontend = Literal["emulator", "local"]


class EmulatorOnly(RuntimeError):
    """A feature of the emulator's own frontend, asked of the product's local messenger."""


class BotApiEmulator:
    """Serves the Bot API on 127.0.0.1 for a real PTB Application; see tests/emulator docs.

    frontend="emulator" answers through the aiohttp WebFrontend, with fault injection, flood
    limits, link latency and a call log; frontend="local" serves the same state through the
    product's LocalMessenger routes (bot/messenger/server.py) under uvicorn, with a call log
    only, so tests prove the product's Bot API as well.
    """

    def __init__(
        self,
        token: str = "123:ABC",
        bot_username: str = "parkbot_test_bot",
        bot_first_name: str = "ParkBot",
        seed: int = 0,
        port: int = 0,
        latency_ms: float = 0.0,
        frontend: Frontend = "emulator",
    ) -> None:
        if frontend not in ("emulator", "local"):
            raise ValueError(f"unknown frontend {frontend!r}")
        self.token = token
        self.frontend: Frontend = frontend
        self._bind_port = port  # 0: any free port
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
        self._faults = FaultInjector(seed)
        self.clock: Callable[[], float] = time.monotonic
        self._web = WebFrontend(token, self.state, self._faults, lambda: self.clock())
        self._local = (
            LocalFrontend(token, self.state, lambda: self.clock()) if frontend == "local" else None
        )
        self.set_latency(latency_ms)
        self.port = 0
        self._users: dict[int, SimUser] = {}
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    def _emulator_only(self, feature: str) -> None:
        if self._local is not None:
            raise EmulatorOnly(
                f"{feature} is a feature of the emulator frontend, not of the local messenger: "
                "mark the test @pytest.mark.emulator_only"
            )

    @property
    def faults(self) -> FaultInjector:
        """The fault injector (emulator frontend only)."""
        self._emulator_only("fault injection")
        return self._faults

    @property
    def web(self) -> WebFrontend:
        """The aiohttp frontend (emulator frontend only)."""
        self._emulator_only("the aiohttp frontend")
        return self._web

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
        if self._local is not None:
            self._local.start(self._bind_port)
            self.port = self._local.port
            return
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            """Bind the server, then run its loop until stop()."""
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve())
            except BaseException as exc:
                errors.append(exc)
                loop.close()
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.close()

        self.web.loop = loop
        self.state.on_update = self.web.wake_from_any_thread
        self._thread = threading.Thread(target=run, name="bot-api-emulator", daemon=True)
        self._thread.start()
        if not ready.wait(10) or errors:
            raise RuntimeError("Bot API emulator failed to start") from (errors or [None])[0]

    def stop(self) -> None:
        """Stop the server, end pending long polls and join the thread."""
        if self._local is not None:
            self._local.stop()
            return
        loop = self.web.loop
        if loop is None or self._thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
        with contextlib.suppress(Exception):
            future.result(10)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(10)
        self._thread = self.web.loop = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        self.web.closing.clear()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self.web.dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._bind_port)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        assert self._runner is not None
        await self.web.close()
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
            self.state.add_user(user)
            self.state.add_chat(chat)
            sim = SimUser(
                self.state, user, phone or f"+8613{user_id % 10**9:09d}", bot_token=self.token
            )
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

    def fail_next(self, method: str, kind: str, **options: Any) -> None:
        """Script the next calls of method to fail with kind: FaultInjector.fail_next's options
        (count, retry_after, matching). Emulator frontend only."""
        self.faults.fail_next(method, kind, **options)

    def enforce_limits(
        self, overall_per_s: int = 30, per_chat_per_s: float = 1.0, per_group_per_min: int = 20
    ) -> None:
        """Turn on Telegram's flood limits for send methods (uses self.clock; emulator only)."""
        self._emulator_only("flood limits")
        with self.state.cond:
            self.web.limiter = RateLimiter(
                self.web.clock, overall_per_s, per_chat_per_s, per_group_per_min
            )

    def set_latency(self, latency_ms: float) -> None:
        """Delays every call by this round trip: half before it is seen, half on its answer."""
        if latency_ms < 0:
            raise ValueError("latency_ms must not be negative")
        if latency_ms > 0:
            self._emulator_only("link latency")
        self._web.latency = latency_ms / 1000

    def disable_limits(self) -> None:
        """Turn flood limits off."""
        with self.state.cond:
            self._web.limiter = None

    @property
    def limit_violations(self) -> int:
        """Number of sends rejected by the flood limits."""
        return self._web.limit_violations

    @property
    def calls(self) -> list[Call]:
        """Snapshot of every request: (clock time, method, params, HTTP status; 0 = dropped)."""
        with self.state.cond:
            return list(self._local.calls if self._local is not None else self._web.calls)

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
    def polls_started(self) -> int:
        """getUpdates requests received so far, answered or still waiting."""
        with self.state.cond:
            return (self._local or self._web).polls_started

    @property
    def active_polls(self) -> int:
        """Number of getUpdates requests currently waiting for updates."""
        return (self._local or self._web).active_polls

    def pending_updates(self) -> int:
        """Number of updates queued and not yet confirmed by the bot."""
        with self.state.cond:
            return len(self.state.updates)
