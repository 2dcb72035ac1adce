"""The indicator values parkbot computes itself, per park, each with its rule in words."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, type_coerce
from sqlmodel import Session, col, select

from bot.assessment.period import Period, month_end
from models import Meeting, Park, Problem, ProgressReport, Project
from models.meeting import MeetingStatus
from models.problem import ProblemStatus
from models.report import Stage
from models.types import UTCDateTime, Wan

HUNDRED = Decimal(100)
PERCENT = Decimal("0.1")
# The indicator keys, matching the default scheme's where it has them (scheme_template.py).
INVESTMENT = "investment"
INVESTMENT_RATE = "investment_rate"
STARTS_ON_TIME = "starts_on_time"
PRODUCTION_ON_TIME = "production_on_time"
TIMELINESS = "timeliness"
COMPLETENESS = "completeness"
PROBLEMS_CLOSED = "problems_closed"
KEYS = (
    INVESTMENT,
    INVESTMENT_RATE,
    STARTS_ON_TIME,
    PRODUCTION_ON_TIME,
    TIMELINESS,
    COMPLETENESS,
    PROBLEMS_CLOSED,
)
_STARTED = [stage.value for stage in Stage if stage.rank >= Stage.STARTED.rank]


@dataclass(frozen=True)
class Value:
    """One computed value; `rule` is a catalogue key, `figures` its parameters."""

    key: str
    value: Decimal | None
    rule: str
    figures: dict[str, str] = field(default_factory=dict)


def computed_values(session: Session, period: Period, tz: tzinfo) -> dict[str, dict[str, Value]]:
    """Park name -> indicator key -> value; a park with nothing to count gets None."""
    names = {park.id: park.name for park in session.exec(select(Park))}
    result: dict[str, dict[str, Value]] = {name: {} for name in names.values()}
    for park_id, values in _merged(session, period, tz).items():
        for value in values:
            result[names[park_id]][value.key] = value
    for park in result.values():
        for key in KEYS:
            park.setdefault(key, Value(key, None, "assess-value-none"))
    return result


def scoring_values(values: dict[str, dict[str, Value]]) -> dict[str, dict[str, Decimal | None]]:
    """The values as scoring.score takes them: {park: {key: value or None}}."""
    return {park: {k: v.value for k, v in items.items()} for park, items in values.items()}


def _merged(session: Session, period: Period, tz: tzinfo) -> dict[int, list[Value]]:
    merged: dict[int, list[Value]] = defaultdict(list)
    for part in (
        _investment(session, period),
        _stage_on_time(session, period, tz, STARTS_ON_TIME),
        _stage_on_time(session, period, tz, PRODUCTION_ON_TIME),
        _reporting(session, period, tz),
        _problems(session, period, tz),
    ):
        for park_id, values in part.items():
            merged[park_id].extend(values)
    return merged


def _investment(session: Session, period: Period) -> dict[int, list[Value]]:
    done = (
        select(func.sum(ProgressReport.investment_month))
        .where(
            ProgressReport.project_id == Project.id,
            ProgressReport.is_current,
            ProgressReport.period >= period.year_start,
            ProgressReport.period <= period.last,
        )
        .scalar_subquery()
    )
    rows = session.exec(
        select(
            Project.park_id,
            type_coerce(func.sum(func.coalesce(done, 0)), Wan()),
            type_coerce(func.sum(Project.annual_plan), Wan()),
        )
        .where(Project.active)
        .group_by(Project.park_id)
    )
    result: dict[int, list[Value]] = {}
    for park_id, completed, plan in rows:
        figures = {"completed": _amount(completed), "plan": _amount(plan), "to": period.last}
        rate = _share(completed, plan)
        result[park_id] = [
            Value(INVESTMENT, completed, "assess-value-investment", figures),
            Value(
                INVESTMENT_RATE,
                rate,
                "assess-value-investment-rate" if rate is not None else "assess-value-no-plan",
                {**figures, "rate": _text(rate)},
            ),
        ]
    return result


def _stage_on_time(
    session: Session, period: Period, tz: tzinfo, key: str
) -> dict[int, list[Value]]:
    """Projects due to start (or produce) by the period's end, and those that did."""
    last_day = period.end(tz).date() - timedelta(days=1)
    if key == STARTS_ON_TIME:
        planned, stages = col(Project.planned_start), _STARTED
    else:
        planned, stages = col(Project.planned_production), [Stage.IN_PRODUCTION.value]
    reached = (
        select(ProgressReport.id)
        .where(
            ProgressReport.project_id == Project.id,
            ProgressReport.is_current,
            ProgressReport.period <= period.last,
            col(ProgressReport.stage).in_(stages),
        )
        .exists()
    )
    rows = session.exec(
        select(Project.park_id, func.count(), func.sum(case((reached, 1), else_=0)))
        .where(Project.active, planned.is_not(None), planned <= last_day)
        .group_by(Project.park_id)
    )
    return {
        park_id: [_rate(key, f"assess-value-{key.replace('_', '-')}", done, due, period.last)]
        for park_id, due, done in rows
    }


