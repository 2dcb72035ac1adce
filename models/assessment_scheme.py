"""Assessment schemes (考核方案): each import is a new, immutable version."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class AssessmentScheme(SQLModel, table=True):
    """One version of the scheme, stored whole as the validated JSON of bot.assessment.scheme."""

    __tablename__ = "assessment_schemes"

    version: int = Field(primary_key=True)
    imported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor: str = Field(max_length=100)
    content: dict = Field(sa_column=Column(JSON, nullable=False))
