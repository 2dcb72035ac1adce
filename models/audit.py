"""The audit log: who changed what, and when."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """One recorded change; the actor is a person or a named tool (e.g. ``cli``)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor_person_id: int | None = Field(default=None, foreign_key="person.id")
    actor: str = Field(max_length=100)
    action: str = Field(max_length=50)
    entity: str = Field(max_length=50)
    entity_id: int | None = None
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
