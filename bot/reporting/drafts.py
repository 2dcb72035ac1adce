"""The open report form's draft row: finding it, expiry, replayed updates, closing it."""

from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam
from sqlmodel import Session, col, select

from bot.reporting import media
from bot.reporting.answers import read, write
from models import Person
from models.draft import DraftStatus, ReportDraft


def open_draft(session: Session, person: Person) -> ReportDraft | None:
    """The person's open form, if any."""
    query = select(ReportDraft).where(
        ReportDraft.person_id == person.id, ReportDraft.status == DraftStatus.OPEN.value
    )
    return session.exec(query.order_by(ReportDraft.id.desc())).first()


# Built once: constructing the statement costs more CPU than running it (every update runs it).
_ACCOUNT_WITH_OPEN_DRAFT = (
    select(Person, ReportDraft)
    .outerjoin(
        ReportDraft,
        and_(
            col(ReportDraft.person_id) == Person.id,
            col(ReportDraft.status) == DraftStatus.OPEN.value,
        ),
    )
    .where(Person.telegram_user_id == bindparam("account"), Person.active)
    .order_by(col(ReportDraft.id).desc())
    .limit(1)
)


def account_with_open_draft(
    session: Session, telegram_user_id: int
) -> tuple[Person | None, ReportDraft | None]:
    """The active person bound to this account and their open form, in one statement.

    What every update of the form needs first; (None, None) for a stranger. The form is
    the one `open_draft` finds (the newest open one).
    """
    found = session.exec(_ACCOUNT_WITH_OPEN_DRAFT, params={"account": telegram_user_id})
    row = found.first()
    return (row[0], row[1]) if row is not None else (None, None)


def is_expired(draft: ReportDraft, now: datetime, ttl: timedelta) -> bool:
    """Whether an open draft has been left alone for longer than `ttl`."""
    return draft.status == DraftStatus.OPEN.value and now - draft.updated_at > ttl


REPLAY_WINDOW = timedelta(days=1)


def is_replay(draft: ReportDraft, sequence: int, now: datetime) -> bool:
    """Whether this input was already applied (an update delivered again after a crash).

    Telegram's update ids only grow, except after a week without updates; redeliveries come
    within minutes, so only recent drafts are checked.
    """
    recent = now - draft.updated_at < REPLAY_WINDOW
    return recent and sequence <= read(draft).last_input


def mark_input(draft: ReportDraft, sequence: int) -> None:
    """Records the input being applied, so a redelivery of it is recognised."""
    write(draft, draft.updated_at, last_input=sequence)


def expire_stale(session: Session, *, now: datetime, ttl: timedelta) -> list[ReportDraft]:
    """Closes every open form left alone for longer than `ttl`; returns them."""
    query = select(ReportDraft).where(
        ReportDraft.status == DraftStatus.OPEN.value, ReportDraft.updated_at < now - ttl
    )
    stale = list(session.exec(query))
    for draft in stale:
        close(session, draft, DraftStatus.EXPIRED, now)
    return stale


def close(session: Session, draft: ReportDraft, status: DraftStatus, now: datetime) -> None:
    """Ends a form (cancelled, expired or submitted); photo files no report keeps go."""
    draft.status = status.value
    draft.updated_at = now
    session.add(draft)
    media.discard(session, media.photo_paths(read(draft).photo_dicts()))
