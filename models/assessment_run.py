"""Assessment runs (考核结果), their publication (公示) and objections (异议)."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import ExactDecimal, UTCDateTime


class PublicationStatus(StrEnum):
    """A publication is open for objections until its window closes, then final."""

    OPEN = "open"
    FINAL = "final"


class ObjectionStatus(StrEnum):
    """An objection waits for the command centre's answer."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class AssessmentRun(SQLModel, table=True):
    """One scoring of a period: every park's explained score, immutable once stored.

    `number` counts the runs of a period (1, 2, ...): a draft, or a re-score after an accepted
    objection. A run with no `publication_id` is a draft only admins see.
    """

    __tablename__ = "assessment_runs"
    __table_args__ = (UniqueConstraint("period", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=10, index=True)
    number: int
    scheme_version: int
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor: str = Field(max_length=100)
    reason: str = Field(default="", max_length=200)  # why this run exists (e.g. objection #3)
    result: dict = Field(sa_column=Column(JSON, nullable=False))
    publication_id: int | None = Field(default=None, foreign_key="publications.id", index=True)


class Publication(SQLModel, table=True):
    """A result published with an objection window: an assessment run, or the pairing table."""

    __tablename__ = "publications"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # "assessment" or "pairing"
    period: str = Field(max_length=10)
    run_id: int | None = Field(default=None)  # the current run (assessment); None for pairing
    content: dict | None = Field(default=None, sa_column=Column(JSON))  # a published table
    status: str = Field(default=PublicationStatus.OPEN.value, max_length=10, index=True)
    published_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    closes_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    final_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    actor: str = Field(max_length=100)


class Objection(SQLModel, table=True):
    """A park's written objection under a real name, and the command centre's answer."""

    __tablename__ = "objections"

    id: int | None = Field(default=None, primary_key=True)
    publication_id: int = Field(foreign_key="publications.id", index=True)
    park_id: int | None = Field(default=None, foreign_key="park.id")
    item: str = Field(max_length=100)  # the indicator key (or the pairing table's row)
    reason: str = Field(max_length=1000)
    attachment: str | None = Field(default=None, max_length=300)  # stored file's name
    filer_id: int = Field(foreign_key="person.id")
    filer_name: str = Field(max_length=50)  # the real name on the roster when filed
    filed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: str = Field(default=ObjectionStatus.PENDING.value, max_length=10)
    answer: str | None = Field(default=None, max_length=1000)
    corrected_value: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal()))
    corrected_base: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal()))
    answered_by: str | None = Field(default=None, max_length=100)
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    run_id: int | None = Field(default=None)  # the re-scored run an accepted objection made
