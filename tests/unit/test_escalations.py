"""Escalations and the leader's one-tap instruction (批示): once per subject, decided once."""

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from bot.escalations import queries, service, sources
from bot.escalations.service import EscalationRefused
from bot.i18n import Catalogue
from bot.people.accounts import Notices
from bot.people.invites import bind_account
from bot.status.city_view import forget_cached
from bot.status.lights import LightPolicy
from models import (
    Escalation,
    EscalationKind,
    Meeting,
    OutboxMessage,
    Person,
    Problem,
    ProblemEvent,
    ProjectLight,
)
from tests.factories import NOW, make_park, make_person, make_project, make_report

NOTICES = Notices(Catalogue(), "zh_CN")
POLICY = LightPolicy()


def _world(session):
    park = make_park(session, "东区")
    admin = make_person(session, "孙指挥", is_admin=True, telegram_user_id=9900)
    liaison = make_person(session, "王联络", is_liaison=True, telegram_user_id=9901)
    leader = make_person(session, "李领导", is_leader=True, telegram_user_id=9902)
    other = make_person(session, "陈领导", is_leader=True, telegram_user_id=9903)
    unit_man = make_person(session, "赵科长", unit="市电力公司", telegram_user_id=9904)
    project = make_project(
        session, name="星火锂电池", park=park, leader=leader, liaisons=(liaison,)
    )
    problem = Problem(
        project_id=project.id,
        text="用电增容",
        raised_by_id=liaison.id,
        raised_at=NOW,
        assigned_unit="市电力公司",
    )
    session.add(problem)
    session.flush()
    return {
        "admin": admin,
        "liaison": liaison,
        "leader": leader,
        "other": other,
        "unit": unit_man,
        "project": project,
        "problem": problem,
    }


def _escalate(session, w, *, problem=True):
    return service.escalate(
        session,
        kind=EscalationKind.PROBLEM_RAISED if problem else EscalationKind.PROJECT_RED,
        key=f"t:{problem}",
        leader=w["leader"],
        text="提醒",
        notices=NOTICES,
        now=NOW,
        project_id=w["project"].id,
        problem_id=w["problem"].id if problem else None,
    )


def _instructions(session) -> list[tuple[int, str]]:
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "instruction"))
    return sorted((row.person_id, row.text) for row in rows)


def test_an_escalation_is_written_once_with_its_message_and_four_buttons(db):
    with db.scope() as session:
        w = _world(session)
        first = _escalate(session, w)
        assert _escalate(session, w) is None
        message = session.get(OutboxMessage, first.outbox_message_id)
        assert (message.kind, message.person_id) == ("escalation", w["leader"].id)
        keyboard = message.reply_markup["inline_keyboard"]
        assert [b["text"] for row in keyboard for b in row] == ["已阅", "请协调", "督办", "回复"]
        assert keyboard[1][0]["callback_data"] == f"es:{first.id}:urge"
        assert len(session.exec(select(Escalation)).all()) == 1


def test_urging_sets_the_due_date_records_an_event_tells_the_liaison_and_the_unit(db):
    with db.scope() as session:
        w = _world(session)
        escalation = _escalate(session, w)
        decided = service.decide(
            session,
            escalation_id=escalation.id,
            leader=w["leader"],
            choice="urge",
            due=date(2025, 3, 20),
            notices=NOTICES,
            now=NOW,
        )
        assert decided.problem.due_date == date(2025, 3, 20)
        events = session.exec(select(ProblemEvent)).all()
        assert [(e.action, e.due_date, e.actor_id) for e in events] == [
            ("instruct", date(2025, 3, 20), w["leader"].id)
        ]
        assert "督办" in events[0].note
        told = _instructions(session)
        assert [person for person, _ in told] == [w["liaison"].id, w["unit"].id]
        assert all("2025-03-20" in text for _, text in told)
        assert "督办" in decided.edited_text and "请批示" not in decided.edited_text
        # A second press (or a concurrent one that read the row before) changes nothing.
        with pytest.raises(EscalationRefused) as refused:
            service.decide(
                session,
                escalation_id=escalation.id,
                leader=w["leader"],
                choice="ack",
                notices=NOTICES,
                now=NOW,
            )
        assert refused.value.code == "done"
        assert len(session.exec(select(ProblemEvent)).all()) == 1
        assert session.get(Escalation, escalation.id).decision == "urge"


