"""The outbox: messages are rows first; the sender drains them and records each outcome.

Knows nothing of Telegram. A message is delivered at least once: the sender records the
outcome in its own transaction right after the send, so a crash between the two causes at
most one duplicate of that message.
"""

from collections import Counter
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot import text_limits
from bot.outbox.kinds import ANSWER_KINDS, URGENT_KINDS
from models import OutboxMessage, OutboxStatus, Person

MAX_ATTEMPTS = 8
ERROR_LENGTH = 300  # the size of OutboxMessage.last_error
NOT_BOUND = "not bound"
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def enqueue(
    session: Session,
    *,
    kind: str,
    text: str,
    now: datetime,
    person: Person | None = None,
    person_id: int | None = None,
    chat_id: int | None = None,
    is_group: bool = False,
    reply_markup: dict | None = None,
    dedupe_key: str | None = None,
    meeting_id: int | None = None,
    broadcast_id: int | None = None,
    not_before: datetime | None = None,
) -> OutboxMessage | None:
    """Queues one message; None if `dedupe_key` was queued before (nothing is written)."""
    if person is None and person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise ValueError(f"no person {person_id}")
    values: dict[str, Any] = {
        "kind": kind,
        # Cut to Telegram's limit (UTF-16 units) here, so what is stored is what is sent.
        "text": text_limits.clip(text),
        "chat_id": chat_id,
        "is_group": is_group,
        "reply_markup": reply_markup,
        "dedupe_key": dedupe_key,
        "meeting_id": meeting_id,
        "broadcast_id": broadcast_id,
        "not_before": not_before or now,
        "created_at": now,
        "status": OutboxStatus.QUEUED.value,
        "attempts": 0,
    }
    if person is not None:
        values.update(person_id=person.id, chat_id=person.telegram_user_id, is_group=False)
        if person.telegram_user_id is None:
            # Written anyway, so admins can see who could not be told.
            values.update(status=OutboxStatus.UNREACHABLE.value, last_error=NOT_BOUND)
    elif chat_id is None:
        raise ValueError("a message needs a person or a chat_id")
    return _insert_once(session, values)


def _insert_once(session: Session, values: dict[str, Any]) -> OutboxMessage | None:
    # ON CONFLICT DO NOTHING is atomic on both databases: two processes queuing the same key
    # at once get one row and one None, and the surrounding transaction is never aborted
    # (a savepoint would be, on pysqlite, the first statement that commits on release).
    dialect = session.get_bind().dialect.name
    insert = _INSERTS.get(dialect)
    if insert is None:
        raise NotImplementedError(f"outbox.enqueue does not support {dialect}")
    statement = (
        insert(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(OutboxMessage)
    )
    return session.scalars(statement).first()


# Kinds that go out first: an answer to what a person just asked is never queued behind a
# broadcast to thousands; then reminders, escalations and instructions (bot/outbox/kinds.py),
# so they take a person's room under the burden cap before a notice does; the rest keeps its
# order.
FIRST_KINDS = ANSWER_KINDS


def due(
    session: Session, *, now: datetime, limit: int, exclude_chats: Collection[int] = ()
) -> list[OutboxMessage]:
    """Queued messages whose time has come, answers first, then urgent kinds, then oldest
    first, skipping the chats named."""
    first = case(
        (col(OutboxMessage.kind).in_(FIRST_KINDS), 0),
        (col(OutboxMessage.kind).in_(URGENT_KINDS), 1),
        else_=2,
    )
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.QUEUED.value)
        .where(OutboxMessage.not_before <= now)
        .order_by(first, OutboxMessage.not_before, OutboxMessage.id)
        .limit(limit)
    )
    if exclude_chats:
        query = query.where(col(OutboxMessage.chat_id).not_in(list(exclude_chats)))
    return list(session.exec(query))


def mark_sent(
    session: Session, message_id: int, *, telegram_message_id: int, now: datetime
) -> None:
    """Records a delivered message and the id Telegram gave it."""
    _set(
        session,
        message_id,
        status=OutboxStatus.SENT.value,
        sent_at=now,
        telegram_message_id=telegram_message_id,
        last_error=None,
        attempts=OutboxMessage.attempts + 1,
    )


