"""Escalating to a leader (a message with four buttons) and applying the leader's choice.

An escalation is a row first (its `key` makes it exist once), then an outbox message of kind
"escalation" carrying the buttons `es:<id>:<choice>`. A choice is taken by one conditional
UPDATE ... WHERE decision IS NULL: a second press, or two at once, finds the row decided and
changes nothing. Each choice becomes a ProblemEvent (action "instruct") and is told, through
the outbox (kind "instruction"), to whoever must act.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot import audit
from bot.assessment.audience import admins
from bot.outbox import queue as outbox
from bot.people import queries as people
from bot.people.accounts import Notices
from bot.refusals import Refused
from models import (
    Decision,
    Escalation,
    EscalationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Problem,
    ProblemEvent,
    ProblemStatus,
    Project,
)

PREFIX = "es:"
MAX_UNIT = 100
MAX_NOTE = 500
# A red project's escalation names no problem: a choice that asks someone to act opens one.
RED_PROBLEM_TEXT = "领导批示"
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# What each button asks for before it can be applied (已阅 asks for nothing).
ASKS = {Decision.COORDINATE.value: "unit", Decision.URGE.value: "due", Decision.REPLY.value: "note"}


class EscalationRefused(Refused):
    """A press not accepted: the catalogue text `escalation-refused-<code>`."""

    prefix = "escalation-refused-"


def buttons(notices: Notices, leader: Person, escalation_id: int) -> dict:
    """The four buttons, as a Bot API inline keyboard (two rows of two)."""

    def button(choice: Decision) -> dict[str, str]:
        return {
            "text": notices.text(leader, f"escalation-button-{choice.value}"),
            "callback_data": f"{PREFIX}{escalation_id}:{choice.value}",
        }

    return {
        "inline_keyboard": [
            [button(Decision.ACK), button(Decision.COORDINATE)],
            [button(Decision.URGE), button(Decision.REPLY)],
        ]
    }


def escalate(
    session: Session,
    *,
    kind: EscalationKind,
    key: str,
    leader: Person,
    text: str,
    notices: Notices,
    now: datetime,
    project_id: int | None = None,
    problem_id: int | None = None,
) -> Escalation | None:
    """Records the escalation and queues its message; None if `key` was escalated before."""
    values: dict[str, Any] = {
        "key": key,
        "kind": kind.value,
        "leader_id": leader.id,
        "project_id": project_id,
        "problem_id": problem_id,
        "created_at": now,
    }
    insert = _INSERTS[session.get_bind().dialect.name]
    statement = (
        insert(Escalation)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Escalation)
    )
    escalation = session.scalars(statement).first()
    if escalation is None:
        return None
    ask = notices.text(leader, "escalation-ask")
    message = outbox.enqueue(
        session,
        kind="escalation",
        text=f"{text}\n\n{ask}",
        now=now,
        person=leader,
        reply_markup=buttons(notices, leader, escalation.id),
        dedupe_key=f"escalation{escalation.id}",
    )
    escalation.outbox_message_id = message.id if message is not None else None
    session.add(escalation)
    session.flush()
    return escalation


def check(session: Session, *, escalation_id: int, person: Person | None) -> Escalation:
    """The escalation, if `person` is its leader and it awaits a decision."""
    escalation = session.get(Escalation, escalation_id)
    if escalation is None:
        raise EscalationRefused("unknown")
    if person is None or not person.active or person.id != escalation.leader_id:
        raise EscalationRefused("not-yours")
    if escalation.decision is not None:
        raise EscalationRefused("done")
    return escalation


def unit_choices(session: Session, escalation: Escalation, limit: int = 6) -> list[str]:
    """Units a leader may pick for 请协调: the problem's own unit, then those problems were
    handed to most recently (typing another is always possible)."""
    choices: list[str] = []
    problem = session.get(Problem, escalation.problem_id) if escalation.problem_id else None
    if problem is not None and problem.assigned_unit:
        choices.append(problem.assigned_unit)
    recent = (
        select(Problem.assigned_unit, func.max(Problem.raised_at))
        .where(col(Problem.assigned_unit).is_not(None), Problem.assigned_unit != "")
        .group_by(Problem.assigned_unit)
        .order_by(func.max(Problem.raised_at).desc(), Problem.assigned_unit)
        .limit(limit + 1)
    )
    for unit, _ in session.exec(recent):
        if unit and unit not in choices:
            choices.append(unit)
    return choices[:limit]


def clean_unit(text: str) -> str:
    """The unit asked to coordinate, trimmed; refused when empty or too long."""
    unit = " ".join(text.split())
    if not unit or len(unit) > MAX_UNIT:
        raise EscalationRefused("unit-invalid", limit=MAX_UNIT)
    return unit


def clean_note(text: str) -> str:
    """The reply's text, trimmed; refused when empty or too long."""
    note = text.strip()
    if not note or len(note) > MAX_NOTE:
        raise EscalationRefused("note-invalid", limit=MAX_NOTE)
    return note


