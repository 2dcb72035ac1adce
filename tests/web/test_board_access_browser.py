"""The Mini App shell and board links in headless Chromium (the system's, driven by playwright).

The page reads Telegram's initData from #tgWebAppData=..., posts it, and lands on /board
signed in (here /board is the test route answering the viewer); forged data shows the refusal.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from bot.board import links
from bot.i18n import Catalogue
from bot.web_secret import load_secret
from tests.emulator.mini_app import init_data_for, web_app_url
from tests.factories import make_person
from tests.web.board_access_helpers import BOT_TOKEN, board_routes
from tests.web.browser import SCREENSHOTS, expect, needs_chromium
from tests.web.harness import WebBot

pytestmark = needs_chromium
TG_USER = 515_151
expect.set_options(timeout=10_000)


@pytest.fixture
def web(start_web: Callable[..., WebBot]) -> WebBot:
    """The web server with the board's sign-in routes and a liaison bound to TG_USER."""
    web = start_web(routes=board_routes())
    with web.services.db.scope() as session:
        make_person(session, "李敏", is_liaison=True, telegram_user_id=TG_USER)
    return web


def _signed(web: WebBot, user_id: int = TG_USER) -> str:
    user = {"id": user_id, "first_name": "Min", "language_code": "zh-hans"}
    return init_data_for(user, BOT_TOKEN, auth_date=int(web.services.now().timestamp()))


def test_the_mini_app_signs_in_and_goes_to_the_board(web: WebBot, chromium) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(web_app_url(f"{web.url}/board/app", _signed(web)))
    page.wait_for_url(f"{web.url}/board")
    viewer = json.loads(page.locator("body").inner_text())["viewer"]
    assert viewer["person_id"] is not None and viewer["link_id"] is None
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["parkbot_session"]["httpOnly"] is True
    context.close()


def test_forged_init_data_shows_the_refusal_and_signs_nobody_in(web: WebBot, chromium) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    forged = _signed(web).replace("Min", "Max")
    page.goto(web_app_url(f"{web.url}/board/app", forged))
    refusal = Catalogue().text("zh_CN", "board-access-miniapp-refused")
    expect(page.locator("#miniapp-refused")).to_have_text(refusal)
    assert page.url.startswith(f"{web.url}/board/app")
    assert "parkbot_session" not in {c["name"] for c in context.cookies()}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "board-miniapp-refused-390.png"))
    context.close()


def test_without_init_data_the_page_says_to_open_it_from_the_bot(web: WebBot, chromium) -> None:
    page = chromium.new_page(locale="zh-CN")
    page.goto(f"{web.url}/board/app")
    text = Catalogue().text("zh_CN", "board-access-open-from-bot")
    expect(page.locator("#miniapp-no-data")).to_have_text(text)
    page.close()


def test_a_board_link_opens_the_board_and_a_revoked_one_shows_the_refusal(
    web: WebBot, chromium
) -> None:
    with web.services.db.scope() as session:
        link = links.create(session, park=None, days=5, label="", now=web.services.now(), actor="t")
        link_id = link.id
    assert link_id is not None
    url = f"{web.url}/b/{links.token_for(load_secret(web.services.settings), link_id)}"
    context = chromium.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_url(f"{web.url}/board")
    assert json.loads(page.locator("body").inner_text())["viewer"]["link_id"] == link_id
    with web.services.db.scope() as session:
        links.revoke(session, link_id=link_id, now=web.services.now(), actor="t")
    page.reload()
    assert json.loads(page.locator("body").inner_text())["viewer"] is None
    fresh = chromium.new_context()
    refused = fresh.new_page()
    response = refused.goto(url)
    assert response is not None and response.status == 403
    expect(refused.locator("#board-refused")).to_be_visible()
    assert fresh.cookies() == []
    fresh.close()
    context.close()
