"""Who is asking, and in which language to answer them."""

from dataclasses import dataclass

from sqlmodel import Session
from telegram import User

from bot.i18n import Catalogue, normalize_language
from bot.people.directory import person_for_account
from bot.services import Services
from models import Person


@dataclass
class Viewer:
    """The person behind an update (None when unknown) and their language."""

    person: Person | None
    language: str
    catalogue: Catalogue

    def t(self, key: str, **args: object) -> str:
        """A catalogue text in this viewer's language."""
        return self.catalogue.text(self.language, key, **args)


def language_for(services: Services, person: Person | None, user: User | None) -> str:
    """The person's own setting, else Telegram's language_code, else the default."""
    if person is not None and person.language:
        return person.language
    from_client = normalize_language(user.language_code) if user else None
    return from_client or services.settings.language


def identify(session: Session, services: Services, user: User | None) -> Viewer:
    """The viewer for a Telegram user, looked up in this update's session."""
    person = person_for_account(session, user.id) if user else None
    return viewer_for(services, person, user)


def viewer_for(services: Services, person: Person | None, user: User | None) -> Viewer:
    """The viewer for a person already looked up."""
    return Viewer(person, language_for(services, person, user), services.catalogue)


def anonymous(services: Services, user: User | None) -> Viewer:
    """A viewer without a database lookup (used when the database is the problem)."""
    return Viewer(None, language_for(services, None, user), services.catalogue)
