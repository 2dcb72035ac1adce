"""The local messenger's state survives a restart: everything is written through to its store.

Each test changes a state whose store lives in tmp_path, closes it, opens a fresh state on the
same directory (what `parkbot run` does after a restart) and finds the same world.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.messenger.api import BotApi, Upload
from bot.messenger.client import ChatClient
from bot.messenger.server import bot_user
from bot.messenger.state import MessengerState
from bot.messenger.store import MessengerStore

USER = {"id": 42, "is_bot": False, "first_name": "Zhao", "language_code": "zh-hans"}
CHAT = {"id": 42, "type": "private", "first_name": "Zhao"}

Reopen = Callable[[MessengerState], MessengerState]


def open_state(directory: Path) -> MessengerState:
    """A state on the store in `directory`."""
    return MessengerState(bot_user(), MessengerStore(directory))


@pytest.fixture
def state(tmp_path: Path) -> MessengerState:
    """A stored state with one user and their private chat."""
    opened = open_state(tmp_path)
    opened.add_user(USER)
    opened.add_chat(CHAT)
    return opened


@pytest.fixture
def reopen(tmp_path: Path) -> Reopen:
    """Close a state's store and load the state again from disk."""

    def again(old: MessengerState) -> MessengerState:
        assert old.store is not None
        with old.cond:
            old.store.close()
        return open_state(tmp_path)

    return again


def texts(state: MessengerState) -> list[tuple[int, str, bool]]:
    """(message id, text, deleted) of the chat's messages, in order."""
    return [
        (m["message_id"], m.get("text") or m.get("caption") or "", bool(m.get("deleted")))
        for m in state.chat(CHAT["id"]).history
    ]


def test_messages_of_both_sides_come_back_in_order(state: MessengerState, reopen: Reopen) -> None:
    ChatClient(state, USER).send_text("/start")
    BotApi(state).handle("sendMessage", {"chat_id": 42, "text": "你好"})
    ChatClient(state, USER).send_text("月报")
    before = state.chat(42).history
    loaded = reopen(state)
    assert texts(loaded) == [(1, "/start", False), (2, "你好", False), (3, "月报", False)]
    assert loaded.chat(42).history == before
    assert loaded.users == {42: USER}
    assert loaded.chat(42).chat == CHAT


def test_an_edit_keeps_the_id_with_the_new_text(state: MessengerState, reopen: Reopen) -> None:
    api = BotApi(state)
    sent = api.handle("sendMessage", {"chat_id": 42, "text": "draft"})
    api.handle(
        "editMessageText", {"chat_id": 42, "message_id": sent["message_id"], "text": "final"}
    )
    loaded = reopen(state)
    [message] = loaded.chat(42).history
    assert (message["message_id"], message["text"], message["edits"]) == (1, "final", 1)
    assert loaded.chat(42).revision == state.chat(42).revision


def test_a_deletion_stays_deleted(state: MessengerState, reopen: Reopen) -> None:
    api = BotApi(state)
    first = api.handle("sendMessage", {"chat_id": 42, "text": "one"})
    api.handle("sendMessage", {"chat_id": 42, "text": "two"})
    api.handle("deleteMessage", {"chat_id": 42, "message_id": first["message_id"]})
    loaded = reopen(state)
    assert texts(loaded) == [(1, "one", True), (2, "two", False)]
    assert loaded.chat(42).find(1) is None


def test_files_are_read_back_from_disk(
    state: MessengerState, reopen: Reopen, tmp_path: Path
) -> None:
    photo = bytes(range(256)) * 50
    workbook = b"PK\x03\x04 ledger"
    sent_photo = ChatClient(state, USER).send_photo(photo, caption="现场")
    upload = Upload(workbook, "ledger.xlsx", "application/vnd.ms-excel")
    document = BotApi(state).handle("sendDocument", {"chat_id": 42, "document": upload})
    photo_id = sent_photo["photo"][-1]["file_id"]
    document_id = document["document"]["file_id"]
    loaded = reopen(state)
    assert not any(record.content for record in loaded.files.values())  # on disk, not memory
    assert loaded.files[photo_id].data == photo
    ledger = loaded.files[document_id]
    assert (ledger.data, ledger.file_name, ledger.mime_type) == (
        workbook,
        "ledger.xlsx",
        "application/vnd.ms-excel",
    )
    assert loaded.file_by_path(ledger.file_path) is ledger
    assert (tmp_path / "files" / ledger.file_path).read_bytes() == workbook
    info = BotApi(loaded).handle("getFile", {"file_id": photo_id})
    assert info["file_size"] == len(photo)


