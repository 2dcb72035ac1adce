"""/healthz and /metrics: what a supervisor and Prometheus ask of the running bot.

`/healthz` runs three checks side by side, each within `CHECK_TIMEOUT`: the database answers a
SELECT 1 (in a thread: the driver blocks), the Bot API is reachable (in local-messenger mode
simply "local"; with Telegram, any answer within `RECENT_SECONDS`, noted by the request class
every call goes through, else one getMe, whose result is kept `GET_ME_CACHE_SECONDS` so a
monitoring probe cannot hammer Telegram), and the outbox sender's task is alive. 200 with
{"status": "ok", "checks": {...}} when all pass; 503 with "status": "fail" and the failing
checks named in "failing" otherwise. A check's value is a fixed word, never an error's text,
which could hold a database URL or the token.

`/metrics` is Prometheus's text format from the registry given (`metrics_registry`); it is
generated in a thread, since the outbox gauges read the database.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import metrics
from bot.db import Database
from bot.outbox import queue as outbox
from bot.services import Services
from bot.telegram.http import PULSE, Pulse
from bot.telegram.sender import OutboxSender

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 3.0  # seconds for each check; a supervisor's probe usually waits 5-10 s
RECENT_SECONDS = 60.0  # a Bot API answer this recent proves it reachable
GET_ME_CACHE_SECONDS = 30.0
GET_ME_TIMEOUT = 2.5  # within CHECK_TIMEOUT

Check = Callable[[], Awaitable[str]]


class Unhealthy(Exception):
    """A check failed; `reason` is a fixed public word (never an error message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class HealthProbes:
    """The checks of /healthz: each returns a short word when healthy, raises Unhealthy if not."""

    database: Check
    bot_api: Check
    sender: Check

    def named(self) -> dict[str, Check]:
        """The checks by the names /healthz shows."""
        return {"database": self.database, "bot_api": self.bot_api, "sender": self.sender}


def database_check(db: Database) -> Check:
    """SELECT 1 off the event loop; one at a time, so a hung database cannot pile up threads."""
    running: list[asyncio.Future[None]] = []

    def select_one() -> None:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def check() -> str:
        if not running or running[0].done():
            running[:] = [asyncio.ensure_future(asyncio.to_thread(select_one))]
        try:
            # shield: when /healthz gives up (CHECK_TIMEOUT), the thread's future stays for
            # the next probe to wait on.
            await asyncio.shield(running[0])
        except Exception as error:
            log.warning("healthz: database unreachable: %s", type(error).__name__)
            raise Unhealthy("unreachable") from None
        return "ok"

    return check


def sender_check(sender: OutboxSender) -> Check:
    """The outbox sender's task is running (not stopped, not crashed)."""

    async def check() -> str:
        if not sender.running:
            raise Unhealthy("stopped")
        return "ok"

    return check


def local_check() -> Check:
    """The built-in local messenger runs in this process: reachable by construction."""

    async def check() -> str:
        return "local"

    return check


@dataclass
class _LastGetMe:
    """The last getMe started by a probe: when, and its answer (True: it succeeded)."""

    at: float = 0.0
    answer: "asyncio.Future[bool] | None" = None


def telegram_check(
    get_me: Callable[[], Awaitable[object]],
    *,
    pulse: Pulse = PULSE,
    clock: Callable[[], float] = time.monotonic,
) -> Check:
    """Reachable if the Bot API answered lately, else one getMe, its result kept for a while."""
    last = _LastGetMe()

    async def ask() -> bool:
        try:
            await asyncio.wait_for(get_me(), GET_ME_TIMEOUT)
        except Exception as error:
            log.warning("healthz: getMe failed: %s", type(error).__name__)
            return False
        return True

    async def check() -> str:
        now = clock()
        if pulse.answered_at is not None and now - pulse.answered_at <= RECENT_SECONDS:
            return "ok"
        if last.answer is None or now - last.at > GET_ME_CACHE_SECONDS:
            # Probes arriving meanwhile share this one getMe rather than starting their own.
            last.at, last.answer = now, asyncio.ensure_future(ask())
        if not await asyncio.shield(last.answer):
            raise Unhealthy("unreachable")
        return "ok"

    return check


def probes_for(
    services: Services,
    sender: OutboxSender,
    bot_api: Literal["local", "telegram"],
    get_me: Callable[[], Awaitable[object]],
) -> HealthProbes:
    """The probes of the running bot: its database, its Bot API endpoint, its outbox sender."""
    return HealthProbes(
        database=database_check(services.db),
        bot_api=local_check() if bot_api == "local" else telegram_check(get_me),
        sender=sender_check(sender),
    )


def metrics_registry(services: Services) -> CollectorRegistry:
    """The registry /metrics serves for this bot: the instruments and its outbox gauges."""

    def read_backlog() -> metrics.Backlog:
        with services.db.scope() as session:
            queued, oldest = outbox.backlog(session)
        age = 0.0 if oldest is None else (services.now() - oldest).total_seconds()
        return metrics.Backlog(queued, max(age, 0.0))

    return metrics.scrape_registry(read_backlog)


async def _run(check: Check) -> tuple[bool, str]:
    try:
        return True, await asyncio.wait_for(check(), CHECK_TIMEOUT)
    except TimeoutError:
        return False, "timeout"
    except Unhealthy as failure:
        return False, failure.reason
    except Exception as error:  # a bug in a probe reports a failure, not a 500
        log.exception("healthz: check crashed: %s", type(error).__name__)
        return False, "error"


def routes(probes: HealthProbes, registry: CollectorRegistry) -> list[Route]:
    """The /healthz and /metrics routes, to mount on the web app."""

    async def healthz(_request: Request) -> JSONResponse:
        named = probes.named()
        results = await asyncio.gather(*(_run(check) for check in named.values()))
        checks = {name: word for name, (_ok, word) in zip(named, results, strict=True)}
        failing = [name for name, (ok, _word) in zip(named, results, strict=True) if not ok]
        if failing:
            body = {"status": "fail", "failing": failing, "checks": checks}
            return JSONResponse(body, status_code=503, headers={"Cache-Control": "no-store"})
        body = {"status": "ok", "checks": checks}
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def scrape(_request: Request) -> Response:
        payload = await asyncio.to_thread(generate_latest, registry)
        return Response(payload, media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", scrape, methods=["GET"]),
    ]
