"""A held meeting's decisions recorded in chat (/minutes) become assignments (交办): owners are
told, the project card shows them, /problems lists them (with or without a project), an overdue
one marks the card and turns the light; a restart mid-wizard resumes it; the filled XLSX sent
in chat is imported all or nothing."""

import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from sqlmodel import select

from handlers.minutes import PROJECT
from models import Meeting, OutboxMessage, Problem, ProblemEvent
from tests.e2e.test_access_matrix import Chat, lead, t
from tests.e2e.test_wizard_restart import crash, step_stored
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

ADMIN, LEADER, PROJECT_LEADER, LIAISON = 7601, 7602, 7603, 7604
PREVIEW = lead("minutes-preview", text="", project="", unit="", leader="", due="")
NOTICE = lead(
    "assignment-notice", meeting="", id="", text="", project="", unit="", leader="", due=""
)
HELD = datetime.fromisoformat("2025-03-09T09:00:00+08:00")  # the day before the tests' now


@pytest.fixture
def world(db) -> dict[str, int]:
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        leader = make_person(session, "赵副市长", is_leader=True, telegram_user_id=LEADER)
        owner = make_person(session, "王强", is_leader=True, telegram_user_id=PROJECT_LEADER)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        project = make_project(
            session, name="星火锂电池", park=park, leader=owner, liaisons=(liaison,)
        )
        meeting = Meeting(
            starts_at=HELD,
            park_id=park.id,
            place="云溪园区管委会",
            deadline=HELD - timedelta(days=3),
            period="2025-03",
            created_at=HELD,
            updated_at=HELD,
        )
        session.add(meeting)
        session.flush()
        return {"meeting": meeting.id, "project": project.id, "leader": leader.id}


def _decision(admin: Chat, w: dict, text: str, project: str, unit: str, due: str) -> None:
    assert t("minutes-ask-project") in admin.say(text).text
    assert t("minutes-ask-unit") in admin.press(f"mn:project:{project}").text
    assert t("minutes-ask-leader") in admin.say(unit).text
    assert lead("minutes-ask-due", example="") in admin.press(f"mn:leader:{w['leader']}").text
    preview = admin.say(due).text
    assert PREVIEW in preview and text in preview, preview
    recorded = admin.press("mn:confirm").text
    assert lead("minutes-recorded", id="", count="") in recorded, recorded


def _problems(db) -> list[tuple]:
    with db.scope() as session:
        rows = session.exec(select(Problem).order_by(Problem.id)).all()
        events = session.exec(select(ProblemEvent.action).order_by(ProblemEvent.id)).all()
        found = [(p.text, p.project_id, p.assigned_unit, p.due_date, p.status) for p in rows]
        return found, events


def test_an_admin_records_two_decisions_and_they_show_everywhere(harness, world, db):
    emu = harness.emulator
    admin = Chat(harness, emu.add_user(ADMIN, "Li"))
    liaison = Chat(harness, emu.add_user(LIAISON, "Min"))
    leader = Chat(harness, emu.add_user(LEADER, "Zhao"))
    emu.add_user(PROJECT_LEADER, "Qiang")
    # Nobody but the command centre records decisions.
    assert t("admin-only") in liaison.command("minutes").text
    assert t("callback-closed") in liaison.press(f"mn:meeting:{world['meeting']}").text
    listed = admin.command("minutes")
    assert t("minutes-pick-meeting") in listed.text
    assert (
        lead("minutes-ask-text", meeting="") in admin.press(f"mn:meeting:{world['meeting']}").text
    )
    # Bad input gets an answer and the same question again.
    assert t("assignment-refused-text-invalid", limit=500) in admin.say("长" * 501).text
    _decision(admin, world, "协调用电增容", str(world["project"]), "市供电公司", "2025-03-20")
    assert lead("minutes-ask-text", meeting="") in admin.press("mn:another").text
    assert t("minutes-ask-project") in admin.say("统筹园区用地指标").text
    assert t("minutes-ask-unit") in admin.press("mn:project:none").text
    assert t("minutes-ask-leader") in admin.say("市自然资源局").text
    admin.press(f"mn:leader:{world['leader']}")
    refused = admin.say("2025-03-01").text  # before the meeting: asked again
    assert t("assignment-refused-due-before-meeting", day="2025-03-09") in refused
    assert "统筹园区用地指标" in admin.say("2025-04-30").text
    assert lead("minutes-recorded", id="", count="") in admin.press("mn:confirm").text
    admin.press("mn:confirm")  # a second press records nothing more (two rows below)
    assert t("minutes-done", count=2) in admin.press("mn:done").text
    found, events = _problems(db)
    assert found == [
        ("协调用电增容", world["project"], "市供电公司", date(2025, 3, 20), "assigned"),
        ("统筹园区用地指标", None, "市自然资源局", date(2025, 4, 30), "assigned"),
    ]
    assert events == ["raise", "assign", "raise", "assign"]
    # The owners are told: the responsible leader twice, the project's people once.
    with db.scope() as session:
        kinds = session.exec(select(OutboxMessage.kind, OutboxMessage.person_id)).all()
    assert sorted(kind for kind, _ in kinds) == ["assignment"] * 4
    for user, count in ((LEADER, 2), (PROJECT_LEADER, 1), (LIAISON, 1)):
        emu.wait_until(
            lambda u=user, c=count: (
                sum(NOTICE in (m.get("text") or "") for m in emu.bot_messages(u)) == c
            ),
            10,
        )
    # The card: one 会议交办 line for the project's assignment.
    card = liaison.command("status", "星火锂电池").text
    assert t("card-assignments-header") in card
    assert (
        t("card-assignment-line", flag="", text="协调用电增容", unit="市供电公司", due="2025-03-20")
        in card
    )
    # /problems: the responsible leader sees the one without a project; the admin both.
    mine = leader.command("problems").text
    assert "统筹园区用地指标" in mine and t("assignment-subject") in mine
    both = admin.command("problems").text
    assert "统筹园区用地指标" in both and "协调用电增容" in both
    # Past its due date: the card marks it and the light gives the overdue-problem reason.
    harness.clock.advance(timedelta(days=11))
    late = liaison.command("status", "星火锂电池").text
    assert t("assignment-overdue-flag") + "协调用电增容" in late, late
    assert lead("light-reason-problem-overdue", count="") in late, late
    harness.bot.assert_no_errors()


