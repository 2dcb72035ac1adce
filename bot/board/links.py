"""Board links for wall displays: create, list, revoke, and check one on every request.

The link's token is the row's id signed with the web secret (itsdangerous); the row decides
whether it still works (expiry on the services' clock, revocation, the park still there), so
revoking takes effect on the next request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, col, select

from bot import audit
from bot.refusals import Refused
from models import BoardLink, Park

DEFAULT_DAYS = 30
MIN_DAYS, MAX_DAYS = 1, 366
SALT = "parkbot-board-link"
PATH = "/b/"


class LinkRefused(Refused):
    """A board link change that is not accepted: `board-link-refused-<code>`."""

    prefix = "board-link-refused-"


@dataclass(frozen=True)
class LinkRow:
    """One board link as `--list` shows it: never its token."""

    link: BoardLink
    park_name: str | None  # None: the whole city


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def token_for(secret: str, link_id: int) -> str:
    """The signed token of a link (the part after /b/)."""
    return str(_serializer(secret).dumps(link_id))


def link_id_of(secret: str, token: str) -> int | None:
    """The link id a token carries, or None when the signature does not hold."""
    try:
        value = _serializer(secret).loads(token)
    except (BadSignature, UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def url_for(base_url: str, secret: str, link_id: int) -> str:
    """The link people open: the web server's public address, /b/, the token."""
    return f"{base_url.rstrip('/')}{PATH}{token_for(secret, link_id)}"


def create(
    session: Session,
    *,
    park: Park | None,
    days: int,
    label: str,
    now: datetime,
    actor: str,
) -> BoardLink:
    """A new link for the city (park None) or one park, valid `days` days; audited."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise LinkRefused("days", days=str(days), low=MIN_DAYS, high=MAX_DAYS)
    link = BoardLink(
        park_id=park.id if park else None,
        label=label.strip()[:100],
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(link)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="board_link.create",
        entity="board_link",
        entity_id=link.id,
        detail={"park": park.name if park else None, "days": days, "label": link.label},
    )
    return link


def listed(session: Session) -> list[LinkRow]:
    """Every link, oldest first, with its park's name."""
    rows = session.exec(
        select(BoardLink, Park.name)
        .join(Park, col(Park.id) == col(BoardLink.park_id), isouter=True)
        .order_by(col(BoardLink.id))
    )
    return [LinkRow(link, name) for link, name in rows]


def revoke(session: Session, *, link_id: int, now: datetime, actor: str) -> BoardLink:
    """Revoke a link (once; revoking again keeps the first time); audited."""
    link = session.get(BoardLink, link_id)
    if link is None:
        raise LinkRefused("unknown", id=str(link_id))
    if link.revoked_at is None:
        link.revoked_at = now
        session.add(link)
        audit.record(
            session,
            now=now,
            actor=actor,
            action="board_link.revoke",
            entity="board_link",
            entity_id=link.id,
        )
    return link


def valid_link(session: Session, link_id: int | None, now: datetime) -> BoardLink | None:
    """The link if it still works: it exists, is not revoked or expired, its park exists."""
    if link_id is None:
        return None
    link = session.get(BoardLink, link_id)
    if link is None or link.revoked_at is not None or link.expires_at <= now:
        return None
    if link.park_id is not None and session.get(Park, link.park_id) is None:
        return None
    return link
