"""The board's access matrix: every kind of viewer × every board page, with the real sign-ins.

The same data as the chat's matrix (tests/e2e/test_access_matrix.py): two parks, a project in
each whose leader and liaison are different people, an open problem and a site photo per
project, a meeting hosted by park A. The viewers (rows) get in as in production:

- a stranger: no cookie, or a forged one;
- a liaison and a leader of project A, a city leader and an admin: the web chat's sign-in
  (their invite link, POST /join/<token>);
- a city board link and park A's board link: GET /b/<token> (bot.board.links);
- a Mini App member, the leader of project B: Telegram's initData (signed as Telegram does,
  tests/emulator/mini_app.py) posted to /board/app/session.

The pages (columns): /board, /board/panels, each park's page, each project's page and each
project's photo. ``SEES`` is the spec, read from bot/people/access.py: which projects a viewer
sees; every cell follows from it: 403 for no viewer, 200 for a page in scope, the same 404 for
one outside it; a visible project's name is on the board, its park's page and its own page; a
hidden project's name, enterprise, problem, people and phones are nowhere in any answer; a
link's answers hold no phone number at all, nor a member's unless an admin's (README: Security),
whose project page holds its liaison's.

Wrong cells are collected and reported together (row, column, what was wrong). The matrix runs
on both databases in every run (the both_databases mark), not one of the two at random.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from bot.board import links
from bot.serve import Running
from bot.web import board
from bot.web.board.context import BoardContext
from bot.web_secret import load_secret
from models import Meeting, Park, Person, Problem
from models.report import ReportPhoto
from tests.emulator.mini_app import init_data_for
from tests.factories import make_park, make_person, make_project, make_report
from tests.screens import say
from tests.web.board_access_helpers import BOT_TOKEN
from tests.web.chat_helpers import browser, sign_in
from tests.web.drill_site import png
from tests.web.harness import WebBot

pytestmark = pytest.mark.both_databases

A, B = "A", "B"
PROJECT = {A: "星火锂电池", B: "海川精密轴承"}
PARK = {A: "云溪园区", B: "石门园区"}
ENTERPRISE = {A: "星火新能源有限公司", B: "海川精工有限公司"}
PROBLEM = {A: "用电增容待协调", B: "环评批复待办理"}
LIAISON = {A: ("李敏", "13900000101"), B: ("周涛", "13900000103")}
LEADER = {A: ("王强", "13900000102"), B: ("陈静", "13900000104")}
CITY, ADMIN = ("赵立新", "13900000105"), ("孙丽", "13900000106")
PHONES = [phone for _, phone in (*LIAISON.values(), *LEADER.values(), CITY, ADMIN)]
ANY_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
TG_MEMBER = 424_242  # the Telegram account of project B's leader (the Mini App member)


def markers(project: str) -> tuple[str, ...]:
    """Everything that gives a project away: its name, enterprise, problem, people, phones."""
    return (
        PROJECT[project],
        ENTERPRISE[project],
        PROBLEM[project],
        *LIAISON[project],
        *LEADER[project],
    )


# Which projects each viewer sees (bot/people/access.py; a link: the city, or its park).
SEES: dict[str, set[str]] = {
    "stranger": set(),
    "forged cookie": set(),
    "liaison A": {A},
    "leader A": {A},
    "city leader": {A, B},
    "admin": {A, B},
    "city link": {A, B},
    "park A link": {A},
    "mini app leader B": {B},
}
LINKS = {"city link", "park A link"}


@dataclass
class City:
    """The ids the pages are opened with."""

    project: dict[str, int]
    park: dict[str, int]
    photo: dict[str, int]


def full_board(running: Running) -> list:
    """Every board route, with a bot token so the Mini App sign-in can check initData.

    Extra routes are matched before the defaults, so these are the board the test talks to;
    the web chat (sign-in, sessions) is the default one of the local messenger.
    """
    return board.routes(BoardContext.build(running.services, BOT_TOKEN))


def build_city(web: WebBot, people: dict[str, int]) -> City:
    """Two parks, a project each with its problem, a February report with a photo each."""
    media = web.services.settings.media_dir
    raised = datetime.fromisoformat("2025-03-05T10:00:00+08:00")
    ids: dict[str, dict[str, int]] = {"project": {}, "park": {}, "photo": {}}
    with web.services.db.scope() as session:
        for key in (A, B):
            park = make_park(session, PARK[key])
            liaison = session.get_one(Person, people[f"liaison {key}"])
            project = make_project(
                session,
                name=PROJECT[key],
                park=park,
                leader=session.get_one(Person, people[f"leader {key}"]),
                liaisons=(liaison,),
                enterprise=ENTERPRISE[key],
                annual_plan=Decimal(1200),
            )
            session.add(Problem(project_id=project.id, text=PROBLEM[key], raised_at=raised))
            report = make_report(
                session, project=project, reporter=liaison, period="2025-02", investment_month=100
            )
            folder = media / str(project.id) / "2025-02"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{key}.png").write_bytes(png())
            photo = ReportPhoto(
                report_id=report.id,
                file_id=f"f{key}",
                file_unique_id=f"u{key}",
                local_path=str(folder / f"{key}.png"),
            )
            session.add(photo)
            session.flush()
            assert project.id and park.id and photo.id
            ids["project"][key], ids["park"][key], ids["photo"][key] = (
                project.id,
                park.id,
                photo.id,
            )
        session.add(
            Meeting(
                starts_at=datetime.fromisoformat("2025-03-20T09:00:00+08:00"),
                park_id=ids["park"][A],
                place="市政府三楼会议室",
                deadline=datetime.fromisoformat("2025-03-17T18:00:00+08:00"),
                period="2025-03",
                created_at=raised,
                updated_at=raised,
            )
        )
    return City(**ids)


def _sign_ins(web: WebBot) -> tuple[dict[str, httpx.Client], dict[str, int]]:
    """The members signed in through the web chat, and everyone's person id."""
    clients: dict[str, httpx.Client] = {}
    people: dict[str, int] = {}
    roles = {
        "liaison A": (LIAISON[A], {"is_liaison": True}),
        "leader A": (LEADER[A], {"is_liaison": False, "is_leader": True}),
        "city leader": (CITY, {"is_liaison": False, "is_leader": True, "city_scope": True}),
        "admin": (ADMIN, {"is_liaison": False, "is_admin": True}),
    }
    for role, ((name, phone), fields) in roles.items():
        clients[role], person = sign_in(web, name=name, phone=phone, **fields)
        assert person.id is not None
        people[role] = person.id
    with web.services.db.scope() as session:
        people["liaison B"] = make_person(
            session, LIAISON[B][0], phone=LIAISON[B][1], is_liaison=True
        ).id
        people["leader B"] = make_person(
            session, LEADER[B][0], phone=LEADER[B][1], is_leader=True, telegram_user_id=TG_MEMBER
        ).id
    return clients, people


