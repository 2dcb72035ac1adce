"""The 看板 button on Telegram: /board gives a web_app button; Telegram's signed initData
(the emulator signs it as Telegram does) signs the member in on the running web server."""

from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlmodel import select

from bot.db import Database
from bot.i18n import Catalogue
from bot.messenger.state import message_text
from bot.services import Services
from bot.settings import Settings
from models import WebSession
from tests.e2e.conftest import TOKEN, MovableClock
from tests.factories import make_person
from tests.web.board_access_helpers import board_routes, viewer_of
from tests.web.harness import WebBot

MEMBER, STRANGER = 6101, 6102
PUBLIC = "https://parkbot.example.gov.cn"


def _web_server(db: Database, now: datetime, tmp_path: Path) -> WebBot:
    """The web server with the board's sign-in, checking initData with the emulator's token."""
    settings = Settings(
        _env_file=None,
        messenger="local",
        messenger_dir=tmp_path / "messenger",
        database_url=db.engine.url.render_as_string(hide_password=False),
        poll_timeout=1,
    )
    return WebBot(Services(settings=settings, db=db, clock=MovableClock(now)), board_routes(TOKEN))


@pytest.fixture
def member(db):
    with db.scope() as session:
        return make_person(session, "李敏", is_liaison=True, telegram_user_id=MEMBER).id


def test_board_gives_a_mini_app_button_that_signs_the_member_in(
    start_bot, db, now, tmp_path, member
) -> None:
    harness = start_bot(web_public_url=PUBLIC)
    user = harness.emulator.add_user(MEMBER, "Min", language_code="zh-hans")
    user.send_command("board")
    answer = user.wait_message("看板")
    [[button]] = answer["reply_markup"]["inline_keyboard"]
    assert button == {"text": "看板", "web_app": {"url": f"{PUBLIC}/board/app"}}
    opened = user.open_web_app("看板", auth_date=int(harness.services.now().timestamp()))
    address, fragment = opened.split("#", 1)
    assert address == f"{PUBLIC}/board/app"
    [init_data] = parse_qs(fragment)["tgWebAppData"]
    with _web_server(db, now, tmp_path) as web:
        http = httpx.Client(base_url=web.url, timeout=30, follow_redirects=False)
        # The page Telegram opens, served by the web server; then what app.js posts.
        assert http.get(urlsplit(opened).path).status_code == 200
        response = http.post("/board/app/session", json={"init_data": init_data})
        assert response.status_code == 200 and response.json() == {"next": "/board"}
        assert viewer_of(http)["person_id"] == member
        forged = init_data.replace("auth_date=", "auth_date=9")
        refused = httpx.post(f"{web.url}/board/app/session", json={"init_data": forged})
        assert refused.status_code == 403
    with db.scope() as session:
        assert len(session.exec(select(WebSession)).all()) == 1


def test_without_an_https_public_url_board_says_how_to_set_it(start_bot) -> None:
    harness = start_bot(web_public_url="http://10.0.0.5:8080")
    user = harness.emulator.add_user(MEMBER, "Min", language_code="zh-hans")
    with harness.db.scope() as session:
        make_person(session, "李敏", is_liaison=True, telegram_user_id=MEMBER)
    user.send_command("board")
    answer = user.wait_message("PARKBOT_WEB_PUBLIC_URL")
    assert not answer.get("reply_markup")


def test_strangers_get_the_strangers_answer(harness) -> None:
    stranger = harness.emulator.add_user(STRANGER, "Who", language_code="en")
    stranger.send_command("board")
    answer = stranger.wait_message()
    assert message_text(answer) == Catalogue().text("en", "help-unknown")
    assert not answer.get("reply_markup")


@pytest.mark.emulator_only(reason="Telegram's own refusal of a web_app button over http")
def test_telegram_refuses_a_web_app_button_that_is_not_https(harness) -> None:
    emu = harness.emulator
    emu.add_user(STRANGER, "Who")
    response = httpx.post(
        f"{emu.base_url}{TOKEN}/sendMessage",
        json={
            "chat_id": STRANGER,
            "text": "x",
            "reply_markup": {
                "inline_keyboard": [[{"text": "看板", "web_app": {"url": "http://x/board"}}]]
            },
        },
    )
    assert response.status_code == 400
    assert response.json()["description"] == (
        "Bad Request: inline keyboard button Web App URL 'http://x/board' is invalid: "
        "Only HTTPS links are allowed"
    )
