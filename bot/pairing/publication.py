"""Publishing the 三个一 pairing table (公示) through the objection window, and closing it.

The table is snapshotted with its quarter's figures into a Publication of kind "pairing"
(content: {"rows": [...]}, one row per pairing with its pairing, leader and liaison ids). Each
paired leader and their liaison get their own row and the window's close; admins a summary.
An objection names one row ("pairing:<id>"); an accepted one means the command centre fixes
the roster and may publish again. The window closes into final only with nothing pending.
"""

from collections.abc import Iterable
from datetime import datetime, time
from decimal import Decimal

from sqlmodel import Session, col, select

from bot import audit
from bot.assessment.audience import admins
from bot.assessment.calendar import describe_window, objection_window
from bot.assessment.notices import Texts
from bot.assessment.period import Period
from bot.outbox import queue
from bot.pairing.view import LeaderPairing, pairing_table
from bot.refusals import Refused
from models import Objection, ObjectionStatus, Person, Publication, PublicationStatus

KIND = "pairing"
ITEM_PREFIX = "pairing:"
CLOSE_ACTOR = "system:pairing-close"


class PairingPublishRefused(Refused):
    """A pairing publication that is not made; nothing was changed."""

    prefix = "pairing-publish-refused-"


def snapshot(rows: list[LeaderPairing]) -> dict:
    """The table with its figures and ids as JSON (decimals as text, lights as colours)."""
    table = []
    for row, shown in zip(rows, pairing_table(rows), strict=True):
        plain = {k: str(v) if isinstance(v, Decimal) else v for k, v in shown.items()}
        plain.update(pairing_id=row.pairing_id, leader_id=row.leader_id, liaison_id=row.liaison_id)
        table.append(plain)
    return {"rows": table}


def open_publication(session: Session, quarter: str) -> Publication | None:
    """The quarter's pairing publication still open for objections, if any."""
    query = select(Publication).where(
        Publication.kind == KIND,
        Publication.period == quarter,
        Publication.status == PublicationStatus.OPEN.value,
    )
    return session.exec(query).first()


def latest(session: Session, quarter: str) -> Publication | None:
    """The quarter's newest pairing publication (open or final)."""
    query = select(Publication).where(Publication.kind == KIND, Publication.period == quarter)
    return session.exec(query.order_by(col(Publication.id).desc())).first()


def publish(
    session: Session,
    rows: list[LeaderPairing],
    quarter: Period,
    texts: Texts,
    *,
    now: datetime,
    actor: str,
    working_days: int,
    closes_at: time,
) -> tuple[Publication, int]:
    """Publishes the table (audited) and queues the notices; returns it and the people told."""
    if not rows:
        raise PairingPublishRefused("empty")
    if open_publication(session, quarter.label) is not None:
        raise PairingPublishRefused("open", quarter=quarter.label)
    window = objection_window(now, working_days, texts.tz, closes_at)
    publication = Publication(
        kind=KIND,
        period=quarter.label,
        content=snapshot(rows),
        published_at=now,
        closes_at=window.closes_at,
        actor=actor,
    )
    session.add(publication)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        action="pairing-published",
        entity="publication",
        entity_id=publication.id,
        detail={
            "quarter": quarter.label,
            "leaders": len(rows),
            "closes_at": window.closes_at.isoformat(),
        },
    )
    told = 0
    for row in rows_of(publication):
        for person in _row_people(session, row):
            language = person.language or texts.language
            parts = [
                texts.catalogue.text(language, "pairing-notice-published", quarter=quarter.label),
                row_text(texts, language, row),
                describe_window(texts.catalogue, language, window, texts.tz),
                texts.catalogue.text(language, "pairing-notice-object"),
            ]
            key = f"pairing-pub-{publication.id}-{row['pairing_id']}-{person.id}"
            told += _send(session, person, parts, key, now=now)
    for person in admins(session):
        language = person.language or texts.language
        parts = [
            texts.catalogue.text(
                language,
                "pairing-notice-admin-published",
                quarter=quarter.label,
                count=len(rows),
                people=told,
            ),
            describe_window(texts.catalogue, language, window, texts.tz),
        ]
        _send(session, person, parts, f"pairing-pub-{publication.id}-admin-{person.id}", now=now)
    return publication, told


def rows_of(publication: Publication) -> list[dict]:
    """The published rows."""
    return list((publication.content or {}).get("rows", []))


