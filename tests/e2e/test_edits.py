"""Edited messages: answered with "edits are not processed", and nothing else happens.

An edit is not a new answer: it never becomes a wizard's answer (a broadcast text, a
meeting time), a report form answer or a command, whatever the message was edited into.
"""

import pytest
from sqlmodel import select

from models import Broadcast, Meeting
from models.draft import ReportDraft
from tests.e2e.test_access_matrix import Chat, t
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

ADMIN, LIAISON = 7401, 7402
EDITED = t("edited-not-supported")


@pytest.fixture
def people(db) -> None:
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        make_person(session, "赵磊", is_admin=True, telegram_user_id=ADMIN)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        make_project(session, name="中联起重机械", park=park, liaisons=(liaison,))


def _only_the_notice(answer) -> None:
    assert [m.get("text") for m in answer.messages] == [EDITED], answer.text


def test_an_edit_mid_broadcast_wizard_is_no_broadcast_text(harness, people, db):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Lei"))
    earlier = admin.user.send_text("中联")
    admin.sync()
    assert t("broadcast-ask-audience") in admin.command("broadcast").text
    assert t("broadcast-ask-text") in admin.press("bc:to:everyone").text
    _only_the_notice(admin.act(lambda: admin.user.edit_text(earlier, "明天全体停工")))
    # The wizard still waits for its text; the edit's text is nowhere.
    preview = admin.say("请周五前完成填报")
    assert "请周五前完成填报" in preview.text and "明天全体停工" not in preview.text
    admin.command("cancel")
    with db.scope() as session:
        assert session.exec(select(Broadcast)).all() == []
    assert harness.bot.errors == []


def test_an_edit_mid_report_form_changes_no_answer(harness, people, db):
    liaison = Chat(harness, harness.emulator.add_user(LIAISON, "Min"))
    assert "【中联起重机械】" in liaison.command("report").text
    liaison.press(next(d for d in _buttons(harness, LIAISON) if ":period:" in d))
    typed = liaison.user.send_text("100")
    liaison.sync()
    with db.scope() as session:
        before = session.exec(select(ReportDraft)).one()
        step, answers = before.step, dict(before.answers)
    assert step == "stage" and answers["investment"] == "100"
    _only_the_notice(liaison.act(lambda: liaison.user.edit_text(typed, "900")))
    with db.scope() as session:
        after = session.exec(select(ReportDraft)).one()
        assert (after.step, after.answers["investment"]) == ("stage", "100")
    assert harness.bot.errors == []


@pytest.mark.parametrize("command", ["/broadcast", "/meeting", "/report", "/cancel"])
def test_a_message_edited_into_a_command_runs_nothing(harness, people, db, command):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Lei"))
    assert t("broadcast-ask-audience") in admin.command("broadcast").text
    sent = admin.user.send_text("好的")  # not an answer at the audience step: a hint
    admin.sync()
    _only_the_notice(admin.act(lambda: admin.user.edit_text(sent, command)))
    # The wizard is where it was: its audience buttons still work (/cancel did not cancel).
    assert t("broadcast-ask-text") in admin.press("bc:to:everyone").text
    with db.scope() as session:
        assert session.exec(select(Meeting)).all() == []
        assert session.exec(select(ReportDraft)).all() == []
    assert harness.bot.errors == []


def test_an_edit_by_a_stranger_gets_the_same_notice(harness, people):
    stranger = Chat(harness, harness.emulator.add_user(7499, "Anon"))
    sent = stranger.user.send_text("你好")
    stranger.sync()
    _only_the_notice(stranger.act(lambda: stranger.user.edit_text(sent, "/start")))


def _buttons(harness, chat_id: int) -> list[str]:
    last = [m for m in harness.emulator.bot_messages(chat_id) if m.get("reply_markup")][-1]
    return [b["callback_data"] for row in last["reply_markup"]["inline_keyboard"] for b in row]
