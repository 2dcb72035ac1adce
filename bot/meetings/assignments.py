"""A dispatch meeting's decisions become assignments (交办): problems linked to the meeting.

Each decision names what is to be done, the owner unit (承办单位), the responsible leader
(责任领导), a due date and, optionally, the project it concerns. It becomes a Problem in status
assigned, with the events raise and assign, so the problems' 办理 → 销号 lifecycle applies;
its owners (the responsible leader, and the project's liaisons and leader) are told through
the outbox, once each.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from bot import audit
from bot.outbox import queue as outbox
from bot.people.accounts import Notices
from bot.refusals import Refused
from models import (
    Meeting,
    MeetingStatus,
    Person,
    Problem,
    ProblemEvent,
    ProblemStatus,
    Project,
    ProjectLiaison,
)

MAX_TEXT = 500
MAX_UNIT = 100
KIND = "assignment"


class AssignmentRefused(Refused):
    """The decision is not recorded: the reason is the catalogue text `assignment-refused-*`."""

    prefix = "assignment-refused-"


@dataclass
class AssignmentLine:
    """An assignment as lists show it."""

    problem: Problem
    project: str
    leader: str
    overdue: bool


def may_record(person: Person | None) -> bool:
    """Only the command centre (admins) records a meeting's decisions."""
    return person is not None and person.active and person.is_admin


def is_held(meeting: Meeting, now: datetime) -> bool:
    """A meeting whose decisions may be recorded: not cancelled, and it has begun."""
    return meeting.status == MeetingStatus.SCHEDULED.value and meeting.starts_at <= now


def held_meetings(session: Session, now: datetime, limit: int = 5) -> list[Meeting]:
    """The latest meetings that have been held, newest first."""
    query = (
        select(Meeting)
        .where(Meeting.status == MeetingStatus.SCHEDULED.value, Meeting.starts_at <= now)
        .order_by(col(Meeting.starts_at).desc())
        .limit(limit)
    )
    return list(session.exec(query))


def leaders(session: Session) -> list[Person]:
    """Everyone who may be named the responsible leader: the active leaders, by name."""
    query = select(Person).where(Person.is_leader, Person.active).order_by(Person.name, Person.id)
    return list(session.exec(query))


def projects(session: Session) -> list[Project]:
    """The projects a decision may name: the active ones, by name."""
    return list(session.exec(select(Project).where(Project.active).order_by(Project.name)))


def find_project(session: Session, text: str) -> Project | None:
    """The active project named `text`, or the only one whose name contains it."""
    text = text.strip()
    if not text:
        return None
    named = [project for project in projects(session) if text in project.name]
    exact = [project for project in named if project.name == text]
    if exact:
        return exact[0]
    return named[0] if len(named) == 1 else None


def draft_rows(
    session: Session, *, meeting_id: int, project_id: int | None, leader_id: int | None
) -> tuple[Meeting | None, Project | None, Person | None]:
    """The meeting, project and leader a draft names by id (None where there is no such row)."""
    meeting = session.get(Meeting, meeting_id)
    project = session.get(Project, project_id) if project_id else None
    leader = session.get(Person, leader_id) if leader_id else None
    return meeting, project, leader


def check(
    session: Session,
    meeting: Meeting | None,
    *,
    text: str,
    unit: str,
    leader: Person | None,
    due: date | None,
    project: Project | None = None,
    actor: Person | None,
    now: datetime,
    operator: bool = False,
) -> tuple[str, str]:
    """The cleaned text and unit, if the decision may be recorded; raises AssignmentRefused.

    `operator`: recorded from the command line (whoever runs it runs the server; no person).
    """
    if not (operator or may_record(actor)):
        raise AssignmentRefused("not-allowed")
    if meeting is None or not is_held(meeting, now):
        raise AssignmentRefused("not-held")
    text, unit = text.strip(), unit.strip()
    if not text or len(text) > MAX_TEXT:
        raise AssignmentRefused("text-invalid", limit=MAX_TEXT)
    if project is not None and not project.active:
        raise AssignmentRefused("project-unknown")
    if not unit or len(unit) > MAX_UNIT:
        raise AssignmentRefused("unit-invalid", limit=MAX_UNIT)
    if leader is None or not leader.active or not leader.is_leader:
        raise AssignmentRefused("leader-invalid")
    held_on = meeting.starts_at.astimezone(now.tzinfo).date()
    if due is None or due < held_on:
        raise AssignmentRefused("due-before-meeting", day=held_on.isoformat())
    duplicate = select(Problem.id).where(
        Problem.meeting_id == meeting.id, Problem.text == text, Problem.assigned_unit == unit
    )
    if session.exec(duplicate).first() is not None:
        raise AssignmentRefused("duplicate")
    return text, unit


