"""BotThread: run a PTB Application with polling in a background thread's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Self, TypeVar

from telegram.ext import Application, ContextTypes

T = TypeVar("T")


class BotThread:
    """Drives the manual PTB lifecycle the way run_polling does, but off the test thread."""

    def __init__(
        self,
        app: Application,
        *,
        poll_timeout: int = 1,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool = False,
        record_errors: bool = True,
        startup_timeout: float = 15.0,
    ) -> None:
        self.app = app
        self.poll_timeout = poll_timeout
        self.allowed_updates = allowed_updates
        self.drop_pending_updates = drop_pending_updates
        self.startup_timeout = startup_timeout
        self.errors: list[BaseException] = []
        self._errors_changed = threading.Condition()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None
        if record_errors:
            app.add_error_handler(self._record_error)

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            with self._errors_changed:
                self.errors.append(context.error)
                self._errors_changed.notify_all()

    def wait_error(self, timeout: float = 5.0) -> BaseException:
        """Wait until a handler error has been recorded and return the first one."""
        with self._errors_changed:
            if not self._errors_changed.wait_for(lambda: self.errors, timeout):
                raise AssertionError(f"no handler error within {timeout}s")
            return self.errors[0]

    def start(self) -> None:
        """Start the bot; raise RuntimeError (chained to the cause) if startup fails."""
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._main, args=(ready, failure), name="ptb-bot", daemon=True
        )
        self._thread.start()
        if not ready.wait(self.startup_timeout):
            raise RuntimeError(f"bot did not start within {self.startup_timeout}s")
        if failure:
            self._thread.join(self.startup_timeout)
            raise RuntimeError(f"bot failed to start: {failure[0]!r}") from failure[0]

    def _main(self, ready: threading.Event, failure: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self.loop = loop
        try:
            loop.run_until_complete(self._lifecycle(ready, failure))
        except BaseException as exc:
            failure.append(exc)
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            ready.set()

    async def _lifecycle(self, ready: threading.Event, failure: list[BaseException]) -> None:
        app = self.app
        self._stopped = asyncio.Event()
        try:
            await app.initialize()
            if app.post_init:
                await app.post_init(app)
            assert app.updater is not None, "BotThread needs an Application with an Updater"
            await app.updater.start_polling(
                poll_interval=0,
                timeout=self.poll_timeout,
                allowed_updates=self.allowed_updates,
                drop_pending_updates=self.drop_pending_updates,
            )
            await app.start()
        except BaseException as exc:
            failure.append(exc)
            ready.set()
            await self._teardown()
            return
        ready.set()
        await self._stopped.wait()
        await self._teardown()

    async def _teardown(self) -> None:
        app = self.app
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        await app.bot.shutdown()  # no-op unless initialize() failed half-way
        if app.post_shutdown:
            await app.post_shutdown(app)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop polling, stop and shut down the Application, join the thread."""
        if self._thread is None:
            return
        if self.loop is not None and self._stopped is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop may have finished already
                self.loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"bot thread did not stop within {timeout}s")
        self._thread = None

    def run(self, work: Callable[[], Awaitable[T]] | Awaitable[T], timeout: float = 10.0) -> T:
        """Run a coroutine (or a zero-arg coroutine function) on the bot's loop; return result."""
        if self.loop is None or self.loop.is_closed():
            raise RuntimeError("bot is not running")
        coro: Any = work() if callable(work) else work
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def assert_no_errors(self) -> None:
        """Raise AssertionError if any handler raised (errors seen by the error handler)."""
        if self.errors:
            raise AssertionError(f"bot handlers raised: {self.errors!r}") from self.errors[0]

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