def _reporting(session: Session, period: Period, tz: tzinfo) -> dict[int, list[Value]]:
    """Project-months of the period with a report, and with one in time."""
    deadline = (
        select(Meeting.period, func.min(Meeting.deadline).label("deadline"))
        .where(Meeting.status == MeetingStatus.SCHEDULED.value)
        .group_by(Meeting.period)
        .subquery()
    )
    month_ends = case(
        *(
            (ProgressReport.period == m, literal(month_end(m, tz), UTCDateTime()))
            for m in period.months
        )
    )
    in_time: ColumnElement[bool] = or_(
        and_(deadline.c.deadline.is_not(None), ProgressReport.submitted_at <= deadline.c.deadline),
        and_(deadline.c.deadline.is_(None), ProgressReport.submitted_at < month_ends),
    )
    rows = session.exec(
        select(
            Project.park_id,
            func.count(func.distinct(Project.id)),
            func.count(ProgressReport.id),
            func.sum(case((in_time, 1), else_=0)),
        )
        .select_from(Project)
        .outerjoin(
            ProgressReport,
            and_(
                ProgressReport.project_id == Project.id,
                ProgressReport.is_current,
                ProgressReport.period >= period.first,
                ProgressReport.period <= period.last,
            ),
        )
        .outerjoin(deadline, deadline.c.period == ProgressReport.period)
        .where(Project.active)
        .group_by(Project.park_id)
    )
    months = len(period.months)
    return {
        park_id: [
            _rate(
                TIMELINESS, "assess-value-timeliness", on_time or 0, projects * months, period.label
            ),
            _rate(
                COMPLETENESS, "assess-value-completeness", reported, projects * months, period.label
            ),
        ]
        for park_id, projects, reported, on_time in rows
    }


def _problems(session: Session, period: Period, tz: tzinfo) -> dict[int, list[Value]]:
    """Problems due in the period, and those closed by their due date (local days)."""
    first = date(period.year, period.first_month, 1)
    last = period.end(tz).date() - timedelta(days=1)
    # One query; "closed by the due date" compares a UTC instant with a local day, which
    # SQLite and PostgreSQL spell differently, so that comparison is made here.
    rows = session.exec(
        select(Project.park_id, Problem.due_date, Problem.status, Problem.resolved_at)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(col(Problem.due_date) >= first, col(Problem.due_date) <= last)
    )
    due: dict[int, int] = defaultdict(int)
    closed: dict[int, int] = defaultdict(int)
    for park_id, due_date, status, resolved_at in rows:
        due[park_id] += 1
        if status == ProblemStatus.RESOLVED.value and _by(resolved_at, due_date, tz):
            closed[park_id] += 1
    return {
        park_id: [
            _rate(
                PROBLEMS_CLOSED,
                "assess-value-problems-closed",
                closed[park_id],
                count,
                period.label,
            )
        ]
        for park_id, count in due.items()
    }


def _by(at: datetime | None, day: date, tz: tzinfo) -> bool:
    return at is not None and at.astimezone(tz).date() <= day


def _rate(key: str, rule: str, done: int, total: int, to: str) -> Value:
    rate = _share(Decimal(done), Decimal(total))
    figures = {"done": str(done), "total": str(total), "rate": _text(rate), "to": to}
    return Value(key, rate, rule if rate is not None else "assess-value-none", figures)


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part or 0) * HUNDRED / whole).quantize(PERCENT, ROUND_HALF_UP)


def _amount(value: Decimal | None) -> str:
    text = format(value or Decimal(0), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(value: Decimal | None) -> str:
    return "-" if value is None else _amount(value)
