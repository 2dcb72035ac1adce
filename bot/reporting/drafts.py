"""The open report form's draft row: finding it, expiry, replayed updates, closing it."""

from datetime import datetime, timedelta

from sqlmodel import Session, select

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
