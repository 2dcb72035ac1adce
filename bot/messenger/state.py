"""The messenger's world: chats, messages, updates and files, in memory and (optionally) on disk.

One condition guards it all, shared by the Bot API methods, the web chat and the tests that
wait on it. Every change is written through to the store (bot/messenger/store.py) when there
is one, so a restart finds every chat as it was; and every change to a chat bumps its
revision and calls the listeners, which is how a waiting web client learns of it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.messenger.store import MessengerStore

# Keys kept on stored message dicts for tests; never sent to the bot.
EXTRA_KEYS = frozenset({"edits", "raw_text", "reply_keyboard", "deleted", "rev"})

Message = dict[str, Any]


class ApiError(Exception):
    """A Bot API error answered as {"ok": false, ...} with an HTTP status code."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """Return the JSON body Telegram would answer with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def api_view(message: Message) -> Message:
    """Return a copy of a stored message without the test-only keys."""
    return {k: v for k, v in message.items() if k not in EXTRA_KEYS}


def message_text(message: Message) -> str:
    """Return the text or caption of a message ('' if it has neither)."""
    return message.get("text") or message.get("caption") or ""


@dataclass
class FileRecord:
    """Bytes behind a file_id, whoever uploaded them (read from disk when stored there)."""

    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    mime_type: str | None = None
    file_name: str | None = None
    content: bytes | None = field(default=None, repr=False)
    location: Path | None = None

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        if self.content is not None:
            return self.content
        assert self.location is not None
        return self.location.read_bytes()

    def row(self) -> tuple[str, str, str, int, str | None, str | None]:
        """The store's row for this file."""
        return (
            self.file_id,
            self.file_unique_id,
            self.file_path,
            self.size,
            self.mime_type,
            self.file_name,
        )

    def info(self) -> dict[str, Any]:
        """Return the getFile result object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


@dataclass
class ChatState:
    """One chat: its API object and every message in it (users' and the bot's)."""

    chat: dict[str, Any]
    history: list[Message] = field(default_factory=list)
    next_message_id: int = 1
    blocked: bool = False
    # Bumped on every new, edited or deleted message: a client that saw revision r asks for
    # the messages whose "rev" is above it.
    revision: int = 0

    @property
    def is_private(self) -> bool:
        """Whether this is a private chat with a user."""
        return self.chat["type"] == "private"

    def find(self, message_id: int) -> Message | None:
        """Return the non-deleted message with this id, if any."""
        for message in self.history:
            if message["message_id"] == message_id and not message.get("deleted"):
                return message
        return None

    def bot_messages(self) -> list[Message]:
        """Return the messages sent by the bot, oldest first (deleted ones included)."""
        return [m for m in self.history if m["from"].get("is_bot")]


class MessengerState:
    """All mutable messenger state, guarded by one condition shared with its waiters."""

    def __init__(self, bot_user: dict[str, Any], store: MessengerStore | None = None) -> None:
        self.cond = threading.Condition(threading.RLock())
        self.bot_user = bot_user
        self.store = store
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, FileRecord] = {}
        self._files_by_path: dict[str, FileRecord] = {}
        self.callback_queries: dict[str, int] = {}
        self.callback_answers: dict[int, list[dict[str, Any]]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.allowed_updates: list[str] | None = None
        self.on_update: Callable[[], None] = lambda: None
        # Called with a chat id after anything in that chat changed (under the lock: keep
        # them short, e.g. loop.call_soon_threadsafe).
        self.listeners: list[Callable[[int], None]] = []
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        if store is not None:
            self._load(store)

    def _load(self, store: MessengerStore) -> None:
        world = store.load()
        for chat, next_id, blocked, revision in world.chats:
            self.chats[chat["id"]] = ChatState(
                chat=chat, next_message_id=next_id, blocked=blocked, revision=revision
            )
        for chat_id, messages in world.messages.items():
            if chat_id in self.chats:
                self.chats[chat_id].history = messages
        self.users = {user["id"]: user for user in world.users}
        self.updates = world.updates
        for file_id, unique_id, file_path, size, mime, name in world.files:
            record = FileRecord(
                file_id, unique_id, file_path, size, mime, name,
                location=store.file_location(file_path),
            )  # fmt: skip
            self.files[file_id] = self._files_by_path[file_path] = record
        self.commands = {
            (scope, language): commands
            for scope, language, commands in world.meta.get("commands", [])
        }
        self.menu_buttons = {
            (None if key == "default" else int(key)): button
            for key, button in world.meta.get("menu_buttons", {}).items()
        }
        self.webhook = world.meta.get("webhook", {})
        self._update_ids = itertools.count(world.meta.get("last_update_id", 0) + 1)
        self._file_ids = itertools.count(len(self.files) + 1)

    @property
    def bot_sender(self) -> dict[str, Any]:
        """The bot as it appears in a message's "from" field."""
        keys = ("id", "is_bot", "first_name", "username")
        return {k: self.bot_user[k] for k in keys}

    def notify(self) -> None:
        """Wake every thread waiting on the condition."""
        with self.cond:
            self.cond.notify_all()

    def chat(self, chat_id: Any) -> ChatState:
        """Return a known chat or raise Telegram's 'chat not found'."""
        state = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if state is None:
            raise ApiError(400, "Bad Request: chat not found")
        return state

    def add_user(self, user: dict[str, Any]) -> None:
        """Register (or update) a user."""
        with self.cond:
            self.users[user["id"]] = user
            if self.store is not None:
                self.store.save_user(user)

    def add_chat(self, chat: dict[str, Any]) -> ChatState:
        """Register a chat (idempotent)."""
        with self.cond:
            known = self.chats.get(chat["id"])
            if known is not None:
                return known
            state = self.chats[chat["id"]] = ChatState(chat=chat)
            self._save_chat(state)
            return state

    def set_blocked(self, chat: ChatState, blocked: bool) -> None:
        """Mark whether the user has blocked the bot in this chat."""
        with self.cond:
            chat.blocked = blocked
            self._save_chat(chat)

    def _save_chat(self, chat: ChatState) -> None:
        if self.store is not None:
            self.store.save_chat(chat.chat, chat.next_message_id, chat.blocked, chat.revision)

    def new_message(self, chat: ChatState, sender: dict[str, Any], **fields: Any) -> Message:
        """Create, store and return a message in a chat."""
        with self.cond:
            message: Message = {
                "message_id": chat.next_message_id,
                "date": int(time.time()),
                "chat": dict(chat.chat),
                "from": dict(sender),
                **fields,
            }
            chat.next_message_id += 1
            chat.history.append(message)
            self.touch(chat, message)
            return message

    def touch(self, chat: ChatState, message: Message) -> None:
        """Record that a message is new or changed: revision, store, waiters."""
        with self.cond:
            chat.revision += 1
            message["rev"] = chat.revision
            if self.store is not None:
                self.store.save_message(
                    chat.chat, chat.next_message_id, chat.blocked, chat.revision, message
                )
            self.changed(chat.chat["id"])

    def changed(self, chat_id: int) -> None:
        """Wake the waiting threads and the listeners of a chat."""
        with self.cond:
            self.cond.notify_all()
            for listener in self.listeners:
                listener(chat_id)

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates and wake pollers."""
        with self.cond:
            update = {"update_id": next(self._update_ids), kind: payload}
            self.updates.append(update)
            if self.store is not None:
                self.store.add_update(update)
            self.cond.notify_all()
        self.on_update()
        return update

    def take_updates(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """Confirm updates below offset and return up to limit pending ones."""
        with self.cond:
            before = len(self.updates)
            if offset is not None and offset < 0:
                self.updates = self.updates[offset:]
            elif offset is not None:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if self.allowed_updates:
                allowed = set(self.allowed_updates)
                self.updates = [u for u in self.updates if set(u) - {"update_id"} <= allowed]
            if self.store is not None and len(self.updates) != before:
                self.store.confirm_updates([u["update_id"] for u in self.updates])
            return self.updates[: max(1, min(limit, 100))]

    def drop_updates(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        with self.cond:
            self.updates.clear()
            if self.store is not None:
                self.store.confirm_updates([])

    def new_query_id(self) -> str:
        """Return a fresh callback query id."""
        return f"cq{next(self._query_ids)}"

    def add_file(
        self,
        data: bytes,
        folder: str,
        ext: str,
        mime_type: str | None = None,
        file_name: str | None = None,
    ) -> FileRecord:
        """Store bytes under a new file_id and return the record."""
        with self.cond:
            n = next(self._file_ids)
            record = FileRecord(
                file_id=f"FILE{n:06d}_{folder}",
                file_unique_id=f"U{n:06d}",
                file_path=f"{folder}/file_{n}{ext}",
                size=len(data),
                mime_type=mime_type,
                file_name=file_name,
                content=bytes(data),
            )
            if self.store is not None:
                record.location = self.store.save_file(record.row(), record.content)
                record.content = None  # read back from disk when asked: memory stays flat
            self.files[record.file_id] = self._files_by_path[record.file_path] = record
            return record

    def file_by_path(self, file_path: str) -> FileRecord | None:
        """Return the file stored under a download path."""
        with self.cond:
            return self._files_by_path.get(file_path)

    def save_settings(self) -> None:
        """Store the commands, menu buttons and webhook (after a method changed them)."""
        if self.store is None:
            return
        with self.cond:
            commands = [[scope, lang, cmds] for (scope, lang), cmds in self.commands.items()]
            self.store.save_meta("commands", commands)
            buttons = {
                ("default" if key is None else str(key)): button
                for key, button in self.menu_buttons.items()
            }
            self.store.save_meta("menu_buttons", buttons)
            self.store.save_meta("webhook", self.webhook)


# The emulator's name for it (tests/emulator).
EmuState = MessengerState