def mark_retry(
    session: Session, message_id: int, *, error: str, now: datetime, delay: float
) -> str:
    """Counts a failed attempt: queued again after `delay` seconds, failed after MAX_ATTEMPTS."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise ValueError(f"no outbox message {message_id}")
    message.attempts += 1
    message.last_error = error[:ERROR_LENGTH]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED.value
        message.not_before = now  # a given-up row keeps the time of its last attempt here
    else:
        message.not_before = now + timedelta(seconds=delay)
    session.flush()
    return message.status


def postpone(session: Session, message_id: int, *, error: str, now: datetime, delay: float) -> None:
    """Leaves a message queued for `delay` seconds without counting an attempt (flood control)."""
    not_before = now + timedelta(seconds=delay)
    _set(session, message_id, not_before=not_before, last_error=error[:ERROR_LENGTH])


def redirect(session: Session, message_id: int, *, chat_id: int) -> None:
    """Points a queued message at the chat a group migrated to."""
    _set(session, message_id, chat_id=chat_id, last_error=None)


def mark_unreachable(session: Session, message_id: int, *, error: str, now: datetime) -> None:
    """The recipient blocked the bot or has no chat with it: never retried."""
    _give_up(session, message_id, OutboxStatus.UNREACHABLE, error, now)


def mark_failed(session: Session, message_id: int, *, error: str, now: datetime) -> None:
    """Telegram refused the message itself (bad text or markup): never retried."""
    _give_up(session, message_id, OutboxStatus.FAILED, error, now)


def _give_up(
    session: Session, message_id: int, status: OutboxStatus, error: str, now: datetime
) -> None:
    # A given-up row keeps the time of its last attempt in not_before (only queued rows use it).
    _set(
        session,
        message_id,
        status=status.value,
        last_error=error[:ERROR_LENGTH],
        not_before=now,
        attempts=OutboxMessage.attempts + 1,
    )


def _set(session: Session, message_id: int, **values: Any) -> None:
    statement = update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(**values)
    session.execute(statement.execution_options(synchronize_session=False))


def backoff(attempts: int, *, base: float = 2.0, cap: float = 300.0) -> float:
    """Seconds to wait after the given number of failed attempts: 2, 4, 8 … up to `cap`."""
    return min(cap, base * 2 ** max(attempts - 1, 0))


def broadcast_progress(session: Session, broadcast_id: int) -> dict[str, int]:
    """How many of a broadcast's messages are in each status (every status present)."""
    query = (
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.broadcast_id == broadcast_id)
        .group_by(OutboxMessage.status)
    )
    counts = Counter({status.value: 0 for status in OutboxStatus})
    counts.update(dict(session.exec(query).all()))
    return dict(counts)


def unreachable_people(
    session: Session, *, broadcast_id: int | None = None, meeting_id: int | None = None
) -> list[tuple[str, str]]:
    """(name, phone) of the people a broadcast or a meeting's messages could not reach."""
    if (broadcast_id is None) == (meeting_id is None):
        raise ValueError("give exactly one of broadcast_id and meeting_id")
    scope = (
        OutboxMessage.broadcast_id == broadcast_id
        if broadcast_id is not None
        else OutboxMessage.meeting_id == meeting_id
    )
    query = (
        select(Person.name, Person.phone)
        .join(OutboxMessage, col(OutboxMessage.person_id) == Person.id)
        .where(scope, OutboxMessage.status == OutboxStatus.UNREACHABLE.value)
        .distinct()
        .order_by(Person.name, Person.phone)
    )
    return [(name, phone) for name, phone in session.exec(query)]


def backlog(session: Session) -> tuple[int, datetime | None]:
    """How many rows are queued (due or postponed) and when the oldest of them was written."""
    query = select(func.count(), func.min(OutboxMessage.created_at)).where(
        OutboxMessage.status == OutboxStatus.QUEUED.value
    )
    count, oldest = session.exec(query).one()
    return int(count), oldest
