"""End-to-end fixtures: the real Application, long polling a local Bot API.

The Bot API is the emulator's state served by one of two frontends (tests/emulator/server.py):
the product's own local messenger routes (bot/messenger/server.py) or the emulator's aiohttp
frontend, which alone injects faults, enforces flood limits and adds link latency. The setting
PARKBOT_E2E_MESSENGER picks it: unset, every test runs on "local" but those marked
`emulator_only`, which run on "emulator"; "emulator" runs every test there; "local" runs every
test on the local messenger and skips the `emulator_only` ones with their reason.
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from bot.app import build_application
from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from bot.telegram.runner import ALLOWED_UPDATES
from tests.emulator.runner import BotThread
from tests.emulator.server import BotApiEmulator

TOKEN = "123456789:AAE2eTestTokenForParkbot_abcdefgh"
BOT_USERNAME = "parkbot_test_bot"


@dataclass
class MovableClock:
    """A clock tests can move; the bot reads it through Services.now()."""

    current: datetime

    def __call__(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Moves time forward."""
        self.current += delta


@dataclass
class Harness:
    """A running bot, its emulator, its database and its clock."""

    emulator: BotApiEmulator
    db: Database
    services: Services
    bot: BotThread
    clock: MovableClock


def make_settings(emulator: BotApiEmulator, db: Database, **overrides: object) -> Settings:
    """Settings pointing the bot at the emulator, ignoring any .env on the machine."""
    values: dict[str, object] = {
        "telegram_bot_token": TOKEN,
        "telegram_base_url": emulator.base_url,
        "telegram_base_file_url": emulator.base_file_url,
        "database_url": db.engine.url.render_as_string(hide_password=False),
        "poll_timeout": 1,
        # Tests type far faster than people: the flood guard's production values would stop
        # them. tests/e2e/test_flood.py runs with those values.
        "flood_max_updates": 10_000,
        "stranger_notice_seconds": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


MESSENGERS = ("emulator", "local")


def frontend_for(node: pytest.Item) -> str:
    """The frontend a test runs on (see the module docstring); skips it if it can't."""
    chosen = os.environ.get("PARKBOT_E2E_MESSENGER", "")
    if chosen not in ("", *MESSENGERS):
        raise pytest.UsageError(
            f"PARKBOT_E2E_MESSENGER must be one of {MESSENGERS}, not {chosen!r}"
        )
    only = node.get_closest_marker("emulator_only")
    if only is None:
        return chosen or "local"
    if chosen == "local":
        reason = only.kwargs.get("reason") or (only.args[0] if only.args else "")
        pytest.skip(f"emulator_only: {reason or 'needs the emulator frontend'}")
    return "emulator"


@pytest.fixture
def emulator(request: pytest.FixtureRequest) -> Iterator[BotApiEmulator]:
    """The Bot API on loopback, served by the frontend PARKBOT_E2E_MESSENGER picks."""
    frontend = frontend_for(request.node)
    with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME, frontend=frontend) as emu:  # type: ignore[arg-type]
        yield emu


@pytest.fixture
def start_bot(
    emulator: BotApiEmulator, db: Database, now: datetime
) -> Iterator[Callable[..., Harness]]:
    """Starts the bot against the emulator (settings overridable); stops it after the test."""
    running: list[BotThread] = []

    def start(**overrides: object) -> Harness:
        clock = MovableClock(now)
        services = Services(settings=make_settings(emulator, db, **overrides), db=db, clock=clock)
        thread = BotThread(
            build_application(services), poll_timeout=1, allowed_updates=ALLOWED_UPDATES
        )
        thread.start()
        running.append(thread)
        return Harness(emulator, db, services, thread, clock)

    yield start
    for thread in running:
        thread.stop()
    for thread in running:
        thread.assert_no_errors()


@pytest.fixture
def harness(start_bot: Callable[..., Harness]) -> Harness:
    """The bot, running with default settings."""
    return start_bot()