def test_unconfirmed_updates_survive_and_confirmed_ones_do_not(
    state: MessengerState, reopen: Reopen
) -> None:
    client = ChatClient(state, USER)
    for text in ("one", "two", "three"):
        client.send_text(text)
    first, second, third = (u["update_id"] for u in state.updates)
    assert [u["update_id"] for u in state.take_updates(None, 100)] == [first, second, third]
    state.take_updates(second, 100)  # the bot confirmed "one"
    loaded = reopen(state)
    assert [u["message"]["text"] for u in loaded.updates] == ["two", "three"]
    loaded.take_updates(third + 1, 100)  # and now the rest
    assert reopen(loaded).updates == []


def test_dropped_updates_stay_dropped(state: MessengerState, reopen: Reopen) -> None:
    ChatClient(state, USER).send_text("stale")
    BotApi(state).handle("deleteWebhook", {"drop_pending_updates": True})
    assert reopen(state).updates == []


def test_commands_menu_buttons_and_webhook_come_back(state: MessengerState, reopen: Reopen) -> None:
    api = BotApi(state)
    zh = [{"command": "report", "description": "填报月报"}]
    en = [{"command": "report", "description": "Monthly report"}]
    api.handle("setMyCommands", {"commands": zh, "language_code": "zh"})
    api.handle("setMyCommands", {"commands": en})
    api.handle("setChatMenuButton", {"chat_id": 42, "menu_button": {"type": "commands"}})
    api.handle("setChatMenuButton", {"menu_button": {"type": "default"}})
    loaded = reopen(state)
    assert loaded.commands == state.commands
    reloaded_api = BotApi(loaded)
    assert reloaded_api.handle("getMyCommands", {"language_code": "zh"}) == zh
    assert reloaded_api.handle("getMyCommands", {}) == en
    assert loaded.menu_buttons == {42: {"type": "commands"}, None: {"type": "default"}}
    reloaded_api.handle("deleteMyCommands", {"language_code": "zh"})
    assert BotApi(reopen(loaded)).handle("getMyCommands", {"language_code": "zh"}) == []


def test_counters_continue_after_a_reload_and_ids_are_never_reused(
    state: MessengerState, reopen: Reopen
) -> None:
    client = ChatClient(state, USER)
    client.send_text("one")
    client.send_photo(b"first photo")
    [last_update] = state.take_updates(None, 100)[-1:]
    state.take_updates(last_update["update_id"] + 1, 100)  # every update confirmed
    seen_messages = {m["message_id"] for m in state.chat(42).history}
    seen_files = set(state.files)
    seen_paths = {record.file_path for record in state.files.values()}
    loaded = reopen(state)
    again = ChatClient(loaded, USER)
    message = again.send_text("two")
    photo = again.send_photo(b"second photo")
    [update, _] = loaded.updates
    assert update["update_id"] == last_update["update_id"] + 1
    assert message["message_id"] == max(seen_messages) + 1
    assert photo["message_id"] == message["message_id"] + 1
    new_files = set(loaded.files) - seen_files
    assert new_files and not {loaded.files[f].file_path for f in new_files} & seen_paths
    assert loaded.files[photo["photo"][-1]["file_id"]].data == b"second photo"
    for old in seen_files:  # the old file still serves its own bytes
        assert loaded.files[old].data == b"first photo"
    assert loaded.chat(42).revision > state.chat(42).revision
