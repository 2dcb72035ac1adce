"""Report drafts: every acknowledged answer of an open form, so a restart loses nothing."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class DraftStatus(StrEnum):
    """Lifecycle of a form."""

    OPEN = "open"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class ReportDraft(SQLModel, table=True):
    """One person's report form in progress: the step they are at and their answers."""

    __tablename__ = "report_draft"
    __table_args__ = (Index("ix_draft_person_status", "person_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    chat_id: int = Field(sa_column=Column(BigInteger(), nullable=False))
    status: str = Field(default=DraftStatus.OPEN.value, max_length=20)
    step: str = Field(max_length=30)
    answers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
