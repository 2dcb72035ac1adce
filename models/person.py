"""People on the roster and their roles."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime


class Role(StrEnum):
    """What a person does in the campaign; one person may hold several roles."""

    LIAISON = "liaison"
    LEADER = "leader"
    ADMIN = "admin"


class Person(SQLModel, table=True):
    """A liaison, leader or command-centre admin, bound to at most one Telegram account."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50)
    phone: str = Field(max_length=20, unique=True)
    is_liaison: bool = False
    is_leader: bool = False
    is_admin: bool = False
    # A leader with city scope (市级领导) sees every project, like an admin, without admin powers.
    city_scope: bool = False
    unit: str = Field(default="", max_length=100)
    title: str = Field(default="", max_length=100)
    telegram_user_id: int | None = Field(
        default=None, sa_column=Column(BigInteger(), unique=True, nullable=True)
    )
    language: str | None = Field(default=None, max_length=10)
    # Removed from the roster: kept for history, but loses access at once.
    active: bool = True
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    @property
    def roles(self) -> set[Role]:
        """The roles this person holds."""
        flags = {
            Role.LIAISON: self.is_liaison,
            Role.LEADER: self.is_leader,
            Role.ADMIN: self.is_admin,
        }
        return {role for role, held in flags.items() if held}

    @property
    def sees_whole_city(self) -> bool:
        """Admins and city-scoped leaders see every project."""
        return self.is_admin or (self.is_leader and self.city_scope)