def row_text(texts: Texts, language: str, row: dict) -> str:
    """One published row as people read it (the `pairing show` line)."""
    shown = {k: v for k, v in row.items() if not k.endswith("_id")}
    shown["light"] = texts.catalogue.text(language, f"pairing-light-{row['light'] or 'none'}")
    shown = {k: "—" if v is None or v == "" else str(v) for k, v in shown.items()}
    return texts.catalogue.text(language, "pairing-cli-line", **shown)


def own_rows(session: Session, person: Person, now: datetime) -> list[tuple[Publication, dict]]:
    """The rows of open pairing publications (window not closed) this person may object to."""
    if person.id is None or not person.active:
        return []
    query = select(Publication).where(
        Publication.kind == KIND,
        Publication.status == PublicationStatus.OPEN.value,
        col(Publication.closes_at) > now,
    )
    found = []
    for publication in session.exec(query.order_by(col(Publication.id))):
        found += [
            (publication, row)
            for row in rows_of(publication)
            if person.id in (row.get("leader_id"), row.get("liaison_id"))
        ]
    return found


def item_of(row: dict) -> str:
    """An objection's item naming a row."""
    return f"{ITEM_PREFIX}{row['pairing_id']}"


def row_of_item(publication: Publication, item: str) -> dict | None:
    """The published row an objection's item names."""
    return next((row for row in rows_of(publication) if item_of(row) == item), None)


def may_object(publication: Publication, person: Person, item: str) -> bool:
    """Whether the person is the row's paired leader or liaison."""
    row = row_of_item(publication, item)
    return row is not None and person.id in (row.get("leader_id"), row.get("liaison_id"))


def close_due(session: Session, texts: Texts, *, now: datetime) -> list[Publication]:
    """Finalizes every open pairing table whose window passed with nothing pending."""
    query = select(Publication).where(
        Publication.kind == KIND,
        Publication.status == PublicationStatus.OPEN.value,
        col(Publication.closes_at) <= now,
    )
    final = []
    for publication in session.exec(query.order_by(col(Publication.id))).all():
        if _pending(session, publication.id):
            _held(session, publication, texts, now=now)
            continue
        publication.status = PublicationStatus.FINAL.value
        publication.final_at = now
        session.add(publication)
        told = _notify_final(session, publication, texts, now=now)
        audit.record(
            session,
            now=now,
            actor=CLOSE_ACTOR,
            action="pairing-final",
            entity="publication",
            entity_id=publication.id,
            detail={"quarter": publication.period, "recipients": told},
        )
        final.append(publication)
    return final


def table_lines(texts: Texts, language: str, publication: Publication) -> list[str]:
    """The published table, one line per leader."""
    return [row_text(texts, language, row) for row in rows_of(publication)]


def _notify_final(
    session: Session, publication: Publication, texts: Texts, *, now: datetime
) -> int:
    recipients: dict[int, Person] = {p.id or 0: p for p in admins(session)}
    for row in rows_of(publication):
        leader = session.get(Person, row.get("leader_id") or 0)
        if leader is not None and leader.active:
            recipients[leader.id or 0] = leader
    told = 0
    for person in recipients.values():
        language = person.language or texts.language
        head = texts.catalogue.text(language, "pairing-notice-final", quarter=publication.period)
        body = "\n".join([head, *table_lines(texts, language, publication)])
        key = f"pairing-final-{publication.id}-{person.id}"
        told += _send(session, person, [body], key, now=now)
    return told


def _held(session: Session, publication: Publication, texts: Texts, *, now: datetime) -> None:
    count = _pending(session, publication.id)
    for person in admins(session):
        language = person.language or texts.language
        text = texts.catalogue.text(
            language, "pairing-notice-held", quarter=publication.period, count=count
        )
        _send(session, person, [text], f"pairing-held-{publication.id}-{person.id}", now=now)


def _pending(session: Session, publication_id: int | None) -> int:
    query = select(Objection.id).where(
        Objection.publication_id == publication_id,
        Objection.status == ObjectionStatus.PENDING.value,
    )
    return len(list(session.exec(query)))


def _row_people(session: Session, row: dict) -> list[Person]:
    ids = list(dict.fromkeys(i for i in (row.get("leader_id"), row.get("liaison_id")) if i))
    people = [session.get(Person, i) for i in ids]
    return [p for p in people if p is not None and p.active]


def _send(
    session: Session, person: Person, texts: Iterable[str], key: str, *, now: datetime
) -> int:
    """Queues the messages to one person (once per key); 1 if anything was queued."""
    queued = False
    for index, text in enumerate(texts):
        message = queue.enqueue(
            session, kind="notice", text=text, now=now, person=person, dedupe_key=f"{key}-{index}"
        )
        queued = queued or message is not None
    return int(queued)
