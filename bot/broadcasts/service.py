"""Command-centre broadcasts: an audience, a text, one outbox row per recipient."""

from collections import Counter
from datetime import datetime

from sqlmodel import Session, col, select

from bot import audit, text_limits
from bot.outbox import queue as outbox
from bot.refusals import Refused
from bot.status.city_view import CITY_VIEW
from bot.status.compute import Asked
from bot.status.lights import DEFAULT_POLICY, LightPolicy
from bot.status.queries import statuses
from models import Broadcast, OutboxMessage, OutboxStatus, Person, Project, ProjectLiaison

# In Telegram's UTF-16 units; the rest of a 4,096-unit message is the catalogue's frame.
MAX_TEXT = 3500
ROLES = ("liaison", "leader", "admin")


def text_fits(text: str) -> bool:
    """Whether a broadcast text is neither empty nor longer than MAX_TEXT (as Telegram counts)."""
    text = text.strip()
    return bool(text) and text_limits.units(text) <= MAX_TEXT


class BroadcastRefused(Refused):
    """The broadcast cannot be made: the reason is the catalogue text `broadcast-refused-<code>`."""

    prefix = "broadcast-refused-"


def recipients(
    session: Session, audience: str, now: datetime, policy: LightPolicy = DEFAULT_POLICY
) -> list[Person]:
    """Active people in an audience: everyone, role:<role>, park:<id> or red-leaders.

    Red is decided by `policy`, the configured rule (LightPolicy.from_settings).
    """
    query = select(Person).where(Person.active)
    kind, _, argument = audience.partition(":")
    if kind == "role" and argument in ROLES:
        query = query.where(getattr(Person, f"is_{argument}"))
    elif kind == "park" and argument.isdigit():
        in_park = select(Project.id).where(Project.park_id == int(argument), Project.active)
        liaisons = select(ProjectLiaison.person_id).where(
            col(ProjectLiaison.project_id).in_(in_park)
        )
        leaders = select(Project.leader_id).where(col(Project.id).in_(in_park))
        query = query.where(col(Person.id).in_(liaisons) | col(Person.id).in_(leaders))
    elif kind == "red-leaders":
        # The same rule as the lights leaders see on cards and the overview.
        asked = Asked(CITY_VIEW, now.date(), now.tzinfo, policy)
        red = {row.project_id for row in statuses(session, asked) if row.light.color == "red"}
        leaders = select(Project.leader_id).where(col(Project.id).in_(red))
        query = query.where(col(Person.id).in_(leaders))
    elif kind != "everyone":
        raise BroadcastRefused("audience-unknown")
    return list(session.exec(query.order_by(Person.id)))


def start_broadcast(
    session: Session,
    *,
    audience: str,
    text: str,
    actor: Person,
    now: datetime,
    status_chat_id: int | None = None,
    policy: LightPolicy = DEFAULT_POLICY,
) -> Broadcast:
    """Writes the broadcast and queues one message per recipient (deduplicated per person)."""
    text = text.strip()
    if not text_fits(text):
        raise BroadcastRefused("text-length", limit=MAX_TEXT)
    people = recipients(session, audience, now, policy)
    if not people:
        raise BroadcastRefused("nobody")
    broadcast = Broadcast(
        created_by_id=actor.id,
        audience=audience,
        text=text,
        recipients=len(people),
        status_chat_id=status_chat_id,
        created_at=now,
    )
    session.add(broadcast)
    session.flush()
    for person in people:
        outbox.enqueue(
            session,
            kind="broadcast",
            text=text,
            now=now,
            person=person,
            dedupe_key=f"b{broadcast.id}:p{person.id}",
            broadcast_id=broadcast.id,
        )
    audit.record(
        session,
        now=now,
        actor=f"person:{actor.id}",
        actor_person_id=actor.id,
        action="broadcast",
        entity="broadcast",
        entity_id=broadcast.id,
        detail={"audience": audience, "recipients": len(people)},
    )
    return broadcast


def mark_finished(session: Session, broadcast_id: int, *, now: datetime) -> None:
    """Records that the broadcast's final status was shown (once)."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is not None and broadcast.finished_at is None:
        broadcast.finished_at = now
        session.add(broadcast)


def unreported(session: Session) -> list[int]:
    """Broadcasts with every message settled whose final status was not shown yet."""
    queued = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.broadcast_id == Broadcast.id,
            OutboxMessage.status == OutboxStatus.QUEUED.value,
        )
        .exists()
    )
    query = select(Broadcast.id).where(
        col(Broadcast.finished_at).is_(None), col(Broadcast.status_message_id).is_not(None), ~queued
    )
    return list(session.exec(query))


def progress(session: Session, broadcast_id: int) -> Counter:
    """Counts of the broadcast's messages by status."""
    query = select(OutboxMessage.status).where(OutboxMessage.broadcast_id == broadcast_id)
    return Counter(session.exec(query))


def unreachable_names(session: Session, broadcast_id: int) -> list[str]:
    """The people the broadcast could not reach."""
    query = (
        select(Person.name)
        .join(OutboxMessage, col(OutboxMessage.person_id) == Person.id)
        .where(
            OutboxMessage.broadcast_id == broadcast_id,
            col(OutboxMessage.status).in_(["unreachable", "failed"]),
        )
        .order_by(Person.name)
    )
    return list(session.exec(query))
