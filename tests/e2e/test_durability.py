"""Durability of the report form: SIGKILL and restart lose nothing; one process per database."""

import signal
from datetime import timedelta
from decimal import Decimal

from sqlmodel import select

from bot.db import Database
from bot.messenger.state import api_view
from bot.migrate import upgrade
from models import ProgressReport, ReportDraft
from tests.e2e.chat import screen
from tests.e2e.process import operator_env, parkbot, start_parkbot
from tests.factories import make_park, make_person, make_project
from tests.screens import on, say, shows

LIAISON_ID = 2101


def seed(db: Database) -> None:
    """A liaison (bound) with one project."""
    upgrade(db.engine)
    with db.scope() as session:
        park = make_park(session, "鼎城高新区")
        liaison = make_person(session, "刘洋", is_liaison=True, telegram_user_id=LIAISON_ID)
        make_project(session, name="润田农机", park=park, liaisons=(liaison,))


def test_sigkill_after_step_five_then_restart_resumes_with_every_answer(tmp_path, emulator):
    env = operator_env(tmp_path, emulator)
    db = Database.from_url(env["DATABASE_URL"])
    seed(db)
    user = emulator.add_user(LIAISON_ID, "Yang")
    bot = start_parkbot(env)
    try:
        user.send_command("report")
        screen(emulator, user, shows("report-choose-period"), timeout=20)
        user.press(user.last()["reply_markup"]["inline_keyboard"][0][0]["text"])
        screen(emulator, user, shows("report-ask-investment"))
        user.send_text("２,５００")
        screen(emulator, user, shows("report-ask-stage"))
        user.press(say("stage-equipment"))
        screen(emulator, user, shows("report-ask-percent"))
        user.send_text("72%")
        screen(emulator, user, shows("report-ask-progress"))
    finally:
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=20)
    assert bot.returncode == -signal.SIGKILL

    restarted = start_parkbot(env)
    try:
        user.send_text("生产线设备进场安装")
        screen(emulator, user, shows("report-ask-problems"), timeout=20)
        user.press(say("button-no-problems"))
        screen(emulator, user, shows("report-ask-photos"))
        user.press(say("button-photos-skip"))
        summary = screen(emulator, user, shows("report-summary"))
        assert on(
            summary["text"],
            "report-summary",
            investment="2,500",
            stage=say("stage-equipment"),
            percent=72,
            progress="生产线设备进场安装",
        )
        user.press(say("button-submit"))
        screen(emulator, user, shows("report-submitted"))
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.communicate(timeout=20)
    assert restarted.returncode == 0
    with db.scope() as session:
        report = session.exec(select(ProgressReport)).one()
    assert (report.investment_month, report.stage, report.percent) == (
        Decimal("2500"),
        "equipment",
        Decimal("72"),
    )
    assert report.progress == "生产线设备进场安装"
    db.dispose()


def test_a_second_bot_on_the_same_database_refuses_to_start(tmp_path, emulator):
    env = operator_env(tmp_path, emulator)
    first = start_parkbot(env)
    try:
        user = emulator.add_user(LIAISON_ID, "Yang")
        user.send_command("help")
        user.wait_message(timeout=20)  # the first one is up and polling
        second = parkbot(env, "run", timeout=30)
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=20)
    assert second.returncode == 3
    assert on(second.stderr, "cli-already-running") and "Traceback" not in second.stderr
    assert second.stderr.strip().count("\n") == 0, second.stderr


def test_redelivered_update_is_not_applied_twice(start_bot, db):
    with db.scope() as session:
        liaison = make_person(session, "刘洋", is_liaison=True, telegram_user_id=LIAISON_ID)
        make_project(session, name="润田农机", liaisons=(liaison,))
    harness = start_bot()
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Yang")
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"))
    user.send_text("300")
    screen(emu, user, shows("report-ask-stage"))
    user.press(say("stage-main_works"))
    screen(emu, user, shows("report-ask-percent"))
    sent = user.send_text("45")  # update 5: /report, 3月, 300, 主体施工, 45
    screen(emu, user, shows("report-ask-progress"))
    harness.bot.stop()
    # Telegram hands an unconfirmed update to the next process again; simulate a crash that
    # came after "45" was applied but before its update was confirmed.
    with emu.state.cond:
        emu.state.updates.append({"update_id": 5, "message": api_view(sent)})
    restarted = start_bot()
    screen(emu, user, shows("report-ask-progress"))
    user.send_text("厂房封顶")
    screen(emu, user, shows("report-ask-problems"))
    with db.scope() as session:
        answers = session.exec(select(ReportDraft)).one().answers
    assert answers["percent"] == "45" and answers["progress"] == "厂房封顶"
    assert "problems" not in answers
    assert restarted.bot.errors == []


def test_abandoned_form_expires_with_a_notice(harness, db):
    with db.scope() as session:
        liaison = make_person(session, "刘洋", is_liaison=True, telegram_user_id=LIAISON_ID)
        make_project(session, name="润田农机", liaisons=(liaison,))
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Yang")
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    harness.clock.advance(timedelta(hours=73))
    from schedules.drafts import expire_drafts

    assert harness.bot.run(lambda: expire_drafts(harness.bot.app)) == 1
    screen(emu, user, shows("report-expired"))
    user.press("2025年3月", message=user.messages()[0])
    assert say("report-form-closed") in user.wait_callback_answer()["text"]
    with db.scope() as session:
        assert session.exec(select(ReportDraft)).one().status == "expired"


def test_expired_form_is_noticed_on_the_next_message(harness, db):
    with db.scope() as session:
        liaison = make_person(session, "刘洋", is_liaison=True, telegram_user_id=LIAISON_ID)
        make_project(session, name="润田农机", liaisons=(liaison,))
    emu = harness.emulator
    user = emu.add_user(LIAISON_ID, "Yang")
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"))
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"))
    harness.clock.advance(timedelta(hours=73))
    user.send_text("300")
    screen(emu, user, shows("report-expired"))