@dataclass
class Decided:
    """What a decision changed, and where the leader's message is (to edit it)."""

    escalation: Escalation
    problem: Problem | None
    edited_text: str
    chat_id: int | None
    message_id: int | None
    told: int  # instruction messages queued


def decide(
    session: Session,
    *,
    escalation_id: int,
    leader: Person,
    choice: str,
    notices: Notices,
    now: datetime,
    unit: str | None = None,
    due: date | None = None,
    note: str | None = None,
) -> Decided:
    """Applies the leader's choice once; a decided escalation is refused ("done")."""
    escalation = check(session, escalation_id=escalation_id, person=leader)
    if choice not in {d.value for d in Decision}:
        raise EscalationRefused("unknown")
    fields: dict[str, Any] = {"unit": None, "due_date": None, "note": None}
    if choice == Decision.COORDINATE.value:
        fields["unit"] = clean_unit(unit or "")
    elif choice == Decision.URGE.value:
        if due is None or due < now.date():
            raise EscalationRefused("due-past")
        fields["due_date"] = due
    elif choice == Decision.REPLY.value:
        fields["note"] = clean_note(note or "")
    # The one guard against a second press: only an undecided row is updated.
    taken = session.execute(
        update(Escalation)
        .where(col(Escalation.id) == escalation_id, col(Escalation.decision).is_(None))
        .values(decision=choice, decided_at=now, **fields)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise EscalationRefused("done")
    session.refresh(escalation)
    problem = _problem_for(session, escalation, choice, now)
    summary = notices.text(None, f"escalation-note-{choice}", **_args(escalation))
    if problem is not None:
        if choice == Decision.URGE.value:
            problem.due_date = escalation.due_date
            session.add(problem)
        session.add(
            ProblemEvent(
                problem_id=problem.id,
                action="instruct",
                actor_id=leader.id,
                at=now,
                note=summary,
                unit=escalation.unit,
                due_date=escalation.due_date,
            )
        )
    if escalation.problem_id is None and problem is not None:
        escalation.problem_id = problem.id
        session.add(escalation)
    audit.record(
        session,
        now=now,
        actor=f"person:{leader.id}",
        actor_person_id=leader.id,
        action="escalation-decide",
        entity="escalation",
        entity_id=escalation.id,
        detail={"decision": choice, **{k: str(v) for k, v in fields.items() if v is not None}},
    )
    told = _tell(session, escalation, problem, leader, notices, now)
    message = (
        session.get(OutboxMessage, escalation.outbox_message_id)
        if escalation.outbox_message_id
        else None
    )
    decided_line = notices.text(
        leader,
        f"escalation-decided-{choice}",
        leader=leader.name,
        at=_local(now),
        **_args(escalation),
    )
    original = message.text if message is not None else ""
    session.flush()
    return Decided(
        escalation=escalation,
        problem=problem,
        edited_text=f"{_without_ask(original, notices, leader)}\n\n{decided_line}".strip(),
        chat_id=message.chat_id if message is not None else None,
        message_id=message.telegram_message_id if message is not None else None,
        told=told,
    )


def _args(escalation: Escalation) -> dict[str, str]:
    return {
        "unit": escalation.unit or "",
        "due": escalation.due_date.isoformat() if escalation.due_date else "",
        "note": escalation.note or "",
    }


def _local(now: datetime) -> str:
    """The decision's time as the edited message shows it (`now` is in the campaign's zone)."""
    return now.strftime("%Y-%m-%d %H:%M")


def _without_ask(text: str, notices: Notices, leader: Person) -> str:
    """The escalation's text without its closing question (the buttons are gone too)."""
    ask = notices.text(leader, "escalation-ask")
    return text.removesuffix(ask).rstrip()


def _problem_for(
    session: Session, escalation: Escalation, choice: str, now: datetime
) -> Problem | None:
    """The problem the choice is recorded on; a red project's opens one unless only 已阅."""
    if escalation.problem_id is not None:
        return session.get(Problem, escalation.problem_id)
    if choice == Decision.ACK.value or escalation.project_id is None:
        return None
    problem = Problem(
        project_id=escalation.project_id,
        text=RED_PROBLEM_TEXT,
        raised_by_id=escalation.leader_id,
        raised_at=now,
        status=ProblemStatus.OPEN.value,
    )
    session.add(problem)
    session.flush()
    session.add(
        ProblemEvent(
            problem_id=problem.id, action="raise", actor_id=escalation.leader_id, at=now, note=""
        )
    )
    return problem


def _tell(
    session: Session,
    escalation: Escalation,
    problem: Problem | None,
    leader: Person,
    notices: Notices,
    now: datetime,
) -> int:
    """Queues the instruction to whoever must act on it; returns how many were queued."""
    choice = escalation.decision
    project_id = escalation.project_id or (problem.project_id if problem else None)
    if choice == Decision.ACK.value:
        return 0
    liaisons = people.project_liaisons(session=session, project_id=project_id)
    if choice == Decision.COORDINATE.value:
        recipients = admins(session) + liaisons
    elif choice == Decision.URGE.value:
        recipients = liaisons + _unit_people(session, problem)
    else:
        raiser = (
            session.get(Person, problem.raised_by_id) if problem and problem.raised_by_id else None
        )
        recipients = (
            [raiser]
            if raiser is not None and raiser.active and raiser.id != leader.id
            else liaisons
        )
    project = session.get(Project, project_id) if project_id else None
    told, seen = 0, set()
    for person in recipients:
        if person.id in seen or person.id == leader.id:
            continue
        seen.add(person.id)
        text = notices.text(
            person,
            f"escalation-instruction-{choice}",
            leader=leader.name,
            project=project.name if project else "",
            problem=problem.text[:200] if problem else "",
            **_args(escalation),
        )
        queued = outbox.enqueue(
            session,
            kind="instruction",
            text=text,
            now=now,
            person=person,
            dedupe_key=f"es{escalation.id}:to{person.id}",
        )
        told += queued is not None
    return told


def _unit_people(session: Session, problem: Problem | None) -> list[Person]:
    """The people of the unit the problem is handed to (its owner unit)."""
    if problem is None or not problem.assigned_unit:
        return []
    query = (
        select(Person)
        .where(Person.active, Person.unit == problem.assigned_unit)
        .order_by(Person.id)
    )
    return list(session.exec(query))


def resend_waiting(session: Session, *, person: Person, now: datetime) -> int:
    """Queues again the messages of the person's undecided escalations that found no account
    (the leader binds only now: e.g. the demo's); returns how many."""
    if person.telegram_user_id is None:
        return 0
    waiting = select(Escalation.outbox_message_id).where(
        Escalation.leader_id == person.id,
        col(Escalation.decision).is_(None),
        col(Escalation.outbox_message_id).is_not(None),
    )
    statement = (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id).in_(waiting),
            OutboxMessage.status == OutboxStatus.UNREACHABLE.value,
            OutboxMessage.last_error == outbox.NOT_BOUND,
        )
        .values(
            status=OutboxStatus.QUEUED.value,
            chat_id=person.telegram_user_id,
            is_group=False,
            not_before=now,
            last_error=None,
        )
    )
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount
