"""Monthly progress reports (进度填报), their revisions and site photos."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, Wan


class Stage(StrEnum):
    """Physical-progress stages (形象进度), in construction order."""

    PREPARATION = "preparation"  # 前期手续
    STARTED = "started"  # 开工建设
    MAIN_WORKS = "main_works"  # 主体施工
    EQUIPMENT = "equipment"  # 设备安装
    TRIAL = "trial"  # 试生产
    IN_PRODUCTION = "in_production"  # 竣工投产

    @property
    def rank(self) -> int:
        """Position in construction order (0 = earliest)."""
        return _STAGE_RANK[self]


# Looked up for every project on every status computation; list(Stage).index costs 4 µs.
_STAGE_RANK = {stage: position for position, stage in enumerate(Stage)}


class PhotoSource(StrEnum):
    """How a photo came: as a file (original bytes, EXIF kept) or compressed by Telegram."""

    FILE = "file"
    COMPRESSED = "compressed"


class ProgressReport(SQLModel, table=True):
    """One revision of a project's report for one month; the newest revision is current."""

    __tablename__ = "progress_report"
    __table_args__ = (
        UniqueConstraint("project_id", "period", "revision"),
        Index("ix_report_current", "project_id", "is_current", "period"),
        # Covering: the reported-this-period sets and the year's sums read only the index.
        Index("ix_report_period_cover", "period", "is_current", "project_id", "investment_month"),
        # The newest report ("as of ...") without a scan.
        Index("ix_report_submitted", "submitted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    period: str = Field(max_length=7)  # YYYY-MM
    revision: int = 1
    is_current: bool = True
    investment_month: Decimal = Field(sa_column=Column(Wan(), nullable=False))
    investment_cumulative: Decimal = Field(sa_column=Column(Wan(), nullable=False))
    stage: str = Field(max_length=20)
    percent: Decimal = Field(sa_column=Column(Numeric(4, 1), nullable=False))
    progress: str = Field(max_length=1000)
    problems: str = Field(default="", max_length=1000)
    reporter_id: int = Field(foreign_key="person.id")
    submitted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Fields that differ from the previous revision: {field: [old, new]}.
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # A location the reporter shared while filling the form (degrees, WGS-84), and when.
    lat: float | None = None
    lon: float | None = None
    located_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class ReportPhoto(SQLModel, table=True):
    """A site photo attached to a report, kept by Telegram file id and as a local copy."""

    __tablename__ = "report_photo"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="progress_report.id", index=True, ondelete="CASCADE")
    file_id: str = Field(max_length=200)
    file_unique_id: str = Field(max_length=100)
    local_path: str | None = Field(default=None, max_length=500)
    # Evidence (bot/reporting/evidence.py): the bytes' SHA-256 and perceptual hash (16 hex
    # digits), their size, and the EXIF time and GPS position of a photo sent as a file.
    sha256: str | None = Field(default=None, max_length=64)
    phash: str | None = Field(default=None, max_length=16, index=True)
    size: int | None = None
    taken_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    lat: float | None = None
    lon: float | None = None
    source: str = Field(default=PhotoSource.COMPRESSED.value, max_length=20)
    # A photo of another period's report that looks the same (flagged, never refused).
    duplicate_of_id: int | None = Field(
        default=None, foreign_key="report_photo.id", ondelete="SET NULL"
    )
