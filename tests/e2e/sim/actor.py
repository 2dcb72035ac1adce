"""A simulated Telegram user: acts, waits for the bot, retries the way people do."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from bot.db import Database
from models.draft import DraftStatus, ReportDraft
from tests.e2e.sim.screens import APOLOGY, STALE
from tests.emulator.server import BotApiEmulator
from tests.emulator.users import SimUser


class ActionCounter:
    """Counts every action of every simulated person; a hook sees each one (crash triggers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0
        self.hook: Callable[[int], None] = lambda _: None

    def tick(self) -> None:
        """One more action."""
        with self._lock:
            self.count += 1
            number = self.count
        self.hook(number)


@dataclass
class Tally:
    """What a simulated person did."""

    actions: int = 0
    retries: int = 0
    answered: int = 0
    notes: list[str] = field(default_factory=list)


class Actor:
    """A Telegram user who acts and then waits for the bot, reading only their own chat."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        user: SimUser,
        *,
        patience: float,
        max_retries: int,
        counter: ActionCounter,
    ) -> None:
        self.emulator = emulator
        self.user = user
        self.patience = patience
        self.max_retries = max_retries
        self.counter = counter
        self.tally = Tally()

    # Everything below reads the emulator's state under its lock, without copying the chat.

    def _alive(self) -> list[dict]:
        history = self.emulator.state.chats[self.user.id].history
        return [m for m in history if m["from"].get("is_bot") and not m.get("deleted")]

    def newest_id(self) -> int:
        """The id of the newest bot message in the chat (0: none)."""
        with self.emulator.state.cond:
            alive = self._alive()
            return alive[-1]["message_id"] if alive else 0

    def answers_seen(self) -> int:
        """How many button answers (toasts) the user has had."""
        with self.emulator.state.cond:
            return len(self.emulator.state.callback_answers.get(self.user.id, []))

    def _new_messages(self, after: int) -> list[dict]:
        return [m for m in self._alive() if m["message_id"] > after]

    def _failed_since(self, after: int, answers: int) -> bool:
        """An apology, or a toast saying the button is dead, since the action."""
        if any(APOLOGY in (m.get("text") or "") for m in self._new_messages(after)):
            return True
        return self._toast_failed(answers)

    def _toast_failed(self, answers: int) -> bool:
        """A button answer since the action that apologises or calls the button dead."""
        toasts = self.emulator.state.callback_answers.get(self.user.id, [])[answers:]
        texts = [t.get("text") or "" for t in toasts]
        return any(APOLOGY in text or any(s in text for s in STALE) for text in texts)

    def wait(self, check: Callable[[], Any], timeout: float | None = None) -> Any:
        """Waits until check() returns something truthy (re-checked on every state change)."""
        with self.emulator.state.cond:
            return self.emulator.state.cond.wait_for(
                check, self.patience if timeout is None else timeout
            )

    def act(self, action: Callable[[], object]) -> bool:
        """Performs one action; False when it could not be done (the button is gone)."""
        self.tally.actions += 1
        try:
            action()
        except AssertionError as error:  # SimUser.press: no such button on that message
            self.tally.notes.append(f"could not act: {error}")
            return False
        self.counter.tick()  # after the update is queued: a crash trigger lands after it
        return True

    def retry(self, why: str) -> None:
        """Counts a retry; fails the run when a person would have given up."""
        self.tally.retries += 1
        if self.tally.retries > self.max_retries:
            raise AssertionError(
                f"user {self.user.id} gave up after {self.tally.retries - 1} "
                f"retries; last: {why}; notes: {self.tally.notes[-5:]}"
            )

    def ask(
        self,
        send: Callable[[], object],
        shows: Callable[[str], bool],
        what: str,
        tries: int | None = None,
    ) -> dict | None:
        """Sends something and waits for a new message that `shows`; sends it again when the
        answer does not come (at most `tries` times: then None). Returns that message."""
        attempt = 0
        while True:
            attempt += 1
            after, answers = self.newest_id(), self.answers_seen()
            self.act(send)

            def check(after: int = after, answers: int = answers) -> Any:
                for message in reversed(self._new_messages(after)):
                    if shows(message.get("text") or ""):
                        return ("ok", copy.deepcopy(message))
                return ("fail", None) if self._failed_since(after, answers) else None

            outcome = self.wait(check)
            if outcome and outcome[0] == "ok":
                self.tally.answered += 1
                return outcome[1]
            self.retry(f"{what}: {'apology' if outcome else 'no answer'}")
            if tries is not None and attempt >= tries:
                return None

    def wait_text(self, fragment: str, timeout: float) -> bool:
        """Waits until some bot message in the chat contains `fragment`."""
        return bool(
            self.wait(
                lambda: any(fragment in (m.get("text") or "") for m in self._alive()), timeout
            )
        )

    def message_text(self, message_id: int) -> str:
        """The current text of one of the bot's messages."""
        with self.emulator.state.cond:
            found = self.emulator.state.chats[self.user.id].find(message_id)
            return (found or {}).get("text") or ""


DraftReader = Callable[[int], "ReportDraft | None"]


def open_draft_reader(db: Database) -> DraftReader:
    """Reads a person's open draft (the newest one) from the database."""

    def read(person_id: int) -> ReportDraft | None:
        with db.scope() as session:
            query = select(ReportDraft).where(
                ReportDraft.person_id == person_id, ReportDraft.status == DraftStatus.OPEN.value
            )
            draft = session.exec(query.order_by(ReportDraft.id.desc())).first()
            if draft is not None:
                session.expunge(draft)
            return draft

    return read
