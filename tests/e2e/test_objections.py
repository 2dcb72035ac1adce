"""Objections (异议) end to end in chat: a park files one under its real name, the command
centre accepts (new version, the difference) or rejects it (the reason), once; late ones are
refused; a restart mid-wizard loses nothing; other parks see and answer nothing."""

from datetime import time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from bot.assessment import runs, store
from bot.assessment.period import parse_period
from bot.assessment.scheme_template import default_scheme
from bot.assessment.values import Entry, file_values
from models import AssessmentRun, Objection
from tests.e2e.chat import buttons, screen
from tests.e2e.test_access_matrix import Chat
from tests.e2e.test_report_photos import PNG
from tests.factories import make_park, make_person, make_project
from tests.screens import say, shows

pytestmark = pytest.mark.e2e

LIAISON, OUTSIDER, ADMIN = 7401, 7402, 7403
REASON = "三月税收漏报了一笔"


@pytest.fixture
def published(db, now) -> int:
    """乙园区 (the liaison's) and 甲园区 (the outsider's) scored and published at `now`."""
    with db.scope() as session:
        a, b = make_park(session, "甲园区"), make_park(session, "乙园区")
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        outsider = make_person(session, "周涛", is_liaison=True, telegram_user_id=OUTSIDER)
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        make_project(session, park=b, liaisons=(liaison,))
        make_project(session, park=a, liaisons=(outsider,))
        store.save_scheme(session, default_scheme(["甲园区", "乙园区"]), now=now, actor="t")
        for park, tax in ((a, 300), (b, 100)):
            file_values(
                session, park_id=park.id, month="2025-03", entries=[Entry("tax", Decimal(tax))],
                source="xlsx", actor="t", now=now,
            )  # fmt: skip
        tz = now.tzinfo
        run = runs.draft_run(session, parse_period("2025-Q1"), tz, now=now, actor="t")
        publication = runs.publish(
            session, run, tz, now=now, actor="t", working_days=5, closes_at=time(18)
        )
        return publication.id


def _objections(db) -> list[Objection]:
    with db.scope() as session:
        return list(session.exec(select(Objection)))


def _up_to_reason(harness):
    emu = harness.emulator
    harness.admin = emu.add_user(ADMIN, "Li")  # in the chat list before the notices go out
    user = emu.add_user(LIAISON, "Min")
    user.send_command("objection")
    asked = screen(emu, user, shows("objection-ask-item"))
    assert "乙园区" in asked["text"] and "甲园区" not in asked["text"]
    tax = next(label for label in buttons(asked) if label.startswith("税收收入"))
    assert tax == "税收收入：100（5 分）"
    user.press(tax)
    screen(emu, user, shows("objection-ask-reason"))
    user.send_text(REASON)
    screen(emu, user, shows("objection-ask-attachment"))
    return user


def test_filed_with_an_attachment_then_accepted_shows_the_difference(harness, published, db):
    emu = harness.emulator
    user = _up_to_reason(harness)
    user.send_document(b"not a pdf", "x.exe", "application/octet-stream")
    screen(emu, user, shows("objection-attachment-type"))
    user.send_photo(PNG)
    confirm = screen(emu, user, shows("objection-confirm"))
    assert "「李敏」" in confirm["text"] and "税收收入" in confirm["text"]
    user.press(say("objection-button-file"))
    screen(emu, user, shows("objection-filed"))
    [objection] = _objections(db)
    screen(emu, user, say("objection-filed", id=objection.id))
    assert objection.filer_name == "李敏" and Path(objection.attachment).is_file()

    admin = harness.admin
    notice = screen(emu, admin, shows("objection-filed-notice"))
    assert REASON in notice["text"] and "李敏（实名）" in notice["text"]
    admin.press(say("objection-button-accept"))
    screen(emu, admin, shows("objection-ask-value"))
    admin.send_text("一千")
    screen(emu, admin, shows("objection-value-invalid"))
    admin.send_text("500万")
    answer = screen(emu, admin, shows("objection-accepted-notice"))
    assert "乙园区：总分" in answer["text"] and "排名 2 → 1" in answer["text"]
    assert "税收收入：100 → 500（5 → 10 分）" in answer["text"]
    told = screen(emu, user, shows("objection-accepted-notice"))
    assert "税收收入：100 → 500" in told["text"]
    # Double press: the objection is answered once.
    again = Chat(harness, admin).press(f"ob:accept:{objection.id}")
    assert say("objection-refused-answered", id=objection.id) in again.text
    with db.scope() as session:
        numbers = [r.number for r in session.exec(select(AssessmentRun))]
    assert numbers == [1, 2]
    assert _objections(db)[0].status == "accepted"
    harness.bot.assert_no_errors()


def test_rejected_the_reason_reaches_the_filer_and_other_parks_see_nothing(harness, published, db):
    emu = harness.emulator
    user = _up_to_reason(harness)
    user.press(say("objection-button-skip"))
    screen(emu, user, shows("objection-confirm"))
    user.press(say("objection-button-file"))
    screen(emu, user, shows("objection-filed"))
    [objection] = _objections(db)

    outsider = Chat(harness, emu.add_user(OUTSIDER, "Tao"))
    listed = outsider.command("objection")
    assert REASON not in listed.text and "乙园区" not in listed.text
    outsider.command("cancel")
    pressed = outsider.press(f"ob:accept:{objection.id}")
    assert say("admin-only") in pressed.text
    assert _objections(db)[0].status == "pending"

    admin = harness.admin
    screen(emu, admin, shows("objection-filed-notice"))
    admin.press(say("objection-button-reject"))
    screen(emu, admin, shows("objection-ask-reject-reason"))
    admin.send_text("以税务部门数据为准")
    screen(emu, admin, shows("objection-rejected-notice"))
    told = screen(emu, user, shows("objection-rejected-notice"))
    assert "以税务部门数据为准" in told["text"]
    mine = Chat(harness, user).command("objection")
    assert say("objection-status-rejected") in mine.text
    with db.scope() as session:
        assert len(session.exec(select(AssessmentRun)).all()) == 1
    harness.bot.assert_no_errors()


def test_a_late_objection_is_refused_and_nothing_stored(harness, published, db):
    emu = harness.emulator
    harness.clock.advance(timedelta(days=7, hours=8, minutes=20))  # Mon 17 Mar 17:50
    user = _up_to_reason(harness)
    user.press(say("objection-button-skip"))
    screen(emu, user, shows("objection-confirm"))
    harness.clock.advance(timedelta(minutes=15))  # the window closed at 18:00
    user.press(say("objection-button-file"))
    screen(emu, user, say("objection-refused-late", closes="2025-03-17 18:00"))
    assert _objections(db) == []
    user.send_command("objection")
    screen(emu, user, shows("objection-none-open"))
    harness.bot.assert_no_errors()


def test_a_restart_mid_wizard_continues_it(start_bot, published, db):
    first = start_bot()
    user = _up_to_reason(first)
    first.bot.stop()
    restarted = start_bot()
    user.press(say("objection-button-skip"))
    screen(restarted.emulator, user, shows("objection-confirm"))
    user.press(say("objection-button-file"))
    screen(restarted.emulator, user, shows("objection-filed"))
    assert [o.reason for o in _objections(db)] == [REASON]
    restarted.bot.assert_no_errors()
