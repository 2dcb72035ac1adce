"""Reminder planning as a pure function: meetings + policy + now -> what is due.

Nothing here reads the clock or the database. Each planned reminder has a key naming its kind
and the instant it belongs to, so a reminder already handled is recognised by its key, and a
meeting whose time changes gets fresh keys (it is re-planned).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.meetings.policy import ReminderPolicy


class Kind(StrEnum):
    """What a reminder does when it fires."""

    LIAISON = "liaison"  # liaisons still missing a report, before the deadline
    DEADLINE = "deadline"  # at the deadline: leaders' summaries and the admins' list
    NOTICE = "notice"  # before the meeting: attendees get time and place


@dataclass(frozen=True)
class MeetingTimes:
    """The two instants a meeting's reminders hang on."""

    id: int
    starts_at: datetime
    deadline: datetime


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder of one meeting: when it is due and until when it is still worth sending."""

    meeting_id: int
    kind: Kind
    key: str
    label: str
    due_at: datetime
    useful_until: datetime


@dataclass(frozen=True)
class Decision:
    """What to send now, what to mark skipped, and when to look again."""

    fire: list[PlannedReminder]
    skip: list[PlannedReminder]
    next_due: datetime | None


def plan(meeting: MeetingTimes, policy: ReminderPolicy) -> list[PlannedReminder]:
    """Every reminder of a meeting, in due order; ones that quiet hours push too late are gone."""
    deadline, starts = meeting.deadline, meeting.starts_at
    candidates = [
        (Kind.LIAISON, offset.label, deadline - offset.delta, deadline) for offset in policy.offsets
    ]
    candidates.append((Kind.DEADLINE, "0", deadline, starts))
    candidates.append((Kind.NOTICE, policy.notice.label, starts - policy.notice.delta, starts))
    planned = []
    for kind, label, due, useful_until in candidates:
        anchor = deadline if kind is not Kind.NOTICE else starts
        shifted = after_quiet_hours(due, policy)
        if shifted >= useful_until:
            continue
        key = f"{kind.value}:{label}@{_instant(anchor)}"
        planned.append(PlannedReminder(meeting.id, kind, key, label, shifted, useful_until))
    return sorted(planned, key=lambda reminder: reminder.due_at)


def decide(
    meetings: Iterable[MeetingTimes],
    policy: ReminderPolicy,
    now: datetime,
    handled: set[tuple[int, str]],
) -> Decision:
    """The reminders to fire now: per meeting and kind only the latest overdue one (a single
    catch-up, never a burst); older overdue ones and useless ones are skipped."""
    fire: list[PlannedReminder] = []
    skip: list[PlannedReminder] = []
    upcoming: list[datetime] = []
    for meeting in meetings:
        open_reminders = [r for r in plan(meeting, policy) if (r.meeting_id, r.key) not in handled]
        upcoming.extend(r.due_at for r in open_reminders if r.due_at > now)
        overdue = [r for r in open_reminders if r.due_at <= now]
        for kind in Kind:
            of_kind = [r for r in overdue if r.kind is kind]
            useful = [r for r in of_kind if now < r.useful_until]
            latest = max(useful, key=lambda r: r.due_at) if useful else None
            fire.extend([latest] if latest else [])
            skip.extend(r for r in of_kind if r is not latest)
    return Decision(fire, skip, min(upcoming, default=None))


def after_quiet_hours(due: datetime, policy: ReminderPolicy) -> datetime:
    """`due`, or the end of the quiet hours it falls in (in the campaign's time zone)."""
    if policy.quiet_hours is None:
        return due
    start, end = policy.quiet_hours
    local = due.astimezone(policy.tz)
    moment = local.time()
    overnight = start > end
    quiet = (moment >= start or moment < end) if overnight else (start <= moment < end)
    if not quiet:
        return due
    end_day = local.date() + timedelta(days=1) if overnight and moment >= start else local.date()
    return datetime.combine(end_day, end, tzinfo=policy.tz).astimezone(UTC)


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
