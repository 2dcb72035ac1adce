"""The latest dispatch meeting's assignments (会议交办) on a board, each with where it stands."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from bot.meetings import assignments
from bot.people import queries as people
from models import ProblemStatus


@dataclass(frozen=True)
class BoardAssignment:
    """One decision: what, which project (if any), the owner unit, the leader, due, status."""

    problem_id: int
    project_id: int | None
    project: str
    text: str
    unit: str
    leader: str
    due_date: date | None
    status: str  # assigned / overdue / resolved (the catalogue's board-assignment-status-*)


@dataclass(frozen=True)
class MeetingAssignments:
    """The latest held meeting that assigned anything, and its assignments in the scope."""

    meeting_id: int
    starts_at: datetime
    host_park: str
    items: list[BoardAssignment]
    as_of: datetime


def latest_assignments(
    session: Session, now: datetime, today: date, *, project_ids: set[int], whole_city: bool
) -> MeetingAssignments | None:
    """The panel's data; a narrower scope sees only assignments on its own projects."""
    meeting = assignments.latest_with_assignments(session, now)
    if meeting is None:
        return None
    items = []
    for line in assignments.assignments_of(session, meeting.id, today):
        problem = line.problem
        if not whole_city and problem.project_id not in project_ids:
            continue
        status = problem.status
        if line.overdue:
            status = "overdue"
        elif status != ProblemStatus.RESOLVED.value:
            status = ProblemStatus.ASSIGNED.value
        items.append(
            BoardAssignment(
                problem_id=problem.id,
                project_id=problem.project_id,
                project=line.project,
                text=problem.text,
                unit=problem.assigned_unit or "",
                leader=line.leader,
                due_date=problem.due_date,
                status=status,
            )
        )
    if not items:
        return None
    park = people.park(session=session, park_id=meeting.park_id)
    newest = max(
        line.problem.resolved_at or line.problem.raised_at
        for line in assignments.assignments_of(session, meeting.id)
    )
    return MeetingAssignments(
        meeting_id=meeting.id,
        starts_at=meeting.starts_at,
        host_park=park.name if park else "",
        items=items,
        as_of=newest,
    )