def test_a_restart_mid_minutes_wizard_resumes_it(start_bot, world, db):
    first = start_bot()
    admin = Chat(first, first.emulator.add_user(ADMIN, "Li"))
    admin.press(f"mn:meeting:{world['meeting']}")
    assert t("minutes-ask-project") in admin.say("协调用电增容").text
    step_stored(db, "minutes-wizard", ADMIN, PROJECT)
    crash(first)
    restarted = start_bot()
    admin = Chat(restarted, admin.user)
    # A project may be typed (there may be more than the buttons show).
    assert t("minutes-project-not-found", text="海川") in admin.say("海川").text
    assert t("minutes-project-picked", project="星火锂电池") in admin.say("星火").text
    assert t("minutes-ask-leader") in admin.say("市供电公司").text
    admin.press(f"mn:leader:{world['leader']}")
    admin.say("2025-03-20")
    assert lead("minutes-recorded", id="", count="") in admin.press("mn:confirm").text
    found, _ = _problems(db)
    assert found == [
        ("协调用电增容", world["project"], "市供电公司", date(2025, 3, 20), "assigned")
    ]
    restarted.bot.assert_no_errors()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_admin_sends_the_filled_sheet_and_all_or_none_is_imported(harness, world, db):
    emu = harness.emulator
    admin = Chat(harness, emu.add_user(ADMIN, "Li"))
    admin.press(f"mn:meeting:{world['meeting']}")
    sent = admin.press("mn:template")
    [document] = sent.documents
    book = openpyxl.load_workbook(io.BytesIO(emu.file_bytes(document["document"]["file_id"])))
    sheet = book.worksheets[0]
    sheet.append(["协调用电增容", "星火锂电池", "市供电公司", "赵副市长", "2025-03-20"])
    sheet.append(["统筹用地", "无此项目", "市自然资源局", "赵副市长", "2025-03-20"])
    bad = io.BytesIO()
    book.save(bad)
    refused = admin.act(lambda: admin.user.send_document(bad.getvalue(), "决定事项.xlsx", XLSX))
    assert t("cli-minutes-row-error", row="3", reason=t(
        "assignment-refused-project-not-found", value="无此项目"
    )) in refused.text, refused.text  # fmt: skip
    assert _problems(db)[0] == []
    sheet.delete_rows(3)
    good = io.BytesIO()
    book.save(good)
    imported = admin.act(lambda: admin.user.send_document(good.getvalue(), "决定事项.xlsx", XLSX))
    assert t("minutes-file-imported", count=1, told=3) in imported.text, imported.text
    assert [row[0] for row in _problems(db)[0]] == ["协调用电增容"]
    assert t("minutes-done", count=1) in admin.press("mn:done").text
    harness.bot.assert_no_errors()