def test_a_press_read_before_another_commits_still_acts_once(db):
    """The conditional UPDATE is the guard, not the read before it."""
    with db.scope() as session:
        w = _world(session)
        escalation_id = _escalate(session, w).id
        leader_id = w["leader"].id
    with db.scope() as late:
        stale = late.get(Escalation, escalation_id)
        assert stale.decision is None  # read before the other press commits
        with db.scope() as first:
            service.decide(
                first,
                escalation_id=escalation_id,
                leader=first.get(type(w["leader"]), leader_id),
                choice="ack",
                notices=NOTICES,
                now=NOW,
            )
        with pytest.raises(EscalationRefused) as refused:
            service.decide(
                late,
                escalation_id=escalation_id,
                leader=late.get(type(w["leader"]), leader_id),
                choice="reply",
                note="收到",
                notices=NOTICES,
                now=NOW,
            )
        assert refused.value.code == "done"
    with db.scope() as session:
        assert session.get(Escalation, escalation_id).decision == "ack"
        assert len(session.exec(select(ProblemEvent)).all()) == 1


def test_only_that_leader_may_decide_and_bad_input_changes_nothing(db):
    with db.scope() as session:
        w = _world(session)
        escalation = _escalate(session, w)
        cases = [
            (w["other"], "ack", {}, "not-yours"),
            (w["liaison"], "ack", {}, "not-yours"),
            (w["admin"], "ack", {}, "not-yours"),
            (w["leader"], "coord", {"unit": "   "}, "unit-invalid"),
            (w["leader"], "coord", {"unit": "局" * 101}, "unit-invalid"),
            (w["leader"], "urge", {"due": date(2025, 2, 28)}, "due-past"),
            (w["leader"], "reply", {"note": ""}, "note-invalid"),
            (w["leader"], "reply", {"note": "字" * 501}, "note-invalid"),
            (w["leader"], "bogus", {}, "unknown"),
        ]
        for person, choice, args, code in cases:
            with pytest.raises(EscalationRefused) as refused:
                service.decide(
                    session,
                    escalation_id=escalation.id,
                    leader=person,
                    choice=choice,
                    notices=NOTICES,
                    now=NOW,
                    **args,
                )
            assert refused.value.code == code, (choice, args)
        with pytest.raises(EscalationRefused) as refused:
            service.check(session, escalation_id=99999, person=w["leader"])
        assert refused.value.code == "unknown"
        assert session.get(Escalation, escalation.id).decision is None
        assert session.exec(select(ProblemEvent)).all() == []
        assert _instructions(session) == []


def test_coordinate_tells_admins_and_liaisons_and_reply_goes_to_the_raiser(db):
    with db.scope() as session:
        w = _world(session)
        red = _escalate(session, w, problem=False)
        # A red project's escalation has no problem: 请协调 opens "领导批示" on the project.
        decided = service.decide(
            session,
            escalation_id=red.id,
            leader=w["leader"],
            choice="coord",
            unit=" 市自然资源局 ",
            notices=NOTICES,
            now=NOW,
        )
        assert decided.problem.text == service.RED_PROBLEM_TEXT
        assert decided.escalation.problem_id == decided.problem.id
        assert decided.escalation.unit == "市自然资源局"
        told = _instructions(session)
        assert [person for person, _ in told] == [w["admin"].id, w["liaison"].id]
        assert all("市自然资源局" in text for _, text in told)
        raised = _escalate(session, w)
        service.decide(
            session,
            escalation_id=raised.id,
            leader=w["leader"],
            choice="reply",
            note="请尽快对接供电局",
            notices=NOTICES,
            now=NOW + timedelta(minutes=5),
        )
        replies = [t for p, t in _instructions(session) if "请尽快对接供电局" in t]
        assert len(replies) == 1
        # Shown on the card and the board: newest first, who, what, when.
        found = queries.instructions(session, w["project"].id)
        assert [(i.leader, i.decision) for i in found] == [("李领导", "reply"), ("李领导", "coord")]
        t = lambda key, **args: NOTICES.catalogue.text("zh_CN", key, **args)  # noqa: E731
        shown = queries.lines(t, found, NOW.tzinfo)
        assert shown[0] == "领导批示："
        assert "请市自然资源局协调" in shown[2] and "2025-03-01 09:00" in shown[2]


def test_acknowledging_a_red_project_opens_no_problem(db):
    with db.scope() as session:
        w = _world(session)
        red = _escalate(session, w, problem=False)
        decided = service.decide(
            session,
            escalation_id=red.id,
            leader=w["leader"],
            choice="ack",
            notices=NOTICES,
            now=NOW,
        )
        assert decided.problem is None and decided.told == 0
        assert len(session.exec(select(Problem)).all()) == 1  # only the world's


