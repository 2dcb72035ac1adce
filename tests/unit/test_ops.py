"""/healthz and /metrics through Starlette's TestClient: healthy, each failure, no secrets."""

import asyncio
import json
from dataclasses import dataclass

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from bot.telegram.http import Pulse
from bot.telegram.sender import OutboxSender
from bot.web import ops

TOKEN = "123456789:AAE2eTestTokenForParkbot_abcdefgh"
PG_PASSWORD = "s3cret-db-pw"


@dataclass
class FakeSender:
    """Stands in for OutboxSender: only `running` is read."""

    running: bool = True


def services_for(db: Database, now) -> Services:
    """Services with a token, so a leak of it into a body would show."""
    return Services(
        settings=Settings(_env_file=None, telegram_bot_token=TOKEN), db=db, clock=lambda: now
    )


async def never_called() -> object:
    raise AssertionError("getMe must not be called in local mode")


def client(services: Services, sender: object, **probes: ops.Check) -> TestClient:
    """A web app holding only the ops routes."""
    made = ops.probes_for(services, sender, "local", never_called)  # type: ignore[arg-type]
    if probes:
        made = ops.HealthProbes(**{**made.named(), **probes})
    app = Starlette(routes=ops.routes(made, ops.metrics_registry(services)))
    return TestClient(app)


def test_healthy(db, now):
    answer = client(services_for(db, now), FakeSender()).get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "checks": {"database": "ok", "bot_api": "local", "sender": "ok"},
    }


def test_a_database_that_does_not_answer_is_named(now):
    # A PostgreSQL URL with a password, on a loopback port nobody listens on.
    down = Database.from_url(f"postgresql+psycopg://parkbot:{PG_PASSWORD}@127.0.0.1:9/parkbot")
    services = Services(
        settings=Settings(
            _env_file=None, telegram_bot_token=TOKEN, database_url=str(down.engine.url)
        ),
        db=down,
        clock=lambda: now,
    )
    answer = client(services, FakeSender()).get("/healthz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "fail" and body["failing"] == ["database"]
    assert body["checks"] == {"database": "unreachable", "bot_api": "local", "sender": "ok"}
    assert PG_PASSWORD not in answer.text and TOKEN not in answer.text
    assert "127.0.0.1" not in answer.text and "psycopg" not in answer.text


def test_a_stopped_sender_is_named(db, now):
    services = services_for(db, now)
    never_started = OutboxSender(services)
    answer = client(services, never_started).get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["failing"] == ["sender"]
    assert answer.json()["checks"]["sender"] == "stopped"


def test_a_probe_that_crashes_fails_without_its_message(db, now):
    async def crashes() -> str:
        raise RuntimeError(f"postgresql://parkbot:{PG_PASSWORD}@db/parkbot")

    answer = client(services_for(db, now), FakeSender(), bot_api=crashes).get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["bot_api"] == "error"
    assert PG_PASSWORD not in answer.text


def test_a_check_that_hangs_times_out(db, now, monkeypatch):
    monkeypatch.setattr(ops, "CHECK_TIMEOUT", 0.05)
    release = asyncio.Event()

    async def hangs() -> str:
        await release.wait()
        return "ok"

    answer = client(services_for(db, now), FakeSender(), database=hangs).get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["failing"] == ["database"]
    assert answer.json()["checks"]["database"] == "timeout"


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_telegram_mode_trusts_a_recent_answer_then_asks_getme_at_most_every_30_s():
    clock, pulse, calls = Clock(), Pulse(), []

    async def get_me() -> object:
        calls.append(clock.now)
        return object()

    check = ops.telegram_check(get_me, pulse=pulse, clock=clock)
    pulse.answered_at = clock.now - 10
    assert await check() == "ok" and calls == []  # the bot's own traffic proves it

    clock.now += ops.RECENT_SECONDS  # nothing heard for a minute: one getMe
    assert await check() == "ok"
    assert await check() == "ok"
    assert calls == [clock.now]
    clock.now += ops.GET_ME_CACHE_SECONDS + 1
    await asyncio.gather(check(), check(), check())  # probes at once share one getMe
    assert len(calls) == 2


async def test_telegram_mode_fails_when_getme_fails_and_keeps_the_answer():
    clock, calls = Clock(), []

    async def get_me() -> object:
        calls.append(clock.now)
        raise OSError("connection refused")

    check = ops.telegram_check(get_me, pulse=Pulse(), clock=clock)
    for _ in range(3):
        with pytest.raises(ops.Unhealthy, match="unreachable"):
            await check()
    assert len(calls) == 1


def test_metrics_serves_the_text_format_with_every_instrument(db, now):
    answer = client(services_for(db, now), FakeSender()).get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    names = {family.name for family in text_string_to_metric_families(answer.text)}
    assert {
        "parkbot_updates",
        "parkbot_update_seconds",
        "parkbot_bot_api_sends",
        "parkbot_bot_api_429",
        "parkbot_bot_api_errors",
        "parkbot_handler_errors",
        "parkbot_outbox_queued",
        "parkbot_outbox_oldest_queued_seconds",
    } <= names
    assert TOKEN not in answer.text
    json.dumps(names, default=list)  # plain names, nothing else
