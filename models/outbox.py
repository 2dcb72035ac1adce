"""The outbox: every message the bot sends on its own initiative is a row before it is sent."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class OutboxStatus(StrEnum):
    """Where an outgoing message stands."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # gave up after repeated transient errors
    UNREACHABLE = "unreachable"  # blocked the bot, never started it, or no account bound
    CANCELLED = "cancelled"  # the recipient lost access, or the reminder was settled: never sent
    FOLDED = (
        "folded"  # over the person's burden cap: listed in a digest instead (bot.outbox.burden)
    )


class OutboxMessage(SQLModel, table=True):
    """One message to one chat; `dedupe_key` makes a reminder go out at most once."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_due", "status", "not_before"),
        # What a person was sent lately, for the burden cap (bot.outbox.burden).
        Index("ix_outbox_person_sent", "person_id", "status", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str | None = Field(default=None, max_length=150, unique=True)
    kind: str = Field(max_length=30)  # reminder / summary / notice / broadcast / ...
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger()))
    is_group: bool = False
    text: str = Field(sa_column=Column(Text(), nullable=False))
    reply_markup: dict | None = Field(default=None, sa_column=Column(JSON))
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id", index=True)
    status: str = Field(default=OutboxStatus.QUEUED.value, max_length=20)
    attempts: int = 0
    not_before: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    telegram_message_id: int | None = Field(default=None, sa_column=Column(BigInteger()))
    last_error: str | None = Field(default=None, max_length=300)
    # A folded message: the digest row that listed it (None: not yet in a digest).
    digest_id: int | None = Field(default=None, foreign_key="outbox_message.id")


class Broadcast(SQLModel, table=True):
    """A command-centre broadcast and the status message that shows its progress."""

    id: int | None = Field(default=None, primary_key=True)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    audience: str = Field(max_length=50)  # everyone / role:<role> / park:<id> / red-leaders
    text: str = Field(sa_column=Column(Text(), nullable=False))
    recipients: int = 0
    status_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger()))
    status_message_id: int | None = Field(default=None, sa_column=Column(BigInteger()))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
