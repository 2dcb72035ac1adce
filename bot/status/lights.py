"""Traffic lights for projects (亮灯督办): one rule, configurable, explained in words.

A project's light is the worst colour among the rules that apply to it (green when none do);
every applicable rule becomes a `Reason`, worst first, then in the order below.

| rule              | yellow                                 | red                             |
| ----------------- | -------------------------------------- | ------------------------------- |
| `behind-plan`     | behind_yellow ≤ behind ≤ behind_red    | behind > behind_red             |
| `start-late`      | planned start month passed ≥ 1 month   | ≥ start_late_red_months months  |
| `production-late` | —                                      | today after planned production  |
| `report-missing`  | ≥ 1 closed month without a report      | ≥ missing_red_periods months    |
| `problem-overdue` | ≥ 1 assigned problem past its due date | —                               |

- behind = expected% − actual%, in percentage points: expected% is the time-proportional
  plan (序时进度) month / 12 × 100 of the evaluation period — last month, for every project —
  and actual% is the investment reported for that period's year so far (an early report of
  this month included), as a share of the annual plan (no annual plan: no rule).
- start-late counts whole calendar months from the planned start month to today's month, and
  only while the project has not reached the 开工建设 stage.
- production-late applies until the project reports 竣工投产.
- report-missing counts consecutive closed months (last month backwards) without a report.

Each reason renders as `light-reason-<rule>` (what is wrong) and `light-fix-<rule>` (what
turns it green) with the reason's params. Defaults live in `LightPolicy`; the settings
LIGHT_BEHIND_YELLOW, LIGHT_BEHIND_RED, LIGHT_START_LATE_RED_MONTHS and
LIGHT_MISSING_RED_PERIODS override them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from bot.formatting import format_money
from bot.parsing import period_bounds, period_of, previous_period
from bot.status.types import Color, Light, Reason
from models.report import Stage

__all__ = [
    "DEFAULT_POLICY",
    "RULES",
    "Color",
    "LightPolicy",
    "ProjectFacts",
    "describe",
    "evaluation_period",
    "expected_percent",
    "explain",
    "facts_missing_periods",
    "light_for",
    "reason_args",
]

RULES = ("behind-plan", "start-late", "production-late", "report-missing", "problem-overdue")
MAX_MISSING_PERIODS = 12
_SEVERITY: dict[Color, int] = {"green": 0, "yellow": 1, "red": 2}
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class LightPolicy:
    """The thresholds of the rule; defaults are the campaign's."""

    behind_yellow: Decimal = Decimal(10)  # percentage points behind the time-proportional plan
    behind_red: Decimal = Decimal(30)
    start_late_red_months: int = 3
    missing_red_periods: int = 2

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.behind_yellow <= self.behind_red:
            raise ValueError("light thresholds need 0 ≤ behind_yellow ≤ behind_red")
        if self.start_late_red_months < 1 or self.missing_red_periods < 1:
            raise ValueError("light month thresholds must be at least 1")

    @classmethod
    def from_settings(cls, settings: object) -> LightPolicy:
        """The policy from `Settings`; attributes it does not have yet keep their defaults."""
        default = cls()
        return cls(
            behind_yellow=_decimal(getattr(settings, "light_behind_yellow", default.behind_yellow)),
            behind_red=_decimal(getattr(settings, "light_behind_red", default.behind_red)),
            start_late_red_months=int(
                getattr(settings, "light_start_late_red_months", default.start_late_red_months)
            ),
            missing_red_periods=int(
                getattr(settings, "light_missing_red_periods", default.missing_red_periods)
            ),
        )


@dataclass(frozen=True)
class ProjectFacts:
    """What the rule needs to know about one project (money in 万元)."""

    today: date
    annual_plan: Decimal
    year_investment: Decimal  # completed in the evaluation period's year up to it
    evaluation_period: str  # the last closed month, for every project (`evaluation_period`)
    planned_start: date | None
    planned_production: date | None
    stage: str | None  # latest report's stage, None if never reported
    missing_periods: int  # consecutive closed periods (last month backwards) without a report
    overdue_problems: int  # assigned problems past their due date


DEFAULT_POLICY = LightPolicy()


def evaluation_period(today: date) -> str:
    """The month every project is measured at: the last closed one, reported this month or not.

    One month for all, so reporting early never makes a project look worse (it once moved the
    reporter to this month's higher 序时进度); an early report's investment counts all the same
    in `year_investment` when it falls in the same year. In January that is last December.
    """
    return previous_period(period_of(today))


def expected_percent(evaluation_period: str) -> Decimal:
    """The time-proportional plan (序时进度) in percent: 2025-03 -> 25."""
    return _decimal_of(_expected_fraction(evaluation_period))


def _expected_fraction(evaluation_period: str) -> Fraction:
    return Fraction(period_bounds(evaluation_period)[0].month * 100, 12)


def light_for(facts: ProjectFacts, policy: LightPolicy = DEFAULT_POLICY) -> Light:
    """The project's light: the worst applicable colour, every applicable reason worst first."""
    found = [
        _behind_plan(facts, policy),
        _start_late(facts, policy),
        _production_late(facts),
        _report_missing(facts, policy),
        _problem_overdue(facts),
    ]
    reasons = sorted((r for r in found if r is not None), key=lambda r: -_SEVERITY[r.color])
    color = reasons[0].color if reasons else "green"
    return Light(color=color, reasons=tuple(reasons))


