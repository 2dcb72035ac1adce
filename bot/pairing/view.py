"""The per-leader view of 三个一 and the pairing table as data.

Per leader: their 10亿 project's light (the status rule, bot/status/lights.py) and progress
(investment against the annual plan, and the reported 形象进度), the services to each paired
enterprise dated in the quarter, and the problems of the pairing (its project's and its
enterprises'): solved in the quarter against still open.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot.assessment.period import Period, parse_period
from bot.pairing.access import visible_pairings
from bot.status.compute import Asked, compute_statuses
from models import Enterprise, Pairing, Person, Problem, ProblemStatus, Project, ServiceVisit

# Lights are computed as the command centre sees them: the viewer's scope is the pairing's.
EVERYONE = Person(name="pairing", phone="-", is_admin=True, active=True)


@dataclass
class EnterpriseFigures:
    """One paired enterprise and its services in the quarter."""

    name: str
    kind: str
    services: int


@dataclass
class LeaderPairing:
    """One leader's 三个一 with the quarter's figures."""

    leader: str
    title: str
    liaison: str
    project: str
    light: str  # green / yellow / red, "" without a project
    plan_percent: Decimal | None
    physical_percent: Decimal | None
    milestones: str
    enterprises: list[EnterpriseFigures] = field(default_factory=list)
    solved: int = 0
    open: int = 0
    pairing_id: int | None = None
    leader_id: int | None = None
    liaison_id: int | None = None


def quarter_of(today: date) -> Period:
    """The quarter a day falls in."""
    return parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def leader_pairings(
    session: Session, *, viewer: Person | None, asked: Asked, quarter: Period
) -> list[LeaderPairing]:
    """Every pairing the viewer may see, with the quarter's figures, by leader name."""
    first, last = date(quarter.year, quarter.first_month, 1), _last_day(quarter)
    pairings = list(session.exec(select(Pairing).where(visible_pairings(viewer))))
    project_ids = [p.project_id for p in pairings if p.project_id is not None]
    statuses = {}
    if project_ids:
        everyone = replace(asked, person=EVERYONE)
        rows = compute_statuses(session, everyone, col(Project.id).in_(project_ids), detail=False)
        statuses = {row.project_id: row for row in rows}
    result = [_row(session, p, statuses, first, last) for p in pairings]
    return sorted(result, key=lambda row: row.leader)


def _row(
    session: Session, pairing: Pairing, statuses: dict, first: date, last: date
) -> LeaderPairing:
    leader = session.get(Person, pairing.leader_id)
    liaison = session.get(Person, pairing.liaison_id) if pairing.liaison_id else None
    project = session.get(Project, pairing.project_id) if pairing.project_id else None
    status = statuses.get(pairing.project_id)
    row = LeaderPairing(
        leader=leader.name if leader else "",
        title=leader.title if leader else "",
        liaison=liaison.name if liaison else "",
        project=project.name if project else "",
        light=status.light.color if status else "",
        plan_percent=status.plan_percent if status else None,
        physical_percent=status.physical_percent if status else None,
        milestones=pairing.milestones,
        pairing_id=pairing.id,
        leader_id=pairing.leader_id,
        liaison_id=pairing.liaison_id,
    )
    enterprise_ids = [i for i in (pairing.backbone_id, pairing.struggling_id) if i is not None]
    for enterprise_id in enterprise_ids:
        enterprise = session.get(Enterprise, enterprise_id)
        count = session.exec(
            select(func.count()).where(
                ServiceVisit.enterprise_id == enterprise_id,
                ServiceVisit.leader_id == pairing.leader_id,
                ServiceVisit.visit_date >= first,
                ServiceVisit.visit_date <= last,
            )
        ).one()
        row.enterprises.append(EnterpriseFigures(enterprise.name, enterprise.kind, int(count)))
    row.solved, row.open = _problems(session, pairing.project_id, enterprise_ids, first, last)
    return row


def _problems(
    session: Session, project_id: int | None, enterprise_ids: list[int], first: date, last: date
) -> tuple[int, int]:
    """Problems of the project and enterprises: resolved within the quarter, and still open."""
    conditions = []
    if project_id is not None:
        conditions.append(Problem.project_id == project_id)
    if enterprise_ids:
        conditions.append(col(Problem.enterprise_id).in_(enterprise_ids))
    if not conditions:
        return 0, 0
    problems = list(session.exec(select(Problem).where(or_(*conditions))))
    solved = sum(
        1
        for p in problems
        if p.status == ProblemStatus.RESOLVED.value
        and p.resolved_at is not None
        and first <= p.resolved_at.date() <= last
    )
    still_open = sum(1 for p in problems if p.status != ProblemStatus.RESOLVED.value)
    return solved, still_open


def _last_day(quarter: Period) -> date:
    if quarter.last_month == 12:
        return date(quarter.year, 12, 31)
    return date(quarter.year, quarter.last_month + 1, 1) - timedelta(days=1)


TABLE_COLUMNS = (
    "leader", "title", "project", "light", "plan_percent", "physical_percent", "backbone",
    "backbone_services", "struggling", "struggling_services", "solved", "open", "liaison",
    "milestones",
)  # fmt: skip


def pairing_table(rows: list[LeaderPairing]) -> list[dict[str, object]]:
    """The pairing table (领导结对联系表) with the figures, one plain dict per leader."""
    table = []
    for row in rows:
        kinds = {e.kind: e for e in row.enterprises}
        backbone, struggling = kinds.get("backbone"), kinds.get("struggling")
        table.append(
            {
                "leader": row.leader,
                "title": row.title,
                "project": row.project,
                "light": row.light,
                "plan_percent": row.plan_percent,
                "physical_percent": row.physical_percent,
                "backbone": backbone.name if backbone else "",
                "backbone_services": backbone.services if backbone else 0,
                "struggling": struggling.name if struggling else "",
                "struggling_services": struggling.services if struggling else 0,
                "solved": row.solved,
                "open": row.open,
                "liaison": row.liaison,
                "milestones": row.milestones,
            }
        )
    return table
