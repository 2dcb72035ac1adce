"""The board's data version: a value that changes whenever what a board shows may have changed.

The project statuses, lights and supervised problems follow bot.status.city_view's data
version (newest report, problem and problem event ids, projects' updated_at and count); the
meeting panel follows the meetings' newest update and count; the headline the year's target.
Park names and people's names are not in it: who keys answers by it (bot/web/board/shared.py)
also keys them by the minute, so such a change shows within a minute.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from bot.board.targets import target_for
from bot.status.city_view import data_version
from models import Meeting


def board_version(session: Session, year: int) -> tuple:
    """The data version of every board panel (a few index lookups)."""
    meetings = session.exec(select(func.max(Meeting.updated_at), func.count(Meeting.id))).one()
    target = target_for(session, year)
    figures = (target.new_starts, target.in_production, target.investment) if target else None
    return (*data_version(session), *meetings, figures)