def facts_missing_periods(today: date, reported_periods: set[str], first_period: str | None) -> int:
    """Consecutive closed months without a report, from last month back to `first_period`."""
    count = 0
    period = previous_period(period_of(today))
    while count < MAX_MISSING_PERIODS and period not in reported_periods:
        # YYYY-MM strings sort like the months they name.
        if first_period is not None and period < first_period:
            break
        count += 1
        period = previous_period(period)
    return count


def reason_args(reason: Reason) -> dict[str, object]:
    """The reason's params for the catalogue: counts as numbers so plural forms work."""
    return {name: int(value) if value.isdigit() else value for name, value in reason.params.items()}


def describe(light: Light, t: Callable[..., str]) -> list[str]:
    """One line per reason, a dot, the reason and its fix; a single green line when none applies."""
    if not light.reasons:
        return [t("light-line", dot=t("light-dot-green"), explanation=t("light-green-all"))]
    return [
        t("light-line", dot=t(f"light-dot-{reason.color}"), explanation=explain(reason, t))
        for reason in light.reasons
    ]


def explain(reason: Reason, t: Callable[..., str]) -> str:
    """A reason and its fix without the dot, for lines that show the light themselves."""
    args = reason_args(reason)
    return t(
        "light-explanation",
        reason=t(f"light-reason-{reason.rule}", **args),
        fix=t(f"light-fix-{reason.rule}", **args),
    )


# --- the rules -----------------------------------------------------------------------------


def _behind_plan(facts: ProjectFacts, policy: LightPolicy) -> Reason | None:
    if facts.annual_plan <= 0:
        return None
    # Most projects are on plan: decide that with exact Decimal products (no division, so no
    # rounding) and build the Fractions below only for a project that gets a light.
    # behind < yellow  <=>  month*100/12 - done*100/plan < yellow  (times 12*plan > 0)
    month = int(facts.evaluation_period[5:7])
    plan_d, done_d = _decimal(facts.annual_plan), _decimal(facts.year_investment)
    if month * 100 * plan_d - done_d * 1200 < _decimal(policy.behind_yellow) * 12 * plan_d:
        return None
    # Exact fractions: 1/12 of a year has no exact Decimal, and the edges must be exact.
    plan, done = Fraction(facts.annual_plan), Fraction(facts.year_investment)
    yellow, red = Fraction(policy.behind_yellow), Fraction(policy.behind_red)
    expected = _expected_fraction(facts.evaluation_period)
    actual = done / plan * 100
    behind = expected - actual
    if behind < yellow:
        return None
    target = (expected - yellow) / 100 * plan
    # The light clears once done > target: the least whole 万元 strictly above the gap, so
    # completing at least the amount shown is enough.
    needed = math.floor(max(Fraction(0), target - done)) + 1
    params = {
        "expected": _one_decimal(expected),
        "actual": _one_decimal(actual),
        "behind": _one_decimal(behind),
        "needed": format_money(needed),
    }
    return Reason("behind-plan", "red" if behind > red else "yellow", params)


def _start_late(facts: ProjectFacts, policy: LightPolicy) -> Reason | None:
    if facts.planned_start is None or _reached(facts.stage, Stage.STARTED):
        return None
    months = _month_index(facts.today) - _month_index(facts.planned_start)
    if months < 1:
        return None
    color: Color = "red" if months >= policy.start_late_red_months else "yellow"
    params = {"planned": facts.planned_start.isoformat(), "months": str(months)}
    return Reason("start-late", color, params)


def _production_late(facts: ProjectFacts) -> Reason | None:
    planned = facts.planned_production
    if planned is None or facts.today <= planned or _reached(facts.stage, Stage.IN_PRODUCTION):
        return None
    params = {"planned": planned.isoformat(), "days": str((facts.today - planned).days)}
    return Reason("production-late", "red", params)


def _report_missing(facts: ProjectFacts, policy: LightPolicy) -> Reason | None:
    if facts.missing_periods < 1:
        return None
    since = previous_period(period_of(facts.today))
    for _ in range(facts.missing_periods - 1):
        since = previous_period(since)
    color: Color = "red" if facts.missing_periods >= policy.missing_red_periods else "yellow"
    return Reason("report-missing", color, {"periods": str(facts.missing_periods), "since": since})


def _problem_overdue(facts: ProjectFacts) -> Reason | None:
    if facts.overdue_problems < 1:
        return None
    return Reason("problem-overdue", "yellow", {"count": str(facts.overdue_problems)})


def _reached(stage: str | None, milestone: Stage) -> bool:
    """Whether the reported stage is at or past `milestone`; an unknown stage raises."""
    return stage is not None and Stage(stage).rank >= milestone.rank


def _month_index(day: date) -> int:
    return day.year * 12 + day.month


def _decimal(value: object) -> Decimal:
    # Through str: a float setting such as 10.1 must not become 10.0999999...
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _decimal_of(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _one_decimal(value: Fraction) -> str:
    return str(_decimal_of(value).quantize(_ONE_DECIMAL, ROUND_HALF_UP))


# --- until the status work computes the full rule ------------------------------------------
