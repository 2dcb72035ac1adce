"""Leaders' one-tap instructions (批示) end to end in chat.

A liaison's report raises a problem: the project's leader gets it with four buttons, presses
督办 and types a date; the problem event is written, the liaison is told, and the leader's
message is edited to show the decision without its buttons. A second press answers 已处理 and
writes nothing; presses by anyone else are refused. The timed job escalates a project that
turned red and an overdue assignment, once each; 请协调 and 回复 reach whoever must act, and
the card shows the 领导批示 lines.
"""

from datetime import date, datetime

import pytest
from sqlmodel import select

from models import Escalation, Meeting, OutboxMessage, Problem, ProblemEvent, Project
from schedules.escalations import escalate
from tests.e2e.chat import buttons, screen
from tests.e2e.test_access_matrix import Chat, t
from tests.factories import make_park, make_person, make_project
from tests.screens import say, shows

pytestmark = pytest.mark.e2e

ADMIN, LIAISON, LEADER, OTHER_LEADER, RED_LIAISON = 7601, 7602, 7603, 7604, 7605
PROBLEM = "用电增容待协调"
ASSIGNMENT = "完成土地挂牌"
STEP = 10.0


@pytest.fixture
def site(db):
    """A leader's two projects (one long unreported: red), an overdue meeting assignment."""
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        admin = make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        red_liaison = make_person(session, "周涛", is_liaison=True, telegram_user_id=RED_LIAISON)
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER)
        make_person(session, "陈静", is_leader=True, telegram_user_id=OTHER_LEADER)
        project = make_project(
            session, name="星火锂电池", park=park, leader=leader, liaisons=(liaison,)
        )
        make_project(
            session,
            name="海川精密轴承",
            park=park,
            leader=leader,
            liaisons=(red_liaison,),
            created_at=datetime.fromisoformat("2024-06-01T09:00:00+08:00"),
        )
        raised = datetime.fromisoformat("2025-02-20T10:00:00+08:00")
        meeting = Meeting(
            starts_at=raised,
            park_id=park.id,
            place="市政府三楼会议室",
            deadline=raised,
            period="2025-02",
            status="held",
            created_at=raised,
            updated_at=raised,
        )
        session.add(meeting)
        session.flush()
        session.add(
            Problem(
                project_id=project.id,
                meeting_id=meeting.id,
                leader_id=leader.id,
                text=ASSIGNMENT,
                status="assigned",
                assigned_unit="市自然资源局",
                due_date=date(2025, 3, 5),
                raised_by_id=liaison.id,
                raised_at=raised,
            )
        )
    return {"admin": admin.id, "liaison": liaison.id}


def file_report_with_problem(emu, user) -> None:
    """The liaison files March's report, raising a problem."""
    user.send_command("report")
    screen(emu, user, shows("report-choose-period"), STEP)  # the one project is chosen
    user.press("2025年3月")
    screen(emu, user, shows("report-ask-investment"), STEP)
    user.send_text("120")
    screen(emu, user, shows("report-ask-stage"), STEP)
    user.press(say("stage-main_works"))
    screen(emu, user, shows("report-ask-percent"), STEP)
    user.send_text("30")
    screen(emu, user, shows("report-ask-progress"), STEP)
    user.send_text("主体结构施工")
    screen(emu, user, shows("report-ask-problems"), STEP)
    user.send_text(PROBLEM)
    screen(emu, user, shows("report-ask-photos"), STEP)
    user.press(say("button-photos-skip"))
    screen(emu, user, shows("report-summary"), STEP)
    user.press(say("button-submit"))
    screen(emu, user, shows("report-submitted", project="星火锂电池"), STEP)


def escalation_message(emu, chat_id: int, fragment: str) -> dict:
    """Waits for the escalation message in the chat that mentions `fragment`."""

    def found() -> dict | None:
        return next(
            (
                m
                for m in emu.bot_messages(chat_id)
                if fragment in (m.get("text") or "") and t("escalation-ask") in m["text"]
            ),
            None,
        )

    emu.wait_until(lambda: found() is not None, STEP)
    return found()


def told(emu, chat_id: int, fragment: str) -> list[str]:
    """The bot's messages in the chat that contain `fragment`, once the outbox has sent them."""

    def hits() -> list[str]:
        texts = [m.get("text") or "" for m in emu.bot_messages(chat_id)]
        return [text for text in texts if fragment in text]

    emu.wait_until(lambda: bool(hits()), STEP)  # re-checked on every message, no polling
    return hits()


def edited(emu, chat_id: int, message_id: int) -> dict:
    """The message once edited."""
    emu.wait_until(
        lambda: any(
            m["message_id"] == message_id and m.get("edits", 0) > 0
            for m in emu.bot_messages(chat_id)
        ),
        STEP,
    )
    return next(m for m in emu.bot_messages(chat_id) if m["message_id"] == message_id)


