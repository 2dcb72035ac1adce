"""Meetings end to end: created in chat, reminders to the right people at the right times,
a restart between offsets neither repeats nor skips one, broadcasts with progress."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from bot.telegram.reminders import reminders_tick
from models import Broadcast, Meeting, OutboxMessage
from schedules import broadcast_status
from tests.e2e.chat import screen
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import on, say, shows

ADMIN, LEADER, LIAISON, REPORTED, OTHER_PARK = 4001, 4002, 4003, 4004, 4005


@pytest.fixture
def city(db):
    with db.scope() as session:
        host, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        chen = make_person(session, "陈静", is_liaison=True, telegram_user_id=REPORTED)
        zhou = make_person(session, "周涛", is_liaison=True, telegram_user_id=OTHER_PARK)
        missing = make_project(
            session, name="中联起重机械", park=host, leader=leader, liaisons=(li,)
        )
        done = make_project(
            session, name="德施普惠医药", park=host, leader=leader, liaisons=(chen,)
        )
        make_project(session, name="润田农机", park=other, liaisons=(zhou,))
        make_report(
            session,
            project=done,
            reporter=chen,
            period="2025-03",
            investment_month=1,
            stage="started",
            percent=5,
            progress="x",
            submitted_at=datetime.fromisoformat("2025-03-08T10:00:00+08:00"),
        )
    return {"missing": missing}


def tick(harness):
    return harness.bot.run(lambda: reminders_tick(harness.bot.app))


def broadcast_to_everyone(emu, text):
    """The admin's /broadcast up to its preview; returns the admin and the preview."""
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("broadcast")
    screen(emu, admin, shows("broadcast-ask-audience"))
    admin.press(say("broadcast-audience-everyone"))
    screen(emu, admin, shows("broadcast-ask-text"))
    admin.send_text(text)
    return admin, screen(emu, admin, shows("broadcast-preview"))


def create_meeting_in_chat(harness):
    emu = harness.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("meeting")
    screen(emu, admin, shows("meeting-ask-when"))
    admin.send_text("3月15日 9:00")
    screen(emu, admin, shows("meeting-ask-park"))
    admin.press("常德经开区")
    screen(emu, admin, shows("meeting-ask-place"))
    admin.send_text("经开区管委会三楼会议室")
    screen(emu, admin, shows("meeting-ask-deadline"))
    admin.press(say("meeting-default-deadline", when="3月12日 18:00"))
    preview = screen(emu, admin, shows("meeting-preview"))
    assert on(preview["text"], "meeting-preview", when="3月15日 09:00", period="2025年3月")
    admin.press(say("button-confirm"))
    screen(emu, admin, shows("meeting-created"))
    return admin


