"""What losing or moving access does at once, and who is told: drafts, queued messages, admins.

Knows nothing of invites or Telegram; bot/people/invites.py and bot/people/directory.py call it
in the same transaction as the change of access, so the change and its effects commit together.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.i18n import Catalogue
from bot.outbox import queue as outbox
from models import OutboxMessage, OutboxStatus, Person, ReportDraft
from models.draft import DraftStatus

SECURITY_KIND = "security"  # the outbox kind of access alerts
CANCELLED_ERROR = "access revoked"


@dataclass(frozen=True)
class Notices:
    """Texts for messages queued outside a chat: in the recipient's language, else the default."""

    catalogue: Catalogue
    default_language: str

    def text(self, person: Person | None, key: str, **args: object) -> str:
        """The catalogue text `key` in the language of `person`."""
        language = person.language if person is not None and person.language else None
        return self.catalogue.text(language or self.default_language, key, **args)


def close_drafts(session: Session, *, person_id: int, now: datetime) -> int:
    """Cancels the person's open report forms; returns how many."""
    statement = (
        update(ReportDraft)
        .where(col(ReportDraft.person_id) == person_id)
        .where(col(ReportDraft.status) == DraftStatus.OPEN.value)
        .values(status=DraftStatus.CANCELLED.value, updated_at=now)
    )
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount


def cancel_outbox(session: Session, *, person_id: int, now: datetime) -> int:
    """Cancels the person's queued messages (only queued ones are ever sent); returns how many."""
    return _update_queued(
        session,
        person_id=person_id,
        status=OutboxStatus.CANCELLED.value,
        last_error=CANCELLED_ERROR,
        not_before=now,
    )


def redirect_outbox(session: Session, *, person_id: int, chat_id: int) -> int:
    """Points the person's queued messages at their new account; returns how many."""
    return _update_queued(session, person_id=person_id, chat_id=chat_id)


def _update_queued(session: Session, *, person_id: int, **values: object) -> int:
    """Sets `values` on the person's queued messages; returns how many."""
    statement = (
        update(OutboxMessage)
        .where(col(OutboxMessage.person_id) == person_id)
        .where(col(OutboxMessage.status) == OutboxStatus.QUEUED.value)
        .values(**values)
    )
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount


def stop_access(session: Session, *, person: Person, now: datetime) -> dict[str, int]:
    """Ends what the person had in progress: open forms and queued messages."""
    assert person.id is not None
    return {
        "drafts_cancelled": close_drafts(session, person_id=person.id, now=now),
        "messages_cancelled": cancel_outbox(session, person_id=person.id, now=now),
    }


def alert_admins(
    session: Session, *, notices: Notices, now: datetime, key: str, **args: object
) -> int:
    """Queues an access alert to every active admin; returns how many were queued."""
    admins = session.exec(
        select(Person).where(Person.active, Person.is_admin).order_by(Person.id)
    ).all()
    for admin in admins:
        outbox.enqueue(
            session,
            kind=SECURITY_KIND,
            text=notices.text(admin, key, **args),
            now=now,
            person=admin,
        )
    return len(admins)


def tell_account(
    session: Session,
    *,
    notices: Notices,
    person: Person,
    chat_id: int,
    now: datetime,
    key: str,
    **args: object,
) -> None:
    """Queues a message to a Telegram account that is no longer (or not yet) the person's."""
    outbox.enqueue(
        session,
        kind=SECURITY_KIND,
        text=notices.text(person, key, **args),
        now=now,
        chat_id=chat_id,
    )
