"""The local messenger's memory on disk: chats, messages, users, pending updates and files.

A SQLite file of its own (not parkbot's database), as Telegram's servers are not the bot's:
the messenger writes on every message from the event loop, and must never wait behind a
handler's transaction, nor the bot's database behind it. Files live beside it, one per
file_id. Each write is one short transaction made while the state's lock is held, so what a
client was answered is on disk before the answer leaves (synchronous=NORMAL in WAL mode: an
operating-system crash may lose the last moments, a process crash loses nothing).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    id INTEGER PRIMARY KEY, body TEXT NOT NULL, next_message_id INTEGER NOT NULL,
    blocked INTEGER NOT NULL, revision INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS updates (update_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    file_id TEXT PRIMARY KEY, file_unique_id TEXT NOT NULL, file_path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, mime_type TEXT, file_name TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class StoredWorld:
    """Everything the store holds, as loaded at start."""

    chats: list[tuple[dict[str, Any], int, bool, int]] = field(default_factory=list)
    messages: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    users: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[str, str, str, int, str | None, str | None]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


class MessengerStore:
    """Write-through persistence of the messenger's state (one connection, under the state lock)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files_dir = directory / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            directory / "messenger.sqlite3", check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def load(self) -> StoredWorld:
        """Read everything back, messages in order."""
        world = StoredWorld()
        db = self._db
        for body, next_id, blocked, revision in db.execute(
            "SELECT body, next_message_id, blocked, revision FROM chats"
        ):
            world.chats.append((json.loads(body), next_id, bool(blocked), revision))
        for chat_id, body in db.execute(
            "SELECT chat_id, body FROM messages ORDER BY chat_id, message_id"
        ):
            world.messages.setdefault(chat_id, []).append(json.loads(body))
        world.users = [json.loads(b) for (b,) in db.execute("SELECT body FROM users")]
        world.updates = [
            json.loads(b) for (b,) in db.execute("SELECT body FROM updates ORDER BY update_id")
        ]
        world.files = list(db.execute("SELECT * FROM files ORDER BY rowid"))
        world.meta = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM meta")}
        return world

    def save_message(
        self, chat: dict[str, Any], next_id: int, blocked: bool, revision: int, message: dict
    ) -> None:
        """Store a new or changed message with its chat's counters, in one transaction."""
        with self._transaction() as db:
            self._put_chat(db, chat, next_id, blocked, revision)
            db.execute(
                "INSERT OR REPLACE INTO messages VALUES (?, ?, ?)",
                (chat["id"], message["message_id"], _dump(message)),
            )

    def save_chat(self, chat: dict[str, Any], next_id: int, blocked: bool, revision: int) -> None:
        """Store a chat and its counters."""
        with self._transaction() as db:
            self._put_chat(db, chat, next_id, blocked, revision)

    def save_user(self, user: dict[str, Any]) -> None:
        """Store a user."""
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO users VALUES (?, ?)", (user["id"], _dump(user)))

    def add_update(self, update: dict[str, Any]) -> None:
        """Queue an update until the bot confirms it."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO updates VALUES (?, ?)", (update["update_id"], _dump(update))
            )
            self._put_meta(db, "last_update_id", update["update_id"])

    def confirm_updates(self, kept_ids: list[int]) -> None:
        """Forget every queued update but these (what getUpdates' offset confirmed)."""
        with self._transaction() as db:
            if not kept_ids:
                db.execute("DELETE FROM updates")
                return
            db.execute("DELETE FROM updates WHERE update_id < ?", (min(kept_ids),))
            marks = ",".join("?" * len(kept_ids))
            db.execute(f"DELETE FROM updates WHERE update_id NOT IN ({marks})", kept_ids)

    def save_file(
        self,
        record: tuple[str, str, str, int, str | None, str | None],
        data: bytes,
    ) -> Path:
        """Write a file's bytes beside the store, then its row; returns where the bytes are."""
        path = self.file_location(record[2])
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        partial.replace(path)
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", record)
        return path

    def file_location(self, file_path: str) -> Path:
        """Where the bytes of a stored file_path live (paths are made by the state, never users)."""
        return self.files_dir / file_path

    def save_meta(self, key: str, value: Any) -> None:
        """Store one piece of settings-like state (commands, menu buttons, the webhook)."""
        with self._transaction() as db:
            self._put_meta(db, key, value)

    @staticmethod
    def _put_chat(
        db: sqlite3.Connection, chat: dict, next_id: int, blocked: bool, revision: int
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO chats VALUES (?, ?, ?, ?, ?)",
            (chat["id"], _dump(chat), next_id, int(blocked), revision),
        )

    @staticmethod
    def _put_meta(db: sqlite3.Connection, key: str, value: Any) -> None:
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, _dump(value)))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK on an exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN")
        return self.db

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")
