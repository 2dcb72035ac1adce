"""Objections (异议) to a published assessment: filed by a park's people, answered by admins.

An objection names one indicator of the scheme, a reason and optionally an attachment, under
the filer's real name. It is filed only while the publication's window is open. An admin
accepts it (the corrected value is filed with source "objection" and the run re-scored into a
new version) or rejects it with a reason; an objection is answered once, even after the
window has closed (answering is what lets the publication become final).
"""

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment import computed, runs, store
from bot.assessment.audience import parks_of
from bot.assessment.period import parse_period
from bot.assessment.scheme import Indicator, Method
from bot.assessment.scoring import IndicatorScore, Result
from bot.assessment.values import Entry, file_values
from bot.pairing import publication as pairing_pub
from bot.refusals import Refused
from models import (
    AssessmentRun,
    Objection,
    ObjectionStatus,
    Park,
    Person,
    Publication,
    PublicationStatus,
)

MAX_REASON = 500
MAX_ANSWER = 500


class ObjectionRefused(Refused):
    """An objection or an answer that is not accepted; nothing was changed."""

    prefix = "objection-refused-"


@dataclass(frozen=True)
class Target:
    """A publication a person may object to, for one of their parks."""

    publication: Publication
    park: Park


@dataclass(frozen=True)
class Answered:
    """An answered objection; an accepted one has the re-score's difference."""

    objection: Objection
    changes: list[runs.ParkChange]


def targets(session: Session, person: Person, now: datetime) -> list[Target]:
    """The open publications (window not closed) the person's parks may object to."""
    parks = parks_of(session, person.id)
    if not parks:
        return []
    query = select(Publication).where(
        Publication.kind == runs.KIND,
        Publication.status == PublicationStatus.OPEN.value,
        col(Publication.closes_at) > now,
    )
    found = []
    for publication in session.exec(query.order_by(col(Publication.id))):
        names = {park.park for park in _current(session, publication).parks}
        found += [Target(publication, park) for park in parks if park.name in names]
    return found


def indicators_of(session: Session, publication: Publication, park: str) -> list[IndicatorScore]:
    """The park's scored indicators in the publication's current run, in scheme order."""
    for scored in _current(session, publication).parks:
        if scored.park == park:
            return [item for category in scored.categories for item in category.indicators]
    return []


def file(
    session: Session,
    *,
    publication_id: int,
    park_id: int | None,
    item: str,
    reason: str,
    attachment: str | None,
    person: Person,
    now: datetime,
    tz: tzinfo,
) -> Objection:
    """Stores an objection under the filer's roster name (audited), if the window is open."""
    publication = session.get(Publication, publication_id)
    if publication is None or publication.kind not in (runs.KIND, pairing_pub.KIND):
        raise ObjectionRefused("no-publication")
    if publication.status != PublicationStatus.OPEN.value or now >= publication.closes_at:
        raise ObjectionRefused("late", closes=local_time(publication.closes_at, tz))
    park = None if park_id is None else session.get(Park, park_id)
    if publication.kind == pairing_pub.KIND:
        if not pairing_pub.may_object(publication, person, item):
            raise ObjectionRefused("not-your-pairing")
        park_id = None
    elif park is None or park_id not in {p.id for p in parks_of(session, person.id)}:
        raise ObjectionRefused("not-your-park")
    elif item not in {i.key for i in indicators_of(session, publication, park.name)}:
        raise ObjectionRefused("unknown-item", item=item)
    text = reason.strip()
    if not text or len(text) > MAX_REASON:
        raise ObjectionRefused("reason-length", limit=MAX_REASON)
    objection = Objection(
        publication_id=publication_id,
        park_id=park_id,
        item=item,
        reason=text,
        attachment=attachment,
        filer_id=person.id,
        filer_name=person.name,
        filed_at=now,
    )
    session.add(objection)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=f"person:{person.id}",
        actor_person_id=person.id,
        action="objection-filed",
        entity="objection",
        entity_id=objection.id,
        detail={
            "publication": publication_id,
            "park": park.name if park else None,
            "item": item,
        },
    )
    return objection


def local_time(moment: datetime, tz: tzinfo) -> str:
    """A moment as people read it: local date and time to the minute."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def visible(session: Session, person: Person) -> list[Objection]:
    """The objections a person may see: admins all, anyone else their parks' and their own."""
    query = select(Objection)
    if not person.is_admin:
        parks = [park.id for park in parks_of(session, person.id)]
        query = query.where(or_(col(Objection.park_id).in_(parks), Objection.filer_id == person.id))
    return list(session.exec(query.order_by(col(Objection.id))))


def listing(
    session: Session, *, period: str | None = None, status: str | None = None
) -> list[Objection]:
    """Every objection, optionally of one period's publications and of one status."""
    query = select(Objection)
    if period is not None:
        of_period = select(Publication.id).where(Publication.period == period)
        query = query.where(col(Objection.publication_id).in_(of_period))
    if status is not None:
        query = query.where(Objection.status == status)
    return list(session.exec(query.order_by(col(Objection.id))))


