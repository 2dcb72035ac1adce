"""`parkbot run`'s event loop: the Application and the web server (uvicorn) share it.

As python-telegram-bot's custom-webhook example does, the Application is driven by hand
(initialize, start, stop, shutdown) while uvicorn serves, so the web chat, the local
messenger's Bot API, the webhook, /healthz and /metrics answer from the same loop the
handlers run on. With the local messenger the bot's Bot API is this very server: the
listening socket is bound before the bot's first call, so that call cannot miss it.
"""

import asyncio
import contextlib
import dataclasses
import logging
import signal
import socket
from collections.abc import Awaitable, Callable, Iterator

import uvicorn
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.routing import BaseRoute
from telegram.ext import Application

from bot.app import build_application
from bot.messenger.server import LocalMessenger, not_found
from bot.services import Services
from bot.telegram import webhook
from bot.telegram.context import SENDER_KEY
from bot.telegram.runner import ALLOWED_UPDATES, wait_for_bot_api
from bot.web import board, chat, ops
from bot.web.board.context import BoardContext

log = logging.getLogger(__name__)


class EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handling: `serve` below stops everything in order."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Leaves SIGINT and SIGTERM to the caller."""
        yield


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0: any free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say they
    # are TCP, and with it on every answer waited ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def local_services(services: Services, messenger: LocalMessenger, port: int) -> Services:
    """The services with the Bot API pointed at the local messenger on this port."""
    base = f"http://127.0.0.1:{port}"
    settings = services.settings.model_copy(
        update={
            "messenger": "local",
            "telegram_bot_token": SecretStr(messenger.token),
            "telegram_base_url": f"{base}/bot",
            "telegram_base_file_url": f"{base}/file/bot",
        }
    )
    return dataclasses.replace(services, settings=settings)


@dataclasses.dataclass
class Running:
    """What `serve` started, for whoever waits on it (tests, `parkbot demo`)."""

    services: Services
    application: Application
    messenger: LocalMessenger | None
    port: int
    stop: asyncio.Event


async def serve(
    services: Services,
    *,
    sock: socket.socket | None = None,
    routes: Callable[[Running], list[BaseRoute]] | None = None,
    started: Callable[[Running], Awaitable[None] | None] | None = None,
    handle_signals: bool = True,
) -> None:
    """Runs the bot and the web server until SIGINT/SIGTERM (or `Running.stop` is set).

    `routes` adds routes matched before the default ones (an embedding program's, a test's).
    """
    settings = services.settings
    sock = sock or bind(settings.web_host, settings.web_port)
    port = sock.getsockname()[1]
    messenger = None
    if settings.uses_local_messenger():
        messenger = LocalMessenger.open(settings.messenger_dir)
        messenger.bind_loop(asyncio.get_running_loop())
        services = local_services(services, messenger, port)
    application = build_application(services)
    running = Running(services, application, messenger, port, asyncio.Event())
    # Webhook mode: Telegram POSTs updates to this server; the secret is checked on each.
    secret = webhook.webhook_secret(settings) if settings.uses_webhook() else None
    hook = (
        webhook.routes(application, secret, webhook.webhook_path(settings.webhook_url or ""))
        if secret is not None
        else []
    )
    web = Starlette(
        routes=[*hook, *(routes or _none)(running), *default_routes(running)],
        exception_handlers={404: not_found},
    )
    server = EmbeddedServer(
        uvicorn.Config(
            web,
            log_level="warning",
            lifespan="off",
            access_log=False,
            # Long polls end at once on stop (the web chat's and getUpdates'); this bounds
            # whatever else is still answering.
            timeout_graceful_shutdown=5,
            # Longer than a browser's pause between long polls (and than uvicorn's 5 s): an idle
            # connection the server drops as the page reuses it costs the page a reconnect.
            timeout_keep_alive=75,
        )
    )
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    if handle_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, running.stop.set)
    try:
        if messenger is None:
            await wait_for_bot_api(services.settings)
        await _run_bot(running, started, secret)
    finally:
        server.should_exit = True
        if messenger is not None:
            messenger.close()
        await serving
        sock.close()


def _none(_: Running) -> list[BaseRoute]:
    return []


def default_routes(running: Running) -> list[BaseRoute]:
    """What the web server always serves: health, metrics and the wall board; with the local
    messenger, its Bot API and the web chat."""
    services, application, messenger = running.services, running.application, running.messenger
    probes = ops.probes_for(
        services,
        application.bot_data[SENDER_KEY],
        "local" if messenger is not None else "telegram",
        application.bot.get_me,
    )
    served = ops.routes(probes, ops.metrics_registry(services))
    # The board in both modes; with Telegram its Mini App sign-in checks initData by the token.
    token = None if messenger is not None else _bot_token(services)
    served += board.routes(BoardContext.build(services, token))
    if messenger is not None:
        served += [*messenger.routes(), *chat.routes(services, messenger)]
    return served


def _bot_token(services: Services) -> str | None:
    secret = services.settings.telegram_bot_token
    return secret.get_secret_value() if secret is not None else None


async def _run_bot(
    running: Running,
    started: Callable[[Running], Awaitable[None] | None] | None,
    webhook_secret: str | None,
) -> None:
    application = running.application
    settings = running.services.settings
    async with application:
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        if webhook_secret is None:
            await application.updater.start_polling(
                poll_interval=0.0,
                timeout=settings.poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
                bootstrap_retries=-1,
            )
        else:
            # Updates Telegram queued while parkbot was down are delivered, not dropped. The
            # webhook stays set when parkbot stops (README "Telegram"): Telegram keeps
            # queueing and retrying until the next start, which sets it again.
            await application.bot.set_webhook(
                settings.webhook_url or "",
                secret_token=webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )
        await application.start()
        log.info(
            "parkbot started as @%s (%s)",
            application.bot.username,
            "webhook" if webhook_secret is not None else "long polling",
        )
        if started is not None and (waiting := started(running)) is not None:
            await waiting
        await running.stop.wait()
        if application.updater.running:
            await application.updater.stop()
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    if application.post_shutdown:
        await application.post_shutdown(application)
    log.info("parkbot stopped")
