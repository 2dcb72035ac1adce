"""The history of a problem: raised, assigned (交办), progress noted, resolved (销号)."""

from datetime import date, datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class ProblemEvent(SQLModel, table=True):
    """One step in a problem's life, with who and when."""

    __tablename__ = "problem_event"

    id: int | None = Field(default=None, primary_key=True)
    problem_id: int = Field(foreign_key="problem.id", index=True)
    action: str = Field(max_length=20)  # raise / assign / progress / resolve
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    note: str = Field(default="", max_length=1000)
    unit: str | None = Field(default=None, max_length=100)
    due_date: date | None = None
