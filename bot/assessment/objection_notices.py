"""What objections tell people, through the outbox: admins of a new one, the filer and the
parks of an answer (an accepted one with the re-score's difference)."""

from collections.abc import Callable
from datetime import datetime, tzinfo

from sqlmodel import Session, select

from bot.assessment import objections
from bot.assessment.audience import admins, park_people
from bot.assessment.runs import IndicatorChange, ParkChange
from bot.assessment.scoring import Growth, Value
from bot.outbox import queue as outbox
from bot.pairing import publication as pairing_pub
from bot.people.accounts import Notices
from models import AssessmentRun, Objection, ObjectionStatus, Park, Person, Publication

BUTTON_PREFIX = "ob:"
Text = Callable[..., str]  # a catalogue key and its arguments -> text in one language


def item_name(session: Session, objection: Objection) -> str:
    """The indicator an objection names, as `key 名称` (a pairing row as its leader)."""
    publication = session.get(Publication, objection.publication_id)
    if publication is not None and publication.kind == pairing_pub.KIND:
        row = pairing_pub.row_of_item(publication, objection.item)
        return objection.item if row is None else f"{objection.item} {row['leader']}"
    item = objections.indicator(session, objection)
    return objection.item if item is None else f"{item.key} {item.name}"


def summary(session: Session, objection: Objection, text: Text, tz: tzinfo) -> str:
    """One objection in a few lines: number, park, period, indicator, filer, reason, status."""
    publication = session.get(Publication, objection.publication_id)
    park = session.get(Park, objection.park_id) if objection.park_id else None
    pairing = publication is not None and publication.kind == pairing_pub.KIND
    lines = [
        text(
            "objection-line",
            id=objection.id,
            park=park.name if park else text("pairing-objection-park") if pairing else "",
            period=publication.period if publication else "",
            item=item_name(session, objection),
            filer=objection.filer_name,
            at=objections.local_time(objection.filed_at, tz),
            status=text(f"objection-status-{objection.status}"),
        ),
        text("objection-line-reason", reason=objection.reason),
    ]
    if objection.attachment:
        lines.append(text("objection-line-attachment"))
    if objection.answer:
        lines.append(text("objection-line-answer", answer=objection.answer))
    return "\n".join(lines)


def format_changes(changes: list[ParkChange], text: Text) -> str:
    """The difference of a re-score: each changed park, its total and rank, its indicators."""
    if not changes:
        return text("objection-diff-none")
    lines = []
    for change in changes:
        lines.append(
            text(
                "objection-diff-park",
                park=change.park,
                before=_number(change.total_before),
                after=_number(change.total_after),
                rank_before=change.rank_before,
                rank_after=change.rank_after,
            )
        )
        lines += [_indicator_line(item, text) for item in change.indicators]
    return "\n".join(lines)


def notify_filed(
    session: Session, objection: Objection, *, notices: Notices, now: datetime, tz: tzinfo
) -> None:
    """Queues the new objection to every admin, with accept and reject buttons."""
    for admin in admins(session):

        def text(key: str, _admin: Person = admin, **args: object) -> str:
            return notices.text(_admin, key, **args)

        body = text("objection-filed-notice") + "\n" + summary(session, objection, text, tz)
        outbox.enqueue(
            session,
            kind="notice",
            text=body,
            now=now,
            person=admin,
            reply_markup=answer_buttons(objection.id, text),
            dedupe_key=f"objection{objection.id}:filed:{admin.id}",
        )


def answer_buttons(objection_id: int, text: Text) -> dict:
    """采纳 / 驳回 buttons for one objection, as Bot API JSON."""
    return {
        "inline_keyboard": [
            [
                {
                    "text": text("objection-button-accept"),
                    "callback_data": f"{BUTTON_PREFIX}accept:{objection_id}",
                },
                {
                    "text": text("objection-button-reject"),
                    "callback_data": f"{BUTTON_PREFIX}reject:{objection_id}",
                },
            ]
        ]
    }


def notify_answered(
    session: Session,
    answered: objections.Answered,
    *,
    notices: Notices,
    now: datetime,
    tz: tzinfo,
    skip_person_id: int | None = None,
) -> None:
    """Queues the answer to the filer and the admins; an accepted one also tells every park
    whose total or rank changed its new standing. `skip_person_id` (who answered in chat and
    sees it there) is not queued."""
    objection = answered.objection
    told: set[int] = set() if skip_person_id is None else {skip_person_id}
    filer = session.get(Person, objection.filer_id)
    for person in ([filer] if filer and filer.active else []) + admins(session):
        if person.id in told:
            continue
        told.add(person.id)

        def text(key: str, _person: Person = person, **args: object) -> str:
            return notices.text(_person, key, **args)

        outbox.enqueue(
            session,
            # To the filer it answers their own objection: a reply, never capped (bot/outbox/kinds).
            kind="answer" if filer is not None and person.id == filer.id else "notice",
            text=answer_text(session, answered, text, tz),
            now=now,
            person=person,
            dedupe_key=f"objection{objection.id}:answer:{person.id}",
        )
    if objection.status != ObjectionStatus.ACCEPTED.value:
        return
    parks = {park.name: park for park in session.exec(select(Park))}
    for change in answered.changes:
        park = parks.get(change.park)
        if park is None:
            continue
        for person in park_people(session, park.id):
            if person.id in told:
                continue
            told.add(person.id)
            outbox.enqueue(
                session,
                kind="notice",
                text=notices.text(
                    person,
                    "objection-standing",
                    id=objection.id,
                    park=change.park,
                    total=_number(change.total_after),
                    rank=change.rank_after,
                    rank_before=change.rank_before,
                ),
                now=now,
                person=person,
                dedupe_key=f"objection{objection.id}:standing:{person.id}",
            )


def answer_text(session: Session, answered: objections.Answered, text: Text, tz: tzinfo) -> str:
    """The answer as its filer and the admins read it."""
    objection = answered.objection
    head = summary(session, objection, text, tz)
    if objection.status == ObjectionStatus.REJECTED.value:
        return text("objection-rejected-notice", id=objection.id) + "\n" + head
    if objections.is_pairing(session, objection):
        return text("pairing-objection-accepted-notice", id=objection.id) + "\n" + head
    return "\n".join(
        (
            text("objection-accepted-notice", id=objection.id, run=_run_number(session, objection)),
            head,
            text("objection-diff-title"),
            format_changes(answered.changes, text),
        )
    )


def _run_number(session: Session, objection: Objection) -> int | str:
    run = session.get(AssessmentRun, objection.run_id) if objection.run_id else None
    return "" if run is None else run.number


def _indicator_line(item: IndicatorChange, text: Text) -> str:
    return text(
        "objection-diff-indicator",
        name=item.name,
        before=_value(item.before),
        after=_value(item.after),
        points_before=_number(item.points_before),
        points_after=_number(item.points_after),
    )


def _value(value: Value) -> str:
    if value is None:
        return "-"
    if isinstance(value, Growth):
        return f"{_number(value.value)}/{_number(value.base)}"
    return _number(value)


def _number(value: object) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
