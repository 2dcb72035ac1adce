"""Writes the audit log: every change to roster, bindings and invites is recorded."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from models import AuditEntry


def record(
    session: Session,
    *,
    now: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    actor_person_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Adds one audit entry to the session's transaction."""
    entry = AuditEntry(
        at=now,
        actor=actor,
        actor_person_id=actor_person_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail or {},
    )
    session.add(entry)
    return entry
