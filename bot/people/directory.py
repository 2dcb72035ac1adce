"""Finding people by their chat account or phone; their preferences; granting and revoking access.

Deactivating, reactivating and unbinding take effect at once: the person's next update is a
stranger's (every update looks the person up: handlers/viewer.py), their open forms close,
their queued messages are cancelled and their live invites revoked, all in one transaction.
"""

from datetime import datetime

from sqlmodel import Session, select

from bot import audit
from bot.parsing import ParseError, normalize_contact_phone, normalize_phone
from bot.people import accounts
from bot.people.invites import InviteError, bind_account, revoke_invites
from bot.refusals import Refused
from models import Person


class AccessError(Refused):
    """A change of access that cannot be made; the reason is `cli-person-<code>`."""

    prefix = "cli-person-"


def person_for_account(session: Session, telegram_user_id: int) -> Person | None:
    """The active person bound to this Telegram account, if any."""
    return session.exec(
        select(Person).where(Person.telegram_user_id == telegram_user_id, Person.active)
    ).first()


def person_by_phone(session: Session, phone: str, *, active_only: bool = True) -> Person | None:
    """The person with this phone number (any common spelling), if any; active ones only unless
    `active_only` is false."""
    try:
        normalized = normalize_phone(phone)
    except ParseError:
        return None
    query = select(Person).where(Person.phone == normalized)
    if active_only:
        query = query.where(Person.active)
    return session.exec(query).first()


def bind_by_contact(
    session: Session, *, phone: str, contact_user_id: int | None, sender_id: int, now: datetime
) -> Person:
    """Binds the sender to the roster person with this phone; only their own contact counts.

    The number must carry China's 86 country code (a contact always has its code). A contact
    never moves a binding: a person bound to another account is refused (`record_refusal`
    audits it and tells the admins); moving takes a re-bind invite.
    """
    if contact_user_id != sender_id:
        raise InviteError("contact-not-own")
    try:
        normalized = normalize_contact_phone(phone)
    except ParseError:
        raise InviteError("phone-not-mainland") from None
    person = session.exec(select(Person).where(Person.phone == normalized, Person.active)).first()
    if person is None:
        raise InviteError("phone-unknown")
    bind_account(session, person=person, telegram_user_id=sender_id, now=now, how="contact")
    return person


def set_language(session: Session, *, person: Person, language: str, now: datetime) -> None:
    """Stores the language a person chose."""
    if person.language == language:
        return
    person.language = language
    person.updated_at = now
    session.add(person)
    audit.record(
        session,
        now=now,
        actor=f"telegram:{person.telegram_user_id}",
        actor_person_id=person.id,
        action="set-language",
        entity="person",
        entity_id=person.id,
        detail={"language": language},
    )


def deactivate(
    session: Session, *, person: Person, now: datetime, actor: str, **detail: object
) -> dict[str, int]:
    """Takes the person off the roster's active list: no access from the next update on."""
    if not person.active:
        raise AccessError("already-inactive")
    person.active = False
    return _revoke(session, person, now=now, actor=actor, action="deactivate", **detail)


def reactivate(session: Session, *, person: Person, now: datetime, actor: str) -> dict[str, int]:
    """Gives a deactivated person access again (with the account still bound, if any)."""
    if person.active:
        raise AccessError("already-active")
    person.active = True
    return _revoke(session, person, now=now, actor=actor, action="reactivate")


def unbind(session: Session, *, person: Person, now: datetime, actor: str) -> dict[str, int]:
    """Detaches the person's Telegram account: it is a stranger's from its next update on."""
    if person.telegram_user_id is None:
        raise AccessError("not-bound")
    previous = person.telegram_user_id
    person.telegram_user_id = None
    return _revoke(
        session,
        person,
        now=now,
        actor=actor,
        action="unbind",
        previous_telegram_user_id=previous,
    )


def revoke_person_invites(
    session: Session, *, person: Person, now: datetime, actor: str
) -> dict[str, int]:
    """Revokes the person's live invites (the binding, if any, stays)."""
    assert person.id is not None
    revoked = revoke_invites(session, person_id=person.id, now=now)
    audit.record(
        session,
        now=now,
        actor=actor,
        action="invite-revoke",
        entity="person",
        entity_id=person.id,
        detail={"invites_revoked": revoked},
    )
    return {"invites_revoked": revoked}


def _revoke(
    session: Session, person: Person, *, now: datetime, actor: str, action: str, **detail: object
) -> dict[str, int]:
    """The common part of every change of access: invites, forms, queued messages, the log."""
    assert person.id is not None
    person.updated_at = now
    session.add(person)
    session.flush()
    effects = {"invites_revoked": revoke_invites(session, person_id=person.id, now=now)}
    effects.update(accounts.stop_access(session, person=person, now=now))
    audit.record(
        session,
        now=now,
        actor=actor,
        action=action,
        entity="person",
        entity_id=person.id,
        detail={**detail, **effects},
    )
    return effects
