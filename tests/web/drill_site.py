"""A small city for the park and project pages' web tests: the bot serving the drill-down
routes, two parks, a leader's reported and revised project with a problem's history and a
site photo, and another park's project; sign-in for any of its people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from sqlmodel import select
from starlette.routing import BaseRoute

from bot.people.invites import issue_invite
from bot.problems import service as problems
from bot.reporting.reports import ReportInput, submit_report
from bot.serve import Running
from bot.web.board import drill
from bot.web.board.context import BoardContext
from models import Person, Problem
from models.report import ReportPhoto
from tests.factories import make_park, make_person, make_project, png
from tests.web.harness import WebBot


def drill_routes(running: Running) -> list[BaseRoute]:
    """The drill-down routes on top of the server's own (the lead adds them to the board's)."""
    return list(drill.routes(BoardContext.build(running.services)))


@dataclass
class DrillSite:
    """The running bot and the ids the tests open."""

    web: WebBot
    people: dict[str, int]
    east: int
    west: int
    zoomlion: int  # the leader 王强's project in 常德经开区, liaison 李敏
    spring: int  # 飞桥汽车板簧 in 津市高新区: 刘芳's, liaison 陈静
    photo: int  # a photo of zoomlion's February report
    problem: int


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+08:00")


def _file(session, person, project, period, amount, stage, percent, problems_text="", when=None):
    data = ReportInput(
        project_id=project.id,
        period=period,
        investment_month=Decimal(amount),
        stage=stage,
        percent=Decimal(percent),
        progress=f"{period} 完成主体结构",
        problems=problems_text,
        photos=[],
    )
    when = when or at(f"{period}-25T10:00")
    return submit_report(session, person=person, data=data, now=when)


def build(web: WebBot) -> DrillSite:
    """The data of the city, written through the domain (reports, revisions, problem steps)."""
    media: Path = web.services.settings.media_dir
    created = at("2024-12-01T09:00")
    with web.services.db.scope() as session:
        east, west = make_park(session, "常德经开区"), make_park(session, "津市高新区")
        wang = make_person(session, "王强", is_leader=True, phone="13900000001")
        liu = make_person(session, "刘芳", is_leader=True, phone="13900000002")
        admin = make_person(session, "赵磊", is_admin=True, phone="13900000003")
        li = make_person(session, "李敏", is_liaison=True, phone="13900000004")
        chen = make_person(session, "陈静", is_liaison=True, phone="13900000005")
        common = {"annual_plan": Decimal(1200), "created_at": created, "updated_at": created}
        zoomlion = make_project(
            session, name="中联起重机械", park=east, leader=wang, liaisons=(li,),
            enterprise="中联重科", **common,
        )  # fmt: skip
        spring = make_project(
            session, name="飞桥汽车板簧", park=west, leader=liu, liaisons=(chen,), **common
        )
        _file(session, li, zoomlion, "2025-01", 100, "started", 20, "用地指标未落实")
        _file(session, li, zoomlion, "2025-02", 150, "main_works", 35)
        revised = _file(
            session, li, zoomlion, "2025-02", 200, "equipment", 38, when=at("2025-03-02T08:00")
        )
        folder = media / str(zoomlion.id) / "2025-02"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "u1.jpg").write_bytes(png())  # a PNG under a .jpg name: the bytes decide
        photo = ReportPhoto(
            report_id=revised.report.id,
            file_id="f1",
            file_unique_id="u1",
            local_path=str(folder / "u1.jpg"),
        )
        session.add(photo)
        _file(session, chen, spring, "2025-02", 50, "main_works", 10)
        problem = session.exec(select(Problem).where(Problem.project_id == zoomlion.id)).one()
        problems.assign(
            session, problem, unit="市自然资源局", due=date(2025, 3, 5), actor=admin,
            now=at("2025-03-01T09:00"),
        )  # fmt: skip
        problems.note_progress(
            session, problem, note="已上报省厅", actor=li, now=at("2025-03-03T09:00")
        )
        session.flush()
        people = {p.name: p.id for p in (wang, liu, admin, li, chen)}
        return DrillSite(
            web, people, east.id, west.id, zoomlion.id, spring.id, photo.id, problem.id
        )


def sign_in_as(site: DrillSite, name: str) -> httpx.Client:
    """A cookie-keeping client signed in (through the web chat's invite) as this person."""
    web = site.web
    with web.services.db.scope() as session:
        person = session.get(Person, site.people[name])
        token = issue_invite(session, person=person, now=web.services.now(), ttl=timedelta(days=7))
    client = httpx.Client(base_url=web.url, timeout=30, follow_redirects=False)
    response = client.post(f"/join/{token}")
    assert response.status_code == 303, response.text
    return client