def _link_client(web: WebBot, park_id: int | None) -> httpx.Client:
    """A wall display that opened a board link (the city's, or a park's)."""
    with web.services.db.scope() as session:
        park = session.get_one(Park, park_id) if park_id is not None else None
        link = links.create(
            session, park=park, days=30, label="wall", now=web.services.now(), actor="test"
        )
        link_id = link.id
    assert link_id is not None
    token = links.token_for(load_secret(web.services.settings), link_id)
    client = browser(web)
    opened = client.get(f"/b/{token}")
    assert opened.status_code == 303 and opened.headers["location"] == "/board", opened.text
    return client


def _mini_app_client(web: WebBot, auth_date: int) -> tuple[httpx.Client, httpx.Response]:
    """The Mini App of project B's leader: Telegram's signed initData posted to the server."""
    user = {"id": TG_MEMBER, "first_name": "Jing", "language_code": "zh-hans"}
    client = browser(web)
    answer = client.post(
        "/board/app/session",
        json={"init_data": init_data_for(user, BOT_TOKEN, auth_date=auth_date)},
    )
    return client, answer


def _pages(city: City) -> dict[str, tuple[str, str | None]]:
    """Every page of the matrix: (path, the project it is about, or None for a board)."""
    pages: dict[str, tuple[str, str | None]] = {"/board": ("/board", None)}
    pages["/board/panels"] = ("/board/panels", None)
    for key in (A, B):
        pages[f"park {key}"] = (f"/park/{city.park[key]}", key)
        pages[f"project {key}"] = (f"/project/{city.project[key]}", key)
        pages[f"photo {key}"] = (f"/project/{city.project[key]}/photos/{city.photo[key]}", key)
    return pages


