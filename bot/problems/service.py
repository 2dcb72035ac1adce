"""Problems needing coordination: 交办 (assign to a unit with a due date), progress, 销号."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case
from sqlmodel import Session, col, select

from bot import audit
from bot.pairing.access import can_work_on_enterprise, visible_enterprise_ids
from bot.people.access import can_work_on_problems, visible_projects
from bot.refusals import Refused
from models import Enterprise, Person, Problem, ProblemEvent, ProblemStatus, Project

MAX_NOTE = 1000
MAX_UNIT = 100


class ProblemRefused(Refused):
    """The step is not allowed: the reason is the catalogue text `problem-refused-<code>`."""

    prefix = "problem-refused-"


@dataclass
class ProblemLine:
    """A problem as the list shows it."""

    problem: Problem
    project: str
    overdue: bool


def open_problems(
    session: Session, person: Person, today: date, limit: int = 20
) -> list[ProblemLine]:
    """Open and assigned problems in the person's scope: overdue first, then oldest.

    A project's problems by the project's scope; a paired enterprise's (三个一) by the pairing's.
    """
    overdue = (Problem.status == ProblemStatus.ASSIGNED.value) & (Problem.due_date < today)
    query = (
        select(Problem, Project.name, overdue)
        .join(Project, col(Project.id) == Problem.project_id)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value, visible_projects(person))
        .order_by(case((overdue, 0), else_=1), Problem.raised_at)
        .limit(limit)
    )
    lines = [ProblemLine(problem, name, bool(late)) for problem, name, late in session.exec(query)]
    lines += _enterprise_problems(session, person, overdue, limit)
    listed = {line.problem.id for line in lines}
    lines += [
        line
        for line in _meeting_assignments(session, person, overdue, limit)
        if line.problem.id not in listed
    ]
    lines.sort(key=lambda line: (not line.overdue, line.problem.raised_at, line.problem.id))
    return lines[:limit]


def _enterprise_problems(
    session: Session, person: Person, overdue: object, limit: int
) -> list[ProblemLine]:
    """Open problems of the paired enterprises this person sees."""
    ids = visible_enterprise_ids(session, person)
    if ids is not None and not ids:
        return []
    query = (
        select(Problem, Enterprise.name, overdue)
        .join(Enterprise, col(Enterprise.id) == Problem.enterprise_id)
        .where(col(Problem.status) != ProblemStatus.RESOLVED.value)
        .order_by(case((overdue, 0), else_=1), Problem.raised_at)
        .limit(limit)
    )
    if ids is not None:
        query = query.where(col(Problem.enterprise_id).in_(ids))
    return [ProblemLine(problem, name, bool(late)) for problem, name, late in session.exec(query)]


def _meeting_assignments(
    session: Session, person: Person, overdue: object, limit: int
) -> list[ProblemLine]:
    """Open meeting assignments outside the project scope: those naming no project (admins
    see all of them), and a responsible leader's own (责任领导), project or not."""
    if not person.active:
        return []
    no_project = col(Problem.project_id).is_(None)
    query = (
        select(Problem, Project.name, overdue)
        .join(Project, col(Project.id) == Problem.project_id, isouter=True)
        .where(
            col(Problem.status) != ProblemStatus.RESOLVED.value,
            col(Problem.meeting_id).is_not(None),
            col(Problem.enterprise_id).is_(None),
            no_project | (Problem.leader_id == person.id),
        )
        .order_by(case((overdue, 0), else_=1), Problem.raised_at)
        .limit(limit)
    )
    if not person.is_admin:
        query = query.where(Problem.leader_id == person.id)
    return [
        ProblemLine(problem, name or "", bool(late)) for problem, name, late in session.exec(query)
    ]


def subject(session: Session, problem: Problem) -> str:
    """The name of what the problem is about: its project or its enterprise."""
    if problem.enterprise_id is not None:
        enterprise = session.get(Enterprise, problem.enterprise_id)
        return enterprise.name if enterprise else ""
    project = session.get(Project, problem.project_id) if problem.project_id else None
    return project.name if project else ""


