"""Traffic lights for projects (亮灯督办).

Until the status work defines the full rule, a submitted report gets a provisional light:
yellow while it raises a problem needing coordination, green otherwise.
"""

from typing import Literal

from bot.reporting import Submitted

Color = Literal["green", "yellow", "red"]


def provisional_light(submitted: Submitted) -> tuple[Color, str]:
    """The light shown after a submission and the catalogue key of its reason."""
    if submitted.problem is not None or submitted.report.problems:
        return "yellow", "light-placeholder-problem"
    return "green", "light-placeholder-ok"