def indicator(session: Session, objection: Objection) -> Indicator | None:
    """The scheme indicator an objection names (the publication's run's scheme)."""
    publication = session.get(Publication, objection.publication_id)
    run_id = publication.run_id if publication else None
    run = session.get(AssessmentRun, run_id) if run_id is not None else None
    scheme = store.load_scheme(session, run.scheme_version) if run else None
    if scheme is None:
        return None
    return next((i for i in scheme.indicators if i.key == objection.item), None)


def is_pairing(session: Session, objection: Objection) -> bool:
    """Whether the objection is to a published pairing table."""
    publication = session.get(Publication, objection.publication_id)
    return publication is not None and publication.kind == pairing_pub.KIND


def needs_value(item: Indicator | None) -> bool:
    """Whether accepting asks for a corrected value (parkbot computes the others itself)."""
    return item is not None and item.key not in computed.KEYS


def accept(
    session: Session,
    objection_id: int,
    *,
    value: Decimal | None,
    base: Decimal | None,
    note: str,
    actor: str,
    now: datetime,
    tz: tzinfo,
    actor_person_id: int | None = None,
) -> Answered:
    """Accepts: files the corrected value, re-scores into a new version (audited, once).

    An objection to the pairing table is accepted with a note only: the command centre fixes
    the roster and may publish the table again.
    """
    objection = _pending(session, objection_id)
    if is_pairing(session, objection):
        if not note.strip():
            raise ObjectionRefused("note-needed")
        _check_note(note)
        _claim(session, objection_id, ObjectionStatus.ACCEPTED)
        _answer(session, objection, note.strip(), actor, now, actor_person_id)
        return Answered(objection, [])
    item = indicator(session, objection)
    if needs_value(item) and value is None:
        raise ObjectionRefused("value-needed")
    if item is not None and item.method is Method.GROWTH and needs_value(item) and base is None:
        raise ObjectionRefused("base-needed")
    _check_note(note)
    _claim(session, objection_id, ObjectionStatus.ACCEPTED)
    publication = session.get(Publication, objection.publication_id)
    period = parse_period(publication.period)
    if needs_value(item):
        file_values(
            session,
            park_id=objection.park_id,
            month=period.last,
            entries=[Entry(objection.item, value, base if item.method is Method.GROWTH else None)],
            source="objection",
            actor=actor,
            now=now,
        )
    old, new = runs.rescore(
        session, publication, period, tz, now=now, actor=actor, reason=f"objection #{objection.id}"
    )
    objection.corrected_value = value if needs_value(item) else None
    objection.corrected_base = base if needs_value(item) and item.method is Method.GROWTH else None
    objection.run_id = new.id
    _answer(session, objection, note.strip(), actor, now, actor_person_id)
    changes = runs.diff(runs.result_of(old)[0], runs.result_of(new)[0])
    return Answered(objection, changes)


def reject(
    session: Session,
    objection_id: int,
    *,
    reason: str,
    actor: str,
    now: datetime,
    actor_person_id: int | None = None,
) -> Answered:
    """Rejects with a reason (required; audited, once)."""
    objection = _pending(session, objection_id)
    if not reason.strip():
        raise ObjectionRefused("answer-length", limit=MAX_ANSWER)
    _check_note(reason)
    _claim(session, objection_id, ObjectionStatus.REJECTED)
    _answer(session, objection, reason.strip(), actor, now, actor_person_id)
    return Answered(objection, [])


def _pending(session: Session, objection_id: int) -> Objection:
    objection = session.get(Objection, objection_id)
    if objection is None:
        raise ObjectionRefused("unknown", id=objection_id)
    if objection.status != ObjectionStatus.PENDING.value:
        raise ObjectionRefused("answered", id=objection_id)
    return objection


def _check_note(text: str) -> None:
    if len(text.strip()) > MAX_ANSWER:
        raise ObjectionRefused("answer-length", limit=MAX_ANSWER)


def _claim(session: Session, objection_id: int, status: ObjectionStatus) -> None:
    """Moves the objection out of pending in one statement: of two answers, one wins."""
    claimed = session.execute(
        update(Objection)
        .where(col(Objection.id) == objection_id)
        .where(col(Objection.status) == ObjectionStatus.PENDING.value)
        .values(status=status.value)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise ObjectionRefused("answered", id=objection_id)


def _answer(
    session: Session,
    objection: Objection,
    text: str,
    actor: str,
    now: datetime,
    actor_person_id: int | None,
) -> None:
    session.refresh(objection, ["status"])
    objection.answer = text or None
    objection.answered_by = actor[:100]
    objection.answered_at = now
    session.add(objection)
    session.flush()
    audit.record(
        session,
        now=now,
        actor=actor,
        actor_person_id=actor_person_id,
        action=f"objection-{objection.status}",
        entity="objection",
        entity_id=objection.id,
        detail={
            "answer": objection.answer,
            "value": None if objection.corrected_value is None else str(objection.corrected_value),
            "base": None if objection.corrected_base is None else str(objection.corrected_base),
            "run": objection.run_id,
        },
    )


def _current(session: Session, publication: Publication) -> Result:
    run = session.get(AssessmentRun, publication.run_id)
    assert run is not None, "a published assessment always has a run"
    return runs.result_of(run)[0]