def test_meeting_created_in_chat_reminds_the_right_people_at_the_right_times(harness, city):
    emu = harness.emulator
    liaison, reported, elsewhere = (
        emu.add_user(i, n) for i, n in [(LIAISON, "Min"), (REPORTED, "Jing"), (OTHER_PARK, "Tao")]
    )
    leader = emu.add_user(LEADER, "Qiang")
    admin = create_meeting_in_chat(harness)
    # Created on 3月10日: the 7d and 3d reminders are past; one catch-up goes out at once.
    first = liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))
    assert on(first["text"], "reminder-liaison", projects="中联起重机械", deadline="3月12日 18:00")
    elsewhere.wait_message(lambda m: "润田农机" in m["text"])
    reported.expect_silence()

    # The reminder's button opens the report form for that project.
    liaison.press(say("reminder-button-report"), message=first)
    screen(emu, liaison, shows("report-choose-period", project="中联起重机械"))
    liaison.press(say("button-cancel"))

    harness.clock.current = datetime.fromisoformat("2025-03-11T18:00:00+08:00")
    assert [r.label for r in tick(harness).fired] == ["1d"]
    liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))

    harness.clock.current = datetime.fromisoformat("2025-03-12T18:00:00+08:00")
    fired = tick(harness).fired
    assert [(r.kind.value, r.label) for r in fired] == [("liaison", "2h"), ("deadline", "0")] or [
        r.kind.value for r in fired
    ] == ["deadline"]
    summary = leader.wait_message(lambda m: on(m["text"], "reminder-leader"))
    assert (
        on(summary["text"], "reminder-leader", total=2, reported=1)
        and say("reminder-leader-missing", projects="中联起重机械") in summary["text"]
    )
    listing = admin.wait_message(lambda m: on(m["text"], "reminder-admin"))
    assert (
        say("reminder-admin-park", park="常德经开区", projects="中联起重机械") in listing["text"]
        and say("reminder-admin-park", park="鼎城高新区", projects="润田农机") in listing["text"]
    )

    harness.clock.current = datetime.fromisoformat("2025-03-15T08:00:00+08:00")
    emu.wait_until(lambda: _all_sent(harness))
    elsewhere.drain()  # reminders to report, which he still owes
    tick(harness)
    notice = liaison.wait_message(lambda m: on(m["text"], "meeting-notice"))
    assert on(notice["text"], "meeting-notice", place="经开区管委会三楼会议室")
    leader.wait_message(lambda m: on(m["text"], "meeting-notice"))
    elsewhere.expect_silence()  # not a host-park liaison


def test_restart_between_offsets_neither_repeats_nor_skips(start_bot, city, db):
    harness = start_bot()
    emu = harness.emulator
    liaison = emu.add_user(LIAISON, "Min")
    create_meeting_in_chat(harness)
    liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))  # the catch-up at creation
    harness.bot.stop()

    later = datetime.fromisoformat("2025-03-11T18:30:00+08:00")
    restarted = start_bot()
    restarted.clock.current = later
    tick(restarted)  # what the start-up tick does, at a time the test controls
    liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))
    tick(restarted)
    liaison.expect_silence(0.5)
    with db.scope() as session:
        rows = [
            r for r in session.exec(select(OutboxMessage)) if r.person_id and r.kind == "reminder"
        ]
        meeting = session.exec(select(Meeting)).one()
    sent = [(r.person_id, r.dedupe_key.split(":")[2].split("@")[0]) for r in rows]
    assert len(sent) == len(set(sent))  # no reminder twice to anyone
    liaison_id = next(r.person_id for r in rows if r.chat_id == LIAISON)
    assert sorted(label for person, label in sent if person == liaison_id) == ["1d", "3d"]
    assert meeting.place == "经开区管委会三楼会议室"
    assert len([m for m in liaison.messages() if on(m["text"], "reminder-liaison")]) == 2


def test_cancelled_meeting_tells_those_who_were_told(harness, city):
    emu = harness.emulator
    liaison = emu.add_user(LIAISON, "Min")
    admin = create_meeting_in_chat(harness)
    liaison.wait_message(lambda m: on(m["text"], "reminder-liaison"))
    emu.wait_until(lambda: _all_sent(harness))
    admin.send_command("meetings")
    listed = screen(emu, admin, "经开区管委会三楼会议室")
    admin.press(say("button-cancel-meeting"), message=listed)
    preview = screen(emu, admin, shows("meeting-cancel-preview"))
    assert "经开区管委会三楼会议室" in preview["text"]
    assert on(preview["text"], "meeting-cancel-preview", count=1)
    with harness.db.scope() as session:
        assert session.exec(select(Meeting)).one().status == "scheduled"  # not before confirming
    admin.press(say("button-confirm"), message=preview)
    screen(emu, admin, shows("meeting-cancel-done"))
    liaison.wait_message(lambda m: on(m["text"], "meeting-cancelled"))

    harness.clock.advance(timedelta(days=2))
    assert tick(harness).fired == []


