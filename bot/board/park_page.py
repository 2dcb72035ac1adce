"""A park's page (/park/<id>): its projects with their lights, open problems, counts by light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.board.page_scope import PageScope
from bot.people.access import visible_projects
from bot.status import queries as status
from bot.status.summaries import ParkSummary, by_park
from bot.status.types import ProjectStatus
from models import Park, Person, Problem, ProblemEvent, ProblemStatus, Project


@dataclass(frozen=True)
class OpenProblem:
    """An open problem as the park page lists it (挂牌督办): overdue ones first."""

    problem_id: int
    project_id: int
    project: str
    text: str
    status: str
    unit: str | None  # the unit it is handed to (承办单位)
    leader: str  # the project's responsible leader
    due_date: date | None
    raised_at: datetime
    overdue: bool


@dataclass(frozen=True)
class ParkPage:
    """Everything /park/<id> shows, in the viewer's scope."""

    park_id: int
    name: str
    summary: ParkSummary  # rows (laggards first), counts by light, investment against plan
    problems: list[OpenProblem]
    reports_as_of: datetime | None  # the newest report of these projects
    problems_as_of: datetime | None  # the newest step of these projects' problems

    @property
    def rows(self) -> list[ProjectStatus]:
        """The park's projects in scope, laggards first."""
        return self.summary.rows


def park_page(session: Session, scope: PageScope, park_id: int) -> ParkPage | None:
    """The park's page, or None when it does not exist or holds nothing the viewer may see.

    Both answers are the same to the caller (404), so park ids cannot be probed.
    """
    park = session.get(Park, park_id)
    if park is None or not scope.allows_park(park_id):
        return None
    rows = status.statuses(session, scope.asked, park_id=park_id)
    if not rows:
        return None
    [summary] = by_park(rows)
    newest = max((row.last_submitted_at for row in rows if row.last_submitted_at), default=None)
    in_park = and_(Project.park_id == park_id, Project.active, visible_projects(scope.asked.person))
    problems = _open_problems(session, in_park, scope.asked.today)
    as_of = _problems_as_of(session, in_park)
    return ParkPage(park_id, park.name, summary, problems, newest, as_of)


def _open_problems(
    session: Session, in_park: ColumnElement[bool], today: date
) -> list[OpenProblem]:
    """Open and assigned problems, overdue first, then the earliest due, then the oldest."""
    overdue = and_(Problem.status == ProblemStatus.ASSIGNED.value, col(Problem.due_date) < today)
    query = (
        select(Problem, Project.name, Person.name, overdue)
        .join(Project, col(Project.id) == Problem.project_id)
        .join(Person, col(Person.id) == Project.leader_id, isouter=True)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, in_park)
        .order_by(
            case((overdue, 0), else_=1),
            col(Problem.due_date).is_(None),
            Problem.due_date,
            Problem.raised_at,
            Problem.id,
        )
    )
    return [
        OpenProblem(
            problem_id=problem.id,
            project_id=problem.project_id,
            project=project,
            text=problem.text,
            status=problem.status,
            unit=problem.assigned_unit,
            leader=leader or "",
            due_date=problem.due_date,
            raised_at=problem.raised_at,
            overdue=bool(late),
        )
        for problem, project, leader, late in session.exec(query)
    ]


def _problems_as_of(session: Session, in_park: ColumnElement[bool]) -> datetime | None:
    query = (
        select(func.max(ProblemEvent.at))
        .join(Problem, col(Problem.id) == ProblemEvent.problem_id)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(in_park)
    )
    return session.exec(query).one()
