"""The timed notice: PACK_DAYS_BEFORE days before a meeting, "the pack is ready", with a button.

Queued through the outbox as kind "pack", one row per recipient and meeting (dedupe key
`pack:m<meeting>:p<person>`), so a restart, a catch-up or a second process never sends it
twice; a meeting moved later keeps the notice it had. The button (`pk:<meeting>`) delivers the
documents when pressed: they are made then, from the data of that moment. Quiet hours hold
the notice until they end, as they hold reminders.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.meetings.pack.audience import pack_recipients
from bot.meetings.planning import after_quiet_hours
from bot.meetings.reminders import Messenger, meeting_text
from bot.outbox import queue as outbox
from models import Meeting, MeetingStatus, OutboxMessage

KIND = "pack"
BUTTON_PREFIX = "pk:"


def dedupe_key(meeting_id: int, person_id: int) -> str:
    """The notice's outbox key: once per meeting and person."""
    return f"pack:m{meeting_id}:p{person_id}"


def button(meeting_id: int, label: str) -> dict:
    """The inline keyboard under the notice: one button that delivers the documents."""
    return {"inline_keyboard": [[{"text": label, "callback_data": f"{BUTTON_PREFIX}{meeting_id}"}]]}


def due_meetings(session: Session, *, now: datetime, days_before: int) -> list[Meeting]:
    """Scheduled meetings not yet started whose notice time (N days before) has come."""
    if days_before <= 0:
        return []
    query = select(Meeting).where(
        Meeting.status == MeetingStatus.SCHEDULED.value,
        Meeting.starts_at > now,
        Meeting.starts_at <= now + timedelta(days=days_before),
    )
    return list(session.exec(query.order_by(Meeting.starts_at, Meeting.id)))


def queue_pack_notices(
    session: Session, *, now: datetime, days_before: int, messenger: Messenger
) -> int:
    """Queues the notice to every recipient of every due meeting not told yet; returns how many."""
    queued = 0
    not_before = after_quiet_hours(now, messenger.policy)
    for meeting in due_meetings(session, now=now, days_before=days_before):
        told = set(
            session.exec(
                select(OutboxMessage.person_id).where(
                    OutboxMessage.kind == KIND, OutboxMessage.meeting_id == meeting.id
                )
            )
        )
        for person in pack_recipients(session, meeting):
            if person.id in told:
                continue
            row = outbox.enqueue(
                session,
                kind=KIND,
                text=meeting_text(session, meeting, messenger, person, "pack-ready"),
                now=now,
                person=person,
                reply_markup=button(meeting.id, messenger.t(person, "button-pack-get")),
                dedupe_key=dedupe_key(meeting.id, person.id),
                meeting_id=meeting.id,
                not_before=not_before,
            )
            queued += row is not None
    return queued
