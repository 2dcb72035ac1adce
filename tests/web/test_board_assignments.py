"""The board's 会议交办 panel over HTTP: the latest held meeting's assignments with status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.meetings import assignments
from bot.problems import service as problems
from models import Meeting
from tests.factories import make_park, make_person, make_project
from tests.screens import say
from tests.web.chat_helpers import sign_in
from tests.web.harness import WebBot


def test_the_latest_meetings_assignments_show_with_status(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    now = web.services.now()
    held = now - timedelta(days=3)
    with web.services.db.scope() as session:
        park, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        admin = make_person(session, "孙丽", is_admin=True)
        leader = make_person(session, "赵副市长", is_leader=True)
        project = make_project(session, name="中联起重机械", park=park)
        make_project(session, name="润田农机", park=other)
        meeting = Meeting(
            starts_at=held, park_id=park.id, place="会议室", deadline=held, period="2025-03",
            created_at=held, updated_at=held,
        )  # fmt: skip
        session.add(meeting)
        session.flush()
        common = {"leader": leader, "actor": admin, "now": now}
        assignments.record(
            session, meeting, text="协调用电增容", unit="市供电公司", project=project,
            due=(now - timedelta(days=1)).date(), **common,
        )  # fmt: skip
        assignments.record(
            session, meeting, text="统筹园区用地指标", unit="市自然资源局",
            due=(now + timedelta(days=20)).date(), **common,
        )  # fmt: skip
        done = assignments.record(
            session, meeting, text="落实人才公寓", unit="市住建局", project=project,
            due=(now + timedelta(days=5)).date(), **common,
        )  # fmt: skip
        problems.resolve(session, done, note="已落实", actor=admin, now=now)
    city, _ = sign_in(web, is_liaison=False, is_leader=True, city_scope=True)
    page = city.get("/board").text
    assert say("board-assignments-title", meeting="").split("（")[0] in page
    for text in ("协调用电增容", "统筹园区用地指标", "落实人才公寓", "市供电公司", "赵副市长"):
        assert text in page, text
    assert 'assignment-overdue">' in page or "assignment assignment-overdue" in page
    assert "assignment assignment-resolved" in page and "assignment assignment-assigned" in page
    for status in ("overdue", "assigned", "resolved"):
        assert say(f"board-assignment-status-{status}") in page
    # A liaison of another park's project sees none of this meeting's assignments.
    liaison, _ = sign_in(web, name="李敏", phone="13700000021")
    assert "协调用电增容" not in liaison.get("/board").text