def record(
    session: Session,
    meeting: Meeting | None,
    *,
    text: str,
    unit: str,
    leader: Person | None,
    due: date | None,
    project: Project | None = None,
    actor: Person | None,
    now: datetime,
    notices: Notices | None = None,
    operator: bool = False,
) -> Problem:
    """Records one decision as an assigned problem and, given `notices`, tells its owners."""
    text, unit = check(
        session,
        meeting,
        text=text,
        unit=unit,
        leader=leader,
        due=due,
        project=project,
        actor=actor,
        now=now,
        operator=operator,
    )
    actor_id = actor.id if actor is not None else None
    problem = Problem(
        project_id=project.id if project else None,
        meeting_id=meeting.id,
        leader_id=leader.id,
        text=text,
        status=ProblemStatus.ASSIGNED.value,
        raised_by_id=actor_id,
        raised_at=now,
        assigned_unit=unit,
        due_date=due,
    )
    session.add(problem)
    session.flush()
    for action, fields in (("raise", {"note": text}), ("assign", {"unit": unit, "due_date": due})):
        session.add(
            ProblemEvent(problem_id=problem.id, action=action, actor_id=actor_id, at=now, **fields)
        )
    audit.record(
        session,
        now=now,
        actor=f"person:{actor_id}" if actor_id is not None else audit.cli_actor(),
        actor_person_id=actor_id,
        action="assignment-record",
        entity="problem",
        entity_id=problem.id,
        detail={"meeting": str(meeting.id), "unit": unit, "due": due.isoformat()},
    )
    if notices is not None:
        notify_owners(session, problem, notices=notices, now=now)
    return problem


def owners(session: Session, problem: Problem) -> list[Person]:
    """Who is told of an assignment: its responsible leader, the project's leader and liaisons."""
    ids: list[int] = [problem.leader_id] if problem.leader_id else []
    if problem.project_id is not None:
        project = session.get(Project, problem.project_id)
        if project is not None and project.leader_id:
            ids.append(project.leader_id)
        served = select(ProjectLiaison.person_id).where(
            ProjectLiaison.project_id == problem.project_id
        )
        ids += list(session.exec(served.order_by(ProjectLiaison.position)))
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(ids)))}
    seen: list[Person] = []
    for person_id in ids:
        person = people.get(person_id)
        if person is not None and person.active and person not in seen:
            seen.append(person)
    return seen


def notify_owners(session: Session, problem: Problem, *, notices: Notices, now: datetime) -> int:
    """Queues the notice of the assignment to each owner, once each; returns how many new."""
    meeting = session.get(Meeting, problem.meeting_id)
    project = session.get(Project, problem.project_id) if problem.project_id else None
    leader = session.get(Person, problem.leader_id) if problem.leader_id else None
    held_on = meeting.starts_at.astimezone(now.tzinfo).date().isoformat() if meeting else ""
    queued = 0
    for person in owners(session, problem):
        text = notices.text(
            person,
            "assignment-notice",
            id=str(problem.id),
            meeting=held_on,
            text=problem.text,
            project=project.name if project else notices.text(person, "minutes-no-project"),
            unit=problem.assigned_unit or "",
            leader=leader.name if leader else "",
            due=problem.due_date.isoformat() if problem.due_date else "",
        )
        row = outbox.enqueue(
            session,
            kind=KIND,
            text=text,
            now=now,
            person=person,
            dedupe_key=f"assignment{problem.id}:p{person.id}",
            meeting_id=problem.meeting_id,
        )
        queued += row is not None
    return queued


def _lines(session: Session, query: object, today: date | None) -> list[AssignmentLine]:
    lines = []
    for problem, project, leader in session.exec(query):
        late = today is not None and problem.overdue_on(today)
        lines.append(AssignmentLine(problem, project or "", leader or "", late))
    return lines


def _select() -> object:
    return (
        select(Problem, Project.name, Person.name)
        .join(Project, col(Project.id) == Problem.project_id, isouter=True)
        .join(Person, col(Person.id) == Problem.leader_id, isouter=True)
    )


def assignments_of(
    session: Session, meeting_id: int, today: date | None = None
) -> list[AssignmentLine]:
    """A meeting's assignments in the order they were recorded, overdue ones marked."""
    query = _select().where(Problem.meeting_id == meeting_id).order_by(Problem.id)
    return _lines(session, query, today)


def open_assignments_of_project(
    session: Session, project_id: int, today: date
) -> list[AssignmentLine]:
    """A project's meeting assignments not yet closed (销号), soonest due first."""
    query = (
        _select()
        .where(
            Problem.project_id == project_id,
            col(Problem.meeting_id).is_not(None),
            col(Problem.status) != ProblemStatus.RESOLVED.value,
        )
        .order_by(Problem.due_date, Problem.id)
    )
    return _lines(session, query, today)


def latest_with_assignments(session: Session, now: datetime) -> Meeting | None:
    """The latest held meeting that has assignments (the board's panel shows it)."""
    query = (
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.SCHEDULED.value,
            Meeting.starts_at <= now,
            col(Meeting.id).in_(
                select(Problem.meeting_id).where(col(Problem.meeting_id).is_not(None))
            ),
        )
        .order_by(col(Meeting.starts_at).desc())
        .limit(1)
    )
    return session.exec(query).first()
