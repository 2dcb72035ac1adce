"""Signed, read-only board links for wall displays (列表上墙): listed and revocable."""

from datetime import datetime

from sqlmodel import Column, Field, SQLModel

from models.types import UTCDateTime


class BoardLink(SQLModel, table=True):
    """A board link: the city's board, or one park's; it expires and can be revoked."""

    __tablename__ = "board_links"

    id: int | None = Field(default=None, primary_key=True)
    park_id: int | None = Field(default=None, foreign_key="park.id")  # None: the whole city
    label: str = Field(default="", max_length=100)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
