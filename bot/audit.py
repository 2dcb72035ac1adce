"""Writes and reads the audit log: every change to roster, bindings and invites, every export,
and every refused attempt to bind an account."""

import getpass
import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from models import AuditEntry

ACTOR_LENGTH = 100  # the size of AuditEntry.actor
TOKEN_REF_LENGTH = 12  # hex digits of a token's hash kept in the log: enough to match an invite


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
        actor=actor[:ACTOR_LENGTH],
        actor_person_id=actor_person_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail or {},
    )
    session.add(entry)
    return entry


def cli_actor(tool: str = "") -> str:
    """The actor of a command-line change: `cli:<OS user>` (or `cli:<OS user>:<tool>`)."""
    try:
        user = getpass.getuser()
    except Exception:  # no LOGNAME/USER and no passwd entry (some containers): still recorded
        user = "unknown"
    user = "".join(ch for ch in user if ch.isprintable() and ch != ":")[:40] or "unknown"
    return f"cli:{user}:{tool}" if tool else f"cli:{user}"


def token_ref(token: str) -> str:
    """A short prefix of the token's hash: matches the stored invite, cannot be redeemed."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:TOKEN_REF_LENGTH]


def entries(
    session: Session, *, person_id: int | None = None, since: datetime | None = None
) -> list[AuditEntry]:
    """The log, oldest first; only what concerns or was done by `person_id`, from `since` on."""
    query = select(AuditEntry)
    if person_id is not None:
        about = (col(AuditEntry.entity) == "person") & (col(AuditEntry.entity_id) == person_id)
        query = query.where(or_(about, col(AuditEntry.actor_person_id) == person_id))
    if since is not None:
        query = query.where(col(AuditEntry.at) >= since)
    return list(session.exec(query.order_by(col(AuditEntry.at), col(AuditEntry.id))))


def mask_phone(phone: str) -> str:
    """A phone number with all but its last four digits hidden (kept for matching, not use)."""
    digits = [ch for ch in phone if ch.isdigit()]
    return "*" * max(len(digits) - 4, 0) + "".join(digits[-4:])


def record_export(
    session: Session,
    *,
    now: datetime,
    actor: str,
    period: str,
    projects: int,
    via: str,
    actor_person_id: int | None = None,
) -> AuditEntry:
    """Records that the ledger of `period` left the database (`via` chat or cli)."""
    return record(
        session,
        now=now,
        actor=actor,
        actor_person_id=actor_person_id,
        action="export",
        entity="ledger",
        detail={"period": period, "projects": projects, "via": via},
    )
