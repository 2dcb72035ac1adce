"""End-to-end fixtures: the real Application, long polling a local Bot API emulator."""

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


@pytest.fixture
def emulator() -> Iterator[BotApiEmulator]:
    """A Bot API emulator on loopback."""
    with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME) as emu:
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