def writes(db) -> tuple[int, int, int]:
    """Problem events, decided escalations, instruction messages."""
    with db.scope() as session:
        events = len(session.exec(select(ProblemEvent)).all())
        decided = len(
            session.exec(select(Escalation).where(Escalation.decision.is_not(None))).all()
        )
        instructions = len(
            session.exec(select(OutboxMessage).where(OutboxMessage.kind == "instruction")).all()
        )
    return events, decided, instructions


def test_a_leader_instructs_with_one_tap(harness, site, db):
    emu = harness.emulator
    liaison_user = emu.add_user(LIAISON, "Min")
    leader_user = emu.add_user(LEADER, "Qiang")
    leader = Chat(harness, leader_user)
    emu.add_user(ADMIN, "Li")
    emu.add_user(RED_LIAISON, "Tao")

    # A report raises a problem: the leader gets it with the four buttons.
    file_report_with_problem(emu, liaison_user)
    message = escalation_message(emu, LEADER, PROBLEM)
    assert buttons(message) == ["已阅", "请协调", "督办", "回复"]
    with db.scope() as session:
        escalation = session.exec(select(Escalation)).one()
        problem_id = escalation.problem_id

    # Nobody else may press it: another leader, the liaison (forged buttons).
    for user_id in (OTHER_LEADER, LIAISON):
        other = Chat(
            harness, emu.add_user(user_id, "x") if user_id == OTHER_LEADER else liaison_user
        )
        for choice in ("ack", "urge"):
            answer = other.press(f"es:{escalation.id}:{choice}")
            assert t("escalation-refused-not-yours") in answer.text, answer.text
    assert writes(db) == (1, 0, 0)  # only the problem's "raise"

    # 督办: asks for the date; a wrong one is asked again; then it is applied.
    asked = leader.act(lambda: leader_user.press("督办", message=message))
    assert "督办期限" in asked.text
    assert t("parse-date-invalid", text="下周吧") in leader.say("下周吧").text
    assert writes(db) == (1, 0, 0)
    assert t("escalation-saved") in leader.say("2025-03-20").text
    with db.scope() as session:
        events = session.exec(select(ProblemEvent).where(ProblemEvent.action == "instruct"))
        [event] = events.all()
        assert (event.problem_id, event.due_date) == (problem_id, date(2025, 3, 20))
        assert session.get(Problem, problem_id).due_date == date(2025, 3, 20)
    assert told(emu, LIAISON, "2025-03-20 前办结")
    shown = edited(emu, LEADER, message["message_id"])
    assert "督办，2025-03-20 前办结" in shown["text"] and not buttons(shown)
    assert t("escalation-ask") not in shown["text"]

    # A second press, of any button, acts no more.
    before = writes(db)
    for choice in ("urge", "ack"):
        again = leader.press(f"es:{escalation.id}:{choice}")
        assert again.callback is not None and t("escalation-refused-done") in again.text
    assert writes(db) == before

    # The job: the red project and the overdue assignment, once each (a rerun asks nobody).
    first = harness.bot.run(lambda: escalate(harness.bot.app))
    second = harness.bot.run(lambda: escalate(harness.bot.app))
    assert (first.red, first.overdue, second.red, second.overdue) == (1, 1, 0, 0)
    red = escalation_message(emu, LEADER, "海川精密轴承")
    late = escalation_message(emu, LEADER, ASSIGNMENT)

    # 请协调 on the red project: the leader picks a unit problems went to (or types one); the
    # command centre and the project's liaison are told, with the unit.
    asked = leader.act(lambda: leader_user.press("请协调", message=red))
    [prompt] = asked.messages
    assert buttons(prompt) == ["市自然资源局"]
    picked = leader.act(lambda: leader_user.press("市自然资源局", message=prompt))
    assert t("escalation-saved") in picked.text
    assert told(emu, ADMIN, "市自然资源局") and told(emu, RED_LIAISON, "市自然资源局")
    assert "请市自然资源局协调" in edited(emu, LEADER, red["message_id"])["text"]
    with db.scope() as session:
        opened = session.exec(select(Problem).where(Problem.text == "领导批示")).one()
        assert session.get(Project, opened.project_id).name == "海川精密轴承"

    # 回复 on the overdue assignment: the liaison who raised it is told.
    leader.act(lambda: leader_user.press("回复", message=late))
    assert t("escalation-saved") in leader.say("请本周内完成挂牌").text
    assert told(emu, LIAISON, "请本周内完成挂牌")

    # The card shows the 领导批示 lines: who, what, when.
    card = leader.command("status", "星火").text
    assert "领导批示" in card and "王强：回复：请本周内完成挂牌" in card
    assert "王强：督办，2025-03-20 前办结" in card
    assert harness.bot.errors == []
