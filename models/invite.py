"""Single-use onboarding invites; only a hash of the token is stored."""

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class Invite(SQLModel, table=True):
    """An invite deep link for one person; the token itself is never stored."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    used_by_telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger()))
    # Cancelled before use: a newer invite, a binding, or an operator's revoke.
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # A deliberate re-bind: may move a binding from the person's current account.
    rebind: bool = False
