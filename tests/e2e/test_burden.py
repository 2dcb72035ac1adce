"""The burden cap end to end: the running bot's sender against the emulator folds what is over
a liaison's daily cap, the evening digest lists it in chat, and once the report is in no more
reminders come."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.meetings import service as meetings
from bot.outbox import queue as outbox
from bot.reporting.reports import ReportInput, submit_report
from bot.telegram.reminders import reminders_tick
from models import OutboxMessage, Person
from schedules.burden import send_digests
from tests.factories import make_park, make_person, make_project
from tests.screens import on, say

pytestmark = pytest.mark.e2e

SHANGHAI = ZoneInfo("Asia/Shanghai")
ADMIN, LIAISON = 4101, 4102


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def test_over_the_cap_notices_fold_into_one_digest_and_reminders_stop_at_the_report(harness):
    emu, db = harness.emulator, harness.db
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        project = make_project(session, name="中联起重机械", park=park, liaisons=(li,))
        plan = meetings.prepare(
            session, starts_at=at("2025-03-15 09:00"), park_id=park.id, place="经开区管委会",
            deadline=at("2025-03-12 18:00"), now=harness.clock(), tz=SHANGHAI,
        )  # fmt: skip
        meetings.create(session, plan, now=harness.clock(), actor=admin)
    liaison = emu.add_user(LIAISON, "Min")

    # The catch-up reminder: urgent, it takes the place the daily reserve kept for it.
    harness.bot.run(lambda: reminders_tick(harness.bot.app))
    reminder = liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))
    assert "中联起重机械" in reminder["text"]
    with db.scope() as session:
        for number in range(1, 6):
            outbox.enqueue(
                session,
                kind="notice",
                text=f"第{number}号通知",
                now=harness.clock(),
                person_id=li.id,
            )
    # Five a day: the reminder and four notices; the fifth notice is folded, not sent.
    for number in range(1, 5):
        liaison.wait_message(lambda m, n=number: m["text"] == f"第{n}号通知")
    emu.wait_until(lambda: _statuses(harness).get("第5号通知") == "folded")
    liaison.expect_silence()

    # 18:00: the digest job writes one message, which the sender delivers over the cap.
    harness.clock.current = at("2025-03-10 18:00")
    assert harness.bot.run(lambda: send_digests(harness.bot.app)) == 1
    digest = liaison.wait_message(lambda m: on(m["text"], "burden-digest-head", count=1))
    assert (
        say("burden-digest-line", index=1, kind=say("burden-kind", kind="notice"), text="第5号通知")
        in digest["text"]
    )
    assert harness.bot.run(lambda: send_digests(harness.bot.app)) == 0  # once a day

    # The report is in: the next reminder finds nobody to remind.
    data = ReportInput(
        project_id=project.id, period="2025-03", investment_month=Decimal(10), stage="started",
        percent=Decimal(5), progress="开工", problems="", photos=[],
    )  # fmt: skip
    with db.scope() as session:
        submit_report(session, person=session.get(Person, li.id), data=data, now=harness.clock())
    harness.clock.current = at("2025-03-11 18:00")
    harness.bot.run(lambda: reminders_tick(harness.bot.app))
    harness.clock.advance(timedelta(minutes=1))
    liaison.expect_silence(1.5)
    with db.scope() as session:
        reminders = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "reminder")
        ).all()
    assert [r.status for r in reminders] == ["sent"]


def _statuses(harness) -> dict[str, str]:
    with harness.db.scope() as session:
        return {r.text: r.status for r in session.exec(select(OutboxMessage))}
