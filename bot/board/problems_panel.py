"""挂牌督办: the open problems under supervision in a board's scope, overdue first."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
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
    session: Session, scope: ColumnElement[bool], today: date
) -> list[SupervisedProblem]:
    """Open problems of the projects in `scope`: overdue first, then by due date, then age."""
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
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, scope)
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
    return sorted(
        found,
        key=lambda p: (
            not p.overdue,
            p.due_date is None,
            p.due_date or today,
            p.raised_at,
            p.problem_id,
        ),
    )


def newest_change(session: Session, scope: ColumnElement[bool]) -> datetime | None:
    """The newest problem raised or changed in scope: the panel's "数据截至"."""
    in_scope = select(Problem.id).join(Project, col(Project.id) == Problem.project_id).where(scope)
    raised = select(func.max(Problem.raised_at)).where(col(Problem.id).in_(in_scope))
    changed = select(func.max(ProblemEvent.at)).where(col(ProblemEvent.problem_id).in_(in_scope))
    moments = [session.exec(raised).one(), session.exec(changed).one()]
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None
