"""Onboarding invites: random single-use tokens that expire; only their hash is stored."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot import audit
from models import Invite, Person

TOKEN_BYTES = 24  # 192 bits, URL-safe, fits Telegram's 64-character start parameter


class InviteError(Exception):
    """An invite that cannot be redeemed; `code` names the catalogue key suffix."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_invite(session: Session, *, person: Person, now: datetime, ttl: timedelta) -> str:
    """Creates an invite for `person` and returns the token (shown once, never stored)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = Invite(
        person_id=person.id, token_hash=hash_token(token), created_at=now, expires_at=now + ttl
    )
    session.add(invite)
    session.flush()
    audit.record(
        session, now=now, actor="cli", action="invite", entity="person", entity_id=person.id
    )
    return token


def revoke_outstanding_invites(session: Session, *, person_id: int, now: datetime) -> int:
    """Revokes the person's unused, unexpired invites; returns how many were revoked."""
    # One conditional UPDATE: an invite redeemed at the same moment is either used or revoked,
    # never both. Revoking ends its validity now (no extra column), so redemption refuses it.
    statement = (
        update(Invite)
        .where(
            col(Invite.person_id) == person_id,
            col(Invite.used_at).is_(None),
            col(Invite.expires_at) > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    return session.execute(statement).rowcount


def redeem_invite(session: Session, *, token: str, telegram_user_id: int, now: datetime) -> Person:
    """Binds the Telegram account to the invited person; raises InviteError when refused."""
    invite = session.exec(select(Invite).where(Invite.token_hash == hash_token(token))).first()
    if invite is None:
        raise InviteError("unknown")
    if invite.used_at is not None:
        raise InviteError("used")
    if invite.expires_at <= now:
        raise InviteError("expired")
    person = session.get(Person, invite.person_id)
    if person is None or not person.active:
        raise InviteError("unknown")
    bind_account(session, person=person, telegram_user_id=telegram_user_id, now=now, how="invite")
    invite.used_at = now
    invite.used_by_telegram_id = telegram_user_id
    session.add(invite)
    return person


def bind_account(
    session: Session, *, person: Person, telegram_user_id: int, now: datetime, how: str
) -> None:
    """Binds a Telegram account to a person; an account already bound elsewhere is refused."""
    other = session.exec(select(Person).where(Person.telegram_user_id == telegram_user_id)).first()
    if other is not None and other.id != person.id:
        raise InviteError("account-taken")
    if person.telegram_user_id == telegram_user_id:
        return
    previous = person.telegram_user_id
    person.telegram_user_id = telegram_user_id
    person.updated_at = now
    session.add(person)
    audit.record(
        session,
        now=now,
        actor=f"telegram:{telegram_user_id}",
        actor_person_id=person.id,
        action="bind",
        entity="person",
        entity_id=person.id,
        detail={"how": how, "previous_telegram_user_id": previous},
    )
