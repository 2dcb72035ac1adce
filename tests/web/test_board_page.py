"""The board's pages over HTTP against the real server: who gets what, in which language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import httpx
from sqlmodel import select

from bot.board.snapshot import board_snapshot
from bot.board.targets import set_target
from bot.board.viewer import BoardViewer
from bot.web.board.pages import render_text
from models import Meeting, Person, Project, ProjectLiaison
from tests.factories import make_park, make_person, make_project
from tests.screens import say
from tests.web.chat_helpers import sign_in
from tests.web.harness import WebBot


def two_parks(web: WebBot) -> None:
    """中联起重机械 (served by 李敏) in one park, 润田农机 (another liaison's) in another."""
    with web.services.db.scope() as session:
        mine, other = make_park(session, "常德经开区"), make_park(session, "鼎城高新区")
        liaison = make_person(session, "李敏", is_liaison=True, phone="13700000021")
        someone = make_person(session, "赵刚", is_liaison=True)
        make_project(session, name="中联起重机械", park=mine, liaisons=(liaison,))
        make_project(session, name="润田农机", park=other, liaisons=(someone,))


def test_no_session_gets_403_and_no_data(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    two_parks(web)
    for path in ("/board", "/board/panels"):
        for cookies in ({}, {"parkbot_session": "forged"}):
            response = httpx.get(f"{web.url}{path}", cookies=cookies)
            assert response.status_code == 403
            assert say("board-no-access-title") in response.text
            assert "中联起重机械" not in response.text and "润田农机" not in response.text


def test_a_liaison_sees_only_their_projects(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    two_parks(web)
    client, _ = sign_in(web, name="孙丽", phone="13700000077")
    # A liaison without projects: an empty board, not someone else's.
    empty = client.get("/board")
    assert empty.status_code == 200 and "中联起重机械" not in empty.text
    assert say("board-no-projects") in empty.text
    with web.services.db.scope() as session:
        project = session.exec(select(Project).where(Project.name == "中联起重机械")).one()
        person = session.exec(select(Person).where(Person.phone == "13700000077")).one()
        session.add(ProjectLiaison(project_id=project.id, person_id=person.id, position=1))
        # An edit of the roster stamps the project (the cached city view follows it).
        project.updated_at = web.services.now()
    page = client.get("/board").text
    assert "中联起重机械" in page and "润田农机" not in page
    assert "鼎城高新区" not in page
    fragment = client.get("/board/panels")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "中联起重机械" in fragment.text and "润田农机" not in fragment.text


def test_the_city_board_in_both_languages(start_web: Callable[..., WebBot]) -> None:
    web = start_web(board_refresh_seconds=7, board_rotate_seconds=9)
    two_parks(web)
    client, _ = sign_in(web, is_liaison=False, is_leader=True, city_scope=True)
    page = client.get("/board")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    for text in (
        "中联起重机械",
        "润田农机",
        say("board-light-yellow"),
        say("board-target-missing", year="2025"),
        say("board-scope-city"),
        say("board-meeting-none"),
    ):
        assert text in page.text, text
    assert 'data-refresh="7"' in page.text and 'data-rotate="9"' in page.text
    assert 'data-rotate="0"' in client.get("/board", params={"rotate": "0"}).text
    english = client.get("/board", params={"lang": "en"}).text
    assert '<html lang="en">' in english
    assert say("board-light-yellow", language="en") in english
    assert say("board-target-missing", language="en", year="2025") in english
    assert client.get("/board-static/board.js").status_code == 200
    assert "@page" in client.get("/board-static/board.css").text


def test_targets_show_as_svg_bars(start_web: Callable[..., WebBot]) -> None:
    web = start_web()
    two_parks(web)
    with web.services.db.scope() as session:
        set_target(
            session,
            year=2025,
            now=web.services.now(),
            actor="test",
            new_starts=50,
            in_production=16,
            investment=Decimal(6_000_000),
        )
    client, _ = sign_in(web, is_liaison=False, is_admin=True)
    page = client.get("/board").text
    assert page.count('<svg class="bar"') == 3
    yi = say("board-money-yi", amount="600.00")
    target = say("board-figure-of-target", target=yi, percent="0")
    assert target in page
    assert say("board-target-missing", year="2025") not in page


def test_a_links_board_never_shows_a_phone_a_members_does(start_web) -> None:
    web = start_web()
    two_parks(web)
    now = web.services.now()
    with web.services.db.scope() as session:
        park_id = session.exec(select(Project.park_id)).first()
        admin = make_person(session, "陈志强", is_admin=True).id
        session.add(
            Meeting(
                starts_at=now + timedelta(days=7),
                park_id=park_id,
                place="三楼会议室",
                deadline=now + timedelta(days=4),
                period="2025-03",
                created_at=now,
                updated_at=now,
            )
        )
    services = web.services
    pages = {}
    for who, viewer in (("link", BoardViewer(link_id=1)), ("admin", BoardViewer(person_id=admin))):
        with services.db.scope() as session:
            board = board_snapshot(session, viewer, services)
        assert board is not None
        pages[who] = render_text(
            services.catalogue.text, services.settings.tz, "panels.html", "zh_CN", board=board
        )
    for page in pages.values():
        assert say("board-meeting-missing", count="2") in page
        assert "李敏" in page and "赵刚" in page
    assert "13700000021" in pages["admin"]
    assert "13700000021" not in pages["link"] and 'class="phone"' not in pages["link"]


def test_the_final_assessment_ranking_panel(start_web: Callable[..., WebBot]) -> None:
    from bot.assessment import publication as publishing
    from bot.assessment import runs, store
    from bot.assessment.notices import Texts
    from bot.assessment.period import parse_period
    from bot.assessment.scheme_template import default_scheme

    web = start_web()
    two_parks(web)
    client, _ = sign_in(web, is_liaison=False, is_leader=True, city_scope=True)
    services, now = web.services, web.services.now()
    texts = Texts(services.catalogue, "zh_CN", services.settings.tz)
    with services.db.scope() as session:
        store.save_scheme(session, default_scheme(["常德经开区", "鼎城高新区"]), now=now, actor="t")
        run = runs.draft_run(session, parse_period("2025-Q1"), texts.tz, now=now, actor="t")
        done = publishing.publish_run(
            session, run, texts, now=now, actor="t", working_days=5, closes_at=now.time()
        )
        closes = done.publication.closes_at
    title = say("assess-board-title", period="2025-Q1")
    assert title not in client.get("/board").text  # open for objections: not on the board
    with services.db.scope() as session:
        assert publishing.close_due(session, texts, now=closes)
    page = client.get("/board").text
    assert 'id="assessment"' in page and title in page
    panel = page[page.index('id="assessment"') :]
    assert "综合类园区" in panel and "鼎城高新区" in panel and "常德经开区" in panel