def _wrong_cells(viewer: str, client: httpx.Client, city: City) -> list[str]:
    """What is wrong in this viewer's row of the matrix (nothing: an empty list)."""
    sees, wrong = SEES[viewer], []
    hidden = [marker for key in (A, B) if key not in sees for marker in markers(key)]
    for column, (path, about) in _pages(city).items():
        answer = client.get(path)
        if not sees:
            expected = 403
        elif about is None or about in sees:
            expected = 200
        else:
            expected = 404
        cell = f"{viewer} × {column}"
        if answer.status_code != expected:
            wrong.append(f"{cell}: {answer.status_code}, expected {expected}")
            continue
        if column.startswith("photo"):
            if expected == 200 and answer.content != png():
                wrong.append(f"{cell}: not the photo")
            continue
        text = answer.text
        if leaked := [marker for marker in hidden if marker in text]:
            wrong.append(f"{cell}: shows {leaked}")
        shown = sees if about is None else ({about} & sees)
        if missing := [PROJECT[key] for key in sorted(shown) if PROJECT[key] not in text]:
            wrong.append(f"{cell}: lacks {missing}")
        if viewer in LINKS and ANY_PHONE.search(text):
            wrong.append(f"{cell}: a board link shows a phone {ANY_PHONE.findall(text)}")
        if (
            viewer == "admin"
            and column.startswith("project")
            and expected == 200
            and LIAISON[about][1] not in text  # type: ignore[index]
        ):
            wrong.append(f"{cell}: the command centre does not see the liaison's phone")
        if viewer not in LINKS and viewer != "admin" and ANY_PHONE.search(text):
            wrong.append(f"{cell}: a member who is not an admin sees a phone")
        if (
            expected == 403
            and say("board-no-access-title") not in text
            and say("pages-denied-title") not in text
        ):
            wrong.append(f"{cell}: the 403 does not say how to get access")
    return wrong


def test_every_viewer_sees_exactly_their_scope_on_every_board_page(
    start_web: Callable[..., WebBot],
) -> None:
    web = start_web(routes=full_board)
    clients, people = _sign_ins(web)
    city = build_city(web, people)
    clients["stranger"] = browser(web)
    clients["forged cookie"] = httpx.Client(
        base_url=web.url, cookies={"parkbot_session": "forged", "parkbot_board": "forged"}
    )
    clients["city link"] = _link_client(web, None)
    clients["park A link"] = _link_client(web, city.park[A])
    member, signed = _mini_app_client(web, int(web.services.now().timestamp()))
    assert signed.status_code == 200 and signed.json() == {"next": "/board"}, signed.text
    clients["mini app leader B"] = member
    assert set(clients) == set(SEES)
    wrong = [cell for viewer in SEES for cell in _wrong_cells(viewer, clients[viewer], city)]
    assert not wrong, "\n".join(wrong)
    # The admins' burden page (bot/web/board/burden.py): the admin's only; no viewer is 403.
    burden_page = {viewer: clients[viewer].get("/board/burden").status_code for viewer in SEES}
    assert burden_page == {
        viewer: 200 if viewer == "admin" else 404 if SEES[viewer] else 403 for viewer in SEES
    }


def test_stale_and_forged_init_data_get_403_and_no_data(start_web: Callable[..., WebBot]) -> None:
    web = start_web(routes=full_board, miniapp_max_age_seconds=600)
    _, people = _sign_ins(web)
    city = build_city(web, people)
    signed_at = int(web.services.now().timestamp())
    user = {"id": TG_MEMBER, "first_name": "Jing", "language_code": "zh-hans"}
    good = init_data_for(user, BOT_TOKEN, auth_date=signed_at)
    forged = [
        init_data_for(user, "111:another-bot", auth_date=signed_at),  # another bot's signature
        good.replace("auth_date=", "auth_date=1"),  # a field changed after signing
        good.replace("%22id%22%3A424242", "%22id%22%3A424243"),  # someone else's account
    ]
    assert forged[2] != good
    # Stale: signed now, presented once the services' clock is past the allowed age.
    web.services.clock.advance(timedelta(seconds=601))  # type: ignore[union-attr]
    for init_data in [good, *forged]:
        client = browser(web)
        answer = client.post("/board/app/session", json={"init_data": init_data})
        assert answer.status_code == 403, init_data
        assert "set-cookie" not in answer.headers
        for path, _ in _pages(city).values():
            page = client.get(path)
            assert page.status_code == 403, path
            assert not [m for key in (A, B) for m in markers(key) if m in page.text], path
    # The same initData within its age signs the member in: the refusals were the age and
    # the forgeries, not the set-up.
    web.services.clock.advance(timedelta(seconds=-601))  # type: ignore[union-attr]
    client = browser(web)
    assert client.post("/board/app/session", json={"init_data": good}).status_code == 200
    assert PROJECT[B] in client.get("/board").text
