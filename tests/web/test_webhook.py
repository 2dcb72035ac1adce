"""Webhook mode end to end: the emulator plays Telegram, POSTing updates to parkbot's server."""

import dataclasses
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from bot.telegram.logs import redact
from bot.telegram.webhook import SECRET_HEADER
from tests.e2e.conftest import BOT_USERNAME, TOKEN, MovableClock, make_settings
from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser
from tests.web.harness import WebBot

SECRET = "s3cret_-Value"
PATH = "/telegram/webhook"


@pytest.fixture
def emulator() -> Iterator[BotApiEmulator]:
    """Telegram, on loopback."""
    with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME) as emu:
        yield emu


@pytest.fixture
def start_hooked(
    emulator: BotApiEmulator, db: Database, now: datetime
) -> Iterator[Callable[..., WebBot]]:
    """Starts the bot in webhook mode, its webhook URL on the web server's own port."""
    started: list[WebBot] = []

    def start(**overrides: object) -> WebBot:
        settings = make_settings(emulator, db, messenger="telegram", **overrides)
        web = WebBot(Services(settings=settings, db=db, clock=MovableClock(now)))
        # The URL names the port WebBot has just bound, so the settings are made after it.
        url = f"http://127.0.0.1:{web.port}{PATH}"
        web.services = dataclasses.replace(
            web.services, settings=settings.model_copy(update={"webhook_url": url})
        )
        web.start()
        started.append(web)
        return web

    yield start
    for web in reversed(started):
        web.stop()


def _update(user: SimUser, emulator: BotApiEmulator) -> dict[str, Any]:
    """A /start the user typed, as Telegram would deliver it (taken off the emulator's queue)."""
    user.send_command("start")
    (update,) = emulator.state.take_updates(None, 100)
    emulator.state.take_updates(update["update_id"] + 1, 100)  # confirmed: the queue is empty
    return update


def test_set_webhook_then_a_delivery_is_answered(start_hooked, emulator):
    web = start_hooked(webhook_secret=SECRET)
    hook = emulator.state.webhook
    assert hook["url"] == f"{web.url}{PATH}"
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert hook.get("drop_pending_updates") in (False, None)
    assert emulator.calls_for("getUpdates") == []

    user = emulator.add_user(700001, "张伟")
    answer = httpx.post(
        f"{web.url}{PATH}", json=_update(user, emulator), headers={SECRET_HEADER: SECRET}
    )
    assert answer.status_code == 200
    assert user.wait_message(timeout=30).get("text")


def test_a_generated_secret_guards_the_route(start_hooked, emulator):
    web = start_hooked()
    secret = emulator.state.webhook["secret_token"]
    assert 32 <= len(secret) <= 256
    user = emulator.add_user(700002, "王芳")
    refused, delivered = _update(user, emulator), _update(user, emulator)

    for headers in ({SECRET_HEADER: "wrong"}, {SECRET_HEADER: secret[:-1]}, {}):
        answer = httpx.post(f"{web.url}{PATH}", json=refused, headers=headers)
        assert answer.status_code == 403
    ok = httpx.post(f"{web.url}{PATH}", json=delivered, headers={SECRET_HEADER: secret})
    assert ok.status_code == 200
    user.wait_message(timeout=30)
    # One person's updates are handled in order: had a refused one been queued, its answer
    # would have come first.
    assert len(user.messages()) == 1


GARBAGE = (b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"{}", b'{"update_id": 1, "message": 5}')


def test_garbage_is_refused_with_400(start_hooked, emulator):
    web = start_hooked(webhook_secret=SECRET)
    user = emulator.add_user(700003, "李娜")
    for body in GARBAGE:
        answer = httpx.post(
            f"{web.url}{PATH}",
            content=body,
            headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"},
        )
        assert answer.status_code == 400, body
    assert httpx.get(f"{web.url}{PATH}").status_code == 405  # only POST delivers
    # The server keeps serving: the next real delivery is answered, and only it.
    ok = httpx.post(
        f"{web.url}{PATH}", json=_update(user, emulator), headers={SECRET_HEADER: SECRET}
    )
    assert ok.status_code == 200
    user.wait_message(timeout=30)
    assert len(user.messages()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://bot.example.org/telegram/webhook",
        "http://127.0.0.1:8443/telegram/webhook",
        "http://localhost/hook",
    ],
)
def test_webhook_url_accepted(url):
    assert Settings(_env_file=None, webhook_url=url).webhook_url == url


@pytest.mark.parametrize(
    "url", ["http://bot.example.org/telegram/webhook", "ftp://127.0.0.1/x", "https:///path"]
)
def test_webhook_url_must_be_https_off_loopback(url):
    with pytest.raises(ValidationError, match="PARKBOT_WEBHOOK_URL"):
        Settings(_env_file=None, webhook_url=url)


@pytest.mark.parametrize("secret", ["a b", "x" * 257, "秘密", "semi;colon"])
def test_webhook_secret_telegram_would_refuse_is_refused(secret):
    with pytest.raises(ValidationError, match="PARKBOT_WEBHOOK_SECRET"):
        Settings(_env_file=None, webhook_secret=secret)


def test_webhook_only_with_telegram():
    url = "https://bot.example.org/hook"
    assert not Settings(_env_file=None, webhook_url=url).uses_webhook()  # no token: local
    with_token = Settings(_env_file=None, webhook_url=url, telegram_bot_token=TOKEN)
    assert with_token.uses_webhook()
    assert not Settings(_env_file=None, telegram_bot_token=TOKEN).uses_webhook()


def test_the_secret_is_not_logged():
    line = "Calling Bot API endpoint `setWebhook` with parameters `{'secret_token': 'Xy_1-z'}`"
    assert "Xy_1-z" not in redact(line)


def test_the_wall_board_is_served_in_telegram_mode_too(start_hooked):
    web = start_hooked()
    page = httpx.get(f"{web.url}/board")
    assert page.status_code == 403  # no session, no data: how to get access
    assert 'id="board-no-access"' in page.text and TOKEN not in page.text
    assert httpx.get(f"{web.url}/board-static/board.js").status_code == 200