def test_moving_a_meeting_in_chat_recomputes_its_default_deadline(harness, city, db):
    emu = harness.emulator
    admin = create_meeting_in_chat(harness)
    admin.send_command("meetings")
    listed = screen(emu, admin, "经开区管委会三楼会议室")
    admin.press(say("button-move-meeting"), message=listed)
    screen(emu, admin, shows("meeting-ask-new-time"))
    admin.send_text("3月20日 14:00")
    preview = screen(emu, admin, shows("meeting-move-preview"))
    assert on(
        preview["text"],
        "meeting-move-preview",
        old="3月15日 09:00",
        when="3月20日 14:00",
        deadline="3月17日 18:00",
    )
    with db.scope() as session:  # nothing moved before confirming
        assert session.exec(select(Meeting)).one().starts_at.day == 15
    admin.press(say("button-confirm"), message=preview)
    # The default deadline follows the new time (3 days before, 18:00), not the 5-hour shift.
    done = screen(emu, admin, shows("meeting-moved-done"))
    assert on(done["text"], "meeting-moved-done", when="3月20日 14:00", deadline="3月17日 18:00")
    with db.scope() as session:
        meeting = session.exec(select(Meeting)).one()
        assert meeting.starts_at == datetime.fromisoformat("2025-03-20T14:00:00+08:00")
        assert meeting.deadline == datetime.fromisoformat("2025-03-17T18:00:00+08:00")
        assert not meeting.deadline_explicit


def test_the_wizards_examples_are_ahead_of_now(harness, city):
    emu = harness.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("meeting")
    asked = screen(emu, admin, shows("meeting-ask-when"))
    # The clock reads 2025-03-10: a week ahead, in both forms the parser takes.
    assert on(asked["text"], "meeting-ask-when", example="2025-03-17 09:00", short="3月17日 9点")
    admin.send_command("cancel")


def _all_sent(harness) -> bool:
    with harness.db.scope() as session:
        return all(r.status != "queued" for r in session.exec(select(OutboxMessage)))


def test_broadcast_with_progress_and_unreachable_named(harness, city, db):
    emu = harness.emulator
    with db.scope() as session:
        make_person(session, "孙丽", is_liaison=True)  # on the roster, never started the bot
    for user_id, name in [(LIAISON, "Min"), (REPORTED, "Jing"), (OTHER_PARK, "Tao")]:
        emu.add_user(user_id, name)
    blocked = emu.add_user(LEADER, "Qiang")
    blocked.block()
    admin, preview = broadcast_to_everyone(emu, "请各位联络员本周五前完成填报。")
    assert on(
        preview["text"], "broadcast-preview", audience=say("broadcast-audience-everyone"), count=6
    )
    admin.press(say("button-send"))
    final = admin.wait_edit(preview, lambda m: say("broadcast-done") in m["text"], timeout=15)
    assert on(final["text"], "broadcast-progress", sent=4, total=6)
    assert (
        say("broadcast-unreachable", people="孙丽、王强") in final["text"]
        or say("broadcast-unreachable", people="王强、孙丽") in final["text"]
    )
    for user_id in (LIAISON, REPORTED, OTHER_PARK):
        emu.user(user_id).wait_message(lambda m: "本周五前" in m["text"])


@pytest.mark.emulator_only(reason="injects 5xx on the final status edit (fault injection)")
def test_a_lost_final_broadcast_status_is_shown_later(start_bot, city, db, monkeypatch):
    monkeypatch.setattr(broadcast_status, "EVERY", 0.2)  # the retry job's period, in seconds
    harness = start_bot()
    emu = harness.emulator
    emu.add_user(LIAISON, "Min")
    admin, preview = broadcast_to_everyone(emu, "周五前完成填报。")
    final = lambda params: say("broadcast-done") in str(params.get("text"))  # noqa: E731
    emu.fail_next("editMessageText", "5xx", count=2, matching=final)
    admin.press(say("button-send"))
    shown = admin.wait_edit(preview, lambda m: say("broadcast-done") in m["text"], timeout=15)
    assert on(shown["text"], "broadcast-progress", sent=2, total=5)
    finals = [c[3] for c in emu.calls_for("editMessageText") if final(c[2])]
    assert finals == [502, 502, 200]
    emu.wait_until(lambda: _finished(db))  # recorded right after the edit went through


