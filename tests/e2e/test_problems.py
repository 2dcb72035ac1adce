"""Problem steps end to end: who may record progress and close (销号), the confirmation
before closing, and the step's idle expiry.

Progress and 销号 belong to the command centre and to the people responsible for the
project (its liaisons and its leader). The unit a problem is handed to is only a name: a
person whose `unit` text happens to equal it gets no access to another project's problem.
"""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from models import Problem, ProblemEvent
from tests.e2e.test_access_matrix import Chat, lead, t
from tests.factories import make_park, make_person, make_project

pytestmark = pytest.mark.e2e

ADMIN, LIAISON, LEADER, OUTSIDER, CITY = 7301, 7302, 7303, 7304, 7305
UNIT = "市自然资源局"
PROBLEM = "用地指标待协调"


@pytest.fixture
def problem_id(db) -> int:
    """Project A's problem, handed to the unit the outsider (project B's liaison) belongs to."""
    with db.scope() as session:
        park = make_park(session, "云溪园区")
        make_person(session, "孙丽", is_admin=True, telegram_user_id=ADMIN)
        liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=LIAISON)
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=LEADER)
        outsider = make_person(
            session, "周涛", is_liaison=True, unit=UNIT, telegram_user_id=OUTSIDER
        )
        make_person(session, "赵立新", is_leader=True, city_scope=True, telegram_user_id=CITY)
        project = make_project(
            session, name="星火锂电池", park=park, leader=leader, liaisons=(liaison,)
        )
        make_project(session, name="海川精密轴承", park=park, liaisons=(outsider,))
        raised = datetime.fromisoformat("2025-03-05T10:00:00+08:00")
        problem = Problem(
            project_id=project.id,
            text=PROBLEM,
            raised_at=raised,
            status="assigned",
            assigned_unit=UNIT,
            due_date=date(2025, 4, 30),
        )
        session.add(problem)
        session.flush()
        return problem.id


def _state(db, problem_id: int) -> tuple[str, list[str]]:
    with db.scope() as session:
        events = session.exec(select(ProblemEvent).where(ProblemEvent.problem_id == problem_id))
        return session.get(Problem, problem_id).status, [event.action for event in events]


def test_the_assigned_unit_alone_gives_no_access(harness, problem_id, db):
    outsider = Chat(harness, harness.emulator.add_user(OUTSIDER, "Tao"))
    for action in ("progress", "resolve"):
        answer = outsider.press(f"pb:{action}:{problem_id}")
        assert t("problem-refused-not-allowed") in answer.text, answer.text
        assert outsider.say("已经办结").messages  # not taken as a note: no step is open
    # Not in the list either: the problem is another project's.
    assert PROBLEM not in outsider.command("problems").text
    city = Chat(harness, harness.emulator.add_user(CITY, "Lixin"))
    assert t("problem-refused-not-allowed") in city.press(f"pb:resolve:{problem_id}").text
    assert _state(db, problem_id) == ("assigned", [])
    assert harness.bot.errors == []


def test_the_projects_people_record_progress_and_close_after_confirming(harness, problem_id, db):
    leader = Chat(harness, harness.emulator.add_user(LEADER, "Qiang"))
    listed = leader.command("problems")
    assert PROBLEM in listed.text
    assert lead("problem-ask-progress", id="") in leader.press(f"pb:progress:{problem_id}").text
    assert t("problem-progress-saved", id=str(problem_id)) in leader.say("已与自然资源局对接").text

    liaison = Chat(harness, harness.emulator.add_user(LIAISON, "Min"))
    assert lead("problem-ask-resolution", id="") in liaison.press(f"pb:resolve:{problem_id}").text
    preview = liaison.say("指标已落实")
    assert "请确认销号" in preview.text and PROBLEM in preview.text and "指标已落实" in preview.text
    assert _state(db, problem_id) == ("assigned", ["progress"])  # nothing closed before confirming
    assert t("problem-resolved", id=str(problem_id)) in liaison.press("pb:confirm").text
    # A second press of the same button acts no more.
    again = liaison.press("pb:confirm")
    assert again.callback is not None and t("problem-resolved", id="") not in again.text
    assert _state(db, problem_id) == ("resolved", ["progress", "resolve"])
    assert harness.bot.errors == []


def test_cancelling_the_confirmation_closes_nothing(harness, problem_id, db):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    admin.press(f"pb:resolve:{problem_id}")
    assert "请确认销号" in admin.say("已解决").text
    assert t("problem-cancelled") in admin.press("pb:cancel").text
    assert t("problem-resolved", id="") not in admin.press("pb:confirm").text
    assert _state(db, problem_id) == ("assigned", [])


def test_a_text_typed_after_the_idle_time_closes_nothing(harness, problem_id, db):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    admin.press(f"pb:resolve:{problem_id}")
    minutes = harness.services.settings.wizard_idle_minutes
    harness.clock.advance(timedelta(minutes=minutes, seconds=1))
    typed = admin.say("星火")  # a search, much later
    assert t("wizard-expired", minutes=minutes) in typed.text
    assert "请确认销号" not in typed.text
    # The step has ended: the same text is now a search.
    assert "星火锂电池" in admin.say("星火").text
    assert _state(db, problem_id) == ("assigned", [])


def test_a_confirmation_pressed_after_the_idle_time_closes_nothing(harness, problem_id, db):
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    admin.press(f"pb:resolve:{problem_id}")
    admin.say("已解决")
    harness.clock.advance(timedelta(hours=2))
    pressed = admin.press("pb:confirm")
    assert pressed.callback is not None
    assert t("wizard-expired", minutes=15) in pressed.text
    assert _state(db, problem_id) == ("assigned", [])


def test_within_the_idle_time_the_step_goes_on(start_bot, problem_id, db):
    harness = start_bot(wizard_idle_minutes=60)
    admin = Chat(harness, harness.emulator.add_user(ADMIN, "Li"))
    admin.press(f"pb:progress:{problem_id}")
    harness.clock.advance(timedelta(minutes=59))
    assert t("problem-progress-saved", id=str(problem_id)) in admin.say("推进中").text
    assert _state(db, problem_id) == ("assigned", ["progress"])
