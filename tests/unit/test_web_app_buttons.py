"""web_app buttons in the messenger: kept on the message; Telegram (the emulator) wants https."""

import pytest

from bot.messenger.api import BotApi
from bot.messenger.server import bot_user
from bot.messenger.state import ApiError, MessengerState
from bot.web.chat.feed import msg_json

CHAT = 42


def _state() -> MessengerState:
    state = MessengerState(bot_user())
    with state.cond:
        state.add_user({"id": CHAT, "is_bot": False, "first_name": "Li"})
        state.add_chat({"id": CHAT, "type": "private", "first_name": "Li"})
    return state


def _send(api: BotApi, button: dict) -> dict:
    markup = {"inline_keyboard": [[{"text": "看板", **button}]]}
    return api.handle("sendMessage", {"chat_id": CHAT, "text": "x", "reply_markup": markup})


def test_the_local_messenger_keeps_a_web_app_button_and_the_web_chat_shows_a_link() -> None:
    state = _state()
    sent = _send(BotApi(state), {"web_app": {"url": "http://10.0.0.5:8080/board/app"}})
    assert sent["reply_markup"]["inline_keyboard"][0][0]["web_app"]["url"].endswith("/board/app")
    stored = state.chat(CHAT).find(sent["message_id"])
    assert msg_json(stored)["buttons"] == [
        [{"text": "看板", "url": "http://10.0.0.5:8080/board/app"}]
    ]


def test_telegram_refuses_a_web_app_button_over_http_with_its_own_words() -> None:
    api = BotApi(_state(), web_app_https_only=True)
    with pytest.raises(ApiError) as refused:
        _send(api, {"web_app": {"url": "http://parkbot.example/board/app"}})
    assert refused.value.description == (
        "Bad Request: inline keyboard button Web App URL 'http://parkbot.example/board/app' is "
        "invalid: Only HTTPS links are allowed"
    )
    assert _send(api, {"web_app": {"url": "https://parkbot.example/board/app"}})["message_id"]


@pytest.mark.parametrize("web_app", [{}, {"url": ""}, "https://x", {"url": 3}])
def test_a_web_app_button_without_a_url_is_refused(web_app: object) -> None:
    with pytest.raises(ApiError) as refused:
        _send(BotApi(_state()), {"web_app": web_app})
    assert refused.value.code == 400
