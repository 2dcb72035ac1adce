"""The next dispatch meeting (现场调度会) on a board: host park, date, reports still missing."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from bot.status.missing import on_leave, reported_ids
from bot.status.types import ProjectStatus
from models import Meeting, MeetingStatus, Park, Person, ProjectLiaison


@dataclass(frozen=True)
class Contact:
    """A liaison to chase; the phone only where the board may show phones."""

    name: str
    phone: str | None


@dataclass(frozen=True)
class MissingReport:
    """A project in scope without a current report for the meeting's period."""

    project_id: int
    project: str
    park: str
    liaisons: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class NextMeeting:
    """The next scheduled meeting and who still owes its period's report."""

    meeting_id: int
    starts_at: datetime
    deadline: datetime
    host_park: str
    place: str
    period: str
    missing: list[MissingReport]
    excused: int  # projects whose every liaison is on leave: not counted missing
    as_of: datetime  # the newest of the meeting's own change and its period's reports


def next_meeting(
    session: Session,
    rows: list[ProjectStatus],
    now: datetime,
    *,
    park_id: int | None = None,
    shows_phones: bool,
) -> NextMeeting | None:
    """The first scheduled meeting from now on, with the scope's missing reports for it."""
    query = (
        select(Meeting, Park.name)
        .join(Park, col(Park.id) == Meeting.park_id)
        .where(Meeting.status == MeetingStatus.SCHEDULED.value, Meeting.starts_at >= now)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    found = session.exec(query).first()
    if found is None:
        return None
    meeting, host = found
    done = reported_ids(session, meeting.period)
    unreported = [row for row in rows if row.project_id not in done]
    if park_id is not None:
        unreported = [row for row in unreported if row.park_id == park_id]
    people = _liaisons(session, [row.project_id for row in unreported])
    away = on_leave(session, now)
    missing, excused = [], 0
    for row in sorted(unreported, key=lambda r: (r.park, r.name)):
        liaisons = people.get(row.project_id, [])
        if liaisons and all(person.id in away for person in liaisons):
            excused += 1  # as bot.status.missing.is_excused
            continue
        contacts = [Contact(p.name, p.phone if shows_phones else None) for p in liaisons]
        missing.append(MissingReport(row.project_id, row.name, row.park, contacts))
    reports = [
        row.last_submitted_at
        for row in rows
        if row.last_period == meeting.period and row.last_submitted_at is not None
    ]
    return NextMeeting(
        meeting_id=meeting.id,
        starts_at=meeting.starts_at,
        deadline=meeting.deadline,
        host_park=host,
        place=meeting.place,
        period=meeting.period,
        missing=missing,
        excused=excused,
        as_of=max([meeting.updated_at, *reports]),
    )


def _liaisons(session: Session, project_ids: list[int]) -> dict[int, list[Person]]:
    if not project_ids:
        return {}
    query = (
        select(ProjectLiaison.project_id, Person)
        .join(Person, col(Person.id) == ProjectLiaison.person_id)
        .where(col(ProjectLiaison.project_id).in_(project_ids), Person.active)
        .order_by(ProjectLiaison.project_id, ProjectLiaison.position)
    )
    by_project: dict[int, list[Person]] = defaultdict(list)
    for project_id, person in session.exec(query):
        by_project[project_id].append(person)
    return by_project
