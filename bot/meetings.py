"""Dispatch meetings (现场调度会): create, edit, cancel, list; and people's leave."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from sqlmodel import Session, col, select

from bot import audit, lookup
from bot.parsing import period_of
from models import Leave, Meeting, MeetingStatus, OutboxMessage, OutboxStatus, Park, Person

DEADLINE_TIME = time(18, 0)
MAX_PLACE = 200


class MeetingRefused(Exception):
    """The meeting change is not accepted; `code` names the catalogue key suffix."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class MeetingPlan:
    """A meeting as entered, before it is written."""

    starts_at: datetime
    park_id: int
    place: str
    deadline: datetime
    period: str


def default_deadline(starts_at: datetime, days_before: int, tz: tzinfo) -> datetime:
    """The default report deadline: `days_before` days before the meeting, at 18:00."""
    day = starts_at.astimezone(tz).date() - timedelta(days=days_before)
    deadline = datetime.combine(day, DEADLINE_TIME, tzinfo=tz)
    return min(deadline, starts_at)


def prepare(
    session: Session,
    *,
    starts_at: datetime,
    park_id: int,
    place: str,
    deadline: datetime,
    now: datetime,
    tz: tzinfo,
    period: str | None = None,
) -> MeetingPlan:
    """Checks a meeting's fields; the period is the deadline's month unless given."""
    place = place.strip()
    if session.get(Park, park_id) is None:
        raise MeetingRefused("park-unknown")
    if not place or len(place) > MAX_PLACE:
        raise MeetingRefused("place-invalid", limit=MAX_PLACE)
    if starts_at <= now:
        raise MeetingRefused("in-past")
    if deadline > starts_at:
        raise MeetingRefused("deadline-after-meeting")
    if deadline <= now:
        raise MeetingRefused("deadline-passed")
    period = period or period_of(deadline.astimezone(tz).date())
    return MeetingPlan(starts_at, park_id, place, deadline, period)


def create(session: Session, plan: MeetingPlan, *, now: datetime, actor: Person | None) -> Meeting:
    """Writes a new meeting."""
    meeting = Meeting(
        starts_at=plan.starts_at,
        park_id=plan.park_id,
        place=plan.place,
        deadline=plan.deadline,
        period=plan.period,
        created_by_id=actor.id if actor else None,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    session.flush()
    _audit(session, meeting, "create", now, actor)
    return meeting


def reschedule(
    session: Session, meeting: Meeting, plan: MeetingPlan, *, now: datetime, actor: Person | None
) -> Meeting:
    """Changes a meeting; new times re-plan its reminders (they are keyed by time)."""
    if meeting.status != MeetingStatus.SCHEDULED.value:
        raise MeetingRefused("cancelled")
    changes = {
        name: [str(getattr(meeting, name)), str(getattr(plan, name))]
        for name in ("starts_at", "park_id", "place", "deadline", "period")
        if getattr(meeting, name) != getattr(plan, name)
    }
    for name in changes:
        setattr(meeting, name, getattr(plan, name))
    meeting.updated_at = now
    session.add(meeting)
    _audit(session, meeting, "update", now, actor, changes)
    return meeting


def cancel(session: Session, meeting: Meeting, *, now: datetime, actor: Person | None) -> list[int]:
    """Cancels a meeting; returns the people who had been told about it (to tell them now)."""
    if meeting.status != MeetingStatus.SCHEDULED.value:
        raise MeetingRefused("cancelled")
    meeting.status = MeetingStatus.CANCELLED.value
    meeting.updated_at = now
    session.add(meeting)
    _audit(session, meeting, "cancel", now, actor)
    told = select(OutboxMessage.person_id).where(
        OutboxMessage.meeting_id == meeting.id,
        OutboxMessage.status == OutboxStatus.SENT.value,
        col(OutboxMessage.person_id).is_not(None),
    )
    return sorted(set(session.exec(told.distinct())))


def upcoming(session: Session, now: datetime) -> list[Meeting]:
    """Scheduled meetings that have not started, soonest first."""
    query = select(Meeting).where(
        Meeting.status == MeetingStatus.SCHEDULED.value, Meeting.starts_at > now
    )
    return list(session.exec(query.order_by(Meeting.starts_at)))


def find_park(session: Session, name: str) -> Park | None:
    """The park with this name, or the only one whose name contains it (bot.lookup's ranking)."""
    name = lookup.cleaned(name)
    if not name:
        return None
    column = col(Park.name)
    query = (
        select(Park, lookup.tier(name, column))
        .where(lookup.matches(name, column))
        .order_by(*lookup.best_first(name, column), Park.id)
        .limit(2)
    )
    found = lookup.rank(
        lookup.Candidate(t, p.name, "park", p.id, p) for p, t in session.exec(query)
    )
    # An exact name leaves only itself; otherwise a partial name must be unambiguous.
    return found[0] if len(found) == 1 else None


def add_leave(
    session: Session,
    *,
    person: Person,
    starts_on: datetime,
    ends_on: datetime,
    now: datetime,
    actor: Person | None,
) -> Leave:
    """Marks a person on leave between two instants (inclusive)."""
    if ends_on < starts_on:
        raise MeetingRefused("leave-order")
    leave = Leave(
        person_id=person.id,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    session.add(leave)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=_actor(actor),
        actor_person_id=actor.id if actor else None,
        action="leave",
        entity="person",
        entity_id=person.id,
        detail={"from": starts_on.isoformat(), "to": ends_on.isoformat()},
    )
    return leave


def _audit(
    session: Session,
    meeting: Meeting,
    action: str,
    now: datetime,
    actor: Person | None,
    changes: dict | None = None,
) -> None:
    audit.record(
        session,
        now=now,
        actor=_actor(actor),
        actor_person_id=actor.id if actor else None,
        action=action,
        entity="meeting",
        entity_id=meeting.id,
        detail=changes or {"starts_at": meeting.starts_at.isoformat(), "place": meeting.place},
    )


def _actor(actor: Person | None) -> str:
    return f"person:{actor.id}" if actor else "cli"
