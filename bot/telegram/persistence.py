"""python-telegram-bot's persistence in parkbot's database: the admin wizards survive a restart.

The wizards (handlers/wizard.py) are persistent ConversationHandlers whose answers live in
user_data; this persistence keeps both in `wizard_state` rows (models/wizard_state.py), one
row per (kind, key), as JSON. Only conversations and user_data are stored: bot_data holds the
services and the sender, chat_data and callback_data are not used.

Every method is one short synchronous transaction (never an await inside it), like the
handlers' units of work. What a row holds is remembered, so the periodic run of
`Application.update_persistence` (which visits everyone who sent an update) writes only what
changed. The wizards save each step's state and user_data together, right after the step, in
one transaction (`save_step`, called by handlers/wizard.py). The periodic run and the one at
a clean stop write what is in memory too; a periodic run that falls while a step awaits its
reply may store that step's answers before its state, which only means the step, on a crash
before its own save, is asked again and overwrites them.
"""

import json
from typing import Any

from sqlmodel import select
from telegram.ext import BasePersistence, PersistenceInput

from bot.db import Database
from models import WizardState

USER_DATA = "user_data"
CONVERSATION = "conversation:"
STORES = PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False)


class DatabasePersistence(BasePersistence[dict, dict, dict]):
    """Conversations and user_data in `wizard_state` rows; nothing else is stored."""

    def __init__(self, db: Database, *, update_interval: float = 60) -> None:
        super().__init__(store_data=STORES, update_interval=update_interval)
        self.db = db
        # (kind, key) -> the JSON text its row holds, for the kinds already loaded: a key of a
        # loaded kind that is missing here has no row.
        self._rows: dict[tuple[str, str], str] = {}
        self._loaded: set[str] = set()

    def _load(self, kind: str) -> dict[str, Any]:
        with self.db.scope() as session:
            rows = session.exec(select(WizardState).where(WizardState.kind == kind)).all()
            found = {row.key: row.value for row in rows}
        self._loaded.add(kind)
        for key, value in found.items():
            self._rows[(kind, key)] = _text(value)
        return found

    def _write(self, kind: str, key: str, value: dict | None) -> None:
        """Stores `value` (None: deletes the row), unless the row already holds it."""
        self._write_all([(kind, key, value)])

    def _write_all(self, changes: list[tuple[str, str, dict | None]]) -> None:
        """Stores every (kind, key, value) in one transaction, skipping rows that hold it."""
        due = []
        for kind, key, value in changes:
            text = None if value is None else _text(value)  # not JSON: raises before writing
            if self._rows.get((kind, key)) == text and (text is not None or kind in self._loaded):
                continue
            due.append((kind, key, value, text))
        if not due:
            return
        with self.db.scope() as session:
            for kind, key, value, _ in due:
                row = session.get(WizardState, (kind, key))
                if value is None:
                    if row is not None:
                        session.delete(row)
                elif row is None:
                    session.add(WizardState(kind=kind, key=key, value=value))
                else:
                    row.value = value
                    session.add(row)
        for kind, key, _, text in due:
            if text is None:
                self._rows.pop((kind, key), None)
            else:
                self._rows[(kind, key)] = text

    def save_step(
        self,
        *,
        name: str,
        key: tuple[int | str, ...],
        state: object | None,
        user_id: int | None,
        user_data: dict | None,
    ) -> None:
        """One wizard step's outcome, its state and the person's user_data, in one
        transaction: a crash never leaves the one without the other."""
        changes = [(CONVERSATION + name, json.dumps(list(key)), _state(state))]
        if user_id is not None:
            changes.append((USER_DATA, str(user_id), user_data or None))
        self._write_all(changes)

    async def get_user_data(self) -> dict[int, dict]:
        """Every user's stored wizard data."""
        return {int(key): value for key, value in self._load(USER_DATA).items()}

    async def get_conversations(self, name: str) -> dict[tuple[int, ...], object]:
        """The step each chat and user is at in the wizard `name`."""
        stored = self._load(CONVERSATION + name)
        return {tuple(json.loads(key)): value["state"] for key, value in stored.items()}

    async def update_conversation(
        self, name: str, key: tuple[int | str, ...], new_state: object | None
    ) -> None:
        """Stores a step; None (the wizard ended) deletes the row."""
        self._write(CONVERSATION + name, json.dumps(list(key)), _state(new_state))

    async def update_user_data(self, user_id: int, data: dict) -> None:
        """Stores a user's wizard data; empty data has no row."""
        self._write(USER_DATA, str(user_id), data or None)

    async def drop_user_data(self, user_id: int) -> None:
        """Deletes a user's wizard data."""
        self._write(USER_DATA, str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        """Nothing to do: only this process writes the rows, and it holds them in memory."""

    async def get_chat_data(self) -> dict[int, dict]:
        """Not stored."""
        return {}

    async def get_bot_data(self) -> dict:
        """Not stored."""
        return {}

    async def get_callback_data(self) -> None:
        """Not stored."""
        return None

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        """Not stored."""

    async def update_bot_data(self, data: dict) -> None:
        """Not stored."""

    async def update_callback_data(self, data: object) -> None:
        """Not stored."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not stored."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        """Not stored."""

    async def refresh_bot_data(self, bot_data: dict) -> None:
        """Not stored."""

    async def flush(self) -> None:
        """Nothing buffered: every update is written when it is made."""


def _state(state: object | None) -> dict | None:
    return None if state is None else {"state": state}


def _text(value: dict) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
