"""Assessment indicator values a park files or the command centre imports (指标填报)."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from models.types import ExactDecimal, UTCDateTime


class IndicatorValue(SQLModel, table=True):
    """One filing of one indicator for one park and month; the newest filing counts.

    Values are year-to-date figures (累计, as the statistics offices report them) through
    `month`; `base` is the base year's figure for the same months, for growth indicators.
    Earlier filings stay as history.
    """

    __tablename__ = "indicator_values"
    __table_args__ = (Index("ix_indicator_values_lookup", "park_id", "indicator", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    park_id: int = Field(foreign_key="park.id")
    indicator: str = Field(max_length=50)
    month: str = Field(max_length=7)  # YYYY-MM
    value: Decimal = Field(sa_column=Column(ExactDecimal(), nullable=False))
    base: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal()))
    source: str = Field(max_length=10)  # "chat" or "xlsx"
    filed_by_id: int | None = Field(default=None, foreign_key="person.id")
    actor: str = Field(max_length=100)
    filed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ParkReporter(SQLModel, table=True):
    """A person designated to file a park's indicator values (园区指标填报员)."""

    __tablename__ = "park_reporters"

    park_id: int = Field(foreign_key="park.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)
