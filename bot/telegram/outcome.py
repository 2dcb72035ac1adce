"""What the sender sends and how a send ended: queued rows detached, Telegram errors sorted."""

import warnings
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from models import OutboxMessage


@dataclass(frozen=True)
class Outgoing:
    """What the sender needs of a queued row, detached from its session."""

    id: int
    chat_id: int
    is_group: bool
    text: str
    reply_markup: dict | None
    broadcast_id: int | None
    attempts: int

    @classmethod
    def of(cls, row: OutboxMessage) -> "Outgoing":
        """The sendable part of a row (its chat_id must be set)."""
        assert row.id is not None and row.chat_id is not None
        return cls(
            row.id,
            row.chat_id,
            row.is_group,
            row.text,
            row.reply_markup,
            row.broadcast_id,
            row.attempts,
        )


@dataclass(frozen=True)
class Outcome:
    """How one send ended: sent / flood / retry / unreachable / failed / migrated."""

    kind: str
    error: str = ""
    message_id: int | None = None
    seconds: float = 0.0
    chat_id: int | None = None


def classify(error: TelegramError) -> Outcome:
    """What to do after a Telegram error."""
    if isinstance(error, RetryAfter):
        return Outcome("flood", str(error), seconds=_retry_after(error))
    if isinstance(error, Forbidden):  # blocked by the user, or the account was deleted
        return Outcome("unreachable", str(error))
    if isinstance(error, ChatMigrated):  # a group became a supergroup
        return Outcome("migrated", str(error), chat_id=error.new_chat_id)
    if isinstance(error, BadRequest):  # before NetworkError: BadRequest is a subclass of it
        gone = "chat not found" in error.message.lower()
        return Outcome("unreachable" if gone else "failed", str(error))
    return Outcome("retry", f"{type(error).__name__}: {error}")  # network, timeouts, 5xx


def _retry_after(error: RetryAfter) -> float:
    # PTB 22 warns that the int will become a timedelta; either is read the same way.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
