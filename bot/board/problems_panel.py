"""挂牌督办: the open problems under supervision in a board's scope, overdue first."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from models import Park, Person, Problem, ProblemEvent, ProblemStatus, Project


@dataclass(frozen=True)
class SupervisedProblem:
    """One open problem: what, which project, the unit it is handed to, who answers for it."""

    problem_id: int
    project_id: int
    project: str
    park: str
    text: str
    status: str
    unit: str | None  # the owner unit (承办单位) once assigned
    leader: str  # the project's responsible leader (包联领导)
    due_date: date | None
    raised_at: datetime
    overdue: bool


def supervised(
    session: Session, scope: ColumnElement[bool], today: date, limit: int = 100
) -> tuple[list[SupervisedProblem], int]:
    """The first `limit` open problems in `scope` (overdue first, then by due date, then age),
    and how many there are in all."""
    open_in_scope = (col(Problem.status) != ProblemStatus.RESOLVED.value, scope)
    overdue = and_(col(Problem.due_date).is_not(None), col(Problem.due_date) < today)
    query = (
        select(
            Problem.id,
            Problem.project_id,
            Project.name,
            Park.name,
            Problem.text,
            Problem.status,
            Problem.assigned_unit,
            Person.name,
            Problem.due_date,
            Problem.raised_at,
        )
        .join(Project, col(Project.id) == Problem.project_id)
        .join(Park, col(Park.id) == Project.park_id)
        .outerjoin(Person, col(Person.id) == Project.leader_id)
        .where(*open_in_scope)
        .order_by(
            case((overdue, 0), else_=1),
            case((col(Problem.due_date).is_(None), 1), else_=0),
            Problem.due_date,
            Problem.raised_at,
            Problem.id,
        )
        .limit(limit)
    )
    found = [
        SupervisedProblem(
            problem_id=pid,
            project_id=project_id,
            project=project,
            park=park,
            text=text,
            status=status,
            unit=unit,
            leader=leader or "",
            due_date=due,
            raised_at=raised,
            overdue=due is not None and due < today,
        )
        for pid, project_id, project, park, text, status, unit, leader, due, raised in session.exec(
            query
        )
    ]
    total = session.exec(
        select(func.count())
        .select_from(Problem)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(*open_in_scope)
    ).one()
    return found, total


def newest_change(
    session: Session, scope: ColumnElement[bool], *, whole_city: bool = False
) -> datetime | None:
    """The newest problem raised or changed in scope: the panel's "数据截至"."""
    raised = select(func.max(Problem.raised_at))
    changed = select(func.max(ProblemEvent.at))
    if not whole_city:  # the city's: no join to find them (as bot.status.compute.freshness)
        in_scope = (
            select(Problem.id).join(Project, col(Project.id) == Problem.project_id).where(scope)
        )
        raised = raised.where(col(Problem.id).in_(in_scope))
        changed = changed.where(col(ProblemEvent.problem_id).in_(in_scope))
    moments = [session.exec(raised).one(), session.exec(changed).one()]
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None
