"""Key industrial projects (重点项目) and who serves them."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, Wan


class Category(StrEnum):
    """The campaign's project categories."""

    SIGNED = "signed"  # 签约
    NEW_START = "new_start"  # 新开工
    CONTINUING = "continuing"  # 续建
    IN_PRODUCTION = "in_production"  # 投产


class ProjectLiaison(SQLModel, table=True):
    """A liaison assigned to a project (a project may have several)."""

    __tablename__ = "project_liaison"

    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)
    position: int = 0


class Project(SQLModel, table=True):
    """A project on the wall: who owns it, where, how big, when, and who is responsible."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    park_id: int = Field(foreign_key="park.id", index=True)
    enterprise: str = Field(default="", max_length=200)
    category: str = Field(default=Category.CONTINUING.value, max_length=20)
    industry_chain: str = Field(default="", max_length=100)
    total_investment: Decimal = Field(sa_column=Column(Wan(), nullable=False))
    annual_plan: Decimal = Field(sa_column=Column(Wan(), nullable=False))
    planned_start: date | None = None
    planned_production: date | None = None
    leader_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # The registered site location (degrees, WGS-84): photos are measured against it.
    lat: float | None = None
    lon: float | None = None
    active: bool = True
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
