"""Web chat sessions: one row per signed-in browser; the cookie holds the id, the row its hash."""

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class WebSession(SQLModel, table=True):
    """A browser signed in to the web chat as one roster person through one messenger user."""

    __tablename__ = "web_sessions"

    # sha256 of the random id the signed cookie carries: a stolen table opens no session.
    id_hash: str = Field(primary_key=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    user_id: int = Field(sa_column=Column(BigInteger(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
