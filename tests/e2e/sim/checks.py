"""What the database and the chats must say once the scripted day is over."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import select

from bot.db import Database
from models import Meeting, OutboxMessage, Person, ProgressReport, ProjectLiaison, ReminderRun
from tests.e2e.sim.city import City
from tests.emulator.server import BotApiEmulator


def queued(db: Database) -> list[OutboxMessage]:
    """Outbox rows still waiting to be sent."""
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.status == "queued")))


def outbox_rows(db: Database) -> list[OutboxMessage]:
    """Every outbox row."""
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def reminder_runs(db: Database) -> list[ReminderRun]:
    """Every fired or skipped reminder."""
    with db.scope() as session:
        return list(session.exec(select(ReminderRun).order_by(ReminderRun.id)))


def assert_reports_exact(db: Database, city: City) -> None:
    """Every liaison's report is there once, current, first revision, with their answers."""
    with db.scope() as session:
        reports = list(session.exec(select(ProgressReport).order_by(ProgressReport.id)))
    by_project: dict[int, list[ProgressReport]] = {}
    for report in reports:
        by_project.setdefault(report.project_id, []).append(report)
    for s in city.liaisons:
        rows = by_project.get(s.project_id, [])
        assert len(rows) == 1, f"{s.project}: {len(rows)} reports, expected exactly one"
        [report] = rows
        got = (
            report.period,
            report.revision,
            report.is_current,
            report.investment_month,
            report.investment_cumulative,
            report.stage,
            report.percent,
            report.progress,
            report.problems,
            report.reporter_id,
        )
        expected = (
            s.period,
            1,
            True,
            Decimal(s.amount),
            Decimal(s.amount),
            s.stage,
            Decimal(s.percent),
            s.progress,
            "",
            s.person_id,
        )
        assert got == expected, f"{s.project}: stored {got}, answered {expected}"
    assert len(reports) == len(city.liaisons)


def delivered(emulator: BotApiEmulator, chat_id: int, text: str) -> int:
    """How many times the bot sent this exact text to a chat (edits excluded)."""
    return sum(
        1
        for message in emulator.bot_messages(chat_id)
        if not message.get("deleted") and message.get("text") == text
    )


@dataclass
class OutboxCheck:
    """Outbox rows against what reached the chats."""

    rows: int
    duplicates: int  # deliveries beyond the first, over every sent row


def assert_outbox_delivered(db: Database, emulator: BotApiEmulator) -> OutboxCheck:
    """Every outbox row is sent, its text reached its chat, dedupe keys are unique; returns
    how many deliveries were repeats."""
    rows = outbox_rows(db)
    not_sent = [(r.id, r.kind, r.status, r.last_error) for r in rows if r.status != "sent"]
    assert not not_sent, f"outbox rows not sent: {not_sent[:10]} ({len(not_sent)})"
    keys = [r.dedupe_key for r in rows if r.dedupe_key]
    assert len(keys) == len(set(keys)), "a dedupe key was queued twice"
    duplicates = 0
    # A long answer's messages (kind "answer") may be edited afterwards (the report form turns
    # its question into the next one): those are found by the id Telegram gave them.
    answers = [r for r in rows if r.kind == "answer"]
    for row in answers:
        ids = {m["message_id"] for m in emulator.bot_messages(row.chat_id)}
        assert row.telegram_message_id in ids, f"answer {row.id} not in chat {row.chat_id}"
    wanted: Counter[tuple[int, str]] = Counter(
        (r.chat_id, r.text) for r in rows if r.kind != "answer"
    )
    for (chat_id, text), times in wanted.items():
        got = delivered(emulator, chat_id, text)
        assert got >= times, f"chat {chat_id} got {got} of {times} × {text[:30]!r}"
        duplicates += got - times
    return OutboxCheck(len(rows), duplicates)


def assert_reminders_once(db: Database) -> dict[str, int]:
    """Each (meeting, reminder, person) is queued at most once and every fired reminder's
    messages are sent, but those cancelled because the report came in first; returns the
    number of recipients per reminder key."""
    runs = reminder_runs(db)
    keys = [(run.meeting_id, run.reminder_key) for run in runs]
    assert len(keys) == len(set(keys)), f"a reminder was handled twice: {keys}"
    rows = [r for r in outbox_rows(db) if r.meeting_id is not None and r.dedupe_key]
    per_person = Counter(r.dedupe_key for r in rows)
    assert max(per_person.values(), default=1) == 1
    recipients: dict[str, int] = {}
    for run in runs:
        prefix = f"m{run.meeting_id}:{run.reminder_key}:p"
        mine = [r for r in rows if r.dedupe_key.startswith(prefix)]
        assert len(mine) == run.recipients, f"{run.reminder_key}: {len(mine)} rows"
        settled = _reported_after_queued(db, [r for r in mine if r.status == "cancelled"])
        unsent = [r for r in mine if r.status != "sent" and r.id not in settled]
        assert not unsent, f"{run.reminder_key}: not all sent ({len(unsent)})"
        recipients[run.reminder_key.split("@")[0]] = run.recipients
    return recipients


def _reported_after_queued(db: Database, rows: list[OutboxMessage]) -> set[int]:
    """The cancelled reminders whose liaison filed the meeting's period for one of their
    projects after the reminder was queued: "reminders stop the moment the report is in"."""
    settled: set[int] = set()
    with db.scope() as session:
        for row in rows:
            meeting = session.get(Meeting, row.meeting_id)
            query = (
                select(ProgressReport.id)
                .join(ProjectLiaison, ProjectLiaison.project_id == ProgressReport.project_id)
                .where(
                    ProjectLiaison.person_id == row.person_id,
                    ProgressReport.period == meeting.period,
                    ProgressReport.submitted_at >= row.created_at,
                )
            )
            if session.exec(query).first() is not None:
                settled.add(row.id)
    return settled


def reminder_recipients(db: Database, key_prefix: str) -> set[int]:
    """Chat ids a reminder (by key prefix such as 'liaison:1d') was queued for."""
    with db.scope() as session:
        meetings = [m.id for m in session.exec(select(Meeting))]
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.meeting_id.in_(meetings)))
        return {
            r.chat_id
            for r in rows
            if r.dedupe_key and r.dedupe_key.split(":", 1)[1].startswith(key_prefix)
        }


def person_ids(db: Database, telegram_ids: Iterable[int]) -> dict[int, int]:
    """Telegram id -> person id."""
    wanted = set(telegram_ids)
    with db.scope() as session:
        people = session.exec(select(Person))
        return {p.telegram_user_id: p.id for p in people if p.telegram_user_id in wanted}
