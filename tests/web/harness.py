"""WebBot: `bot.serve.serve` — the bot and its web server in one loop — on a background thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Self

from starlette.routing import BaseRoute

from bot.serve import Running, bind, serve
from bot.services import Services


class WebBot:
    """Runs the product's event loop (local messenger, web routes, the Application) off-thread."""

    def __init__(
        self,
        services: Services,
        routes: Callable[[Running], list[BaseRoute]] | None = None,
        startup_timeout: float = 20.0,
    ) -> None:
        self.services = services
        self.routes = routes
        self.startup_timeout = startup_timeout
        self.sock = bind("127.0.0.1", 0)
        self.port: int = self.sock.getsockname()[1]
        self.running: Running | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._main, name="web-bot", daemon=True)

    @property
    def url(self) -> str:
        """The web server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start and wait until the bot polls; re-raise a startup failure."""
        self._thread.start()
        if not self._ready.wait(self.startup_timeout):
            raise RuntimeError(f"web bot did not start within {self.startup_timeout}s")
        if self._failure:
            raise RuntimeError(f"web bot failed: {self._failure[0]!r}") from self._failure[0]

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self.loop = loop
        asyncio.set_event_loop(loop)

        def started(running: Running) -> None:
            self.running = running
            self._ready.set()

        try:
            loop.run_until_complete(
                serve(
                    self.services,
                    sock=self.sock,
                    routes=self.routes,
                    started=started,
                    handle_signals=False,
                )
            )
        except BaseException as error:
            self._failure.append(error)
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            self._ready.set()

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the bot and the server, join the thread."""
        loop, running = self.loop, self.running
        if running is not None and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(running.stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"web bot did not stop within {timeout}s")
        if self._failure:
            raise AssertionError(f"web bot failed: {self._failure[0]!r}") from self._failure[0]

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
