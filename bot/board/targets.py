"""The campaign's yearly targets (年度目标): read, set, and the demo's from the document."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from bot import audit
from bot.status.lights import evaluation_period
from models import CampaignTarget

# The campaign document's targets (BRIEF "Targets named for the year"): ≥ 50 new ≥100m-yuan
# industrial projects started, ≥ 600 亿元 industrial fixed-asset investment; the 16 projects
# it lists as 建成投产 are the demo's production figure.
DEMO_NEW_STARTS = 50
DEMO_IN_PRODUCTION = 16
DEMO_INVESTMENT = Decimal(6_000_000)  # 万元 = 600 亿元


@dataclass(frozen=True)
class TargetChange:
    """What `set_target` did: the row as it is now, and whether it was new."""

    target: CampaignTarget
    created: bool


def measured_year(today: date) -> int:
    """The year the board's headline measures: the lights' evaluation month's.

    The lights measure every project at the last closed month, so in January the year's
    investment is last year's (to December): the headline names that year and takes that
    year's targets, never one year's money against another year's target.
    """
    return int(evaluation_period(today)[:4])


def target_for(session: Session, year: int) -> CampaignTarget | None:
    """The year's targets, or None when none were set (the board says so)."""
    return session.get(CampaignTarget, year)


def set_target(
    session: Session,
    *,
    year: int,
    now: datetime,
    actor: str,
    new_starts: int | None = None,
    in_production: int | None = None,
    investment: Decimal | None = None,
) -> TargetChange:
    """Sets the given figures of the year's targets (the others stay); audited."""
    target = session.get(CampaignTarget, year)
    created = target is None
    if target is None:
        target = CampaignTarget(year=year, investment=Decimal(0))
    before = _figures(target) if not created else {}
    if new_starts is not None:
        target.new_starts = new_starts
    if in_production is not None:
        target.in_production = in_production
    if investment is not None:
        target.investment = investment
    session.add(target)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="targets-set",
        entity="campaign_target",
        entity_id=year,
        detail={"before": before, "after": _figures(target)},
    )
    return TargetChange(target, created)


def seed_demo_targets(session: Session, *, year: int, now: datetime, actor: str) -> bool:
    """The document's targets for `year`, unless that year has targets already."""
    if session.get(CampaignTarget, year) is not None:
        return False
    set_target(
        session,
        year=year,
        now=now,
        actor=actor,
        new_starts=DEMO_NEW_STARTS,
        in_production=DEMO_IN_PRODUCTION,
        investment=DEMO_INVESTMENT,
    )
    return True


def _figures(target: CampaignTarget) -> dict[str, str]:
    return {
        "new_starts": str(target.new_starts),
        "in_production": str(target.in_production),
        "investment": str(target.investment),
    }
