"""Fixtures: the real bot and web server on loopback, with the local messenger."""

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from tests.e2e.conftest import MovableClock
from tests.web.harness import WebBot


def local_settings(db: Database, messenger_dir: Path, **overrides: object) -> Settings:
    """Settings for the local messenger, ignoring any .env on the machine."""
    values: dict[str, object] = {
        "messenger": "local",
        "messenger_dir": messenger_dir,
        "database_url": db.engine.url.render_as_string(hide_password=False),
        "poll_timeout": 1,
        "flood_max_updates": 10_000,
        "stranger_notice_seconds": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
def start_web(db: Database, now: datetime, tmp_path: Path) -> Iterator[Callable[..., WebBot]]:
    """Starts the bot with its web server (routes overridable); stops it after the test."""
    started: list[WebBot] = []

    def start(routes: Callable | None = None, **overrides: object) -> WebBot:
        settings = local_settings(db, tmp_path / "messenger", **overrides)
        services = Services(settings=settings, db=db, clock=MovableClock(now))
        web = WebBot(services, routes=routes)
        web.start()
        started.append(web)
        return web

    yield start
    for web in reversed(started):
        web.stop()


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """The system Chromium, headless, launched once for every test of a browser module."""
    from tests.web.browser import CHROMIUM, playwright_api

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()
