"""The admin wizards keep their state in the database: two admins at once stay apart, and a
restart or a crash mid-wizard loses nothing (the next answer continues the wizard)."""

import signal
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.db import Database
from bot.migrate import upgrade
from handlers.broadcast import TEXT
from handlers.meetings.common import PLACE
from models import Broadcast, Meeting, OutboxMessage, Park, WizardState
from tests.e2e.chat import screen
from tests.e2e.process import operator_env, start_parkbot
from tests.e2e.sim.run import eventually
from tests.factories import make_park, make_person
from tests.screens import on, say, shows

ADMIN, OTHER_ADMIN, LIAISON = 4101, 4102, 4103


@pytest.fixture
def parks(db):
    with db.scope() as session:
        make_park(session, "常德经开区")
        make_park(session, "鼎城高新区")
        make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        make_person(session, "孙悦", is_admin=True, telegram_user_id=OTHER_ADMIN)
        make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)


def meetings(db) -> list[tuple[str, str, str]]:
    with db.scope() as session:
        found = session.exec(select(Meeting).order_by(Meeting.id)).all()
        names = {p.id: p.name for p in session.exec(select(Park))}
    return [(names[m.park_id], m.place, m.starts_at.isoformat()) for m in found]


def stored(db) -> dict[tuple[str, str], dict]:
    with db.scope() as session:
        return {(row.kind, row.key): row.value for row in session.exec(select(WizardState))}


def step_stored(db, wizard: str, user_id: int, state: int) -> None:
    """Waits until the step is in the database: a step's state is written right after its
    reply goes out (handlers/wizard.py), so a crash "after the step" comes after that."""
    key = (f"conversation:{wizard}", f"[{user_id}, {user_id}]")
    eventually(
        lambda: stored(db).get(key) == {"state": state}, 10, lambda: f"{stored(db)} at {key}"
    )


def crash(harness) -> None:
    """Stops the bot as a crash would: nothing it holds in memory reaches the database after
    this (the clean stop's final persistence write included)."""
    harness.bot.app.persistence._write_all = lambda changes: None
    harness.bot.stop()


def test_two_admins_interleaved_each_get_their_own_meeting(harness, parks, db):
    emu = harness.emulator
    lei, yue = emu.add_user(ADMIN, "Lei"), emu.add_user(OTHER_ADMIN, "Yue")
    lei.send_command("meeting")
    screen(emu, lei, shows("meeting-ask-when"))
    yue.send_command("meeting")
    screen(emu, yue, shows("meeting-ask-when"))
    lei.send_text("3月15日 9:00")
    screen(emu, lei, shows("meeting-ask-park"))
    yue.send_text("3月20日 14:00")
    screen(emu, yue, shows("meeting-ask-park"))
    yue.press("鼎城高新区")
    screen(emu, yue, shows("meeting-ask-place"))
    lei.press("常德经开区")
    screen(emu, lei, shows("meeting-ask-place"))
    lei.send_text("经开区管委会三楼会议室")
    screen(emu, lei, shows("meeting-ask-deadline"))
    yue.send_text("高新区会议中心")
    screen(emu, yue, shows("meeting-ask-deadline"))
    yue.press(say("meeting-default-deadline", when="3月17日 18:00"))
    screen(emu, yue, shows("meeting-preview"))
    lei.press(say("meeting-default-deadline", when="3月12日 18:00"))
    screen(emu, lei, shows("meeting-preview"))
    yue.press(say("button-confirm"))
    screen(emu, yue, shows("meeting-created"))
    lei.press(say("button-confirm"))
    screen(emu, lei, shows("meeting-created"))
    assert sorted(meetings(db)) == [
        ("常德经开区", "经开区管委会三楼会议室", "2025-03-15T01:00:00+00:00"),
        ("鼎城高新区", "高新区会议中心", "2025-03-20T06:00:00+00:00"),
    ]
    eventually(lambda: stored(db) == {}, 10, lambda: str(stored(db)))  # both ended: no rows
    harness.bot.assert_no_errors()


def half_a_meeting(harness):
    """The admin's /meeting up to the place question; returns the admin."""
    emu = harness.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("meeting")
    screen(emu, admin, shows("meeting-ask-when"))
    admin.send_text("3月15日 9:00")
    screen(emu, admin, shows("meeting-ask-park"))
    admin.press("常德经开区")
    screen(emu, admin, shows("meeting-ask-place"))
    step_stored(harness.db, "meeting-wizard", ADMIN, PLACE)
    return admin


