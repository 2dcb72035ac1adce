"""Plain data the status queries return and the renderers (chat, chart, ledger) consume."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

Color = Literal["green", "yellow", "red"]


@dataclass(frozen=True)
class Reason:
    """One rule that applies to a project: its colour, the rule's key, and its figures.

    The catalogue renders `light-reason-<rule>` and `light-fix-<rule>` with `params`.
    """

    rule: str
    color: Color
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Light:
    """A project's light: the worst colour of its reasons (green when none apply)."""

    color: Color
    reasons: tuple[Reason, ...] = ()


@dataclass
class ProjectStatus:
    """Everything a card, an overview line or a ledger row shows about one project."""

    project_id: int
    name: str
    park: str
    enterprise: str
    category: str
    industry_chain: str
    leader: str
    liaisons: list[str]
    total_investment: Decimal
    annual_plan: Decimal
    year_investment: Decimal  # completed in the evaluation month's year, reports so far
    cumulative_investment: Decimal  # since the project began (last report's cumulative)
    plan_percent: Decimal  # year_investment / annual_plan, in percent
    expected_percent: Decimal  # the time-proportional plan (序时进度), in percent
    stage: str | None
    physical_percent: Decimal | None
    last_period: str | None
    last_submitted_at: datetime | None
    light: Light
    open_problems: int = 0
    overdue_problems: int = 0
    # The report of the period asked about (the ledger's columns), if there is one.
    period_investment: Decimal | None = None
    period_progress: str = ""
    period_problems: str = ""
    problem_texts: list[str] = field(default_factory=list)
    park_id: int = 0
    # The month the light and the ranking measure against: the last closed one, for everyone.
    evaluation_period: str = ""
    reported_this_period: bool = False  # a current report for the period asked about
    # Periods known to have a current report: the asker's recent months, and a ledger's period.
    reported_periods: frozenset[str] = frozenset()

    def reported_for(self, period: str) -> bool:
        """Whether the project has a current (non-superseded) report for `period`."""
        return period in self.reported_periods
