"""The board's data version: a value that changes whenever what a board shows may have changed.

The project statuses, lights and supervised problems follow what bot.status.city_view's data
version reads (newest report, problem and problem event ids, projects' updated_at and count); the
meeting panel follows the meetings' newest update and count; the headline the year's target;
the assessment panel the newest final publication.
Park names and people's names are not in it: who keys answers by it (bot/web/board/shared.py)
also keys them by the minute, so such a change shows within a minute.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from models import (
    CampaignTarget,
    Meeting,
    Problem,
    ProblemEvent,
    ProgressReport,
    Project,
    Publication,
)


def board_version(session: Session, year: int) -> tuple:
    """The data version of every board panel: one statement of index lookups (asked on every
    shared board answer, so one round trip, not one per part)."""
    target = select(CampaignTarget).where(CampaignTarget.year == year)
    return tuple(
        session.exec(
            select(
                # bot.status.city_view's data version (its docstring says why ids suffice).
                select(func.max(ProgressReport.id)).scalar_subquery(),
                select(func.max(ProblemEvent.id)).scalar_subquery(),
                select(func.max(Problem.id)).scalar_subquery(),
                select(func.max(Project.updated_at)).scalar_subquery(),
                select(func.count(Project.id)).scalar_subquery(),
                select(func.max(Meeting.updated_at)).scalar_subquery(),
                select(func.count(Meeting.id)).scalar_subquery(),
                target.with_only_columns(CampaignTarget.new_starts).scalar_subquery(),
                target.with_only_columns(CampaignTarget.in_production).scalar_subquery(),
                target.with_only_columns(CampaignTarget.investment).scalar_subquery(),
                # The final assessment panel: a result becoming final.
                select(func.max(Publication.final_at)).scalar_subquery(),
            )
        ).one()
    )
