"""In-memory model of the emulated Telegram world: chats, messages, updates and files."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Keys kept on stored message dicts for tests; never sent to the bot.
EXTRA_KEYS = frozenset({"edits", "raw_text", "reply_keyboard", "deleted"})

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
    """Bytes behind a file_id, whoever uploaded them."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    mime_type: str | None = None
    file_name: str | None = None

    def info(self) -> dict[str, Any]:
        """Return the getFile result object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class ChatState:
    """One chat: its API object and every message in it (users' and the bot's)."""

    chat: dict[str, Any]
    history: list[Message] = field(default_factory=list)
    next_message_id: int = 1
    blocked: bool = False

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


class EmuState:
    """All mutable emulator state, guarded by one condition shared with waiting tests."""

    def __init__(self, bot_user: dict[str, Any]) -> None:
        self.cond = threading.Condition(threading.RLock())
        self.bot_user = bot_user
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, FileRecord] = {}
        self.callback_queries: dict[str, int] = {}
        self.callback_answers: dict[int, list[dict[str, Any]]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.allowed_updates: list[str] | None = None
        self.on_update: Callable[[], None] = lambda: None
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

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

    def add_chat(self, chat: dict[str, Any]) -> ChatState:
        """Register a chat (idempotent)."""
        with self.cond:
            return self.chats.setdefault(chat["id"], ChatState(chat=chat))

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
            self.cond.notify_all()
            return message

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates and wake pollers."""
        with self.cond:
            update = {"update_id": next(self._update_ids), kind: payload}
            self.updates.append(update)
            self.cond.notify_all()
        self.on_update()
        return update

    def take_updates(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """Confirm updates below offset and return up to limit pending ones."""
        with self.cond:
            if offset is not None and offset < 0:
                self.updates = self.updates[offset:]
            elif offset is not None:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if self.allowed_updates:
                allowed = set(self.allowed_updates)
                self.updates = [u for u in self.updates if set(u) - {"update_id"} <= allowed]
            return self.updates[: max(1, min(limit, 100))]

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
                data=bytes(data),
                file_path=f"{folder}/file_{n}{ext}",
                mime_type=mime_type,
                file_name=file_name,
            )
            self.files[record.file_id] = record
            return record

    def file_by_path(self, file_path: str) -> FileRecord | None:
        """Return the file stored under a download path."""
        with self.cond:
            return next((f for f in self.files.values() if f.file_path == file_path), None)
