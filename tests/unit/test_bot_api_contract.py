"""Bad input to the Bot API: a clear 4xx and nothing written, on both frontends.

The local messenger (bot/messenger/server.py) is the product's Bot API; the emulator's aiohttp
frontend must answer the same, or the e2e tests would prove the product against a different
contract. Each case also runs against a messenger with its store on disk, which must hold the
same rows afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.messenger.server import LocalMessenger
from bot.messenger.state import MessengerState
from tests.emulator import BotApiEmulator

TOKEN = "123:ABC"
USER_ID = 7

# (name, HTTP method, path below the server, request keywords, status, description part)
CASES: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    ("wrong token", "POST", "bot123:WRONG/sendMessage",
     {"json": {"chat_id": USER_ID, "text": "hi"}}, 401, "Unauthorized"),
    ("unknown method", "POST", f"bot{TOKEN}/sendHologram",
     {"json": {"chat_id": USER_ID}}, 404, "Not Found"),
    ("text over 4096 UTF-16 units", "POST", f"bot{TOKEN}/sendMessage",
     {"json": {"chat_id": USER_ID, "text": "😀" * 2048 + "x"}}, 400, "message is too long"),
    ("malformed JSON", "POST", f"bot{TOKEN}/sendMessage",
     {"content": b'{"chat_id": 7, "text": ', "headers": {"content-type": "application/json"}},
     400, "JSON"),
    ("non-object JSON", "POST", f"bot{TOKEN}/sendMessage",
     {"json": [USER_ID, "hi"]}, 400, "JSON object"),
    ("getFile of an unknown file_id", "POST", f"bot{TOKEN}/getFile",
     {"json": {"file_id": "FILE999999_photos"}}, 400, "invalid file_id"),
    ("download of an unknown path", "GET", f"file/bot{TOKEN}/photos/file_999.jpg",
     {}, 404, "Not Found"),
    ("download with a wrong token", "GET", "file/bot123:WRONG/photos/file_1.jpg",
     {}, 401, "Unauthorized"),
    ("send to an unknown chat", "POST", f"bot{TOKEN}/sendMessage",
     {"json": {"chat_id": 999, "text": "hi"}}, 400, "chat not found"),
    ("callback data over 64 bytes", "POST", f"bot{TOKEN}/sendMessage",
     {"json": {"chat_id": USER_ID, "text": "hi", "reply_markup": {
         "inline_keyboard": [[{"text": "Go", "callback_data": "x" * 65}]]}}},
     400, "BUTTON_DATA_INVALID"),
]  # fmt: skip
IDS = [case[0] for case in CASES]


def snapshot(state: MessengerState) -> Any:
    """Everything a request could change, as plain data."""
    with state.cond:
        chats = {
            chat_id: (chat.history, chat.next_message_id, chat.revision, chat.blocked)
            for chat_id, chat in state.chats.items()
        }
        return copy.deepcopy(
            (
                chats,
                state.users,
                state.updates,
                sorted(state.files),
                state.commands,
                state.menu_buttons,
                state.webhook,
                state.callback_answers,
            )
        )


def root(emulator: BotApiEmulator) -> str:
    """The server's address."""
    return f"http://127.0.0.1:{emulator.port}"


@pytest.fixture(params=["emulator", "local"])
def emu(request: pytest.FixtureRequest) -> Iterator[BotApiEmulator]:
    with BotApiEmulator(token=TOKEN, frontend=request.param) as emulator:
        emulator.add_user(USER_ID, "Zhao")
        before = {"chat_id": USER_ID, "text": "before"}
        httpx.post(f"{root(emulator)}/bot{TOKEN}/sendMessage", json=before, timeout=5)
        yield emulator


@pytest.mark.parametrize(("name", "verb", "path", "request_kw", "status", "says"), CASES, ids=IDS)
def test_bad_input_is_refused_and_changes_nothing(
    emu: BotApiEmulator,
    name: str,
    verb: str,
    path: str,
    request_kw: dict[str, Any],
    status: int,
    says: str,
) -> None:
    before = snapshot(emu.state)
    with httpx.Client(timeout=5) as client:
        answer = client.request(verb, f"{root(emu)}/{path}", **request_kw)
        body = answer.json()
        assert answer.status_code == status, body
        assert body["ok"] is False and body["error_code"] == status
        assert says in body["description"]
        # The server keeps serving.
        assert client.get(f"{root(emu)}/bot{TOKEN}/getMe").json()["ok"] is True
    assert snapshot(emu.state) == before


@pytest.mark.parametrize(("name", "verb", "path", "request_kw", "status", "says"), CASES, ids=IDS)
def test_bad_input_writes_nothing_to_the_store(
    tmp_path: Any,
    name: str,
    verb: str,
    path: str,
    request_kw: dict[str, Any],
    status: int,
    says: str,
) -> None:
    messenger = LocalMessenger.open(tmp_path)
    messenger.token = TOKEN
    messenger.state.add_user({"id": USER_ID, "is_bot": False, "first_name": "Zhao"})
    messenger.state.add_chat({"id": USER_ID, "type": "private", "first_name": "Zhao"})
    store = messenger.state.store
    assert store is not None
    with TestClient(Starlette(routes=messenger.routes())) as client:
        client.post(f"/bot{TOKEN}/sendMessage", json={"chat_id": USER_ID, "text": "before"})
        before = store.load()
        answer = client.request(verb, f"/{path}", **request_kw)
        assert answer.status_code == status
        assert store.load() == before
    messenger.close()
