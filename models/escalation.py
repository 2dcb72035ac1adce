"""Escalations to leaders (a problem raised, a project turned red, an assignment overdue) and
the leader's one-tap instruction (批示) on each."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class EscalationKind(StrEnum):
    """Why a leader is asked for an instruction."""

    PROBLEM_RAISED = "problem-raised"
    PROJECT_RED = "project-red"
    ASSIGNMENT_OVERDUE = "assignment-overdue"


class Decision(StrEnum):
    """The leader's choice: 已阅, 请协调 (with a unit), 督办 (with a due date), 回复 (a text)."""

    ACK = "ack"
    COORDINATE = "coord"
    URGE = "urge"
    REPLY = "reply"


class Escalation(SQLModel, table=True):
    """One message to one leader that awaits (or has) their instruction.

    `key` makes each escalation exist once: per problem and leader for a raised problem, per
    project, leader and day for a red light, per assignment and leader for an overdue one.
    """

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=150, unique=True)
    kind: str = Field(max_length=30)
    leader_id: int = Field(foreign_key="person.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    problem_id: int | None = Field(default=None, foreign_key="problem.id", index=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    outbox_message_id: int | None = Field(default=None, foreign_key="outbox_message.id")
    decision: str | None = Field(default=None, max_length=20)
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    unit: str | None = Field(default=None, max_length=100)
    due_date: date | None = None
    note: str | None = Field(default=None, max_length=500)


class ProjectLight(SQLModel, table=True):
    """The light the red-light job saw last for a project (to escalate only on turning red)."""

    __tablename__ = "project_light"

    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    color: str = Field(max_length=10)
    seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
