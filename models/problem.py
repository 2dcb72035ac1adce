"""Problems needing coordination (问题): raised, assigned (交办), resolved (销号)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class ProblemStatus(StrEnum):
    """Where a problem stands."""

    OPEN = "open"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"


class Problem(SQLModel, table=True):
    """A problem raised from a report, a service to an enterprise, or by the command centre."""

    id: int | None = Field(default=None, primary_key=True)
    # A project's problem, or (三个一) a paired enterprise's: at most one of the two is set
    # (neither for a meeting's assignment that names no project).
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    enterprise_id: int | None = Field(default=None, foreign_key="enterprise.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="progress_report.id")
    # An assignment (交办) decided at a dispatch meeting; it may name no project.
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    leader_id: int | None = Field(default=None, foreign_key="person.id")  # 责任领导
    text: str = Field(max_length=1000)
    status: str = Field(default=ProblemStatus.OPEN.value, max_length=20, index=True)
    raised_by_id: int | None = Field(default=None, foreign_key="person.id")
    raised_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    assigned_unit: str | None = Field(default=None, max_length=100)
    due_date: date | None = None
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolution: str | None = Field(default=None, max_length=1000)

    def overdue_on(self, today: date) -> bool:
        """Assigned (交办) and past its due date on `today`: what the light rule counts."""
        return (
            self.status == ProblemStatus.ASSIGNED.value
            and self.due_date is not None
            and self.due_date < today
        )
