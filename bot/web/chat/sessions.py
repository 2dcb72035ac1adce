"""Web chat sessions: the signed cookie, its secret, and the web_sessions rows behind it.

The cookie carries a random id signed with itsdangerous' TimestampSigner; the table keeps
only the id's sha256. Every request checks the signature and age, then the row (not revoked,
not expired) and the person (active, still bound to the session's messenger user), so
unbinding, deactivation or removal from the roster end a session at once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, TimestampSigner
from sqlalchemy import update
from sqlmodel import col

from bot.db import Database
from bot.web_secret import load_secret
from models import Person, WebSession

COOKIE = "parkbot_session"
__all__ = ["COOKIE", "ClockSigner", "Sessions", "Viewer", "id_hash", "load_secret"]


def id_hash(session_id: str) -> str:
    """The stored form of a session id."""
    return hashlib.sha256(session_id.encode()).hexdigest()


class ClockSigner(TimestampSigner):
    """A TimestampSigner reading the services' clock, so tests can move time."""

    def __init__(self, secret: str, clock: Callable[[], datetime]) -> None:
        super().__init__(secret, salt="parkbot-web-session")
        self.clock = clock

    def get_timestamp(self) -> int:
        """Now, from the services' clock."""
        return int(self.clock().timestamp())


@dataclass(frozen=True)
class Viewer:
    """Who a valid session is: the roster person and their messenger user."""

    id_hash: str
    person_id: int
    user_id: int
    name: str
    phone: str
    language: str | None


class Sessions:
    """Creates, checks and revokes sessions against the main database."""

    def __init__(self, db: Database, secret: str, days: int, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.days = days
        self.clock = clock
        self.signer = ClockSigner(secret, clock)

    @property
    def max_age(self) -> int:
        """The cookie's and the signature's lifetime in seconds."""
        return self.days * 86_400

    def create(self, *, person_id: int, user_id: int) -> str:
        """A new session row; returns the cookie value."""
        session_id = secrets.token_urlsafe(32)
        now = self.clock()
        with self.db.scope() as session:
            session.add(
                WebSession(
                    id_hash=id_hash(session_id),
                    person_id=person_id,
                    user_id=user_id,
                    created_at=now,
                    expires_at=now + timedelta(days=self.days),
                )
            )
        return self.signer.sign(session_id).decode()

    def _session_id(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            return self.signer.unsign(cookie, max_age=self.max_age).decode()
        except (BadSignature, UnicodeDecodeError):  # SignatureExpired is a BadSignature
            return None

    def check(self, cookie: str | None) -> Viewer | None:
        """The viewer of a valid session, else None."""
        session_id = self._session_id(cookie)
        if session_id is None:
            return None
        key = id_hash(session_id)
        with self.db.scope() as session:
            row = session.get(WebSession, key)
            if row is None or row.revoked_at is not None or row.expires_at <= self.clock():
                return None
            person = session.get(Person, row.person_id)
            if person is None or not person.active or person.telegram_user_id != row.user_id:
                return None
            assert person.id is not None
            return Viewer(key, person.id, row.user_id, person.name, person.phone, person.language)

    def revoke(self, cookie: str | None) -> None:
        """Revoke the session of this cookie (if it is one)."""
        session_id = self._session_id(cookie)
        if session_id is None:
            return
        with self.db.scope() as session:
            session.execute(
                update(WebSession)
                .where(col(WebSession.id_hash) == id_hash(session_id))
                .where(col(WebSession.revoked_at).is_(None))
                .values(revoked_at=self.clock())
            )
