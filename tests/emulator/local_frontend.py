"""The emulator's state served by the product's own Bot API (bot/messenger/server.py).

`BotApiEmulator(frontend="local")` uses this instead of the aiohttp WebFrontend, so the e2e
suite and the contract tests run against the very routes `parkbot run` serves. Only a call
log is added, as an ASGI middleware here in tests: the product has no use for one.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.messenger.server import LocalMessenger, not_found, read_params
from bot.messenger.state import ApiError, MessengerState
from bot.serve import EmbeddedServer, bind

Call = tuple[float, str, dict[str, Any], int]


class CallLog:
    """ASGI middleware: logs every Bot API request as the emulator does (time, method, params,
    status), when its answer starts; counts getUpdates on arrival."""

    def __init__(self, app: ASGIApp, frontend: LocalFrontend) -> None:
        self.app = app
        self.frontend = frontend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        replay = _replaying(body, receive)
        method, params = await self._describe(scope, body)
        frontend = self.frontend
        polling = method == "getUpdates"
        if polling:
            frontend.poll_arrived()
        answered = False

        async def logging_send(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.start" and not answered:
                answered = True
                frontend.log(method, params, message["status"], polling)
            await send(message)

        try:
            await self.app(scope, replay, logging_send)
        finally:
            if not answered:  # the client went away before any answer
                frontend.log(method, params, 0, polling)

    async def _describe(self, scope: Scope, body: bytes) -> tuple[str, dict[str, Any]]:
        """The method a path names (as the emulator logs it) and the request's parameters."""
        path: str = scope["path"]
        if path.startswith("/file/bot"):
            return "downloadFile", {"file_path": path.split("/", 3)[-1]}
        name = path.rsplit("/", 1)[-1]
        method = self.frontend.messenger.methods.get(name.lower(), name)
        try:
            params = await read_params(Request(scope, _replaying(body, None)))
        except (ApiError, ValueError, KeyError):
            params = {}
        return method, params


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Receive | None) -> Receive:
    """A receive that hands out the buffered body once, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if receive is None:
            return {"type": "http.disconnect"}
        return await receive()

    return replay


class LocalFrontend:
    """The product's LocalMessenger routes under uvicorn, on a background thread's loop."""

    def __init__(self, token: str, state: MessengerState, clock: Callable[[], float]) -> None:
        self.state = state
        self.clock = clock
        self.messenger = LocalMessenger(state, token=token)
        self.calls: list[Call] = []
        self.polls_started = 0
        self.active_polls = 0  # getUpdates requests received and not yet answered
        self.loop: asyncio.AbstractEventLoop | None = None
        self.port = 0
        self._server: EmbeddedServer | None = None
        self._thread: threading.Thread | None = None

    def poll_arrived(self) -> None:
        """Count a getUpdates request on arrival."""
        with self.state.cond:
            self.polls_started += 1
            self.active_polls += 1
            self.state.cond.notify_all()

    def log(self, method: str, params: dict[str, Any], status: int, polling: bool) -> None:
        """Record an answered (status 0: abandoned) request and wake the waiters."""
        with self.state.cond:
            self.calls.append((self.clock(), method, params, status))
            if polling:
                self.active_polls -= 1
            self.state.cond.notify_all()

    def start(self, port: int) -> None:
        """Bind the port, then serve from a thread; returns once uvicorn has started."""
        sock = bind("127.0.0.1", port)
        self.port = sock.getsockname()[1]
        app = Starlette(
            routes=self.messenger.routes(),
            middleware=[Middleware(CallLog, frontend=self)],
            exception_handlers={404: not_found},
        )
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=2
        )
        server = self._server = EmbeddedServer(config)
        loop = self.loop = asyncio.new_event_loop()
        self.messenger.bind_loop(loop)
        errors: list[BaseException] = []

        def run() -> None:
            """Serve until stop() asks uvicorn to exit."""
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(server.serve(sockets=[sock]))
            except BaseException as exc:
                errors.append(exc)
            finally:
                sock.close()
                loop.close()

        self._thread = threading.Thread(target=run, name="local-messenger", daemon=True)
        self._thread.start()
        for _ in range(1000):  # uvicorn sets `started` on its loop: look every 10 ms, 10 s
            if server.started or errors or not self._thread.is_alive():
                break
            self._thread.join(0.01)
        if not server.started:
            raise RuntimeError("local messenger failed to start") from (errors or [None])[0]

    def stop(self) -> None:
        """End waiting long polls, stop uvicorn and join the thread."""
        loop, server, thread = self.loop, self._server, self._thread
        if loop is None or server is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop already ended
            loop.call_soon_threadsafe(self.messenger.close)
        server.should_exit = True
        thread.join(10)
        self.loop = self._server = self._thread = None