def finish_the_meeting(harness, admin):
    emu = harness.emulator
    admin.send_text("经开区管委会三楼会议室")
    screen(emu, admin, shows("meeting-ask-deadline"))
    admin.press(say("meeting-default-deadline", when="3月12日 18:00"))
    preview = screen(emu, admin, shows("meeting-preview"))
    assert on(preview["text"], "meeting-preview", when="3月15日 09:00", park="常德经开区")
    admin.press(say("button-confirm"))
    screen(emu, admin, shows("meeting-created"))


@pytest.mark.parametrize("stop", ["clean", "crash"])
def test_a_restart_mid_meeting_wizard_continues_it(start_bot, parks, db, stop):
    first = start_bot()
    admin = half_a_meeting(first)
    crash(first) if stop == "crash" else first.bot.stop()
    restarted = start_bot()
    finish_the_meeting(restarted, admin)
    assert meetings(db) == [("常德经开区", "经开区管委会三楼会议室", "2025-03-15T01:00:00+00:00")]
    restarted.bot.assert_no_errors()


@pytest.mark.parametrize("stop", ["clean", "crash"])
def test_a_restart_mid_broadcast_wizard_continues_it(start_bot, parks, db, stop):
    first = start_bot()
    emu = first.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("broadcast")
    screen(emu, admin, shows("broadcast-ask-audience"))
    admin.press(say("broadcast-audience-everyone"))
    screen(emu, admin, shows("broadcast-ask-text"))
    step_stored(db, "broadcast-wizard", ADMIN, TEXT)
    crash(first) if stop == "crash" else first.bot.stop()
    restarted = start_bot()
    admin.send_text("周五下午三点开调度会")
    preview = screen(emu, admin, shows("broadcast-preview"))
    assert on(preview["text"], "broadcast-preview", count=3, text="周五下午三点开调度会")
    admin.press(say("button-send"))
    screen(emu, admin, shows("broadcast-progress"))
    with db.scope() as session:
        broadcast = session.exec(select(Broadcast)).one()
        assert (broadcast.text, broadcast.recipients) == ("周五下午三点开调度会", 3)
    restarted.bot.assert_no_errors()


def test_idle_expiry_still_holds_after_a_restart(start_bot, parks, db):
    first = start_bot()
    admin = half_a_meeting(first)
    first.bot.stop()
    restarted = start_bot()
    restarted.clock.advance(timedelta(minutes=restarted.services.settings.wizard_idle_minutes + 1))
    admin.send_text("经开区管委会三楼会议室")
    screen(restarted.emulator, admin, shows("wizard-expired"))
    eventually(lambda: stored(db) == {}, 10, lambda: str(stored(db)))  # the wizard left no row
    assert meetings(db) == []


def test_sigkill_mid_broadcast_wizard_then_restart_continues_it(tmp_path, emulator):
    env = operator_env(tmp_path, emulator)
    db = Database.from_url(env["DATABASE_URL"])
    upgrade(db.engine)
    with db.scope() as session:
        make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
    admin = emulator.add_user(ADMIN, "Lei")
    bot = start_parkbot(env)
    try:
        admin.send_command("broadcast")
        screen(emulator, admin, shows("broadcast-ask-audience"), timeout=20)
        admin.press(say("broadcast-audience-everyone"))
        screen(emulator, admin, shows("broadcast-ask-text"))
        step_stored(db, "broadcast-wizard", ADMIN, TEXT)
    finally:
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=20)
    assert bot.returncode == -signal.SIGKILL

    restarted = start_parkbot(env)
    try:
        admin.send_text("明早九点到园区集合")
        screen(emulator, admin, shows("broadcast-preview"), timeout=20)
        admin.press(say("button-send"))
        screen(emulator, admin, shows("broadcast-progress"))
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.communicate(timeout=20)
    assert restarted.returncode == 0
    with db.scope() as session:
        assert session.exec(select(Broadcast.text)).one() == "明早九点到园区集合"
        assert len(session.exec(select(OutboxMessage)).all()) == 2
    db.dispose()
