"""Traffic lights for projects (亮灯督办).

Until the status work defines the full rule, a submitted report gets a provisional light:
yellow while it raises a problem needing coordination, green otherwise.
"""

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sqlmodel import Session

from bot.reporting import Submitted

Color = Literal["green", "yellow", "red"]


def provisional_light(submitted: Submitted) -> tuple[Color, str]:
    """The light shown after a submission and the catalogue key of its reason."""
    if submitted.problem is not None or submitted.report.problems:
        return "yellow", "light-placeholder-problem"
    return "green", "light-placeholder-ok"


def red_project_ids(session: "Session", period: str) -> set[int]:
    """Projects whose reports are missing for this period and the one before (a red light)."""
    from sqlmodel import select

    from bot.missing import reported_ids
    from bot.parsing import previous_period
    from models import Project

    reported = reported_ids(session, period) | reported_ids(session, previous_period(period))
    active = session.exec(select(Project.id).where(Project.active))
    return {project_id for project_id in active if project_id not in reported}
