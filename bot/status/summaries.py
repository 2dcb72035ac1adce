"""Park summaries and rankings over computed statuses; the one meaning of "reported"."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from bot.status.compute import TENTH
from bot.status.types import ProjectStatus


@dataclass
class ParkSummary:
    """A park's projects by light, reports in, investment against plan."""

    park_id: int | None
    name: str
    rows: list[ProjectStatus]
    # The period summarised; None: the asker's own (this month), as /overview and /park ask.
    period: str | None = None

    @cached_property
    def counts(self) -> dict[str, int]:
        """Projects per light colour."""
        counts = {"green": 0, "yellow": 0, "red": 0}
        for row in self.rows:
            counts[row.light.color] += 1
        return counts

    @cached_property
    def reported(self) -> int:
        """Projects with a current report for the period summarised: the one meaning of it."""
        if self.period is None:
            return sum(row.reported_this_period for row in self.rows)
        return sum(row.reported_for(self.period) for row in self.rows)

    @cached_property
    def year_investment(self) -> Decimal:
        """Investment completed this year."""
        return sum((row.year_investment for row in self.rows), Decimal(0))

    @cached_property
    def annual_plan(self) -> Decimal:
        """This year's planned investment."""
        return sum((row.annual_plan for row in self.rows), Decimal(0))

    @cached_property
    def plan_percent(self) -> Decimal:
        """Investment completed as a percentage of the plan."""
        plan = self.annual_plan
        return (self.year_investment * 100 / plan).quantize(TENTH) if plan else Decimal(0)

    @property
    def reported_percent(self) -> Decimal:
        """Share of projects that reported this period."""
        if not self.rows:
            return Decimal(0)
        return (Decimal(self.reported) * 100 / len(self.rows)).quantize(TENTH)


def by_park(rows: Iterable[ProjectStatus], period: str | None = None) -> list[ParkSummary]:
    """Rows grouped by park, ranked: best share of green, then investment against plan.

    `period` is the month whose reports count as reported (default: the asker's own).
    """
    parks: dict[str, ParkSummary] = {}
    for row in rows:
        summary = parks.get(row.park)
        if summary is None:
            summary = parks[row.park] = ParkSummary(row.park_id, row.park, [], period)
        summary.rows.append(row)
    return sorted(
        parks.values(),
        key=lambda p: (-Decimal(p.counts["green"]) / max(len(p.rows), 1), -p.plan_percent, p.name),
    )


@dataclass
class Ranking:
    """十快十慢: the projects with an annual plan ranked by the share of it completed."""

    fast: list[ProjectStatus]  # best first
    slow: list[ProjectStatus]  # worst first
    ranked: int  # how many projects were ranked
    evaluation_period: str | None  # the closed month every project is measured at
    halves: bool  # too few projects for both lists in full: the ranking split in two


def fastest_and_slowest(rows: list[ProjectStatus], count: int = 10) -> Ranking:
    """十快十慢, defensibly: one month for all, no project in both lists, no arbitrary ties.

    Every project is measured as its light is (bot.status.lights): at the same evaluation month, the
    last closed one, with all the investment it has reported this year. The 序时进度 is then
    the same for all, so the share of the annual plan completed orders them. Ties go by name,
    then id. With fewer than 2 × count projects the ranked list is split in halves (an odd
    middle one is in neither), so nobody is both fastest and slowest.
    """
    planned = [row for row in rows if row.annual_plan > 0]
    ranked = sorted(planned, key=lambda row: (-_share(row), row.name, row.project_id))
    take = min(count, len(ranked) // 2)
    tail = ranked[len(ranked) - take :]
    slow = sorted(tail, key=lambda row: (_share(row), row.name, row.project_id))
    evaluation = ranked[0].evaluation_period if ranked else None
    return Ranking(ranked[:take], slow, len(ranked), evaluation, len(ranked) < 2 * count)


def _share(row: ProjectStatus) -> Decimal:
    # Exact, not the rounded percentage shown: 1.04% and 0.96% are not a tie.
    return row.year_investment / row.annual_plan
