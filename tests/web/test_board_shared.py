"""Wall displays on one board link share one rendered answer, which follows every change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from bot.board import links
from bot.web.board.shared import accepts_gzip
from bot.web_secret import load_secret
from models import Meeting, Park, Person, Project
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import say
from tests.web.board_access_helpers import client
from tests.web.harness import WebBot


def _screen(web: WebBot, park_id: int | None = None):
    """A wall display's browser that opened a (city or park) board link."""
    with web.services.db.scope() as session:
        park = session.get(Park, park_id) if park_id else None
        link = links.create(session, park=park, days=30, label="wall", now=web.services.now(),
                            actor="test")  # fmt: skip
        link_id = link.id
    assert link_id is not None
    http = client(web)
    token = links.token_for(load_secret(web.services.settings), link_id)
    assert http.get(f"/b/{token}").status_code == 303
    return http


def _row(html: str, project: str) -> str:
    start = html.index(project)
    return html[start : html.index("</tr>", start)]


def test_screens_of_a_link_get_one_answer_that_follows_reports_and_meetings(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web()
    with web.services.db.scope() as session:
        mine, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        liaison = make_person(session, "李敏", is_liaison=True)
        make_project(session, name="中联起重机械", park=mine, liaisons=(liaison,))
        make_project(session, name="润田农机", park=other, liaisons=(liaison,))
    hall, lobby, park_wall = _screen(web), _screen(web), _screen(web, park_id=1)
    first = hall.get("/board/panels")
    assert first.status_code == 200 and first.headers["content-encoding"] == "gzip"
    assert lobby.get("/board/panels").content == first.content
    plain = lobby.get("/board/panels", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == first.content
    assert say("board-stage-none") in _row(first.text, "中联起重机械")
    # A park link's screen is another answer: its park only.
    park_panels = park_wall.get("/board/panels").text
    assert "中联起重机械" in park_panels and "润田农机" not in park_panels

    # A report filed in the same minute shows at the next refresh of every screen.
    with web.services.db.scope() as session:
        project = session.exec(select(Project).where(Project.name == "中联起重机械")).one()
        reporter = session.exec(select(Person).where(Person.name == "李敏")).one()
        make_report(session, project=project, reporter=reporter, period="2025-03",
                    investment_month=100, stage="main_works")  # fmt: skip
    for screen in (hall, lobby):
        row = _row(screen.get("/board/panels").text, "中联起重机械")
        assert say("stage-main_works") in row and say("board-stage-none") not in row
    assert say("stage-main_works") in _row(park_wall.get("/board/panels").text, "中联起重机械")

    # So does a meeting scheduled in that minute.
    now = web.services.now()
    with web.services.db.scope() as session:
        session.add(
            Meeting(starts_at=now + timedelta(days=7), park_id=1, place="三楼会议室",
                    deadline=now + timedelta(days=4), period="2025-03", created_at=now,
                    updated_at=now)
        )  # fmt: skip
    assert "三楼会议室" in hall.get("/board/panels").text
    assert "三楼会议室" in lobby.get("/board").text


def test_a_revoked_link_gets_no_shared_answer(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    with web.services.db.scope() as session:
        make_project(session, name="中联起重机械", park=make_park(session, "常德经开区"))
    wall, other = _screen(web), _screen(web)
    assert "中联起重机械" in wall.get("/board/panels").text
    with web.services.db.scope() as session:
        links.revoke(session, link_id=1, now=web.services.now(), actor="test")
    refused = wall.get("/board/panels")
    assert refused.status_code == 403 and "中联起重机械" not in refused.text
    assert "中联起重机械" in other.get("/board/panels").text


def test_gzip_is_sent_only_to_who_accepts_it() -> None:
    for header, accepted in [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("gzip;q=x", False),
    ]:
        assert accepts_gzip(header) is accepted, header