def _finished(db) -> bool:
    with db.scope() as session:
        return session.exec(select(Broadcast)).one().finished_at is not None


def test_the_broadcast_command_mid_wizard_starts_it_afresh(harness, city):
    emu = harness.emulator
    admin, _ = broadcast_to_everyone(emu, "第一版通知")
    admin.send_command("broadcast")
    screen(emu, admin, shows("broadcast-ask-audience"))
    admin.press(say("broadcast-audience-everyone"))
    screen(emu, admin, shows("broadcast-ask-text"))
    admin.send_text("第二版通知")
    assert "第二版通知" in screen(emu, admin, shows("broadcast-preview"))["text"]


def _move_asked(harness):
    emu = harness.emulator
    admin = create_meeting_in_chat(harness)
    admin.send_command("meetings")
    listed = screen(emu, admin, "经开区管委会三楼会议室")
    admin.press(say("button-move-meeting"), message=listed)
    screen(emu, admin, shows("meeting-ask-new-time"))
    return admin


def _starts_at(db) -> datetime:
    with db.scope() as session:
        return session.exec(select(Meeting)).one().starts_at


def test_a_date_typed_after_the_idle_time_moves_nothing(harness, city, db):
    emu = harness.emulator
    admin = _move_asked(harness)
    harness.clock.advance(timedelta(minutes=16))  # WIZARD_IDLE_MINUTES defaults to 15
    admin.send_text("3月20日 14:00")
    screen(emu, admin, shows("wizard-expired", minutes=15))
    assert _starts_at(db) == datetime.fromisoformat("2025-03-15T09:00:00+08:00")


def test_a_move_confirmed_after_the_idle_time_moves_nothing(harness, city, db):
    emu = harness.emulator
    admin = _move_asked(harness)
    admin.send_text("3月20日 14:00")
    preview = screen(emu, admin, shows("meeting-move-preview"))
    harness.clock.advance(timedelta(days=1))
    admin.drain()
    admin.press(say("button-confirm"), message=preview)
    emu.wait_until(lambda: on(admin.callback_answers[-1].get("text"), "wizard-expired"))
    admin.expect_silence()
    assert _starts_at(db) == datetime.fromisoformat("2025-03-15T09:00:00+08:00")


def test_the_idle_time_is_a_setting(start_bot, city, db):
    harness = start_bot(wizard_idle_minutes=120)
    emu = harness.emulator
    admin = _move_asked(harness)
    harness.clock.advance(timedelta(minutes=100))
    admin.send_text("3月20日 14:00")
    preview = screen(emu, admin, shows("meeting-move-preview"))
    admin.press(say("button-cancel"), message=preview)
    screen(emu, admin, shows("meeting-left-unchanged"))
    assert _starts_at(db) == datetime.fromisoformat("2025-03-15T09:00:00+08:00")


def test_an_idle_broadcast_wizard_sends_nothing(harness, city, db):
    emu = harness.emulator
    admin = emu.add_user(ADMIN, "Lei")
    admin.send_command("broadcast")
    screen(emu, admin, shows("broadcast-ask-audience"))
    admin.press(say("broadcast-audience-everyone"))
    screen(emu, admin, shows("broadcast-ask-text"))
    harness.clock.advance(timedelta(hours=1))
    admin.send_text("中联")  # a search typed an hour later is no broadcast text
    screen(emu, admin, shows("wizard-expired"))
    with db.scope() as session:
        assert session.exec(select(Broadcast)).all() == []
