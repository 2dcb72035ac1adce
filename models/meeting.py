"""Monthly on-site dispatch meetings (现场调度会) and the reminders fired for them."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class MeetingStatus(StrEnum):
    """A meeting is scheduled until it is cancelled."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Meeting(SQLModel, table=True):
    """A dispatch meeting: when, which park hosts it, where, and the report deadline."""

    id: int | None = Field(default=None, primary_key=True)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    park_id: int = Field(foreign_key="park.id")
    place: str = Field(max_length=200)
    deadline: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Set by hand (not the DEADLINE_DAYS_BEFORE default): it stays when the meeting moves.
    deadline_explicit: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    period: str = Field(max_length=7)  # the reports it reviews, YYYY-MM
    status: str = Field(default=MeetingStatus.SCHEDULED.value, max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ReminderRun(SQLModel, table=True):
    """A planned reminder that has been handled (sent or skipped): never handled twice."""

    __tablename__ = "reminder_run"
    __table_args__ = (UniqueConstraint("meeting_id", "reminder_key"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    # The reminder's kind and the instant it belongs to, e.g. "liaison:7d@2025-03-12T10:00Z".
    reminder_key: str = Field(max_length=100)
    outcome: str = Field(max_length=20)  # sent / skipped
    handled_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recipients: int = 0


class Leave(SQLModel, table=True):
    """A person on leave gets no reminders and is not counted missing."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    starts_on: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ends_on: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
