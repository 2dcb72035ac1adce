"""A meeting's decisions become assignments: validation, the problem they become, who is told,
and the overdue rule on the project's light."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from bot.i18n import Catalogue
from bot.meetings import assignments
from bot.meetings.assignments import AssignmentRefused
from bot.people.accounts import Notices
from bot.problems import service as problems
from bot.status import queries
from bot.status.compute import Asked
from models import Meeting, OutboxMessage, Problem, ProblemEvent
from tests.factories import NOW, make_park, make_person, make_project

NOTICES = Notices(Catalogue(), "zh_CN")
HELD = NOW - timedelta(days=2)  # 2025-02-27


def _world(session):
    park = make_park(session, "东区")
    admin = make_person(session, "赵管理", is_admin=True, telegram_user_id=9101)
    leader = make_person(session, "李领导", is_leader=True, telegram_user_id=9102)
    project_leader = make_person(session, "钱领导", is_leader=True, telegram_user_id=9103)
    liaison = make_person(session, "王联络", is_liaison=True, telegram_user_id=9104)
    project = make_project(session, park=park, leader=project_leader, liaisons=(liaison,))
    meeting = Meeting(
        starts_at=HELD,
        park_id=park.id,
        place="会议室",
        deadline=HELD - timedelta(days=3),
        period="2025-02",
        created_at=HELD,
        updated_at=HELD,
    )
    session.add(meeting)
    session.flush()
    return {
        "admin": admin,
        "leader": leader,
        "project_leader": project_leader,
        "liaison": liaison,
        "project": project,
        "meeting": meeting,
    }


def _record(session, w, **changes):
    values = {
        "text": "协调用电增容",
        "unit": "市供电公司",
        "leader": w["leader"],
        "due": date(2025, 3, 20),
        "project": w["project"],
        "actor": w["admin"],
        "now": NOW,
        "notices": NOTICES,
    }
    values.update(changes)
    return assignments.record(session, w["meeting"], **values)


def test_a_decision_becomes_an_assigned_problem_and_its_owners_are_told_once(db):
    with db.scope() as session:
        w = _world(session)
        problem = _record(session, w, text="  协调用电增容  ")
        assert (problem.status, problem.meeting_id, problem.leader_id) == (
            "assigned",
            w["meeting"].id,
            w["leader"].id,
        )
        assert (problem.text, problem.assigned_unit, problem.project_id) == (
            "协调用电增容",
            "市供电公司",
            w["project"].id,
        )
        events = session.exec(select(ProblemEvent).where(ProblemEvent.problem_id == problem.id))
        assert [e.action for e in events] == ["raise", "assign"]
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [r.person_id for r in rows] == [
            w["leader"].id,
            w["project_leader"].id,
            w["liaison"].id,
        ]
        assert {r.kind for r in rows} == {"assignment"}
        assert "协调用电增容" in rows[0].text and "市供电公司" in rows[0].text
        # Told again: the dedupe keys keep one message each.
        assert assignments.notify_owners(session, problem, notices=NOTICES, now=NOW) == 0


def test_a_decision_without_a_project_tells_only_the_responsible_leader(db):
    with db.scope() as session:
        w = _world(session)
        problem = _record(session, w, project=None)
        rows = session.exec(select(OutboxMessage)).all()
        assert [r.person_id for r in rows] == [w["leader"].id]
        assert NOTICES.text(None, "minutes-no-project") in rows[0].text
        assert problem.project_id is None
        lines = assignments.assignments_of(session, w["meeting"].id, today=date(2025, 3, 21))
        assert [(line.project, line.leader, line.overdue) for line in lines] == [
            ("", "李领导", True)
        ]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"text": "  "}, "text-invalid"),
        ({"text": "长" * 501}, "text-invalid"),
        ({"unit": ""}, "unit-invalid"),
        ({"unit": "单" * 101}, "unit-invalid"),
        ({"due": date(2025, 2, 26)}, "due-before-meeting"),
        ({"due": None}, "due-before-meeting"),
        ({"leader": None}, "leader-invalid"),
        ({"leader": "liaison"}, "leader-invalid"),
        ({"leader": "inactive"}, "leader-invalid"),
        ({"actor": "leader"}, "not-allowed"),
        ({"actor": None}, "not-allowed"),
        ({"project": "inactive"}, "project-unknown"),
    ],
)
def test_bad_decisions_are_refused_and_write_nothing(db, changes, code):
    with db.scope() as session:
        w = _world(session)
        if changes.get("leader") == "liaison":
            changes["leader"] = w["liaison"]
        if changes.get("leader") == "inactive":
            changes["leader"] = make_person(session, is_leader=True, active=False)
        if changes.get("actor") == "leader":
            changes["actor"] = w["leader"]
        if changes.get("project") == "inactive":
            changes["project"] = make_project(session, active=False)
        with pytest.raises(AssignmentRefused) as refused:
            _record(session, w, **changes)
        assert refused.value.code == code
        assert session.exec(select(Problem)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []


def test_a_meeting_not_held_or_cancelled_takes_no_decisions_and_a_repeat_is_refused(db):
    with db.scope() as session:
        w = _world(session)
        meeting = w["meeting"]
        with pytest.raises(AssignmentRefused, match="not-held"):
            _record(session, w, now=HELD - timedelta(minutes=1))
        _record(session, w)
        with pytest.raises(AssignmentRefused, match="duplicate"):
            _record(session, w)
        meeting.status = "cancelled"
        with pytest.raises(AssignmentRefused, match="not-held"):
            _record(session, w, text="另一件事")
        with pytest.raises(AssignmentRefused, match="not-held"):
            assignments.record(
                session, None, text="x", unit="y", leader=w["leader"], due=None,
                actor=w["admin"], now=NOW,
            )  # fmt: skip


def test_the_responsible_leader_works_on_it_and_an_overdue_one_turns_the_light(db):
    with db.scope() as session:
        w = _world(session)
        with_project = _record(session, w, due=date(2025, 3, 5))
        without = _record(session, w, project=None, text="统筹园区用地")
        leader, liaison = w["leader"], w["liaison"]
        assert problems.may_work_on(session, leader, without)
        assert problems.may_work_on(session, leader, with_project)
        assert not problems.may_work_on(session, liaison, without)
        listed = problems.open_problems(session, leader, date(2025, 3, 6))
        # The responsible leader sees both, though not the project's leader: once each.
        assert [(line.problem.id, line.project) for line in listed] == [
            (with_project.id, w["project"].name),
            (without.id, ""),
        ]
        project_leader = problems.open_problems(session, w["project_leader"], date(2025, 3, 6))
        assert [line.problem.id for line in project_leader] == [with_project.id]
        admin_list = problems.open_problems(session, w["admin"], date(2025, 3, 6))
        assert [(line.problem.id, line.overdue) for line in admin_list] == [
            (with_project.id, True),
            (without.id, False),
        ]
        assert [
            line.problem.id for line in problems.open_problems(session, liaison, NOW.date())
        ] == [with_project.id]
        card = assignments.open_assignments_of_project(session, w["project"].id, date(2025, 3, 6))
        assert [(line.problem.text, line.overdue) for line in card] == [("协调用电增容", True)]
        assert assignments.latest_with_assignments(session, NOW).id == w["meeting"].id

        def rules(today: date) -> set[str]:
            asked = Asked(w["admin"], today, NOW.tzinfo)
            status = queries.project_status(session, asked, w["project"].id)
            return {reason.rule for reason in status.light.reasons}

        assert "problem-overdue" not in rules(date(2025, 3, 5))
        assert "problem-overdue" in rules(date(2025, 3, 6))
        problems.resolve(session, with_project, note="已办结", actor=leader, now=NOW)
        assert "problem-overdue" not in rules(date(2025, 3, 6))


def test_the_demo_takes_two_decisions_for_its_held_meeting(db):
    """With `parkbot demo`'s data: the centre records two decisions; the card's query and the
    board's panel have them."""
    from bot.board.assignments_panel import latest_assignments
    from bot.demo.roster import load_demo
    from bot.people.directory import person_by_phone

    with db.scope() as session:
        load_demo(session, now=NOW, today=NOW.date())
        [meeting] = assignments.held_meetings(session, NOW)
        admin = person_by_phone(session, "13900000001")  # 陈志强, the demo's centre
        leader = person_by_phone(session, "13900000011")  # 李明, the demo's leader
        project = assignments.find_project(session, "中联起重")
        common = {"leader": leader, "actor": admin, "now": NOW, "notices": NOTICES}
        assignments.record(
            session, meeting, text="协调用电增容", unit="市供电公司", project=project,
            due=date(2025, 3, 31), **common,
        )  # fmt: skip
        assignments.record(
            session, meeting, text="统筹园区用地指标", unit="市自然资源局", due=date(2025, 4, 30),
            **common,
        )  # fmt: skip
        card = assignments.open_assignments_of_project(session, project.id, NOW.date())
        assert [line.problem.text for line in card] == ["协调用电增容"]
        panel = latest_assignments(session, NOW, NOW.date(), project_ids=set(), whole_city=True)
        assert [item.text for item in panel.items] == ["协调用电增容", "统筹园区用地指标"]
        # The demo's own message history (the burden figures) is in the outbox too.
        told = session.exec(
            select(OutboxMessage.person_id).where(OutboxMessage.kind == "assignment")
        ).all()
        assert leader.id in told and len(told) == 5  # 李明 twice; the project's leader, liaisons
