"""Firing due reminders: recipients computed at that moment, one outbox row each.

A fired reminder is recorded in `reminder_run` (unique per meeting and key) in the same
transaction as its outbox rows, whose dedupe keys are (meeting, reminder, person): a reminder
goes out at most once, across restarts.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.i18n import Catalogue, format_list, format_moment, format_period
from bot.meetings.planning import Kind, MeetingTimes, PlannedReminder, decide
from bot.meetings.policy import ReminderPolicy
from bot.outbox import queue as outbox
from bot.status.missing import leader_projects, missing_by_liaison, missing_by_park, on_leave
from models import (
    Meeting,
    MeetingStatus,
    OutboxMessage,
    OutboxStatus,
    Park,
    Person,
    Project,
    ReminderRun,
)
from models.project import ProjectLiaison


@dataclass
class Messenger:
    """Renders texts in each recipient's language."""

    catalogue: Catalogue
    default_language: str
    policy: ReminderPolicy

    def language(self, person: Person) -> str:
        """The language a person reads."""
        return person.language or self.default_language

    def t(self, person: Person, key: str, **args: object) -> str:
        """A catalogue text for this person."""
        return self.catalogue.text(self.language(person), key, **args)

    def when(self, person: Person, moment: datetime) -> str:
        """A moment in the person's words and the campaign's time zone."""
        return format_moment(self.catalogue, self.language(person), moment, self.policy.tz)

    def period(self, person: Person, period: str) -> str:
        """A YYYY-MM period in words."""
        return format_period(self.catalogue, self.language(person), period)

    def list(self, person: Person, items: Iterable[object]) -> str:
        """Items joined the person's language's way."""
        return format_list(self.catalogue, self.language(person), items)


@dataclass
class RunResult:
    """What one pass did."""

    fired: list[PlannedReminder]
    skipped: list[PlannedReminder]
    messages: int
    next_due: datetime | None


def run_due(session: Session, *, now: datetime, messenger: Messenger) -> RunResult:
    """Fires every due reminder of every scheduled meeting (recording skipped ones too)."""
    meetings = {
        m.id: m
        for m in session.exec(
            select(Meeting).where(
                Meeting.status == MeetingStatus.SCHEDULED.value,
                Meeting.starts_at > now - timedelta(days=1),
            )
        )
    }
    handled = _handled(session, list(meetings))
    times = [MeetingTimes(m.id, m.starts_at, m.deadline) for m in meetings.values()]
    decision = decide(times, messenger.policy, now, handled)
    messages = 0
    for reminder in decision.skip:
        _record(session, reminder, "skipped", now, 0)
    for reminder in decision.fire:
        count = _fire(session, meetings[reminder.meeting_id], reminder, now, messenger)
        _record(session, reminder, "sent", now, count)
        messages += count
    return RunResult(decision.fire, decision.skip, messages, decision.next_due)


def _handled(session: Session, meeting_ids: list[int]) -> set[tuple[int, str]]:
    query = select(ReminderRun.meeting_id, ReminderRun.reminder_key).where(
        col(ReminderRun.meeting_id).in_(meeting_ids)
    )
    return set(session.exec(query))


def _record(
    session: Session, reminder: PlannedReminder, outcome: str, now: datetime, count: int
) -> None:
    session.add(
        ReminderRun(
            meeting_id=reminder.meeting_id,
            reminder_key=reminder.key,
            outcome=outcome,
            handled_at=now,
            recipients=count,
        )
    )
    session.flush()


@dataclass(frozen=True)
class Letter:
    """One reminder message to one person."""

    person: Person
    text: str
    reply_markup: dict | None = None


Compose = Callable[[Session, Meeting, datetime, Messenger], Iterator[Letter]]


@dataclass(frozen=True)
class Firing:
    """How a kind of reminder goes out: its letters, and the outbox kind they are queued as."""

    letters: Compose
    outbox_kind: str


def _fire(
    session: Session,
    meeting: Meeting,
    reminder: PlannedReminder,
    now: datetime,
    messenger: Messenger,
) -> int:
    """Queues the reminder's letters, one outbox row per person; returns how many were new."""
    firing = FIRE[reminder.kind]
    sent = 0
    for letter in firing.letters(session, meeting, now, messenger):
        row = outbox.enqueue(
            session,
            kind=firing.outbox_kind,
            text=letter.text,
            now=now,
            person=letter.person,
            reply_markup=letter.reply_markup,
            dedupe_key=f"m{meeting.id}:{reminder.key}:p{letter.person.id}",
            meeting_id=meeting.id,
        )
        sent += row is not None
    return sent


