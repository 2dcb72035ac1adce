"""Telling people a meeting moved or was cancelled, through the outbox."""

from sqlmodel import Session, col, select

from bot.meetings.policy import policy_from
from bot.meetings.reminders import Messenger, meeting_text
from bot.outbox import queue as outbox
from bot.services import Services
from models import Meeting, OutboxMessage, OutboxStatus, Person


def _messenger(services: Services) -> Messenger:
    return Messenger(services.catalogue, services.settings.language, policy_from(services.settings))


def told_about(session: Session, meeting: Meeting) -> list[int]:
    """People who received any message about this meeting."""
    query = select(OutboxMessage.person_id).where(
        OutboxMessage.meeting_id == meeting.id,
        OutboxMessage.status == OutboxStatus.SENT.value,
        col(OutboxMessage.person_id).is_not(None),
    )
    return sorted(set(session.exec(query.distinct())))


def _announce(
    session: Session, services: Services, meeting: Meeting, people: list[int], key: str, tag: str
) -> int:
    messenger = _messenger(services)
    now = services.now()
    sent = 0
    for person in session.exec(select(Person).where(col(Person.id).in_(people), Person.active)):
        text = meeting_text(session, meeting, messenger, person, key)
        dedupe = f"m{meeting.id}:{tag}@{meeting.updated_at.isoformat()}:p{person.id}"
        row = outbox.enqueue(
            session,
            kind="notice",
            text=text,
            now=now,
            person=person,
            dedupe_key=dedupe,
            meeting_id=meeting.id,
        )
        sent += row is not None
    return sent


def announce_move(session: Session, services: Services, meeting: Meeting) -> int:
    """Queues the new time for everyone told about the meeting so far."""
    return _announce(
        session, services, meeting, told_about(session, meeting), "meeting-moved", "moved"
    )


def announce_cancel(session: Session, services: Services, meeting: Meeting, told: list[int]) -> int:
    """Queues the cancellation for everyone who had been told about the meeting."""
    return _announce(session, services, meeting, told, "meeting-cancelled", "cancelled")
