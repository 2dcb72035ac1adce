"""The campaign's yearly targets (年度目标) the board's headline figures are measured against."""

from decimal import Decimal

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.types import Wan


class CampaignTarget(SQLModel, table=True):
    """One year's targets for the whole campaign, e.g. 新开工亿元以上工业项目 50 个以上."""

    __tablename__ = "campaign_targets"

    year: int = Field(primary_key=True)
    new_starts: int = 0  # projects to start construction this year (新开工)
    in_production: int = 0  # projects to go into production this year (建成投产)
    investment: Decimal = Field(sa_column=Column(Wan(), nullable=False))  # 万元 invested this year
