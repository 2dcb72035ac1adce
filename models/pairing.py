"""三个一: enterprises, each leader's pairing (one 10亿 project, two enterprises) and services."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class EnterpriseKind(StrEnum):
    """The two kinds of enterprise a leader is paired with."""

    BACKBONE = "backbone"  # 重点骨干企业
    STRUGGLING = "struggling"  # 特困企业


class ServiceStatus(StrEnum):
    """Where the enterprise's request stands after a service."""

    SOLVED = "solved"  # 已解决
    ONGOING = "ongoing"  # 推进中
    NEEDS_COORDINATION = "coordination"  # 需协调


class Enterprise(SQLModel, table=True):
    """An enterprise a leader contacts and serves (重点骨干企业) or helps (特困企业)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=20)
    park_id: int = Field(foreign_key="park.id", index=True)
    contact: str = Field(default="", max_length=100)
    note: str = Field(default="", max_length=500)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Pairing(SQLModel, table=True):
    """One row of the leader pairing table (领导结对联系表): a leader's 三个一."""

    id: int | None = Field(default=None, primary_key=True)
    leader_id: int = Field(foreign_key="person.id", unique=True)
    project_id: int | None = Field(default=None, foreign_key="project.id")
    backbone_id: int | None = Field(default=None, foreign_key="enterprise.id")
    struggling_id: int | None = Field(default=None, foreign_key="enterprise.id")
    # A liaison who may log services for this leader.
    liaison_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    milestones: str = Field(default="", max_length=500)  # 时间节点
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ServiceVisit(SQLModel, table=True):
    """One service to a paired enterprise, as the leader or their liaison logged it."""

    __tablename__ = "service_visit"

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    leader_id: int = Field(foreign_key="person.id", index=True)
    filed_by_id: int = Field(foreign_key="person.id")
    visit_date: date
    asked: str = Field(max_length=1000)
    done: str = Field(max_length=1000)
    status: str = Field(max_length=20)
    problem_id: int | None = Field(default=None, foreign_key="problem.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
