"""Dispatch meetings (现场调度会): create, edit, cancel, list; and people's leave.

A meeting's report deadline is either the default (DEADLINE_DAYS_BEFORE days before the
meeting, at 18:00) or set by hand. When a meeting moves (`move`, used by the /meetings chat
button and `parkbot meeting edit`), a default deadline is recomputed for the new time; a
deadline set by hand stays, unless it would fall after the new meeting time, in which case it
falls back to the default for the new time. A new deadline given with the move is set by hand.
"""

import difflib
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from sqlmodel import Session, col, select

from bot import audit, lookup
from bot.parsing import period_of
from bot.refusals import Refused
from models import Leave, Meeting, MeetingStatus, OutboxMessage, OutboxStatus, Park, Person

DEADLINE_TIME = time(18, 0)
MAX_PLACE = 200


class MeetingRefused(Refused):
    """The meeting change is not accepted; the reason is `meeting-refused-<code>`."""

    prefix = "meeting-refused-"


@dataclass
class MeetingPlan:
    """A meeting as entered, before it is written."""

    starts_at: datetime
    park_id: int
    place: str
    deadline: datetime
    period: str
    deadline_explicit: bool = False


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
    deadline_explicit: bool = False,
    kept_deadline: datetime | None = None,
) -> MeetingPlan:
    """Checks a meeting's fields; the period is the deadline's month unless given.

    A deadline equal to `kept_deadline` (the meeting's own, unchanged by an edit) may have
    passed: the reports were due, and moving the meeting does not reopen them.
    """
    place = place.strip()
    if session.get(Park, park_id) is None:
        raise MeetingRefused("park-unknown")
    if not place or len(place) > MAX_PLACE:
        raise MeetingRefused("place-invalid", limit=MAX_PLACE)
    if starts_at <= now:
        raise MeetingRefused("in-past")
    if deadline > starts_at:
        raise MeetingRefused("deadline-after-meeting")
    if deadline <= now and deadline != kept_deadline:
        raise MeetingRefused("deadline-passed")
    period = period or period_of(deadline.astimezone(tz).date())
    return MeetingPlan(starts_at, park_id, place, deadline, period, deadline_explicit)


def create(session: Session, plan: MeetingPlan, *, now: datetime, actor: Person | None) -> Meeting:
    """Writes a new meeting."""
    meeting = Meeting(
        starts_at=plan.starts_at,
        park_id=plan.park_id,
        place=plan.place,
        deadline=plan.deadline,
        deadline_explicit=plan.deadline_explicit,
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
        for name in ("starts_at", "park_id", "place", "deadline", "deadline_explicit", "period")
        if getattr(meeting, name) != getattr(plan, name)
    }
    for name in changes:
        setattr(meeting, name, getattr(plan, name))
    meeting.updated_at = now
    session.add(meeting)
    _audit(session, meeting, "update", now, actor, changes)
    return meeting


def move(
    session: Session,
    meeting: Meeting,
    *,
    now: datetime,
    tz: tzinfo,
    days_before: int,
    actor: Person | None,
    starts_at: datetime | None = None,
    park_id: int | None = None,
    place: str | None = None,
    deadline: datetime | None = None,
    period: str | None = None,
) -> Meeting:
    """Changes the given fields of a meeting; its deadline follows the rule of this module."""
    starts_at = starts_at or meeting.starts_at
    explicit = deadline is not None
    if deadline is None and meeting.deadline_explicit and meeting.deadline <= starts_at:
        deadline, explicit = meeting.deadline, True
    elif deadline is None:
        deadline = default_deadline(starts_at, days_before, tz)
    plan = prepare(
        session,
        starts_at=starts_at,
        park_id=park_id if park_id is not None else meeting.park_id,
        place=place if place is not None else meeting.place,
        deadline=deadline,
        deadline_explicit=explicit,
        kept_deadline=meeting.deadline,
        now=now,
        tz=tz,
        period=period or meeting.period,
    )
    return reschedule(session, meeting, plan, now=now, actor=actor)


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


def park_suggestions(session: Session, name: str, limit: int = 3) -> list[str]:
    """What a name `find_park` did not find may have meant: the parks containing it, else the
    closest spellings; empty when nothing is close (then list every park)."""
    names = park_names(session)
    name = name.strip()
    containing = [park for park in names if name and name in park]
    if containing:
        return containing
    return difflib.get_close_matches(name, names, n=limit, cutoff=0.4)


def park_names(session: Session) -> list[str]:
    """Every park's name, in a stable order."""
    return list(session.exec(select(Park.name).order_by(Park.name)))


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
    return f"person:{actor.id}" if actor else audit.cli_actor()
