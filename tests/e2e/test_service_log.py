"""三个一 service log end to end: /service's wizard across a restart, a raised problem then
交办 and 销号 on the enterprise, the one-enterprise shortcut, and refusals of bad answers."""

from datetime import date

import pytest
from sqlmodel import select

from models import AuditEntry, Problem, ProblemEvent, ServiceVisit
from tests.e2e.test_access_matrix import Chat, lead, t
from tests.e2e.test_wizard_restart import crash
from tests.factories import make_enterprise, make_pairing, make_park, make_person, make_project

pytestmark = pytest.mark.e2e

ADMIN, LEADER, LIAISON, OTHER_LEADER = 7401, 7402, 7403, 7404
BACKBONE, STRUGGLING = "武陵烟机配件", "澧水纺织"


@pytest.fixture
def world(db) -> dict[str, int]:
    """A leader paired with a 10亿 project, two enterprises and a liaison; another leader."""
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        leader = make_person(session, "周建华", is_leader=True, telegram_user_id=LEADER)
        liaison = make_person(session, "张伟", is_liaison=True, telegram_user_id=LIAISON)
        other = make_person(session, "刘伟", is_leader=True, telegram_user_id=OTHER_LEADER)
        project = make_project(session, name="中联起重机械", park=park, leader=leader)
        backbone = make_enterprise(session, BACKBONE, park=park)
        struggling = make_enterprise(session, STRUGGLING, park=park, kind="struggling")
        make_pairing(
            session,
            leader=leader,
            project=project,
            backbone=backbone,
            struggling=struggling,
            liaison=liaison,
        )
        lone = make_enterprise(session, "桃源铝业", park=park)
        make_pairing(session, leader=other, backbone=lone)
        return {"leader": leader.id, "backbone": backbone.id, "struggling": struggling.id}


def test_a_liaison_logs_a_service_across_a_restart_and_its_problem_is_closed(start_bot, world, db):
    first = start_bot()
    liaison = Chat(first, first.emulator.add_user(LIAISON, "Wei"))
    picker = liaison.command("service")
    assert t("service-ask-enterprise") in picker.text
    buttons = str(picker.messages[-1]["reply_markup"])
    assert BACKBONE in buttons and STRUGGLING in buttons and "桃源铝业" not in buttons
    asked = liaison.press(f"sv:pick:{world['struggling']}:{world['leader']}")
    assert lead("service-ask-date", enterprise="") + STRUGGLING in asked.text
    # A future date is refused and asked again; a typed past date is taken.
    future = liaison.say("2025-03-20")
    assert t("service-refused-date-future", date="2025-03-20") in future.text
    assert t("service-ask-asked") in liaison.say("3月8日").text
    assert t("service-ask-done") in liaison.say("希望协调银行续贷").text
    assert t("service-ask-status") in liaison.say("走访企业，约见两家银行").text
    assert t("service-ask-problem") in liaison.press("sv:status:coordination").text
    crash(first)  # mid-wizard: the answers so far are rows (WizardState)

    restarted = start_bot()
    liaison = Chat(restarted, restarted.emulator.add_user(LIAISON, "Wei"))
    summary = liaison.say("续贷 800 万元需市金融办协调")
    assert "请核对本次服务" in summary.text and "2025-03-08" in summary.text
    assert "希望协调银行续贷" in summary.text and t("service-status-coordination") in summary.text
    with db.scope() as session:
        assert session.exec(select(ServiceVisit)).all() == []  # nothing before submit
    saved = liaison.press("sv:submit")
    assert t("service-saved", enterprise=STRUGGLING) in saved.text
    with db.scope() as session:
        visit = session.exec(select(ServiceVisit)).one()
        problem = session.get(Problem, visit.problem_id)
        assert (visit.enterprise_id, visit.leader_id) == (world["struggling"], world["leader"])
        assert (visit.visit_date, visit.asked, visit.status) == (
            date(2025, 3, 8),
            "希望协调银行续贷",
            "coordination",
        )
        assert (problem.enterprise_id, problem.project_id) == (world["struggling"], None)
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "service-log")).one()
    assert t("service-problem-raised", id=str(problem.id)) in saved.text

    # The enterprise's problem in /problems: the admin hands it over (交办), the leader closes it.
    admin = Chat(restarted, restarted.emulator.add_user(ADMIN, "Li"))
    listed = admin.command("problems")
    assert STRUGGLING in listed.text and "续贷 800 万元" in listed.text
    assert lead("problem-ask-unit", id="") in admin.press(f"pb:assign:{problem.id}").text
    admin.say("市金融办")
    assert lead("problem-assigned", id="", unit="", due="") in admin.say("2025-03-31").text
    outsider = Chat(restarted, restarted.emulator.add_user(OTHER_LEADER, "Liu"))
    assert "续贷" not in outsider.command("problems").text
    refused = outsider.press(f"pb:resolve:{problem.id}")
    assert t("problem-refused-not-allowed") in refused.text
    leader = Chat(restarted, restarted.emulator.add_user(LEADER, "Zhou"))
    assert "续贷" in leader.command("problems").text
    leader.press(f"pb:resolve:{problem.id}")
    preview = leader.say("金融办已协调续贷")
    assert "请确认销号" in preview.text and STRUGGLING in preview.text
    assert t("problem-resolved", id=str(problem.id)) in leader.press("pb:confirm").text
    with db.scope() as session:
        events = session.exec(
            select(ProblemEvent.action).where(ProblemEvent.problem_id == problem.id)
        )
        assert list(events) == ["raise", "assign", "resolve"]
        assert session.get(Problem, problem.id).status == "resolved"
    # The per-leader view counts the service and the solved problem.
    shown = leader.command("pairing").text
    assert "中联起重机械" in shown and f"{STRUGGLING}，本季度服务 1 次" in shown
    assert "本季度解决 1 个，未解决 0 个" in shown and "桃源铝业" not in shown
    restarted.bot.assert_no_errors()


def test_one_enterprise_skips_the_pick_and_today_is_one_tap(harness, world, db):
    leader = Chat(harness, harness.emulator.add_user(OTHER_LEADER, "Liu"))
    first = leader.command("service")
    assert lead("service-ask-date", enterprise="") + "桃源铝业" in first.text
    assert t("service-ask-asked") in leader.press("sv:today").text
    assert t("service-refused-text-invalid", limit=1000) in leader.say("  ").text
    leader.say("用工招聘")
    leader.say("对接人社局招聘会")
    leader.press("sv:status:ongoing")
    summary = leader.press("sv:noproblem")
    assert t("service-summary-no-problem") in summary.text
    assert t("service-saved", enterprise="桃源铝业") in leader.press("sv:submit").text
    with db.scope() as session:
        visit = session.exec(select(ServiceVisit)).one()
        assert (visit.visit_date, visit.problem_id, visit.status) == (
            date(2025, 3, 10),
            None,
            "ongoing",
        )
    # A second press of submit stores nothing more.
    leader.press("sv:submit")
    with db.scope() as session:
        assert len(session.exec(select(ServiceVisit)).all()) == 1
    harness.bot.assert_no_errors()


def test_cancel_stores_nothing_and_strangers_to_pairings_are_told(harness, world, db):
    leader = Chat(harness, harness.emulator.add_user(LEADER, "Zhou"))
    leader.command("service")
    leader.press(f"sv:pick:{world['backbone']}:{world['leader']}")
    assert t("service-cancelled") in leader.command("cancel").text
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    assert t("service-none") in admin.command("service").text
    with db.scope() as session:
        assert session.exec(select(ServiceVisit)).all() == []
    harness.bot.assert_no_errors()
