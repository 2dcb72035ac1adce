"""Onboarding invites and account bindings.

Invites are random single-use tokens that expire; only their hash is stored. A person has at
most one live invite: issuing one revokes the older ones, and a binding revokes them all. An
invite for a person bound to an account is refused, unless it is a deliberate re-bind invite,
which moves the binding and tells the old account and the admins.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot import audit
from bot.escalations import service as escalations
from bot.people import accounts
from bot.people.accounts import Notices
from bot.refusals import Refused
from models import Invite, Person

TOKEN_BYTES = 24  # 192 bits, URL-safe, fits Telegram's 64-character start parameter


class InviteError(Refused):
    """An invite or binding that is refused; the reason is `invite-error-<code>`."""

    prefix = "invite-error-"

    def __init__(self, code: str, *, person_id: int | None = None) -> None:
        super().__init__(code)
        self.person_id = person_id  # whom the attempt was about, when known


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def issue_invite(
    session: Session,
    *,
    person: Person,
    now: datetime,
    ttl: timedelta,
    actor: str = "cli",
    rebind: bool = False,
) -> str:
    """Creates an invite for `person` and returns the token (shown once, never stored).

    The person's older live invites are revoked, so a re-issued link is the only one that
    works. A bound person gets one only as a re-bind invite (`rebind`); for a person not bound,
    `rebind` changes nothing.
    """
    assert person.id is not None
    if person.telegram_user_id is not None and not rebind:
        raise InviteError("person-bound", person_id=person.id)
    revoked = revoke_invites(session, person_id=person.id, now=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    moves = person.telegram_user_id is not None
    invite = Invite(
        person_id=person.id,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + ttl,
        rebind=moves,
    )
    session.add(invite)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="invite-rebind" if moves else "invite",
        entity="person",
        entity_id=person.id,
        detail={"invite_id": invite.id, "invites_revoked": revoked},
    )
    return token


def revoke_invites(session: Session, *, person_id: int, now: datetime) -> int:
    """Revokes every live invite of the person; returns how many."""
    statement = (
        update(Invite)
        .where(col(Invite.person_id) == person_id)
        .where(col(Invite.used_at).is_(None), col(Invite.revoked_at).is_(None))
        .where(col(Invite.expires_at) > now)
        .values(revoked_at=now)
    )
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount


def outstanding_invites(session: Session, *, now: datetime) -> list[tuple[Invite, Person]]:
    """Live invites (not used, not revoked, not expired) with their person, oldest first."""
    query = (
        select(Invite, Person)
        .join(Person, col(Person.id) == Invite.person_id)
        .where(col(Invite.used_at).is_(None), col(Invite.revoked_at).is_(None))
        .where(col(Invite.expires_at) > now)
        .order_by(col(Invite.created_at), col(Invite.id))
    )
    return [(invite, person) for invite, person in session.exec(query)]


def redeem_invite(
    session: Session,
    *,
    token: str,
    telegram_user_id: int,
    now: datetime,
    notices: Notices | None = None,
) -> Person:
    """Binds the Telegram account to the invited person; raises InviteError when refused.

    On InviteError the caller rolls back (a conditional write may have happened) and records
    the refusal with `record_refusal`. `notices` words the messages a re-bind queues.
    """
    invite = session.exec(select(Invite).where(Invite.token_hash == hash_token(token))).first()
    if invite is None:
        raise InviteError("unknown")
    refusal = _refusal(invite, now)
    if refusal is not None:
        raise InviteError(refusal, person_id=invite.person_id)
    person = session.get(Person, invite.person_id)
    if person is None or not person.active:
        raise InviteError("unknown", person_id=invite.person_id)
    bind_account(
        session,
        person=person,
        telegram_user_id=telegram_user_id,
        now=now,
        how="invite",
        may_move=invite.rebind,
        notices=notices,
        invite_id=invite.id,
    )
    return person


def _refusal(invite: Invite, now: datetime) -> str | None:
    if invite.revoked_at is not None:
        return "revoked"
    if invite.used_at is not None:
        return "used"
    if invite.expires_at <= now:
        return "expired"
    return None


def _check_account_free(session: Session, person: Person, telegram_user_id: int) -> None:
    other = session.exec(select(Person).where(Person.telegram_user_id == telegram_user_id)).first()
    if other is not None and other.id != person.id:
        raise InviteError("account-taken", person_id=person.id)


def bind_account(
    session: Session,
    *,
    person: Person,
    telegram_user_id: int,
    now: datetime,
    how: str,
    may_move: bool = False,
    notices: Notices | None = None,
    invite_id: int | None = None,
) -> None:
    """Binds a Telegram account to a person and revokes the person's other invites.

    Refused: an account bound to someone else, and (unless `may_move`) a person bound to
    another account. A move tells the old account and the admins, sends the person's queued
    messages to the new account and closes the forms open in the old one. `invite_id` is the
    invite being redeemed, claimed here at most once.
    """
    assert person.id is not None
    _check_account_free(session, person, telegram_user_id)
    previous = person.telegram_user_id
    if previous is not None and previous != telegram_user_id and not may_move:
        raise InviteError("person-bound", person_id=person.id)
    # Both writes are conditional on what this session read, so what another transaction did
    # meanwhile (even in another process) is never overwritten: the loser changes nothing.
    # The person's row first: it serialises every binding of this person (on PostgreSQL the
    # row lock), so two invites of one person redeemed at once cannot deadlock on each other.
    if previous != telegram_user_id:
        _move_binding(session, person, previous, telegram_user_id, now)
    if invite_id is not None:
        _claim(session, invite_id, telegram_user_id, now, person_id=person.id)
    revoked = revoke_invites(session, person_id=person.id, now=now)
    if previous == telegram_user_id:
        return
    if previous is None:
        # Escalations queued while the leader had no account go out now, buttons and all.
        escalations.resend_waiting(session, person=person, now=now)
    detail: dict[str, object] = {
        "how": how,
        "previous_telegram_user_id": previous,
        "invites_revoked": revoked,
    }
    if invite_id is not None:
        detail["invite_id"] = invite_id
    if previous is not None:
        detail.update(_move(session, person, previous, now, notices))
    audit.record(
        session,
        now=now,
        actor=f"telegram:{telegram_user_id}",
        actor_person_id=person.id,
        action="rebind" if previous is not None else "bind",
        entity="person",
        entity_id=person.id,
        detail=detail,
    )


def _move_binding(
    session: Session, person: Person, previous: int | None, telegram_user_id: int, now: datetime
) -> None:
    current = (
        col(Person.telegram_user_id).is_(None)
        if previous is None
        else col(Person.telegram_user_id) == previous
    )
    statement = (
        update(Person)
        .where(col(Person.id) == person.id, current)
        .values(telegram_user_id=telegram_user_id, updated_at=now)
    )
    if session.execute(statement.execution_options(synchronize_session=False)).rowcount != 1:
        raise InviteError("person-bound", person_id=person.id)
    set_committed_value(person, "telegram_user_id", telegram_user_id)
    set_committed_value(person, "updated_at", now)


def _claim(
    session: Session, invite_id: int, telegram_user_id: int, now: datetime, *, person_id: int
) -> None:
    """Marks the invite used; single use is decided by the database, not by what was read."""
    claim = (
        update(Invite)
        .where(col(Invite.id) == invite_id)
        .where(col(Invite.used_at).is_(None), col(Invite.revoked_at).is_(None))
        .values(used_at=now, used_by_telegram_id=telegram_user_id)
    )
    if session.execute(claim.execution_options(synchronize_session=False)).rowcount != 1:
        raise InviteError("used", person_id=person_id)


def _move(
    session: Session, person: Person, previous: int, now: datetime, notices: Notices | None
) -> dict[str, int]:
    """What moving a binding from account `previous` does besides the binding itself."""
    assert person.id is not None and person.telegram_user_id is not None
    notices = notices or _default_notices()
    redirected = accounts.redirect_outbox(
        session, person_id=person.id, chat_id=person.telegram_user_id
    )
    drafts = accounts.close_drafts(session, person_id=person.id, now=now)
    accounts.tell_account(
        session,
        notices=notices,
        person=person,
        chat_id=previous,
        now=now,
        key="rebind-old-account",
        name=person.name,
    )
    accounts.alert_admins(
        session,
        notices=notices,
        now=now,
        key="alert-rebind",
        name=person.name,
        phone=person.phone,
        old=str(previous),
        new=str(person.telegram_user_id),
    )
    return {"messages_redirected": redirected, "drafts_cancelled": drafts}


def _default_notices() -> Notices:
    from bot.i18n import DEFAULT_LANGUAGE, Catalogue

    return Notices(Catalogue(), DEFAULT_LANGUAGE)


def record_refusal(
    session: Session,
    refusal: InviteError,
    *,
    how: str,
    telegram_user_id: int,
    now: datetime,
    notices: Notices,
    token: str | None = None,
    phone: str | None = None,
) -> None:
    """Audits a refused invite or contact (never the token: a prefix of its hash at most).

    A contact for a person bound to another account also alerts the admins: it is what a
    recycled phone number, or a stolen one, looks like.
    """
    detail: dict[str, object] = {"code": refusal.code, "telegram_user_id": telegram_user_id}
    if token is not None:
        detail["token_ref"] = audit.token_ref(token)
    if phone is not None:
        detail["phone"] = audit.mask_phone(phone)
    audit.record(
        session,
        now=now,
        actor=f"telegram:{telegram_user_id}",
        action=f"{how}-refused",
        entity="person",
        entity_id=refusal.person_id,
        detail=detail,
    )
    person = session.get(Person, refusal.person_id) if refusal.person_id is not None else None
    if refusal.code == "person-bound" and person is not None:
        accounts.alert_admins(
            session,
            notices=notices,
            now=now,
            key=f"alert-{how}-person-bound",
            name=person.name,
            phone=person.phone,
            account=str(telegram_user_id),
        )
