"""Finding people by their chat account or phone, and their own preferences."""

from datetime import datetime

from sqlmodel import Session, select

from bot import audit
from bot.invites import InviteError, bind_account
from bot.parsing import ParseError, normalize_phone
from models import Person


def person_for_account(session: Session, telegram_user_id: int) -> Person | None:
    """The active person bound to this Telegram account, if any."""
    return session.exec(
        select(Person).where(Person.telegram_user_id == telegram_user_id, Person.active)
    ).first()


def person_by_phone(session: Session, phone: str) -> Person | None:
    """The active person with this phone number (any common spelling), if any."""
    try:
        normalized = normalize_phone(phone)
    except ParseError:
        return None
    return session.exec(select(Person).where(Person.phone == normalized, Person.active)).first()


def bind_by_contact(
    session: Session, *, phone: str, contact_user_id: int | None, sender_id: int, now: datetime
) -> Person:
    """Binds the sender to the roster person with this phone; only their own contact counts."""
    if contact_user_id != sender_id:
        raise InviteError("contact-not-own")
    person = person_by_phone(session, phone)
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