def _liaisons(
    session: Session, meeting: Meeting, now: datetime, messenger: Messenger
) -> Iterator[Letter]:
    """Each liaison who still owes a report: the projects, the deadline, a button to file."""
    owed = missing_by_liaison(session, meeting.period, now)
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(list(owed))))}
    for person_id, projects in owed.items():
        person = people[person_id]
        text = messenger.t(
            person,
            "reminder-liaison",
            period=messenger.period(person, meeting.period),
            projects=messenger.list(person, (p.name for p in projects)),
            deadline=messenger.when(person, meeting.deadline),
        )
        target = str(projects[0].id) if len(projects) == 1 else ""
        button = {
            "text": messenger.t(person, "reminder-button-report"),
            "callback_data": f"report:{target}",
        }
        yield Letter(person, text, {"inline_keyboard": [[button]]})


def _deadline(
    session: Session, meeting: Meeting, now: datetime, messenger: Messenger
) -> Iterator[Letter]:
    """After the deadline: each leader their projects' count, each admin the city-wide list."""
    leaders = leader_projects(session, meeting.period)
    away = on_leave(session, now)
    for person in _active(session, col(Person.id).in_(list(leaders))):
        if person.id in away:
            continue
        reported, missing = leaders[person.id]
        lines = [
            messenger.t(
                person,
                "reminder-leader",
                period=messenger.period(person, meeting.period),
                total=len(reported) + len(missing),
                reported=len(reported),
            )
        ]
        lines.append(
            messenger.t(person, "reminder-leader-missing", projects=messenger.list(person, missing))
            if missing
            else messenger.t(person, "reminder-leader-all-done")
        )
        yield Letter(person, "\n".join(lines))
    for person in _active(session, Person.is_admin):
        yield Letter(person, admin_list(session, meeting, now, messenger, person))


def admin_list(
    session: Session, meeting: Meeting, now: datetime, messenger: Messenger, person: Person
) -> str:
    """The city-wide list of missing reports by park, with who could not be reminded."""
    parks = missing_by_park(session, meeting.period, now)
    count = sum(len(park.missing) for park in parks)
    lines = [
        messenger.t(
            person, "reminder-admin", period=messenger.period(person, meeting.period), count=count
        )
    ]
    for park in parks:
        for key, names in (
            ("reminder-admin-park", park.missing),
            ("reminder-admin-excused", park.excused),
        ):
            if names:
                lines.append(
                    messenger.t(person, key, park=park.park, projects=messenger.list(person, names))
                )
    if count == 0:
        lines.append(messenger.t(person, "reminder-admin-none"))
    unreachable = _unreachable(session, meeting)
    if unreachable:
        lines.append(
            messenger.t(
                person, "reminder-admin-unreachable", people=messenger.list(person, unreachable)
            )
        )
    return "\n".join(lines)


def _unreachable(session: Session, meeting: Meeting) -> list[str]:
    query = (
        select(Person.name)
        .join(OutboxMessage, col(OutboxMessage.person_id) == Person.id)
        .where(
            OutboxMessage.meeting_id == meeting.id,
            OutboxMessage.status == OutboxStatus.UNREACHABLE.value,
        )
        .distinct()
    )
    return sorted(session.exec(query))


def _notice(
    session: Session, meeting: Meeting, now: datetime, messenger: Messenger
) -> Iterator[Letter]:
    """Before the meeting: every attendee its time, park and place."""
    for person in attendees(session, meeting):
        yield Letter(person, meeting_text(session, meeting, messenger, person, "meeting-notice"))


def attendees(session: Session, meeting: Meeting) -> list[Person]:
    """Admins, leaders, and the liaisons of the host park's projects."""
    host_liaisons = (
        select(ProjectLiaison.person_id)
        .join(Project, col(Project.id) == ProjectLiaison.project_id)
        .where(Project.park_id == meeting.park_id, Project.active)
    )
    return _active(session, Person.is_admin | Person.is_leader | col(Person.id).in_(host_liaisons))


def meeting_text(
    session: Session, meeting: Meeting, messenger: Messenger, person: Person, key: str
) -> str:
    """A meeting's time, park and place in a person's language."""
    park = session.get(Park, meeting.park_id)
    return messenger.t(
        person,
        key,
        when=messenger.when(person, meeting.starts_at),
        park=park.name if park else "",
        place=meeting.place,
    )


def _active(session: Session, condition: object) -> list[Person]:
    return list(session.exec(select(Person).where(Person.active, condition).order_by(Person.id)))


FIRE = {
    Kind.LIAISON: Firing(_liaisons, "reminder"),
    Kind.DEADLINE: Firing(_deadline, "summary"),
    Kind.NOTICE: Firing(_notice, "notice"),
}