def test_a_project_turning_red_is_escalated_once(db):
    with db.scope() as session:
        w = _world(session)
        project = w["project"]
        # Far behind plan: red by the default rule.
        project.annual_plan = Decimal(1200)
        session.add(project)
        make_report(
            session, project=project, reporter=w["liaison"], period="2025-08", investment_month=10
        )
    forget_cached()
    with db.scope() as session:
        now = datetime(2025, 9, 10, 9, 0, tzinfo=NOW.tzinfo)
        told = sources.red_projects(session, notices=NOTICES, policy=POLICY, now=now)
        again = sources.red_projects(
            session, notices=NOTICES, policy=POLICY, now=now + timedelta(days=1)
        )
        rows = session.exec(select(Escalation)).all()
        assert (told, again) == (1, 0)
        assert [(r.kind, r.leader_id, r.problem_id) for r in rows] == [
            ("project-red", w["leader"].id, None)
        ]
        assert session.get(ProjectLight, project.id).color == "red"
        message = session.get(OutboxMessage, rows[0].outbox_message_id)
        assert "星火锂电池" in message.text and "亮红灯" in message.text


def test_an_overdue_assignment_is_escalated_once_to_its_responsible_leader(db):
    with db.scope() as session:
        w = _world(session)
        meeting = Meeting(
            starts_at=NOW - timedelta(days=20),
            park_id=w["project"].park_id,
            place="会议室",
            deadline=NOW - timedelta(days=23),
            period="2025-02",
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(meeting)
        session.flush()
        late = Problem(
            project_id=w["project"].id,
            meeting_id=meeting.id,
            leader_id=w["other"].id,
            text="完成土地挂牌",
            status="assigned",
            assigned_unit="市自然资源局",
            due_date=date(2025, 2, 25),
            raised_at=NOW,
        )
        on_time = Problem(
            project_id=w["project"].id,
            meeting_id=meeting.id,
            text="办理施工许可",
            status="assigned",
            assigned_unit="市住建局",
            due_date=date(2025, 3, 30),
            raised_at=NOW,
        )
        session.add_all([late, on_time])
        session.flush()
        today = NOW.date()
        told = sources.overdue_assignments(session, notices=NOTICES, today=today, now=NOW)
        again = sources.overdue_assignments(session, notices=NOTICES, today=today, now=NOW)
        rows = session.exec(select(Escalation)).all()
        assert (told, again) == (1, 0)
        assert [(r.kind, r.leader_id, r.problem_id) for r in rows] == [
            ("assignment-overdue", w["other"].id, late.id)
        ]
        text = session.get(OutboxMessage, rows[0].outbox_message_id).text
        assert "完成土地挂牌" in text and "2025-02-25" in text


def test_an_escalation_to_a_leader_without_an_account_goes_out_once_they_bind(db):
    with db.scope() as session:
        w = _world(session)
        unbound = make_person(session, "刘领导", is_leader=True)
        escalation = service.escalate(
            session,
            kind=EscalationKind.PROJECT_RED,
            key="unbound",
            leader=unbound,
            text="提醒",
            notices=NOTICES,
            now=NOW,
            project_id=w["project"].id,
        )
        message = session.get(OutboxMessage, escalation.outbox_message_id)
        assert message.status == "unreachable"
        bind_account(session, person=unbound, telegram_user_id=9977, now=NOW, how="test")
        session.refresh(message)
        assert (message.status, message.chat_id, message.last_error) == ("queued", 9977, None)


def test_two_presses_at_once_act_once(db):
    """Two transactions decide the same escalation at the same moment: one wins, one is told
    it is done, and one event is written."""
    with db.scope() as session:
        w = _world(session)
        escalation_id, leader_id = _escalate(session, w).id, w["leader"].id
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press(choice: str) -> None:
        try:
            with db.scope() as session:
                leader = session.get(Person, leader_id)
                service.check(session, escalation_id=escalation_id, person=leader)
                barrier.wait(timeout=10)
                service.decide(
                    session,
                    escalation_id=escalation_id,
                    leader=leader,
                    choice=choice,
                    note="收到",
                    notices=NOTICES,
                    now=NOW,
                )
            outcomes.append("decided")
        except EscalationRefused as refused:
            outcomes.append(refused.code)

    threads = [threading.Thread(target=press, args=(choice,)) for choice in ("ack", "reply")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["decided", "done"]
    with db.scope() as session:
        assert len(session.exec(select(ProblemEvent)).all()) == 1
        assert session.get(Escalation, escalation_id).decision in ("ack", "reply")
