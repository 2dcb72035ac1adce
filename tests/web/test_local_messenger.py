"""The local messenger end to end: the real bot answers a user, and a restart keeps the chat."""

from collections.abc import Callable

from bot.messenger.client import ChatClient
from bot.messenger.state import message_text
from tests.web.harness import WebBot


def _wait_bot_reply(web: WebBot, chat_id: int, count: int) -> list[dict]:
    assert web.running is not None and web.running.messenger is not None
    state = web.running.messenger.state
    with state.cond:
        assert state.cond.wait_for(lambda: len(state.chat(chat_id).bot_messages()) >= count, 10)
        return [dict(m) for m in state.chat(chat_id).bot_messages()]


def test_a_stranger_is_answered_through_the_local_messenger(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web()
    assert web.running is not None and web.running.messenger is not None
    state = web.running.messenger.state
    user = {"id": 7_000_000_001, "is_bot": False, "first_name": "访客", "language_code": "zh-hans"}
    state.add_user(user)
    state.add_chat({"id": user["id"], "type": "private", "first_name": "访客"})
    ChatClient(state, user).send_text("/start")
    replies = _wait_bot_reply(web, user["id"], 1)
    assert replies and message_text(replies[0])  # the access explanation, in words


def test_a_restart_keeps_the_conversation(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    assert web.running is not None and web.running.messenger is not None
    state = web.running.messenger.state
    user = {"id": 7_000_000_002, "is_bot": False, "first_name": "访客", "language_code": "zh-hans"}
    state.add_user(user)
    state.add_chat({"id": user["id"], "type": "private", "first_name": "访客"})
    ChatClient(state, user).send_text("/start")
    before = _wait_bot_reply(web, user["id"], 1)
    web.stop()

    again = start_web()
    assert again.running is not None and again.running.messenger is not None
    chat = again.running.messenger.state.chat(user["id"])
    assert [message_text(m) for m in chat.bot_messages()] == [message_text(m) for m in before]
    assert [m["message_id"] for m in chat.history] == [1, 2]
    ChatClient(again.running.messenger.state, user).send_text("/help")
    after = _wait_bot_reply(again, user["id"], 2)
    assert after[-1]["message_id"] == 4  # ids go on where they stopped: /help was 3