def may_assign(person: Person | None) -> bool:
    """Only the command centre hands problems to units."""
    return person is not None and person.active and person.is_admin


def may_work_on(session: Session, person: Person | None, problem: Problem) -> bool:
    """Admins and the project's own liaisons and leader record progress and close it (销号).

    A meeting's assignment: also its responsible leader, with or without a project.

    An enterprise's problem: admins, and the paired leader and that pairing's liaison.
    """
    if problem.enterprise_id is not None:
        return can_work_on_enterprise(session, person, problem.enterprise_id)
    # A meeting's assignment: its responsible leader (责任领导) sees it through.
    responsible = person is not None and person.active and problem.leader_id is not None
    if responsible and (person.is_admin or problem.leader_id == person.id):
        return True
    if problem.project_id is None:
        return False
    return can_work_on_problems(session, person, problem.project_id)


def assign(
    session: Session, problem: Problem, *, unit: str, due: date, actor: Person, now: datetime
) -> None:
    """交办: hands the problem to a unit with a due date."""
    if not may_assign(actor):
        raise ProblemRefused("not-allowed")
    unit = unit.strip()
    if not unit or len(unit) > MAX_UNIT:
        raise ProblemRefused("unit-invalid", limit=MAX_UNIT)
    if due < now.date():
        raise ProblemRefused("due-past")
    problem.status = ProblemStatus.ASSIGNED.value
    problem.assigned_unit, problem.due_date = unit, due
    _event(session, problem, "assign", actor, now, unit=unit, due_date=due)


def note_progress(
    session: Session, problem: Problem, *, note: str, actor: Person, now: datetime
) -> None:
    """Records progress on an assigned problem."""
    _check_worker(session, problem, actor)
    _event(session, problem, "progress", actor, now, note=_note(note))


def check_resolution(session: Session, problem: Problem, *, note: str, actor: Person) -> str:
    """The cleaned resolution note, if `actor` may close the problem with it (for a preview)."""
    _check_worker(session, problem, actor)
    return _note(note)


def resolve(session: Session, problem: Problem, *, note: str, actor: Person, now: datetime) -> None:
    """销号: closes the problem with a resolution note."""
    _check_worker(session, problem, actor)
    problem.status = ProblemStatus.RESOLVED.value
    problem.resolution, problem.resolved_at = _note(note), now
    _event(session, problem, "resolve", actor, now, note=problem.resolution)


def history(session: Session, problem_id: int) -> list[tuple[ProblemEvent, str]]:
    """Every step of a problem with the actor's name, oldest first."""
    query = (
        select(ProblemEvent, Person.name)
        .join(Person, col(Person.id) == ProblemEvent.actor_id, isouter=True)
        .where(ProblemEvent.problem_id == problem_id)
        .order_by(ProblemEvent.at, ProblemEvent.id)
    )
    return [(event, name or "") for event, name in session.exec(query)]


def _check_worker(session: Session, problem: Problem, actor: Person) -> None:
    if problem.status == ProblemStatus.RESOLVED.value:
        raise ProblemRefused("resolved")
    if not may_work_on(session, actor, problem):
        raise ProblemRefused("not-allowed")


def _note(note: str) -> str:
    note = note.strip()
    if not note or len(note) > MAX_NOTE:
        raise ProblemRefused("note-invalid", limit=MAX_NOTE)
    return note


def _event(
    session: Session, problem: Problem, action: str, actor: Person, now: datetime, **fields: object
) -> None:
    session.add(problem)
    session.add(
        ProblemEvent(problem_id=problem.id, action=action, actor_id=actor.id, at=now, **fields)
    )
    audit.record(
        session,
        now=now,
        actor=f"person:{actor.id}",
        actor_person_id=actor.id,
        action=f"problem-{action}",
        entity="problem",
        entity_id=problem.id,
        detail={k: str(v) for k, v in fields.items()},
    )
